package sqldb

import (
	"context"
	"fmt"
	"time"

	"patentbridge"
)

var _ patentbridge.ListingService = (*DB)(nil)

const listingColumns = "id, org_id, org_name, city, stage, screened_on, followed_on, listed_on, created_by, created_at"

func scanListing(s scanner) (*patentbridge.ListingCandidate, error) {
	var c patentbridge.ListingCandidate
	var stage, screened, followed, listed, created string
	if err := s.Scan(&c.ID, &c.OrgID, &c.OrgName, &c.City, &stage, &screened, &followed, &listed, &c.CreatedBy, &created); err != nil {
		return nil, err
	}
	c.Stage = patentbridge.ListingStage(stage)
	var err error
	for _, d := range []struct {
		to *time.Time
		s  string
	}{{&c.ScreenedOn, screened}, {&c.FollowedOn, followed}, {&c.ListedOn, listed}} {
		if *d.to, err = parseDate(d.s); err != nil {
			return nil, err
		}
	}
	c.CreatedAt, err = parseTime(created)
	return &c, err
}

const listingWhat = "管理科创板上市培育库"

// CreateListingCandidate screens an enterprise of the registry into the
// 科创板 pipeline at the store's clock, audited as "listing.create": the
// enterprise must be registered as an enterprise (patentbridge.ListingEligible),
// its city is the registry's (a record naming another is refused) or, when the
// registry has none, the record's; a city user screens only its city's enterprises, and an
// enterprise is in the pipeline once. Returns EINVALID, ENOTFOUND, ECONFLICT,
// EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) CreateListingCandidate(ctx context.Context, c *patentbridge.ListingCandidate) error {
	u, err := programmeRecorder(ctx, listingWhat)
	if err != nil {
		return err
	}
	if err := c.Validate(db.now()); err != nil {
		return err
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		id, err := resolveOrg(ctx, db, tx.tx, c.OrgName)
		if err != nil {
			return err
		}
		if id == 0 {
			return fieldError(patentbridge.ENOTFOUND, "企业名称", "单位名录中没有“%s”，请先登记该企业", c.OrgName)
		}
		o, err := findOrg(ctx, db, tx.tx, id)
		if err != nil {
			return err
		}
		c.OrgID, c.OrgName = o.ID, o.Name
		if !patentbridge.ListingEligible(o.Type) {
			return patentbridge.FieldErrorf("企业名称", "“%s”在单位名录中为%s，科创板上市培育库只收录企业", o.Name, o.Type.Label())
		}
		if o.CityCode != "" && c.City != "" && c.City != o.CityCode {
			return patentbridge.FieldErrorf("地区代码", "地区代码 %s 与单位名录中“%s”的所在市（州）%s 不一致", c.City, o.Name, o.CityCode)
		}
		if c.City == "" {
			if c.City = o.CityCode; patentbridge.SichuanCityName(c.City) == "" {
				return patentbridge.FieldErrorf("地区代码", "单位名录未记载“%s”在四川省的所在市（州），请填写地区代码", o.Name)
			}
		}
		if err := refuseOtherCity(u, c.City, "企业"); err != nil {
			return err
		}
		var other int64
		var city string
		err = tx.queryRow(ctx, tx.q().add("SELECT id, city FROM listing_pipeline WHERE org_id = ?", o.ID)).Scan(&other, &city)
		if err == nil {
			c.ID = other // the import reads the row as the candidate already stored
			return fieldError(patentbridge.ECONFLICT, "企业名称", "“%s”已在科创板上市培育库中（%s）", o.Name, storedRef(u, city, other))
		} else if !isNoRows(err) {
			return fmt.Errorf("sqldb: listing by organization: %w", err)
		}
		c.CreatedBy, c.CreatedAt = userID(u), tx.now
		q := tx.q().add(`INSERT INTO listing_pipeline (org_id, org_name, city, stage, screened_on, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, c.OrgID, c.OrgName, c.City, string(c.Stage),
			patentbridge.FormatDate(c.ScreenedOn), c.CreatedBy, formatTime(tx.now))
		if err := tx.queryRow(ctx, q).Scan(&c.ID); err != nil {
			return fmt.Errorf("sqldb: create listing candidate: %w", err)
		}
		return tx.audit(ctx, "listing.create", objectName("listing", c.ID), nil, auditListing(c))
	})
}

// AdvanceListing moves a candidate of the user's scope to the next stage on
// the day (patentbridge.ListingMoves), audited as "listing.advance" with the
// record before and after. Returns EINVALID, ENOTFOUND, ECONFLICT,
// EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) AdvanceListing(ctx context.Context, id int64, to patentbridge.ListingStage, on time.Time) (*patentbridge.ListingCandidate, error) {
	u, err := programmeRecorder(ctx, listingWhat)
	if err != nil {
		return nil, err
	}
	var c *patentbridge.ListingCandidate
	err = db.WithTx(ctx, func(tx *Tx) error {
		if c, err = findListing(ctx, db, tx.tx, u, id); err != nil {
			return err
		}
		before := *c
		if err := c.Advance(to, on, tx.now); err != nil {
			return err
		}
		q := tx.q().add("UPDATE listing_pipeline SET stage = ?, followed_on = ?, listed_on = ? WHERE id = ?",
			string(c.Stage), formatDay(c.FollowedOn), formatDay(c.ListedOn), c.ID)
		if _, err := tx.exec(ctx, q); err != nil {
			return fmt.Errorf("sqldb: advance listing %d: %w", id, err)
		}
		return tx.audit(ctx, "listing.advance", objectName("listing", c.ID), auditListing(&before), auditListing(c))
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// formatDay renders a stored date, "" for the zero time.
func formatDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return patentbridge.FormatDate(t)
}

// findListing reads a candidate through qr, kept to the user's city. Returns ENOTFOUND.
func findListing(ctx context.Context, db *DB, qr queryer, u *patentbridge.User, id int64) (*patentbridge.ListingCandidate, error) {
	q := db.dialect.newQuery().add("SELECT "+listingColumns+" FROM listing_pipeline WHERE id = ?", id)
	c, err := scanListing(qr.QueryRowContext(ctx, q.String(), q.args...))
	if isNoRows(err) || err == nil && patentbridge.ScopeCity(u) != "" && c.City != patentbridge.ScopeCity(u) {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到上市培育企业 %d", id)
	} else if err != nil {
		return nil, fmt.Errorf("sqldb: find listing %d: %w", id, err)
	}
	return c, nil
}

// FindListingCandidate returns a candidate to the admin and the city users of
// its city. Returns ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) FindListingCandidate(ctx context.Context, id int64) (*patentbridge.ListingCandidate, error) {
	u, err := programmeRecorder(ctx, listingWhat)
	if err != nil {
		return nil, err
	}
	return findListing(ctx, db, db.read, u, id)
}

// ListListingCandidates returns one page of candidates, latest screened
// first, and the total, to the admin and city users (their city's); f.Kind
// is a stage and f.Year the year of screening. Returns EINVALID,
// EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) ListListingCandidates(ctx context.Context, f patentbridge.ProgrammeFilter) ([]*patentbridge.ListingCandidate, int, error) {
	limit, err := cityListPage(ctx, listingWhat, &f.City, f.Limit, f.Offset)
	if err != nil {
		return nil, 0, err
	}
	where := func(q *query) *query {
		cityYearWhere(q, "city", f.City, "screened_on", f.Year)
		if f.Kind != "" {
			q.add(" AND stage = ?", f.Kind)
		}
		return q
	}
	count := where(db.dialect.newQuery().add("SELECT COUNT(*) FROM listing_pipeline"))
	list := where(db.dialect.newQuery().add("SELECT "+listingColumns+" FROM listing_pipeline")).
		add(" ORDER BY screened_on DESC, id DESC LIMIT ? OFFSET ?", limit, f.Offset)
	return listPage(ctx, db, "listing candidates", count, list, scanListing)
}
