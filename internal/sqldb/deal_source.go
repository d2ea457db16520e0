package sqldb

import (
	"context"
	"fmt"

	"patentbridge"
)

const dealSourceColumns = `id, deal_id, source, file, line, COALESCE(licence_id, 0), recordation_no, created_by, created_at`

func scanDealSource(s scanner) (*patentbridge.DealSource, error) {
	var src patentbridge.DealSource
	var created string
	if err := s.Scan(&src.ID, &src.DealID, &src.Source, &src.File, &src.Line, &src.LicenceID, &src.RecordationNo,
		&src.CreatedBy, &created); err != nil {
		return nil, err
	}
	var err error
	src.CreatedAt, err = parseTime(created)
	return &src, err
}

// RecordDeal validates d and stores it as a new deal arriving by src
// (audited "deal.create"), or, when it records a deal already stored (the
// same patent, kind and parties, and the same recordation number or contract
// date), adds src to the stored deal, fills what the stored one lacked (its
// recordation number, amount, SME flag, licence) and sets *d to it, audited
// "deal.merge" and reported as merged. A source already recorded on the deal
// (the same file and line, the same licence, a legal event) adds nothing, so
// re-reading a file is idempotent. Parties resolve and the city scope applies
// as in CreateDeal. Returns EINVALID, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) RecordDeal(ctx context.Context, d *patentbridge.Deal, src patentbridge.DealSource) (bool, error) {
	u, err := dealRecorder(ctx)
	if err != nil {
		return false, err
	}
	if err := d.Validate(db.now()); err != nil {
		return false, err
	}
	if src.Source == "" {
		src.Source = d.Source
	}
	if src.Source == "" {
		src.Source = patentbridge.DealFromForm
	}
	d.Source = src.Source
	if src.LicenceID == 0 {
		src.LicenceID = d.LicenceID
	}
	if src.RecordationNo == "" {
		src.RecordationNo = d.RecordationNo
	}
	var merged *patentbridge.Deal
	err = db.WithTx(ctx, func(tx *Tx) error {
		city, err := tx.resolveDealParties(ctx, d)
		if err != nil {
			return err
		}
		if c := patentbridge.ScopeCity(u); c != "" && city != c {
			return dealScopeError(d, city)
		}
		same, err := tx.sameDeal(ctx, d)
		if err != nil {
			return err
		}
		if same != nil {
			merged, err = tx.mergeDeal(ctx, same, d, src)
			return err
		}
		if u != nil {
			d.CreatedBy = u.ID
		}
		if err := tx.insertDeal(ctx, d, city); err != nil {
			return err
		}
		if err := tx.addDealSource(ctx, d, src); err != nil {
			return err
		}
		return tx.audit(ctx, "deal.create", dealObject(d.ID), nil, d)
	})
	if err != nil || merged == nil {
		return false, err
	}
	*d = *merged
	return true, nil
}

