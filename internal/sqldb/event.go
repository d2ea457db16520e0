package sqldb

import (
	"context"
	"fmt"

	"patentbridge"
)

var _ patentbridge.EventService = (*DB)(nil)

const eventColumns = `id, kind, title, city, held_on, organizer_name, COALESCE(organizer_org_id, 0), organizer_type,
	participants, created_by, created_at`

func scanEvent(s scanner) (*patentbridge.Event, error) {
	var e patentbridge.Event
	var kind, typ, held, created string
	if err := s.Scan(&e.ID, &kind, &e.Title, &e.City, &held, &e.Organizer, &e.OrganizerID, &typ,
		&e.Participants, &e.CreatedBy, &created); err != nil {
		return nil, err
	}
	e.Kind, e.OrganizerType = patentbridge.EventKind(kind), patentbridge.PartyType(typ)
	e.Projects, e.DealIDs = []*patentbridge.EventProject{}, []int64{}
	var err error
	if e.HeldOn, err = parseDate(held); err == nil {
		e.CreatedAt, err = parseTime(created)
	}
	return &e, err
}

const eventWhat = "登记对接活动"

// CreateEvent validates and stores an event with its projects at the store's
// clock, audited as "event.create": the organizer and the projects'
// organizations resolve to the registry (the organizer's type is the
// registry's, else classified from its name); a city user records only its
// city's events; an event of the same title and date is refused. Returns
// EINVALID, ECONFLICT, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) CreateEvent(ctx context.Context, e *patentbridge.Event) error {
	u, err := programmeRecorder(ctx, eventWhat)
	if err != nil {
		return err
	}
	if err := e.Validate(db.now()); err != nil {
		return err
	}
	if err := refuseOtherCity(u, e.City, "活动"); err != nil {
		return err
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		same, err := tx.eventByTitleDay(ctx, e)
		if err != nil {
			return err
		}
		if same != nil {
			return fieldError(patentbridge.ECONFLICT, "活动名称", "活动“%s”（%s）已登记（%s）", same.Title, patentbridge.FormatDate(same.HeldOn), storedRef(u, same.City, same.ID))
		}
		return tx.createEvent(ctx, u, e)
	})
}

