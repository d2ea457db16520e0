package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"patentbridge"
)

var _ patentbridge.DealService = (*DB)(nil)

const dealColumns = `id, app_no, kind, from_name, from_type, COALESCE(from_org_id, 0), to_name, to_credit_code, to_type,
	to_sme, to_region_code, COALESCE(to_org_id, 0), to_city, amount_fen, contract_date, recordation_no, source,
	COALESCE(licence_id, 0), created_by, created_at`

func scanDeal(s scanner) (*patentbridge.Deal, error) {
	var d patentbridge.Deal
	var kind, from, to, date, created string
	var sme sql.NullInt64
	if err := s.Scan(&d.ID, &d.AppNo, &kind, &d.FromName, &from, &d.FromOrgID, &d.ToName, &d.ToCreditCode, &to,
		&sme, &d.ToRegionCode, &d.ToOrgID, &d.ToCity, &d.AmountFen, &date, &d.RecordationNo, &d.Source,
		&d.LicenceID, &d.CreatedBy, &created); err != nil {
		return nil, err
	}
	d.Kind, d.FromType, d.ToType = patentbridge.DealKind(kind), patentbridge.PartyType(from), patentbridge.PartyType(to)
	if sme.Valid {
		v := sme.Int64 != 0
		d.ToSME = &v
	}
	var err error
	if d.ContractDate, err = parseDate(date); err == nil {
		d.CreatedAt, err = parseTime(created)
	}
	return &d, err
}

// dealObject names a deal in the audit log.
func dealObject(id int64) string { return "deal:" + strconv.FormatInt(id, 10) }

// dealRecorder admits the platform, the admin and city users. Returns
// EUNAUTHORIZED, EFORBIDDEN.
func dealRecorder(ctx context.Context) (*patentbridge.User, error) {
	if patentbridge.IsPlatform(ctx) {
		return patentbridge.UserFrom(ctx), nil
	}
	u := patentbridge.UserFrom(ctx)
	return u, patentbridge.CityManager(u, "登记转移转化（交易）记录")
}

// CreateDeal validates and stores a deal at the store's clock, audited as
// "deal.create": its parties resolve to organizations (the receiver by its
// credit code first, then by name), the receiver's city is the record's
// region code or else its organization's, and a city user records only deals
// received in its city. A record of a deal already stored (the same patent,
// kind and parties, and the same recordation number or contract date) is
// refused naming the stored one (the API's create; RecordDeal merges
// instead). Returns EINVALID, ECONFLICT, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) CreateDeal(ctx context.Context, d *patentbridge.Deal) error {
	u, err := dealRecorder(ctx)
	if err != nil {
		return err
	}
	if err := d.Validate(db.now()); err != nil {
		return err
	}
	if d.Source == "" {
		d.Source = patentbridge.DealFromForm
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		city, err := tx.resolveDealParties(ctx, d)
		if err != nil {
			return err
		}
		if c := patentbridge.ScopeCity(u); c != "" && city != c {
			return patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：市（州）管理员只能登记受让方在本市（州）的交易（受让方所在地 %q）", city)
		}
		if err := tx.refuseSameDeal(ctx, d); err != nil {
			return err
		}
		if u != nil {
			d.CreatedBy = u.ID
		}
		if err := tx.insertDeal(ctx, d, city); err != nil {
			return err
		}
		if err := tx.addDealSource(ctx, d, patentbridge.DealSource{Source: d.Source, LicenceID: d.LicenceID, RecordationNo: d.RecordationNo}); err != nil {
			return err
		}
		return tx.audit(ctx, "deal.create", dealObject(d.ID), nil, d)
	})
}

