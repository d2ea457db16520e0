package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"patentbridge"
)

var _ patentbridge.DemandService = (*DB)(nil)

// CreateDemand validates d as of now (patentbridge.Demand.Validate, or
// ValidateDraft for a draft) and stores it as pending moderation, or as a draft
// when d.Status is patentbridge.DemandDraft, posted as the signed-in enterprise
// user's organization whatever d.Enterprise says; the admin, the platform and
// city users (recording demands collected offline) name any enterprise. Its
// region must be on db.Regions. It is audited in the same transaction and sets
// d's ID, author, status and creation time. Returns EINVALID, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) CreateDemand(ctx context.Context, d *patentbridge.Demand) error {
	u, err := actor(ctx)
	if err != nil {
		return err
	}
	if err := patentbridge.CanPostDemands(u); err != nil {
		return err
	}
	if u.Role == patentbridge.RoleEnterprise || strings.TrimSpace(d.Enterprise) == "" {
		d.Enterprise = u.OrgName
	}
	status := patentbridge.DemandPending
	if d.Status == patentbridge.DemandDraft {
		status = patentbridge.DemandDraft
	}
	d.CreatedBy = u.ID
	return db.WithTx(ctx, func(tx *Tx) error {
		if err := db.checkDemand(d, status, tx.now); err != nil {
			return err
		}
		if d.OrgID, err = tx.posterOrg(ctx, u, d.Enterprise); err != nil {
			return err
		}
		q := tx.q().add(`INSERT INTO demands (title, description, industry, region_code, city_code,
			budget_min, budget_max, deadline, contact, enterprise, org_id, status, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			d.Title, d.Description, d.Industry, d.RegionCode, d.CityCode(), d.BudgetMin, d.BudgetMax,
			patentbridge.FormatDate(d.Deadline), d.Contact, d.Enterprise, nullID(d.OrgID), status, d.CreatedBy, formatTime(tx.now))
		if err := tx.queryRow(ctx, q).Scan(&d.ID); err != nil {
			return fmt.Errorf("sqldb: create demand: %w", err)
		}
		d.Status, d.CreatedAt, d.RejectNote, d.PublishedAt = status, tx.now, "", time.Time{}
		d.CloseNote, d.ClosedAt = "", time.Time{}
		action := "demand.create"
		if status == patentbridge.DemandDraft {
			action = "demand.draft"
		}
		return tx.audit(ctx, action, demandObject(d.ID), nil, auditDemand(d))
	})
}

// checkDemand validates d for the state it is stored in: a draft's form, or a
// demand for review as of now; either way its region must be on db.Regions.
func (db *DB) checkDemand(d *patentbridge.Demand, status string, now time.Time) error {
	var err error
	if status == patentbridge.DemandDraft {
		err = d.ValidateDraft()
	} else {
		err = d.Validate(now)
	}
	if err != nil {
		return err
	}
	return d.CheckRegion(db.Regions)
}

// posterOrg is the registry id of a demand's posting organization: the poster's
// own, or the organization an admin or city user named (0 when unregistered).
func (tx *Tx) posterOrg(ctx context.Context, u *patentbridge.User, enterprise string) (int64, error) {
	if u.OrgID != 0 && enterprise == u.OrgName {
		return u.OrgID, nil
	}
	return resolveOrg(ctx, tx.db, tx.tx, patentbridge.NormalizeOrgName(enterprise))
}

// demandObject names a demand in the audit log.
func demandObject(id int64) string { return "demand:" + strconv.FormatInt(id, 10) }

// demandAudit is the audited value of a demand.
type demandAudit struct {
	Title       string `json:"title"`
	Enterprise  string `json:"enterprise"`
	RegionCode  string `json:"region_code,omitempty"`
	Deadline    string `json:"deadline,omitempty"`
	Status      string `json:"status"`
	RejectNote  string `json:"reject_note,omitempty"`
	CloseNote   string `json:"close_note,omitempty"`
	PublishedAt string `json:"published_at,omitempty"`
	ClosedAt    string `json:"closed_at,omitempty"`
	CreatedBy   int64  `json:"created_by"`
}

func auditDemand(d *patentbridge.Demand) demandAudit {
	a := demandAudit{Title: d.Title, Enterprise: d.Enterprise, RegionCode: d.RegionCode, Deadline: patentbridge.FormatDate(d.Deadline),
		Status: d.Status, RejectNote: d.RejectNote, CloseNote: d.CloseNote, CreatedBy: d.CreatedBy}
	if !d.PublishedAt.IsZero() {
		a.PublishedAt = formatTime(d.PublishedAt)
	}
	if !d.ClosedAt.IsZero() {
		a.ClosedAt = formatTime(d.ClosedAt)
	}
	return a
}

const demandColumns = "id, title, description, industry, region_code, budget_min, budget_max, deadline, contact, " +
	"enterprise, COALESCE(org_id,0), status, reject_note, created_by, created_at, published_at, close_note, closed_at"

func scanDemand(s scanner) (*patentbridge.Demand, error) {
	var d patentbridge.Demand
	var deadline, created, published, closed string
	if err := s.Scan(&d.ID, &d.Title, &d.Description, &d.Industry, &d.RegionCode, &d.BudgetMin, &d.BudgetMax,
		&deadline, &d.Contact, &d.Enterprise, &d.OrgID, &d.Status, &d.RejectNote, &d.CreatedBy, &created, &published,
		&d.CloseNote, &closed); err != nil {
		return nil, err
	}
	var err error
	if d.Deadline, err = parseDate(deadline); err != nil {
		return nil, err
	}
	if d.CreatedAt, err = parseTime(created); err != nil {
		return nil, err
	}
	if d.PublishedAt, err = parseTime(published); err != nil {
		return nil, err
	}
	if d.ClosedAt, err = parseTime(closed); err != nil {
		return nil, err
	}
	return &d, nil
}

// FindDemand returns a demand. Returns ENOTFOUND.
func (db *DB) FindDemand(ctx context.Context, id int64) (*patentbridge.Demand, error) {
	return db.findDemand(ctx, db.read, id)
}

func (db *DB) findDemand(ctx context.Context, qr queryer, id int64) (*patentbridge.Demand, error) {
	q := db.dialect.newQuery().add("SELECT "+demandColumns+" FROM demands WHERE id = ?", id)
	d, err := scanDemand(qr.QueryRowContext(ctx, q.String(), q.args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, patentbridge.DemandNotFound(id)
	} else if err != nil {
		return nil, fmt.Errorf("sqldb: find demand %d: %w", id, err)
	}
	return d, nil
}

// ListDemands returns one page of the demands that match the filter, published
// ones newest publication first, then the others newest first, and the total;
// f.Mine selects the signed-in user's organization's, the only list that holds
// drafts (patentbridge.DemandFilter.ListsDrafts). Returns EINVALID for a
// negative offset, EUNAUTHORIZED for Mine without a user.
func (db *DB) ListDemands(ctx context.Context, f patentbridge.DemandFilter) ([]*patentbridge.Demand, int, error) {
	limit, err := pageLimit(f.Limit, f.Offset)
	if err != nil {
		return nil, 0, err
	}
	var u *patentbridge.User
	if f.Mine {
		if u, err = actor(ctx); err != nil {
			return nil, 0, err
		}
	}
	count := db.dialect.newQuery().add("SELECT COUNT(*) FROM demands WHERE 1 = 1")
	db.filterDemands(count, f, u)
	list := db.dialect.newQuery().add("SELECT " + demandColumns + " FROM demands WHERE 1 = 1")
	db.filterDemands(list, f, u)
	list.add(" ORDER BY published_at DESC, created_at DESC, id DESC LIMIT ? OFFSET ?", limit, f.Offset)

	return listPage(ctx, db, "demands", count, list, scanDemand)
}

// filterDemands appends one AND condition per set filter field; poster is the
// signed-in user of a Mine filter.
func (db *DB) filterDemands(q *query, f patentbridge.DemandFilter, poster *patentbridge.User) {
	if f.Mine {
		posterCondition(q, poster)
	}
	if !f.ListsDrafts() {
		q.add(" AND status <> ?", patentbridge.DemandDraft)
	}
	if f.Status != "" {
		q.add(" AND status = ?", f.Status)
	}
	if f.City != "" {
		q.add(" AND city_code = ?", f.City[:min(4, len(f.City))])
	}
	if s := strings.TrimSpace(f.Industry); s != "" {
		q.add(" AND industry = ?", s)
	}
	if s := strings.TrimSpace(f.Query); s != "" {
		like := "%" + escapeLike(s) + "%"
		q.add(" AND (title "+db.dialect.like+" ? ESCAPE '\\' OR description "+db.dialect.like+" ? ESCAPE '\\' OR enterprise "+
			db.dialect.like+" ? ESCAPE '\\')", like, like, like)
	}
	if f.Year > 0 {
		q.add(" AND published_at >= ? AND published_at < ?", strconv.Itoa(f.Year)+"-01-01", strconv.Itoa(f.Year+1)+"-01-01")
	}
}

// posterCondition appends the SQL form of patentbridge.IsDemandPoster: posted
// by u, by u's organization, or under its name when unregistered.
func posterCondition(q *query, u *patentbridge.User) {
	q.add(" AND (created_by = ?", u.ID)
	if u.OrgID != 0 {
		q.add(" OR org_id = ?", u.OrgID)
	}
	if u.OrgName != "" {
		q.add(" OR (org_id IS NULL AND enterprise = ?)", u.OrgName)
	}
	q.add(")")
}