// createEvent inserts a validated event and its projects and audits it.
func (tx *Tx) createEvent(ctx context.Context, u *patentbridge.User, e *patentbridge.Event) error {
	for i, p := range e.Projects {
		for _, o := range e.Projects[:i] {
			if p.SameAs(o) {
				return fieldError(patentbridge.ECONFLICT, "项目名称", "项目“%s”重复登记", p.Title)
			}
		}
	}
	var err error
	if e.OrganizerID, e.OrganizerType, err = tx.resolveOrgType(ctx, e.Organizer); err != nil {
		return err
	}
	e.CreatedBy, e.CreatedAt, e.DealIDs = userID(u), tx.now, []int64{}
	q := tx.q().add(`INSERT INTO events (kind, title, city, held_on, organizer_name, organizer_org_id, organizer_type,
		participants, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		string(e.Kind), e.Title, e.City, patentbridge.FormatDate(e.HeldOn), e.Organizer, nullID(e.OrganizerID), string(e.OrganizerType),
		e.Participants, e.CreatedBy, formatTime(tx.now))
	if err := tx.queryRow(ctx, q).Scan(&e.ID); err != nil {
		return fmt.Errorf("sqldb: create event: %w", err)
	}
	for _, p := range e.Projects {
		if err := tx.insertEventProject(ctx, e.ID, p); err != nil {
			return err
		}
	}
	if e.Projects == nil {
		e.Projects = []*patentbridge.EventProject{}
	}
	return tx.audit(ctx, "event.create", objectName("event", e.ID), nil, eventAudit{e, formatDay(e.HeldOn)})
}

// insertEventProject stores a validated project of the event, resolving its organization.
func (tx *Tx) insertEventProject(ctx context.Context, eventID int64, p *patentbridge.EventProject) error {
	p.EventID, p.OrgID = eventID, 0
	if p.OrgName != "" {
		var err error
		if p.OrgID, err = resolveOrg(ctx, tx.db, tx.tx, p.OrgName); err != nil {
			return err
		}
	}
	q := tx.q().add("INSERT INTO event_projects (event_id, title, app_no, org_name, org_id) VALUES (?, ?, ?, ?, ?) RETURNING id",
		eventID, p.Title, p.AppNo, p.OrgName, nullID(p.OrgID))
	if err := tx.queryRow(ctx, q).Scan(&p.ID); err != nil {
		return fmt.Errorf("sqldb: event project: %w", err)
	}
	return nil
}

// eventByTitleDay returns the stored event of e's title and date with its projects, or nil.
func (tx *Tx) eventByTitleDay(ctx context.Context, e *patentbridge.Event) (*patentbridge.Event, error) {
	q := tx.q().add("SELECT "+eventColumns+" FROM events WHERE title = ? AND held_on = ?", e.Title, patentbridge.FormatDate(e.HeldOn))
	same, err := scanEvent(tx.queryRow(ctx, q))
	if isNoRows(err) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("sqldb: event by title: %w", err)
	}
	return same, loadEventParts(ctx, tx.db, tx.tx, []*patentbridge.Event{same})
}

// findEvent reads an event through qr, kept to the user's city. Returns ENOTFOUND.
func findEvent(ctx context.Context, db *DB, qr queryer, u *patentbridge.User, id int64) (*patentbridge.Event, error) {
	q := db.dialect.newQuery().add("SELECT "+eventColumns+" FROM events WHERE id = ?", id)
	e, err := scanEvent(qr.QueryRowContext(ctx, q.String(), q.args...))
	if isNoRows(err) || err == nil && patentbridge.ScopeCity(u) != "" && e.City != patentbridge.ScopeCity(u) {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到活动 %d", id)
	} else if err != nil {
		return nil, fmt.Errorf("sqldb: find event %d: %w", id, err)
	}
	return e, loadEventParts(ctx, db, qr, []*patentbridge.Event{e})
}

// loadEventParts fills the projects and deal ids of the events.
func loadEventParts(ctx context.Context, db *DB, qr queryer, es []*patentbridge.Event) error {
	if len(es) == 0 {
		return nil
	}
	byID := make(map[int64]*patentbridge.Event, len(es))
	ids := make([]int64, len(es))
	for i, e := range es {
		byID[e.ID], ids[i] = e, e.ID
	}
	q := db.dialect.newQuery().add("SELECT id, event_id, title, app_no, org_name, COALESCE(org_id, 0) FROM event_projects WHERE event_id IN ").
		addIDs(ids).add(" ORDER BY id")
	err := eachRow(ctx, qr, q, func(s scanner) error {
		var p patentbridge.EventProject
		if err := s.Scan(&p.ID, &p.EventID, &p.Title, &p.AppNo, &p.OrgName, &p.OrgID); err != nil {
			return err
		}
		byID[p.EventID].Projects = append(byID[p.EventID].Projects, &p)
		return nil
	})
	if err != nil {
		return fmt.Errorf("sqldb: event projects: %w", err)
	}
	q = db.dialect.newQuery().add("SELECT event_id, deal_id FROM event_deals WHERE event_id IN ").addIDs(ids).add(" ORDER BY deal_id")
	if err := eachID(ctx, qr, q, func(ev, deal int64) { byID[ev].DealIDs = append(byID[ev].DealIDs, deal) }); err != nil {
		return fmt.Errorf("sqldb: event deals: %w", err)
	}
	return nil
}

// FindEvent returns an event with its projects and deals to the admin and to
// the city users of its city. Returns ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) FindEvent(ctx context.Context, id int64) (*patentbridge.Event, error) {
	u, err := programmeRecorder(ctx, "查看对接活动")
	if err != nil {
		return nil, err
	}
	return findEvent(ctx, db, db.read, u, id)
}

// ListEvents returns one page of events, latest first, with their projects
// and deals, and the total, to the admin (all, or f.City's) and city users
// (their city's); f.Kind is an event kind. Returns EINVALID, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) ListEvents(ctx context.Context, f patentbridge.ProgrammeFilter) ([]*patentbridge.Event, int, error) {
	limit, err := cityListPage(ctx, "查看对接活动", &f.City, f.Limit, f.Offset)
	if err != nil {
		return nil, 0, err
	}
	where := func(q *query) *query {
		cityYearWhere(q, "city", f.City, "held_on", f.Year)
		if f.Kind != "" {
			q.add(" AND kind = ?", f.Kind)
		}
		return q
	}
	count := where(db.dialect.newQuery().add("SELECT COUNT(*) FROM events"))
	list := where(db.dialect.newQuery().add("SELECT "+eventColumns+" FROM events")).
		add(" ORDER BY held_on DESC, id DESC LIMIT ? OFFSET ?", limit, f.Offset)
	es, total, err := listPage(ctx, db, "events", count, list, scanEvent)
	if err == nil {
		err = loadEventParts(ctx, db, db.read, es)
	}
	return es, total, err
}
