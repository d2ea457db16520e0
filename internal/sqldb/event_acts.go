package sqldb

import (
	"context"
	"fmt"

	"patentbridge"
)

// RecordEventProject stores one row of an event file: e carries the event's
// columns and one project. The event is known by its title and date: when
// none is stored, e is created with its project ("event.create"); when one
// is, the row's project is added to it ("event.add_project") unless it has
// the project already (the same 申请号, else the same title), so re-importing
// a file adds nothing. The row's type, city and organizer, and its
// participants when given, must agree with the stored event (ECONFLICT
// naming the column). Returns EINVALID, ECONFLICT, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) RecordEventProject(ctx context.Context, e *patentbridge.Event) (patentbridge.EventRecorded, error) {
	u, err := programmeRecorder(ctx, eventWhat)
	if err != nil {
		return 0, err
	}
	if len(e.Projects) != 1 {
		return 0, patentbridge.FieldErrorf("项目名称", "每行登记一个项目")
	}
	if err := e.Validate(db.now()); err != nil {
		return 0, err
	}
	if err := refuseOtherCity(u, e.City, "活动"); err != nil {
		return 0, err
	}
	got := patentbridge.EventCreated
	err = db.WithTx(ctx, func(tx *Tx) error {
		same, err := tx.eventByTitleDay(ctx, e)
		if err != nil {
			return err
		}
		if same == nil {
			return tx.createEvent(ctx, u, e)
		}
		if err := sameEventColumns(same, e); err != nil {
			return err
		}
		p := e.Projects[0]
		for _, o := range same.Projects {
			if p.SameAs(o) {
				got, *e = patentbridge.EventProjectKnown, *same
				return nil
			}
		}
		got = patentbridge.EventProjectAdded
		if err := tx.addEventProject(ctx, same, p); err != nil {
			return err
		}
		*e = *same
		return nil
	})
	return got, err
}

// sameEventColumns refuses a row whose event columns contradict the stored event.
func sameEventColumns(stored, row *patentbridge.Event) error {
	differs := func(field, was, is string) error {
		return fieldError(patentbridge.ECONFLICT, field, "活动“%s”（%s）已登记为活动 %d，其%s为“%s”，与本行的“%s”不一致",
			stored.Title, patentbridge.FormatDate(stored.HeldOn), stored.ID, field, was, is)
	}
	switch {
	case stored.Kind != row.Kind:
		return differs("活动类型", stored.Kind.Label(), row.Kind.Label())
	case stored.City != row.City:
		return differs("地区代码", stored.City, row.City)
	case stored.Organizer != row.Organizer:
		return differs("主办单位", stored.Organizer, row.Organizer)
	case row.Participants != 0 && stored.Participants != row.Participants:
		return differs("参与人数", fmt.Sprint(stored.Participants), fmt.Sprint(row.Participants))
	}
	return nil
}

// AddEventProject adds a project to an event of the user's scope, audited as
// "event.add_project". Returns EINVALID, ENOTFOUND, ECONFLICT (presented
// already), EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) AddEventProject(ctx context.Context, eventID int64, p *patentbridge.EventProject) error {
	u, err := programmeRecorder(ctx, eventWhat)
	if err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return err
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		e, err := findEvent(ctx, db, tx.tx, u, eventID)
		if err != nil {
			return err
		}
		for _, o := range e.Projects {
			if p.SameAs(o) {
				return fieldError(patentbridge.ECONFLICT, "项目名称", "项目“%s”已在活动 %d 中登记", o.Title, e.ID)
			}
		}
		if len(e.Projects) >= patentbridge.EventProjectsMax {
			return patentbridge.FieldErrorf("项目名称", "一场活动最多登记 %d 个项目", patentbridge.EventProjectsMax)
		}
		return tx.addEventProject(ctx, e, p)
	})
}

// addEventProject inserts a validated project into the stored event and audits it.
func (tx *Tx) addEventProject(ctx context.Context, e *patentbridge.Event, p *patentbridge.EventProject) error {
	if err := tx.insertEventProject(ctx, e.ID, p); err != nil {
		return err
	}
	e.Projects = append(e.Projects, p)
	return tx.audit(ctx, "event.add_project", objectName("event", e.ID), nil, p)
}

// LinkEventDeal records that a stored deal followed an event of the user's
// scope, audited as "event.link_deal"; a city user links only deals received
// in its city, and only deals whose contract is not before the event.
// Returns EINVALID, ENOTFOUND, ECONFLICT, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) LinkEventDeal(ctx context.Context, eventID, dealID int64) error {
	u, err := programmeRecorder(ctx, eventWhat)
	if err != nil {
		return err
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		e, err := findEvent(ctx, db, tx.tx, u, eventID)
		if err != nil {
			return err
		}
		if err := tx.checkLinkedDeal(ctx, u, dealID); err != nil {
			return err
		}
		var contract string
		if err := tx.queryRow(ctx, tx.q().add("SELECT contract_date FROM deals WHERE id = ?", dealID)).Scan(&contract); err != nil {
			return fmt.Errorf("sqldb: deal %d contract date: %w", dealID, err)
		}
		contractDate, err := parseDate(contract)
		if err != nil {
			return fmt.Errorf("sqldb: deal %d contract date: %w", dealID, err)
		}
		if err := e.CheckFollowingDeal(dealID, contractDate); err != nil {
			return err
		}
		for _, id := range e.DealIDs {
			if id == dealID {
				return fieldError(patentbridge.ECONFLICT, "关联交易编号", "交易 %d 已关联到活动 %d", dealID, e.ID)
			}
		}
		if _, err := tx.exec(ctx, tx.q().add("INSERT INTO event_deals (event_id, deal_id) VALUES (?, ?)", eventID, dealID)); err != nil {
			return fmt.Errorf("sqldb: link event deal: %w", err)
		}
		return tx.audit(ctx, "event.link_deal", objectName("event", eventID), nil, map[string]int64{"deal_id": dealID})
	})
}

// UnlinkEventDeal removes a deal from an event of the user's scope, audited
// as "event.unlink_deal"; a city user unlinks only deals received in its
// city. Returns ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) UnlinkEventDeal(ctx context.Context, eventID, dealID int64) error {
	u, err := programmeRecorder(ctx, eventWhat)
	if err != nil {
		return err
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		if _, err := findEvent(ctx, db, tx.tx, u, eventID); err != nil {
			return err
		}
		if err := tx.checkLinkedDeal(ctx, u, dealID); err != nil {
			return err
		}
		n, err := affected(tx.exec(ctx, tx.q().add("DELETE FROM event_deals WHERE event_id = ? AND deal_id = ?", eventID, dealID)))
		if err != nil {
			return fmt.Errorf("sqldb: unlink event deal: %w", err)
		}
		if n == 0 {
			return patentbridge.Errorf(patentbridge.ENOTFOUND, "交易 %d 未关联到活动 %d", dealID, eventID)
		}
		return tx.audit(ctx, "event.unlink_deal", objectName("event", eventID), map[string]int64{"deal_id": dealID}, nil)
	})
}
