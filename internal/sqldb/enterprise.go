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
	err := db.WithTx(ctx, func(wtx *Tx) error {
		var err error
		res, err = db.upsertEnterprises(ctx, wtx, es, codes)
		return err
	})
	if err != nil {
		return patentbridge.UpsertResult{}, err
	}
	return res, nil
}

// upsertEnterprises writes the validated enterprises in tx, and the same
// enterprises as organizations (type enterprise unless stored otherwise), so
// that the enterprise registry and the organization registry are one.
func (db *DB) upsertEnterprises(ctx context.Context, wtx *Tx, es []*patentbridge.Enterprise, codes []string) (patentbridge.UpsertResult, error) {
	var res patentbridge.UpsertResult
	tx := wtx.tx
	stored := map[string]*patentbridge.Enterprise{}
	for i := 0; i < len(codes); i += enterpriseLookup {
		q := db.dialect.newQuery().add("SELECT " + enterpriseColumns + " FROM enterprises WHERE credit_code IN ")
		q.addList(codes[i:min(i+enterpriseLookup, len(codes))])
		if err := db.collectEnterprises(ctx, tx, q, stored); err != nil {
			return res, err
		}
	}
	now := formatTime(wtx.now)
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
	orgs := make([]*patentbridge.Organization, 0, len(es))
	for _, e := range es {
		orgs = append(orgs, &patentbridge.Organization{Name: e.Name, CreditCode: e.CreditCode, SME: e.SME,
			CityCode: orgCity(e.RegionCode)})
	}
	or, err := wtx.upsertOrgs(ctx, orgs, false, patentbridge.PartyEnterprise)
	if err != nil {
		return res, err
	}
	if err := wtx.audit(ctx, "organization.import", "organizations", nil,
		map[string]int{"inserted": or.Inserted, "updated": or.Updated}); err != nil {
		return res, err
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

// orgCity is the 市(州) code of a region code, "" when it has none.
func orgCity(region string) string {
	c := enterpriseCity(region)
	if strings.Trim(c, "0123456789") != "" {
		return ""
	}
	return c
}
