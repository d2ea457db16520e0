package sqldb

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"patentbridge"
)

var _ patentbridge.LicenceService = (*DB)(nil)

// licenceObject is the audit and ledger object of a licence.
func licenceObject(id int64) string { return fmt.Sprintf("licence:%d", id) }

// licenceNotFound is the answer for a licence that does not exist or that the
// user may not see.
func licenceNotFound(id int64) error {
	return patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到编号为 %d 的许可", id)
}

const licenceColumns = `l.id, l.kind, COALESCE(l.open_licence_id, 0), ol.ledger_index,
	COALESCE(l.pool_id, 0), COALESCE(pl.name, ''), pl.ledger_index, l.licensor_org_id, lo.name, COALESCE(lo.city_code, ''),
	l.licensee_org_id, le.name, COALESCE(le.city_code, ''), l.fee_json, l.term_start, l.term_end, l.status, l.notice_text,
	l.notice_at, l.effective_at, l.recordation_no, l.recordation_date, l.recorded_at, l.ledger_index, l.created_by, l.created_at`

const licenceFrom = ` FROM licences l JOIN organizations lo ON lo.id = l.licensor_org_id
	JOIN organizations le ON le.id = l.licensee_org_id LEFT JOIN open_licences ol ON ol.id = l.open_licence_id
	LEFT JOIN pools pl ON pl.id = l.pool_id`

// licRow is a scanned licence with its parties' cities (for city users' scope).
type licRow struct {
	l      *patentbridge.Licence
	cities [2]string
	// members are a pool licence's member organizations, who see it too.
	members []int64
}

func scanLicence(s scanner) (licRow, error) {
	var (
		l                                  patentbridge.Licence
		r                                  = licRow{l: &l}
		kind, fee, start, end, notice, eff string
		recDate, recAt, created            string
		olIdx, poolIdx, idx                sql.NullInt64
	)
	if err := s.Scan(&l.ID, &kind, &l.OpenLicenceID, &olIdx, &l.PoolID, &l.PoolName, &poolIdx, &l.LicensorOrgID, &l.LicensorName, &r.cities[0],
		&l.LicenseeOrgID, &l.LicenseeName, &r.cities[1], &fee, &start, &end, &l.Status, &l.NoticeText,
		&notice, &eff, &l.RecordationNo, &recDate, &recAt, &idx, &l.CreatedBy, &created); err != nil {
		return r, err
	}
	l.Kind = patentbridge.LicenceKind(kind)
	if olIdx.Valid {
		l.OpenLicenceLedgerIndex = &olIdx.Int64
	}
	if poolIdx.Valid {
		l.PoolLedgerIndex = &poolIdx.Int64
	}
	if idx.Valid {
		l.LedgerIndex = &idx.Int64
	}
	if err := json.Unmarshal([]byte(fee), &l.Fee); err != nil {
		return r, fmt.Errorf("sqldb: licence %d fee: %w", l.ID, err)
	}
	var err error
	for _, d := range []struct {
		dst *time.Time
		s   string
	}{{&l.TermStart, start}, {&l.TermEnd, end}, {&l.RecordationDate, recDate}} {
		if *d.dst, err = parseDate(d.s); err != nil {
			return r, err
		}
	}
	for _, d := range []struct {
		dst *time.Time
		s   string
	}{{&l.NoticeAt, notice}, {&l.EffectiveAt, eff}, {&l.RecordedAt, recAt}, {&l.CreatedAt, created}} {
		if *d.dst, err = parseTime(d.s); err != nil {
			return r, err
		}
	}
	l.Payments, l.Reports, l.Disputes = []patentbridge.LicencePayment{}, []patentbridge.RoyaltyReport{}, []patentbridge.LicenceDispute{}
	return r, nil
}
