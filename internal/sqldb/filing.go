package sqldb

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"patentbridge"
)

var _ patentbridge.FilingService = (*DB)(nil)

const filingColumns = `f.id, f.org_id, f.org_name, f.city, f.product_name, f.model, f.industry, f.filed_on, f.created_by, f.created_at, o.sme, COALESCE(o.credit_code, '')`

const filingFrom = " FROM product_filings f JOIN organizations o ON o.id = f.org_id"

func scanFiling(s scanner) (*patentbridge.ProductFiling, error) {
	var f patentbridge.ProductFiling
	var filed, created string
	var sme int
	if err := s.Scan(&f.ID, &f.OrgID, &f.OrgName, &f.City, &f.Product, &f.Model, &f.Industry, &filed, &f.CreatedBy, &created,
		&sme, &f.CreditCode); err != nil {
		return nil, err
	}
	f.SME, f.Patents, f.Years = sme != 0, []patentbridge.FiledPatent{}, []patentbridge.FilingYear{}
	var err error
	if f.FiledOn, err = parseDate(filed); err == nil {
		f.CreatedAt, err = parseTime(created)
	}
	return &f, err
}

// filingObject names a filing in the audit log.
func filingObject(id int64) string { return "product_filing:" + strconv.FormatInt(id, 10) }

// filingEnterprise is the kind of organization that files products.
func filingEnterprise(t patentbridge.PartyType) bool {
	return t == patentbridge.PartyEnterprise || t == patentbridge.PartySOE || t == ""
}

