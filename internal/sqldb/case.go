package sqldb

import (
	"context"
	"fmt"

	"patentbridge"
)

var _ patentbridge.CaseService = (*DB)(nil)

const caseColumns = "id, title, body, city, published_on, created_by, created_at"

func scanCase(s scanner) (*patentbridge.TypicalCase, error) {
	var c patentbridge.TypicalCase
	var published, created string
	if err := s.Scan(&c.ID, &c.Title, &c.Body, &c.City, &published, &c.CreatedBy, &created); err != nil {
		return nil, err
	}
	c.DealIDs = []int64{}
	var err error
	if c.PublishedOn, err = parseDate(published); err == nil {
		c.CreatedAt, err = parseTime(created)
	}
	return &c, err
}

// CreateCase validates and stores a typical case with its deals at the
// store's clock, audited as "case.create": every deal must be stored, and a
// city user records only its city's cases, naming deals received in its
// city; a case of the same title and publication date is refused: with c.ID
// set to it when c records the same case, else naming the column that
// differs. Returns EINVALID, ENOTFOUND, ECONFLICT, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) CreateCase(ctx context.Context, c *patentbridge.TypicalCase) error {
	u, err := programmeRecorder(ctx, "登记典型案例")
	if err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err
	}
	if err := refuseOtherCity(u, c.City, "典型案例"); err != nil {
		return err
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		q := tx.q().add("SELECT "+caseColumns+" FROM cases WHERE title = ? AND published_on = ?", c.Title, patentbridge.FormatDate(c.PublishedOn))
		same, err := scanCase(tx.queryRow(ctx, q))
		if err == nil {
			if err := loadCaseDeals(ctx, db, tx.tx, []*patentbridge.TypicalCase{same}); err != nil {
				return err
			}
			stored := fmt.Sprintf("典型案例“%s”（%s 发布）已登记（%s）", c.Title, patentbridge.FormatDate(c.PublishedOn), storedRef(u, same.City, same.ID))
			if field := c.DiffersFrom(same); field != "" {
				return fieldError(patentbridge.ECONFLICT, field, "%s，其%s与本行不一致", stored, field)
			}
			c.ID = same.ID // the import reads the row as the case already stored
			return fieldError(patentbridge.ECONFLICT, "标题", "%s", stored)
		} else if !isNoRows(err) {
			return fmt.Errorf("sqldb: case by title: %w", err)
		}
		for _, id := range c.DealIDs {
			if err := tx.checkLinkedDeal(ctx, u, id); err != nil {
				return err
			}
		}
		c.CreatedBy, c.CreatedAt = userID(u), tx.now
		q = tx.q().add("INSERT INTO cases (title, body, city, published_on, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
			c.Title, c.Body, c.City, patentbridge.FormatDate(c.PublishedOn), c.CreatedBy, formatTime(tx.now))
		if err := tx.queryRow(ctx, q).Scan(&c.ID); err != nil {
			return fmt.Errorf("sqldb: create case: %w", err)
		}
		for _, id := range c.DealIDs {
			if _, err := tx.exec(ctx, tx.q().add("INSERT INTO case_deals (case_id, deal_id) VALUES (?, ?)", c.ID, id)); err != nil {
				return fmt.Errorf("sqldb: case deal: %w", err)
			}
		}
		if c.DealIDs == nil {
			c.DealIDs = []int64{}
		}
		return tx.audit(ctx, "case.create", objectName("case", c.ID), nil, caseAudit{c, formatDay(c.PublishedOn)})
	})
}

// caseReader returns the signed-in official whose scope's unpublished cases
// may be read, or nil for anyone else (who reads published cases only).
func caseReader(ctx context.Context) *patentbridge.User {
	u := patentbridge.UserFrom(ctx)
	if patentbridge.CityManager(u, "") != nil {
		return nil
	}
	return u
}

// visibleCases adds the condition of the cases the reader may see: the
// published ones, and the admin's all, a city user's its city's.
func (db *DB) visibleCases(q *query, u *patentbridge.User) *query {
	today := patentbridge.FormatDay(db.now())
	switch {
	case u == nil:
		return q.add(" AND published_on <= ?", today)
	case patentbridge.ScopeCity(u) != "":
		return q.add(" AND (published_on <= ? OR city = ?)", today, patentbridge.ScopeCity(u))
	}
	return q
}

// FindCase returns a case with its deals: a published one to anyone, one not
// yet published to the admin and the city users of its city. Returns ENOTFOUND.
func (db *DB) FindCase(ctx context.Context, id int64) (*patentbridge.TypicalCase, error) {
	q := db.visibleCases(db.dialect.newQuery().add("SELECT "+caseColumns+" FROM cases WHERE id = ?", id), caseReader(ctx))
	c, err := scanCase(db.read.QueryRowContext(ctx, q.String(), q.args...))
	if isNoRows(err) {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到典型案例 %d", id)
	} else if err != nil {
		return nil, fmt.Errorf("sqldb: find case %d: %w", id, err)
	}
	return c, loadCaseDeals(ctx, db, db.read, []*patentbridge.TypicalCase{c})
}

// ListCases returns one page of the cases the reader may see (FindCase),
// latest publication first, and the total. Returns EINVALID.
func (db *DB) ListCases(ctx context.Context, f patentbridge.ProgrammeFilter) ([]*patentbridge.TypicalCase, int, error) {
	limit, err := pageLimit(f.Limit, f.Offset)
	if err != nil {
		return nil, 0, err
	}
	u := caseReader(ctx)
	where := func(q *query) *query {
		return db.visibleCases(cityYearWhere(q, "city", f.City, "published_on", f.Year), u)
	}
	count := where(db.dialect.newQuery().add("SELECT COUNT(*) FROM cases"))
	list := where(db.dialect.newQuery().add("SELECT "+caseColumns+" FROM cases")).
		add(" ORDER BY published_on DESC, id DESC LIMIT ? OFFSET ?", limit, f.Offset)
	cs, total, err := listPage(ctx, db, "cases", count, list, scanCase)
	if err == nil {
		err = loadCaseDeals(ctx, db, db.read, cs)
	}
	return cs, total, err
}

// loadCaseDeals fills the deal ids of the cases.
func loadCaseDeals(ctx context.Context, db *DB, qr queryer, cs []*patentbridge.TypicalCase) error {
	if len(cs) == 0 {
		return nil
	}
	byID := make(map[int64]*patentbridge.TypicalCase, len(cs))
	ids := make([]int64, len(cs))
	for i, c := range cs {
		byID[c.ID], ids[i] = c, c.ID
	}
	q := db.dialect.newQuery().add("SELECT case_id, deal_id FROM case_deals WHERE case_id IN ").addIDs(ids).add(" ORDER BY deal_id")
	if err := eachID(ctx, qr, q, func(c, deal int64) { byID[c].DealIDs = append(byID[c].DealIDs, deal) }); err != nil {
		return fmt.Errorf("sqldb: case deals: %w", err)
	}
	return nil
}
