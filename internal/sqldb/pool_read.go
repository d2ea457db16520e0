package sqldb

import (
	"context"
	"encoding/json"
	"fmt"

	"patentbridge"
)

// findPool returns a pool with its members and patents, whoever asks. Returns ENOTFOUND.
func (db *DB) findPool(ctx context.Context, qr queryer, id int64) (*patentbridge.Pool, error) {
	var p patentbridge.Pool
	var fee, created, published string
	q := db.dialect.newQuery().add(`SELECT id, name, field, terms, fee_json, status, created_by, created_at, published_at, ledger_index
		FROM pools WHERE id = ?`, id)
	err := qr.QueryRowContext(ctx, q.String(), q.args...).Scan(&p.ID, &p.Name, &p.Field, &p.Terms, &fee, &p.Status,
		&p.CreatedBy, &created, &published, &p.LedgerIndex)
	if isNoRows(err) {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到专利池 %d", id)
	} else if err != nil {
		return nil, fmt.Errorf("sqldb: find pool: %w", err)
	}
	if fee != "" {
		p.Fee = &patentbridge.FeeTerms{}
		if err := json.Unmarshal([]byte(fee), p.Fee); err != nil {
			return nil, fmt.Errorf("sqldb: pool fee: %w", err)
		}
	}
	if p.CreatedAt, err = parseTime(created); err != nil {
		return nil, err
	}
	if p.PublishedAt, err = parseTime(published); err != nil {
		return nil, err
	}
	p.Members, p.AppNos, p.Titles = []patentbridge.PoolMember{}, []string{}, []string{}
	q = db.dialect.newQuery().add("SELECT org_id, name FROM pool_members WHERE pool_id = ? ORDER BY pos", id)
	rs, err := qr.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, fmt.Errorf("sqldb: pool members: %w", err)
	}
	for rs.Next() {
		var m patentbridge.PoolMember
		if err := rs.Scan(&m.OrgID, &m.Name); err != nil {
			rs.Close()
			return nil, fmt.Errorf("sqldb: pool members: %w", err)
		}
		p.Members = append(p.Members, m)
	}
	rs.Close()
	q = db.dialect.newQuery().add("SELECT app_no, title FROM pool_patents WHERE pool_id = ? ORDER BY pos", id)
	rs, err = qr.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, fmt.Errorf("sqldb: pool patents: %w", err)
	}
	defer rs.Close()
	for rs.Next() {
		var no, title string
		if err := rs.Scan(&no, &title); err != nil {
			return nil, fmt.Errorf("sqldb: pool patents: %w", err)
		}
		p.AppNos, p.Titles = append(p.AppNos, no), append(p.Titles, title)
	}
	return &p, rs.Err()
}

// FindPool returns a pool; a draft only to those who may manage it. Returns ENOTFOUND.
func (db *DB) FindPool(ctx context.Context, id int64) (*patentbridge.Pool, error) {
	p, err := db.findPool(ctx, db.read, id)
	if err != nil {
		return nil, err
	}
	if p.Status == patentbridge.PoolDraft && managePool(ctx, p) != nil {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到专利池 %d", id)
	}
	return p, nil
}

// ListPools returns the published pools, latest first.
func (db *DB) ListPools(ctx context.Context) ([]*patentbridge.Pool, error) {
	q := db.dialect.newQuery().add("SELECT id FROM pools WHERE status = ? ORDER BY published_at DESC, id DESC LIMIT 1000", patentbridge.PoolPublished)
	rs, err := db.read.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, fmt.Errorf("sqldb: list pools: %w", err)
	}
	var ids []int64
	for rs.Next() {
		var id int64
		if err := rs.Scan(&id); err != nil {
			rs.Close()
			return nil, fmt.Errorf("sqldb: list pools: %w", err)
		}
		ids = append(ids, id)
	}
	rs.Close()
	out := make([]*patentbridge.Pool, 0, len(ids))
	for _, id := range ids {
		p, err := db.findPool(ctx, db.read, id)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// CountPools returns how many pools were published in each year.
func (db *DB) CountPools(ctx context.Context) (map[int]int, error) {
	return db.countByYear(ctx, "pools", "SELECT published_at FROM pools WHERE published_at <> ''")
}