// mergeDeal records src, by which d arrived again, on the stored deal same:
// it fills the recordation number, amount, SME flag and licence same lacked
// and adds the source, audited "deal.merge". A source already recorded on
// same adds nothing. A typed record (form or import) whose amount contradicts
// the stored one is refused (EINVALID on 金额(万元)) rather than merged.
// Returns the deal as stored after.
func (tx *Tx) mergeDeal(ctx context.Context, same, d *patentbridge.Deal, src patentbridge.DealSource) (*patentbridge.Deal, error) {
	srcs, err := tx.dealSources(ctx, tx.tx, same.ID)
	if err != nil {
		return nil, err
	}
	for _, o := range srcs {
		if o.SameSource(&src) {
			return same, nil
		}
	}
	typed := src.Source == patentbridge.DealFromForm || src.Source == patentbridge.DealFromImport
	if typed && d.AmountFen != 0 && same.AmountFen != 0 && d.AmountFen != same.AmountFen {
		return nil, patentbridge.FieldErrorf("金额(万元)", "与已登记的交易 %d（%s，%s → %s）是同一交易，但金额 %s 万元与已登记的 %s 万元不一致，未合并；请核对后更正",
			same.ID, same.Kind.Label(), same.FromName, same.ToName, patentbridge.FormatWan(d.AmountFen), patentbridge.FormatWan(same.AmountFen))
	}
	after := *same
	if after.RecordationNo == "" {
		after.RecordationNo = d.RecordationNo
	}
	if after.AmountFen == 0 {
		after.AmountFen = d.AmountFen
	}
	if after.ToSME == nil {
		after.ToSME = d.ToSME
	}
	if after.LicenceID == 0 {
		after.LicenceID = src.LicenceID
	}
	var sme any
	if after.ToSME != nil {
		sme = boolInt(*after.ToSME)
	}
	q := tx.q().add("UPDATE deals SET recordation_no = ?, amount_fen = ?, to_sme = ?, licence_id = ? WHERE id = ?",
		after.RecordationNo, after.AmountFen, sme, nullID(after.LicenceID), same.ID)
	if _, err := tx.exec(ctx, q); err != nil {
		return nil, fmt.Errorf("sqldb: merge into deal %d: %w", same.ID, err)
	}
	merger := after
	merger.CreatedBy = 0 // the source is the signed-in user's, else the platform's, never the first recorder's
	if err := tx.addDealSource(ctx, &merger, src); err != nil {
		return nil, err
	}
	return &after, tx.audit(ctx, "deal.merge", dealObject(same.ID), same, map[string]any{"deal": &after, "source": src})
}

// addDealSource records that deal d arrived by src, at the store's clock, by
// the signed-in user (else d.CreatedBy: a platform licence's recorder, or 0
// for the platform).
func (tx *Tx) addDealSource(ctx context.Context, d *patentbridge.Deal, src patentbridge.DealSource) error {
	by := d.CreatedBy
	if u := patentbridge.UserFrom(ctx); u != nil {
		by = u.ID
	}
	if src.Source == "" {
		src.Source = d.Source
	}
	q := tx.q().add(`INSERT INTO deal_sources (deal_id, source, file, line, licence_id, recordation_no, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, d.ID, src.Source, src.File, src.Line, nullID(src.LicenceID), src.RecordationNo, by, formatTime(tx.now))
	if _, err := tx.exec(ctx, q); err != nil {
		return fmt.Errorf("sqldb: deal %d source: %w", d.ID, err)
	}
	return nil
}

// dealSources lists the sources of a deal, first first.
func (tx *Tx) dealSources(ctx context.Context, qr queryer, id int64) ([]*patentbridge.DealSource, error) {
	return listDealSources(ctx, tx.db, qr, id)
}

func listDealSources(ctx context.Context, db *DB, qr queryer, id int64) ([]*patentbridge.DealSource, error) {
	q := db.dialect.newQuery().add("SELECT "+dealSourceColumns+" FROM deal_sources WHERE deal_id = ? ORDER BY id", id)
	out := []*patentbridge.DealSource{}
	err := eachRow(ctx, qr, q, func(s scanner) error {
		src, err := scanDealSource(s)
		if err == nil {
			out = append(out, src)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sqldb: deal %d sources: %w", id, err)
	}
	return out, nil
}

// DealSources returns the paths by which a deal arrived, first first, to
// whoever may read the deal (FindDeal). Returns ENOTFOUND, EUNAUTHORIZED,
// EFORBIDDEN.
func (db *DB) DealSources(ctx context.Context, id int64) ([]*patentbridge.DealSource, error) {
	if _, err := db.FindDeal(ctx, id); err != nil {
		return nil, err
	}
	return listDealSources(ctx, db, db.read, id)
}

// dealScopeError refuses a city user a deal received outside its city,
// naming the column the city came from (the region code, else the receiver
// as the registry places it) so that a reject report points at it.
func dealScopeError(d *patentbridge.Deal, city string) error {
	e := patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：市（州）管理员只能登记受让方在本市（州）的交易（受让方所在市（州）代码 %s）", city)
	e.Field = "受让方地区代码"
	if city == "" {
		e.Message = "没有权限：受让方所在市（州）不明，市（州）管理员只能登记受让方在本市（州）的交易，请填写受让方地区代码"
	} else if d.ToRegionCode == "" {
		e.Field = "受让方"
	}
	return e
}
