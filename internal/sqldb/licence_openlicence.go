package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"patentbridge"
)

// licOpenLicence reads what taking a licence needs of an open-licence
// declaration: its patent and title, declaring organization and the
// patentees' organizations (those who consented to it), the announced terms,
// status, dates and ledger index. Returns ENOTFOUND for a declaration that
// was never announced, as for one that does not exist.
func (db *DB) licOpenLicence(ctx context.Context, qr queryer, id int64) (*patentbridge.OpenLicence, error) {
	var (
		ol                                               patentbridge.OpenLicence
		fee, start, end, patentees, announced, withdrawn string
		idx                                              sql.NullInt64
	)
	q := db.dialect.newQuery().add(`SELECT ol.id, ol.app_no, COALESCE(p.title, ''), ol.org_id, o.name, ol.status, ol.fee_json,
		ol.term_start, ol.term_end, ol.conditions, ol.patentees_json, ol.announced_at, ol.withdrawn_at, ol.ledger_index
		FROM open_licences ol JOIN organizations o ON o.id = ol.org_id LEFT JOIN patents p ON p.app_no = ol.app_no
		WHERE ol.id = ?`, id)
	err := qr.QueryRowContext(ctx, q.String(), q.args...).Scan(&ol.ID, &ol.AppNo, &ol.Title, &ol.OrgID, &ol.OrgName, &ol.Status,
		&fee, &start, &end, &ol.Conditions, &patentees, &announced, &withdrawn, &idx)
	if isNoRows(err) || err == nil && announced == "" {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到编号为 %d 的已公告开放许可声明", id)
	}
	if err != nil {
		return nil, fmt.Errorf("sqldb: open licence %d: %w", id, err)
	}
	if idx.Valid {
		ol.LedgerIndex = &idx.Int64
	}
	if err := json.Unmarshal([]byte(fee), &ol.Fee); err != nil {
		return nil, fmt.Errorf("sqldb: open licence %d fee: %w", id, err)
	}
	if err := json.Unmarshal([]byte(patentees), &ol.Patentees); err != nil {
		return nil, fmt.Errorf("sqldb: open licence %d patentees: %w", id, err)
	}
	if ol.TermStart, err = parseDate(start); err != nil {
		return nil, err
	}
	if ol.TermEnd, err = parseDate(end); err != nil {
		return nil, err
	}
	if ol.AnnouncedAt, err = parseTime(announced); err != nil {
		return nil, err
	}
	if ol.WithdrawnAt, err = parseTime(withdrawn); err != nil {
		return nil, err
	}
	ol.OrgIDs = []int64{ol.OrgID}
	q = db.dialect.newQuery().add(`SELECT org_id FROM open_licence_consents WHERE open_licence_id = ? AND purpose = ? ORDER BY org_id`,
		id, patentbridge.ConsentDeclare)
	err = eachRow(ctx, qr, q, func(s scanner) error {
		var org int64
		if err := s.Scan(&org); err != nil {
			return err
		}
		if org != ol.OrgID {
			ol.OrgIDs = append(ol.OrgIDs, org)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sqldb: open licence %d consents: %w", id, err)
	}
	return &ol, nil
}

// licAnnouncedOn reports whether an open licence is announced (not withdrawn)
// on the patent.
func (db *DB) licAnnouncedOn(ctx context.Context, qr queryer, appNo string) (bool, error) {
	var n int
	q := db.dialect.newQuery().add(`SELECT COUNT(*) FROM open_licences WHERE app_no = ? AND status = ?`, appNo, patentbridge.OpenAnnounced)
	if err := qr.QueryRowContext(ctx, q.String(), q.args...).Scan(&n); err != nil {
		return false, fmt.Errorf("sqldb: open licences of %s: %w", appNo, err)
	}
	return n > 0, nil
}
