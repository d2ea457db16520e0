package sqldb

import (
	"context"
	"encoding/json"
	"fmt"

	"patentbridge"
)

// openLicenceColumns are the open_licences columns (alias ol) scanOpenLicence reads.
const openLicenceColumns = `ol.id, ol.app_no, ol.org_id, COALESCE(o.name, ''), ol.status, ol.fee_json, ol.fee_basis,
	ol.fee_exception, ol.term_start, ol.term_end, ol.conditions, ol.patentees_json, ol.evaluation_report,
	ol.evaluation_favourable, ol.pledgee_consent, ol.confirmations_json, ol.review_note, ol.created_by,
	ol.created_at, ol.submitted_at, ol.announced_at, ol.withdrawn_at, ol.withdraw_reason, ol.ledger_index,
	ol.withdraw_ledger_index, COALESCE(p.title, ''), COALESCE(p.city_code, '')`

// openLicenceFrom joins a declaration to its organization and patent.
const openLicenceFrom = ` FROM open_licences ol LEFT JOIN organizations o ON o.id = ol.org_id
	LEFT JOIN patents p ON p.app_no = ol.app_no`

// openLicenceRow is a scanned declaration and its patent's city.
type openLicenceRow struct {
	ol   *patentbridge.OpenLicence
	city string
}

func scanOpenLicence(s scanner) (openLicenceRow, error) {
	var (
		ol                                        patentbridge.OpenLicence
		fee, start, end, patentees, confirmations string
		created, submitted, announced, withdrawn  string
		favourable                                int64
		ledger, withdrawLedger                    *int64
		city                                      string
	)
	err := s.Scan(&ol.ID, &ol.AppNo, &ol.OrgID, &ol.OrgName, &ol.Status, &fee, &ol.FeeBasis,
		&ol.FeeException, &start, &end, &ol.Conditions, &patentees, &ol.EvaluationReport,
		&favourable, &ol.PledgeeConsent, &confirmations, &ol.ReviewNote, &ol.CreatedBy,
		&created, &submitted, &announced, &withdrawn, &ol.WithdrawReason, &ledger,
		&withdrawLedger, &ol.Title, &city)
	if err != nil {
		return openLicenceRow{}, err
	}
	ol.EvaluationFavourable = favourable != 0
	ol.LedgerIndex, ol.WithdrawLedgerIndex = ledger, withdrawLedger
	for _, j := range []struct {
		text string
		dst  any
	}{{fee, &ol.Fee}, {patentees, &ol.Patentees}, {confirmations, &ol.Confirmations}} {
		if err := json.Unmarshal([]byte(j.text), j.dst); err != nil {
			return openLicenceRow{}, fmt.Errorf("sqldb: open licence %d: stored JSON: %w", ol.ID, err)
		}
	}
	if ol.TermStart, err = parseDate(start); err == nil {
		ol.TermEnd, err = parseDate(end)
	}
	for i, dst := range []*string{&created, &submitted, &announced, &withdrawn} {
		if err != nil {
			break
		}
		t, perr := parseTime(*dst)
		err = perr
		switch i {
		case 0:
			ol.CreatedAt = t
		case 1:
			ol.SubmittedAt = t
		case 2:
			ol.AnnouncedAt = t
		case 3:
			ol.WithdrawnAt = t
		}
	}
	return openLicenceRow{&ol, city}, err
}

// findOpenLicence returns a declaration with its owners and consents, whoever
// asks. Returns ENOTFOUND.
func (db *DB) findOpenLicence(ctx context.Context, qr queryer, id int64) (openLicenceRow, error) {
	q := db.dialect.newQuery().add("SELECT "+openLicenceColumns+openLicenceFrom+" WHERE ol.id = ?", id)
	r, err := scanOpenLicence(qr.QueryRowContext(ctx, q.String(), q.args...))
	if isNoRows(err) {
		return r, openLicenceNotFound(id)
	}
	if err != nil {
		return r, fmt.Errorf("sqldb: find open licence %d: %w", id, err)
	}
	return r, db.loadOpenLicenceParties(ctx, qr, r.ol)
}

// loadOpenLicenceParties reads a declaration's owner organizations and consents.
func (db *DB) loadOpenLicenceParties(ctx context.Context, qr queryer, ol *patentbridge.OpenLicence) error {
	q := db.dialect.newQuery().add("SELECT org_id FROM open_licence_owners WHERE open_licence_id = ? ORDER BY pos", ol.ID)
	rs, err := qr.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return fmt.Errorf("sqldb: open licence owners: %w", err)
	}
	ol.OrgIDs = []int64{}
	for rs.Next() {
		var id int64
		if err := rs.Scan(&id); err != nil {
			rs.Close()
			return fmt.Errorf("sqldb: open licence owners: %w", err)
		}
		ol.OrgIDs = append(ol.OrgIDs, id)
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return fmt.Errorf("sqldb: open licence owners: %w", err)
	}
	q = db.dialect.newQuery().add(`SELECT c.org_id, COALESCE(o.name, ''), c.purpose, c.user_id, c.written_ref, c.at
		FROM open_licence_consents c LEFT JOIN organizations o ON o.id = c.org_id
		WHERE c.open_licence_id = ? ORDER BY c.purpose, c.at, c.org_id`, ol.ID)
	rs, err = qr.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return fmt.Errorf("sqldb: open licence consents: %w", err)
	}
	defer rs.Close()
	ol.Consents = []patentbridge.Consent{}
	for rs.Next() {
		var c patentbridge.Consent
		var at string
		if err := rs.Scan(&c.OrgID, &c.OrgName, &c.Purpose, &c.UserID, &c.WrittenRef, &at); err != nil {
			return fmt.Errorf("sqldb: open licence consents: %w", err)
		}
		if c.At, err = parseTime(at); err != nil {
			return err
		}
		ol.Consents = append(ol.Consents, c)
	}
	return rs.Err()
}

func openLicenceNotFound(id int64) error {
	return patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到编号为 %d 的开放许可声明", id)
}

func openLicenceObject(id int64) string { return fmt.Sprintf("open_licence:%d", id) }
