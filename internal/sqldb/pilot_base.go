package sqldb

import (
	"context"
	"fmt"

	"patentbridge"
)

var _ patentbridge.PilotBaseService = (*DB)(nil)

const pilotBaseColumns = "id, name, COALESCE(org_id, 0), org_name, city, established_on, created_by, created_at"

func scanPilotBase(s scanner) (*patentbridge.PilotBase, error) {
	var b patentbridge.PilotBase
	var established, created string
	if err := s.Scan(&b.ID, &b.Name, &b.OrgID, &b.OrgName, &b.City, &established, &b.CreatedBy, &created); err != nil {
		return nil, err
	}
	var err error
	if b.EstablishedOn, err = parseDate(established); err == nil {
		b.CreatedAt, err = parseTime(created)
	}
	return &b, err
}

// CreatePilotBase validates and stores a pilot base (中试熟化基地) at the
// store's clock, audited as "pilot_base.create": its organization resolves
// to the registry when it knows the name, a city user records only its
// city's bases, and a second base of the same name is refused. Returns
// EINVALID, ECONFLICT, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) CreatePilotBase(ctx context.Context, b *patentbridge.PilotBase) error {
	u, err := programmeRecorder(ctx, "登记中试熟化基地")
	if err != nil {
		return err
	}
	if err := b.Validate(db.now()); err != nil {
		return err
	}
	if err := refuseOtherCity(u, b.City, "中试熟化基地"); err != nil {
		return err
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		var id int64
		var city string
		err := tx.queryRow(ctx, tx.q().add("SELECT id, city FROM pilot_bases WHERE name = ?", b.Name)).Scan(&id, &city)
		if err == nil {
			b.ID = id // the import reads the row as the base already stored
			return fieldError(patentbridge.ECONFLICT, "基地名称", "中试熟化基地“%s”已登记（%s）", b.Name, storedRef(u, city, id))
		} else if !isNoRows(err) {
			return fmt.Errorf("sqldb: pilot base by name: %w", err)
		}
		if b.OrgID, err = resolveOrg(ctx, db, tx.tx, b.OrgName); err != nil {
			return err
		}
		b.CreatedBy, b.CreatedAt = userID(u), tx.now
		q := tx.q().add(`INSERT INTO pilot_bases (name, org_id, org_name, city, established_on, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, b.Name, nullID(b.OrgID), b.OrgName, b.City,
			patentbridge.FormatDate(b.EstablishedOn), b.CreatedBy, formatTime(tx.now))
		if err := tx.queryRow(ctx, q).Scan(&b.ID); err != nil {
			return fmt.Errorf("sqldb: create pilot base: %w", err)
		}
		return tx.audit(ctx, "pilot_base.create", objectName("pilot_base", b.ID), nil, pilotBaseAudit{b, formatDay(b.EstablishedOn)})
	})
}

// FindPilotBase returns a base to the admin and the city users of its city.
// Returns ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) FindPilotBase(ctx context.Context, id int64) (*patentbridge.PilotBase, error) {
	u, err := programmeRecorder(ctx, "查看中试熟化基地")
	if err != nil {
		return nil, err
	}
	q := db.dialect.newQuery().add("SELECT "+pilotBaseColumns+" FROM pilot_bases WHERE id = ?", id)
	b, err := scanPilotBase(db.read.QueryRowContext(ctx, q.String(), q.args...))
	if isNoRows(err) || err == nil && patentbridge.ScopeCity(u) != "" && b.City != patentbridge.ScopeCity(u) {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到中试熟化基地 %d", id)
	} else if err != nil {
		return nil, fmt.Errorf("sqldb: find pilot base %d: %w", id, err)
	}
	return b, nil
}

// ListPilotBases returns one page of bases, latest established first, and
// the total, to the admin and city users (their city's). Returns EINVALID,
// EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) ListPilotBases(ctx context.Context, f patentbridge.ProgrammeFilter) ([]*patentbridge.PilotBase, int, error) {
	limit, err := cityListPage(ctx, "查看中试熟化基地", &f.City, f.Limit, f.Offset)
	if err != nil {
		return nil, 0, err
	}
	where := func(q *query) *query {
		cityYearWhere(q, "city", f.City, "established_on", f.Year)
		return q
	}
	count := where(db.dialect.newQuery().add("SELECT COUNT(*) FROM pilot_bases"))
	list := where(db.dialect.newQuery().add("SELECT "+pilotBaseColumns+" FROM pilot_bases")).
		add(" ORDER BY established_on DESC, id DESC LIMIT ? OFFSET ?", limit, f.Offset)
	return listPage(ctx, db, "pilot bases", count, list, scanPilotBase)
}
