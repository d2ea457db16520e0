package sqldb

import (
	"context"
	"fmt"
	"strings"

	"patentbridge"
)

var _ patentbridge.EnterpriseService = (*DB)(nil)

// enterpriseLookup is how many credit codes one existence query asks for.
const enterpriseLookup = 500

const enterpriseColumns = "id, name, credit_code, scope, industry, region_code, sme, park"

func scanEnterprise(s scanner) (*patentbridge.Enterprise, error) {
	var e patentbridge.Enterprise
	var sme int
	if err := s.Scan(&e.ID, &e.Name, &e.CreditCode, &e.Scope, &e.Industry, &e.RegionCode, &sme, &e.Park); err != nil {
		return nil, err
	}
	e.SME = sme != 0
	return &e, nil
}

// UpsertEnterprises inserts or updates enterprises by credit code in one
// transaction and counts what it did; a later entry of the same code in es wins.
// Returns EINVALID for an invalid credit code or an empty name (nothing is written).
func (db *DB) UpsertEnterprises(ctx context.Context, es []*patentbridge.Enterprise) (patentbridge.UpsertResult, error) {
	var res patentbridge.UpsertResult
	codes := make([]string, 0, len(es))
	for _, e := range es {
		code, err := patentbridge.NormalizeCreditCode(e.CreditCode)
		if err != nil {
			return res, err
		}
		e.CreditCode = code
		e.Name, e.Scope, e.Industry = strings.TrimSpace(e.Name), strings.TrimSpace(e.Scope), strings.TrimSpace(e.Industry)
		e.RegionCode, e.Park = strings.TrimSpace(e.RegionCode), strings.TrimSpace(e.Park)
		if e.Name == "" {
			return res, patentbridge.FieldErrorf("企业名称", "统一社会信用代码 %s 的企业缺少企业名称", code)
		}
		codes = append(codes, code)
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("sqldb: upsert enterprises: %w", err)
	}
	defer tx.Rollback()
	stored := map[string]*patentbridge.Enterprise{}
	for i := 0; i < len(codes); i += enterpriseLookup {
		q := db.dialect.newQuery().add("SELECT " + enterpriseColumns + " FROM enterprises WHERE credit_code IN ")
		q.addList(codes[i:min(i+enterpriseLookup, len(codes))])
		if err := db.collectEnterprises(ctx, tx, q, stored); err != nil {
			return res, err
		}
	}
	now := formatTime(db.now())
	for _, e := range es {
		cur := stored[e.CreditCode]
		var q *query
		switch {
		case cur == nil:
			q = db.dialect.newQuery().add(`INSERT INTO enterprises (name, credit_code, scope, industry, region_code, city_code, sme, park, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, e.Name, e.CreditCode, e.Scope, e.Industry, e.RegionCode,
				enterpriseCity(e.RegionCode), boolInt(e.SME), e.Park, now)
			if err := tx.QueryRowContext(ctx, q.String(), q.args...).Scan(&e.ID); err != nil {
				return res, fmt.Errorf("sqldb: insert enterprise %s: %w", e.CreditCode, err)
			}
			res.Inserted++
		case sameEnterprise(cur, e):
			e.ID = cur.ID
			res.Unchanged++
		default:
			e.ID = cur.ID
			q = db.dialect.newQuery().add(`UPDATE enterprises SET name = ?, scope = ?, industry = ?, region_code = ?, city_code = ?,
				sme = ?, park = ?, updated_at = ? WHERE id = ?`, e.Name, e.Scope, e.Industry, e.RegionCode,
				enterpriseCity(e.RegionCode), boolInt(e.SME), e.Park, now, e.ID)
			if _, err := tx.ExecContext(ctx, q.String(), q.args...); err != nil {
				return res, fmt.Errorf("sqldb: update enterprise %s: %w", e.CreditCode, err)
			}
			res.Updated++
		}
		c := *e
		stored[e.CreditCode] = &c
	}
	if err := tx.Commit(); err != nil {
		return res, fmt.Errorf("sqldb: upsert enterprises: %w", err)
	}
	return res, nil
}

func (db *DB) collectEnterprises(ctx context.Context, qr queryer, q *query, into map[string]*patentbridge.Enterprise) error {
	rs, err := qr.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return fmt.Errorf("sqldb: find enterprises: %w", err)
	}
	defer rs.Close()
	for rs.Next() {
		e, err := scanEnterprise(rs)
		if err != nil {
			return fmt.Errorf("sqldb: find enterprises: %w", err)
		}
		into[e.CreditCode] = e
	}
	return rs.Err()
}

func sameEnterprise(a, b *patentbridge.Enterprise) bool {
	return a.Name == b.Name && a.Scope == b.Scope && a.Industry == b.Industry && a.RegionCode == b.RegionCode &&
		a.SME == b.SME && a.Park == b.Park
}

func enterpriseCity(region string) string {
	if len(region) < 4 {
		return ""
	}
	return region[:4]
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