// CreateFiling validates and stores a product filing at the store's clock,
// audited as "filing.create": the enterprise must be in the registry (by
// credit code, else name) and, for a city user, in its city; each licensed or
// assigned patent is linked to its deal (see patentbridge.FilingService).
// Returns EINVALID, ENOTFOUND, ECONFLICT, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) CreateFiling(ctx context.Context, f *patentbridge.ProductFiling) error {
	u, err := programmeRecorder(ctx, "登记专利产品备案")
	if err != nil {
		return err
	}
	if err := f.Validate(db.now()); err != nil {
		return err
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		o, err := tx.orgByCodeOrName(ctx, f.CreditCode, f.OrgName)
		if err != nil {
			return err
		}
		if o == nil {
			return patentbridge.FieldErrorf("企业名称", "机构名录中没有企业“%s”，请先登记该企业或导入企业名录", patentbridge.ClipValue(f.OrgName+f.CreditCode))
		}
		if !filingEnterprise(o.Type) {
			return patentbridge.FieldErrorf("企业名称", "“%s”是%s，专利产品备案的主体应为企业", o.Name, o.Type.Label())
		}
		if err := outOfScope(u, o.CityCode, "登记", "企业名称"); err != nil {
			return err
		}
		f.OrgID, f.OrgName, f.City, f.SME, f.CreditCode = o.ID, o.Name, o.CityCode, o.SME, o.CreditCode
		var same int64
		err = tx.queryRow(ctx, tx.q().add("SELECT id FROM product_filings WHERE org_id = ? AND product_name = ? AND model = ?",
			f.OrgID, f.Product, f.Model)).Scan(&same)
		if err == nil {
			f.ID = same
			e := patentbridge.Errorf(patentbridge.ECONFLICT, "该企业的产品“%s”（型号 %q）已备案为备案 %d，请更新其年度产值和销售额", f.Product, f.Model, same)
			e.Field = "产品名称"
			return e
		} else if !isNoRows(err) {
			return fmt.Errorf("sqldb: same filing: %w", err)
		}
		for i := range f.Patents {
			if err := tx.linkFiledPatent(ctx, f, &f.Patents[i]); err != nil {
				return err
			}
		}
		f.CreatedBy, f.CreatedAt = userID(u), tx.now
		q := tx.q().add(`INSERT INTO product_filings (org_id, org_name, city, product_name, model, industry, filed_on, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, f.OrgID, f.OrgName, f.City, f.Product, f.Model, f.Industry,
			patentbridge.FormatDate(f.FiledOn), f.CreatedBy, formatTime(tx.now))
		if err := tx.queryRow(ctx, q).Scan(&f.ID); err != nil {
			return fmt.Errorf("sqldb: create filing: %w", err)
		}
		for _, p := range f.Patents {
			q := tx.q().add("INSERT INTO product_filing_patents (filing_id, app_no, source, deal_id) VALUES (?, ?, ?, ?)",
				f.ID, p.AppNo, string(p.Source), nullID(p.DealID))
			if _, err := tx.exec(ctx, q); err != nil {
				return fmt.Errorf("sqldb: filing patent: %w", err)
			}
		}
		for _, y := range f.Years {
			if err := tx.putFilingYear(ctx, f.ID, y); err != nil {
				return err
			}
		}
		return tx.audit(ctx, "filing.create", filingObject(f.ID), nil, filingAudit{f, patentbridge.FormatDate(f.FiledOn)})
	})
}

// linkFiledPatent checks an own patent's owners (see checkOwnPatent) and a
// licensed or assigned patent's deal, or finds it: a deal of the patent,
// received by the filing's enterprise, of a kind the source admits,
// concluded on or before the filing date (the given one; else the latest,
// when there is one: a filing whose deal the platform lacks is kept
// unlinked). Returns EINVALID naming 申请号, 交易编号 or 专利来源.
func (tx *Tx) linkFiledPatent(ctx context.Context, f *patentbridge.ProductFiling, p *patentbridge.FiledPatent) error {
	if p.Source == patentbridge.SourceOwn {
		return tx.checkOwnPatent(ctx, f, p.AppNo)
	}
	if p.DealID != 0 {
		d, err := scanDeal(tx.queryRow(ctx, tx.q().add("SELECT "+dealColumns+" FROM deals WHERE id = ?", p.DealID)))
		switch {
		case isNoRows(err):
			return patentbridge.FieldErrorf("交易编号", "交易 %d 不存在", p.DealID)
		case err != nil:
			return fmt.Errorf("sqldb: filing deal %d: %w", p.DealID, err)
		case d.AppNo != p.AppNo:
			return patentbridge.FieldErrorf("交易编号", "交易 %d 是专利 %s 的交易，不是 %s 的", d.ID, d.AppNo, p.AppNo)
		case d.ToOrgID != f.OrgID:
			return patentbridge.FieldErrorf("交易编号", "交易 %d 的受让方是“%s”，不是备案企业“%s”", d.ID, d.ToName, f.OrgName)
		case !p.Source.Admits(d.Kind):
			return patentbridge.FieldErrorf("专利来源", "专利 %s 来源为%s，但交易 %d 是%s", p.AppNo, p.Source.Label(), d.ID, d.Kind.Label())
		case dealAfterFiling(d, f):
			return patentbridge.FieldErrorf("交易编号", "交易 %d 的合同日期 %s 晚于备案日期 %s：备案的专利应在备案前已%s",
				d.ID, patentbridge.FormatDate(d.ContractDate), patentbridge.FormatDate(f.FiledOn), p.Source.Label())
		}
		return nil
	}
	q := tx.q().add("SELECT "+dealColumns+" FROM deals WHERE app_no = ? AND to_org_id = ? ORDER BY contract_date DESC, id DESC", p.AppNo, f.OrgID)
	return eachRow(ctx, tx.tx, q, func(s scanner) error {
		d, err := scanDeal(s)
		if err == nil && p.DealID == 0 && p.Source.Admits(d.Kind) && !dealAfterFiling(d, f) {
			p.DealID = d.ID
		}
		return err
	})
}

// dealAfterFiling reports whether the deal was concluded after the filing date.
func dealAfterFiling(d *patentbridge.Deal, f *patentbridge.ProductFiling) bool {
	return !d.ContractDate.IsZero() && patentbridge.DateOf(d.ContractDate).After(patentbridge.DateOf(f.FiledOn))
}

// checkOwnPatent refuses an own (自有) patent the store has when none of its
// owners is the filing's enterprise or a child organization of it (by the
// owner's registry link, or for an owner not linked by normalized name).
// A patent the store lacks, or one with no owners recorded, is accepted: the
// store holds the patents imported so far, not every patent, and the
// enterprise's word stands until its data says otherwise.
// Returns EINVALID naming 申请号.
func (tx *Tx) checkOwnPatent(ctx context.Context, f *patentbridge.ProductFiling, appNo string) error {
	ids, names := map[int64]bool{f.OrgID: true}, map[string]bool{patentbridge.NormalizeOrgName(f.OrgName): true}
	q := tx.q().add("SELECT id, name FROM organizations WHERE parent_id = ?", f.OrgID)
	err := eachRow(ctx, tx.tx, q, func(s scanner) error {
		var id int64
		var name string
		err := s.Scan(&id, &name)
		ids[id], names[patentbridge.NormalizeOrgName(name)] = true, true
		return err
	})
	if err != nil {
		return fmt.Errorf("sqldb: child organizations of %d: %w", f.OrgID, err)
	}
	var owners []string
	owns := false
	q = tx.q().add(`SELECT po.name, COALESCE(po.org_id, 0) FROM patent_owners po JOIN patents p ON p.id = po.patent_id
		WHERE p.app_no = ? ORDER BY po.pos`, appNo)
	err = eachRow(ctx, tx.tx, q, func(s scanner) error {
		var name string
		var org int64
		if err := s.Scan(&name, &org); err != nil {
			return err
		}
		owners = append(owners, name)
		owns = owns || org != 0 && ids[org] || org == 0 && names[patentbridge.NormalizeOrgName(name)]
		return nil
	})
	if err != nil {
		return fmt.Errorf("sqldb: owners of %s: %w", appNo, err)
	}
	if len(owners) == 0 || owns {
		return nil
	}
	return patentbridge.FieldErrorf("申请号", "专利 %s 登记的专利权人是“%s”，不是备案企业“%s”（或其下属机构），不能作为自有专利备案；如经受让或许可取得，请将专利来源填为受让或许可",
		appNo, patentbridge.ClipValue(strings.Join(owners, "、")), f.OrgName)
}

// putFilingYear sets a filing's year, replacing the one stored.
func (tx *Tx) putFilingYear(ctx context.Context, id int64, y patentbridge.FilingYear) error {
	if _, err := tx.exec(ctx, tx.q().add("DELETE FROM product_filing_years WHERE filing_id = ? AND year = ?", id, y.Year)); err != nil {
		return fmt.Errorf("sqldb: filing year: %w", err)
	}
	q := tx.q().add("INSERT INTO product_filing_years (filing_id, year, output_fen, sales_fen) VALUES (?, ?, ?, ?)", id, y.Year, y.OutputFen, y.SalesFen)
	if _, err := tx.exec(ctx, q); err != nil {
		return fmt.Errorf("sqldb: filing year: %w", err)
	}
	return nil
}

// SetFilingYear sets a year's output and sales of a filing (the yearly
// update), audited as "filing.year" with the year's figures before and after
// (nothing when the year holds those figures already).
// Returns EINVALID, ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) SetFilingYear(ctx context.Context, id int64, y patentbridge.FilingYear) (*patentbridge.ProductFiling, error) {
	u, err := programmeRecorder(ctx, "更新专利产品备案")
	if err != nil {
		return nil, err
	}
	if err := y.Validate(db.now()); err != nil {
		return nil, err
	}
	var f *patentbridge.ProductFiling
	err = db.WithTx(ctx, func(tx *Tx) error {
		if f, err = findFiling(ctx, db, tx.tx, u, id); err != nil {
			return err
		}
		var before any
		if old, ok := f.Year(y.Year); ok && old == y {
			return nil // recorded already
		} else if ok {
			before = old
		}
		if err := tx.putFilingYear(ctx, id, y); err != nil {
			return err
		}
		if f, err = findFiling(ctx, db, tx.tx, u, id); err != nil {
			return err
		}
		return tx.audit(ctx, "filing.year", filingObject(id), before, y)
	})
	if err != nil {
		return nil, err
	}
	return f, nil
}

// FindFiling returns a filing with its patents and years to the admin and
// the city users of its enterprise's city. Returns ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) FindFiling(ctx context.Context, id int64) (*patentbridge.ProductFiling, error) {
	u, err := programmeRecorder(ctx, "查看专利产品备案")
	if err != nil {
		return nil, err
	}
	return findFiling(ctx, db, db.read, u, id)
}

// findFiling reads a filing in u's scope through qr. Returns ENOTFOUND.
func findFiling(ctx context.Context, db *DB, qr queryer, u *patentbridge.User, id int64) (*patentbridge.ProductFiling, error) {
	q := db.dialect.newQuery().add("SELECT "+filingColumns+filingFrom+" WHERE f.id = ?", id)
	f, err := scanFiling(qr.QueryRowContext(ctx, q.String(), q.args...))
	if isNoRows(err) {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到专利产品备案 %d", id)
	}
	if err != nil {
		return nil, fmt.Errorf("sqldb: find filing %d: %w", id, err)
	}
	if c := patentbridge.ScopeCity(u); c != "" && f.City != c {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到专利产品备案 %d", id)
	}
	return f, loadFilingParts(ctx, db, qr, f)
}

// loadFilingParts reads a filing's patents and years.
func loadFilingParts(ctx context.Context, db *DB, qr queryer, f *patentbridge.ProductFiling) error {
	q := db.dialect.newQuery().add("SELECT app_no, source, COALESCE(deal_id, 0) FROM product_filing_patents WHERE filing_id = ? ORDER BY app_no", f.ID)
	err := eachRow(ctx, qr, q, func(s scanner) error {
		var p patentbridge.FiledPatent
		var src string
		err := s.Scan(&p.AppNo, &src, &p.DealID)
		p.Source = patentbridge.PatentSource(src)
		f.Patents = append(f.Patents, p)
		return err
	})
	if err != nil {
		return fmt.Errorf("sqldb: filing patents: %w", err)
	}
	q = db.dialect.newQuery().add("SELECT year, output_fen, sales_fen FROM product_filing_years WHERE filing_id = ? ORDER BY year", f.ID)
	err = eachRow(ctx, qr, q, func(s scanner) error {
		var y patentbridge.FilingYear
		err := s.Scan(&y.Year, &y.OutputFen, &y.SalesFen)
		f.Years = append(f.Years, y)
		return err
	})
	if err != nil {
		return fmt.Errorf("sqldb: filing years: %w", err)
	}
	return nil
}

// ListFilings returns one page of filings with their patents and years,
// latest filed first, and the total, to the admin (all) and city users
// (their city's). Returns EINVALID, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) ListFilings(ctx context.Context, f patentbridge.FilingFilter) ([]*patentbridge.ProductFiling, int, error) {
	limit, err := cityListPage(ctx, "查看专利产品备案", &f.City, f.Limit, f.Offset)
	if err != nil {
		return nil, 0, err
	}
	where := func(q *query) *query {
		cityYearWhere(q, "f.city", f.City, "f.filed_on", f.Year)
		if f.OrgID != 0 {
			q.add(" AND f.org_id = ?", f.OrgID)
		}
		if f.SME != nil {
			q.add(" AND o.sme = ?", boolInt(*f.SME))
		}
		if f.Industry != "" {
			q.add(" AND f.industry = ?", f.Industry)
		}
		if f.AppNo != "" {
			q.add(" AND EXISTS (SELECT 1 FROM product_filing_patents p WHERE p.filing_id = f.id AND p.app_no = ?)", f.AppNo)
		}
		return q
	}
	count := where(db.dialect.newQuery().add("SELECT COUNT(*)" + filingFrom))
	list := where(db.dialect.newQuery().add("SELECT "+filingColumns+filingFrom)).
		add(" ORDER BY f.filed_on DESC, f.id DESC LIMIT ? OFFSET ?", limit, f.Offset)
	out, total, err := listPage(ctx, db, "filings", count, list, scanFiling)
	if err != nil {
		return nil, 0, err
	}
	for _, x := range out {
		if err := loadFilingParts(ctx, db, db.read, x); err != nil {
			return nil, 0, err
		}
	}
	return out, total, nil
}