// insertDeal stores a resolved deal received in city, setting its id.
func (tx *Tx) insertDeal(ctx context.Context, d *patentbridge.Deal, city string) error {
	var sme any
	if d.ToSME != nil {
		sme = boolInt(*d.ToSME)
	}
	q := tx.q().add(`INSERT INTO deals (app_no, kind, from_name, from_type, from_org_id, to_name, to_credit_code, to_type, to_sme,
		to_region_code, to_org_id, to_city, amount_fen, contract_date, recordation_no, source, licence_id, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		d.AppNo, string(d.Kind), d.FromName, string(d.FromType), nullID(d.FromOrgID), d.ToName, d.ToCreditCode, string(d.ToType), sme,
		d.ToRegionCode, nullID(d.ToOrgID), city, d.AmountFen, patentbridge.FormatDate(d.ContractDate), d.RecordationNo, d.Source,
		nullID(d.LicenceID), d.CreatedBy, formatTime(tx.now))
	if err := tx.queryRow(ctx, q).Scan(&d.ID); err != nil {
		return fmt.Errorf("sqldb: create deal: %w", err)
	}
	d.CreatedAt, d.ToCity = tx.now, city
	return nil
}

// resolveDealParties refuses a deal dated before its stored patent's
// application date (Deal.CheckFiledBefore), links the deal's parties to
// organizations the registry knows and returns the receiver's 4-digit city
// code ("" when unknown). Every typed or read deal (CreateDeal, RecordDeal:
// form, API, import, legal events) passes here; a platform licence's deal is
// dated the day the licence took effect, on a patent already filed.
func (tx *Tx) resolveDealParties(ctx context.Context, d *patentbridge.Deal) (string, error) {
	if err := tx.checkDealPatent(ctx, d); err != nil {
		return "", err
	}
	var err error
	if d.FromOrgID, err = resolveOrg(ctx, tx.db, tx.tx, d.FromName); err != nil {
		return "", err
	}
	d.ToOrgID = 0
	if d.ToCreditCode != "" {
		err := tx.queryRow(ctx, tx.q().add("SELECT id FROM organizations WHERE credit_code = ?", d.ToCreditCode)).Scan(&d.ToOrgID)
		if err != nil && !isNoRows(err) {
			return "", fmt.Errorf("sqldb: deal receiver by credit code: %w", err)
		}
	}
	if d.ToOrgID == 0 {
		if d.ToOrgID, err = resolveOrg(ctx, tx.db, tx.tx, d.ToName); err != nil {
			return "", err
		}
	}
	var registered string
	if d.ToOrgID != 0 {
		o, err := findOrg(ctx, tx.db, tx.tx, d.ToOrgID)
		if err != nil {
			return "", err
		}
		registered = o.CityCode
	}
	if len(d.ToRegionCode) < 4 {
		return registered, nil
	}
	// A city official may not move a registered receiver into its city by the region code.
	if c := patentbridge.ScopeCity(patentbridge.UserFrom(ctx)); c != "" && registered != "" && registered != d.ToRegionCode[:4] {
		return "", patentbridge.FieldErrorf("受让方地区代码", "受让方“%s”在单位名录中属于市（州）%s，与受让方地区代码 %s 不一致；请核对，或请省级管理员登记",
			d.ToName, registered, d.ToRegionCode)
	}
	return d.ToRegionCode[:4], nil
}

// checkDealPatent refuses a deal dated before the application date of its
// patent when the patent is stored (EINVALID naming 合同日期).
func (tx *Tx) checkDealPatent(ctx context.Context, d *patentbridge.Deal) error {
	var raw string
	err := tx.queryRow(ctx, tx.q().add("SELECT app_date FROM patents WHERE app_no = ?", d.AppNo)).Scan(&raw)
	if isNoRows(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("sqldb: deal patent %s: %w", d.AppNo, err)
	}
	filed, err := parseDate(raw)
	if err != nil {
		return err
	}
	return d.CheckFiledBefore(filed)
}

// refuseSameDeal refuses a record of a deal already stored (Deal.SameAs).
// Returns ECONFLICT naming the stored deal.
func (tx *Tx) refuseSameDeal(ctx context.Context, d *patentbridge.Deal) error {
	same, err := tx.sameDeal(ctx, d)
	if err != nil || same == nil {
		return err
	}
	return patentbridge.Errorf(patentbridge.ECONFLICT, "该交易已登记为交易 %d（%s，%s → %s，%s%s），不重复计入",
		same.ID, same.Kind.Label(), same.FromName, same.ToName, patentbridge.FormatDate(same.ContractDate), recordationSuffix(same.RecordationNo))
}

// sameDeal returns the stored deal d records again (Deal.SameAs), or nil.
// It first takes the deals' turn (dialect.lockDeals), so that what it finds
// stays true until the transaction ends.
func (tx *Tx) sameDeal(ctx context.Context, d *patentbridge.Deal) (*patentbridge.Deal, error) {
	if l := tx.db.dialect.lockDeals; l != "" {
		if _, err := tx.exec(ctx, tx.q().add(l)); err != nil {
			return nil, fmt.Errorf("sqldb: lock deals: %w", err)
		}
	}
	q := tx.q().add("SELECT "+dealColumns+" FROM deals WHERE app_no = ? AND kind = ? ORDER BY id", d.AppNo, string(d.Kind))
	var same *patentbridge.Deal
	err := eachRow(ctx, tx.tx, q, func(s scanner) error {
		o, err := scanDeal(s)
		if err == nil && same == nil && d.SameAs(o) {
			same = o
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sqldb: same deals: %w", err)
	}
	return same, nil
}

func recordationSuffix(no string) string {
	if no == "" {
		return ""
	}
	return "，备案号 " + no
}

// FindDeal returns a deal to the admin and to the city users of its
// receiver's city (deals are counted in the public figures; their records are
// the officials'). Returns ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) FindDeal(ctx context.Context, id int64) (*patentbridge.Deal, error) {
	u, err := dealRecorder(ctx)
	if err != nil {
		return nil, err
	}
	q := db.dialect.newQuery().add("SELECT "+dealColumns+" FROM deals WHERE id = ?", id)
	d, err := scanDeal(db.read.QueryRowContext(ctx, q.String(), q.args...))
	if isNoRows(err) {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到交易 %d", id)
	}
	if err != nil {
		return nil, fmt.Errorf("sqldb: find deal %d: %w", id, err)
	}
	if c := patentbridge.ScopeCity(u); c != "" && d.ToCity != c {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到交易 %d", id)
	}
	return d, nil
}

// ListDeals returns one page of deals, latest contract first, and the total,
// to the admin (all) and city users (their city's). Returns EINVALID,
// EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) ListDeals(ctx context.Context, f patentbridge.DealFilter) ([]*patentbridge.Deal, int, error) {
	limit, err := cityListPage(ctx, "查看转移转化（交易）记录", &f.City, f.Limit, f.Offset)
	if err != nil {
		return nil, 0, err
	}
	where := func(q *query) *query {
		cityYearWhere(q, "to_city", f.City, "contract_date", f.Year)
		if f.AppNo != "" {
			q.add(" AND app_no = ?", f.AppNo)
		}
		if f.Kind != "" {
			q.add(" AND kind = ?", string(f.Kind))
		}
		return q
	}
	count := where(db.dialect.newQuery().add("SELECT COUNT(*) FROM deals"))
	list := where(db.dialect.newQuery().add("SELECT "+dealColumns+" FROM deals")).
		add(" ORDER BY contract_date DESC, id DESC LIMIT ? OFFSET ?", limit, f.Offset)
	return listPage(ctx, db, "deals", count, list, scanDeal)
}
