package sqldb

import (
	"context"
	"fmt"

	"patentbridge"
)

// dealKindOf is the deal kind of a licence kind.
func dealKindOf(k patentbridge.LicenceKind) patentbridge.DealKind {
	switch k {
	case patentbridge.LicenceOpen:
		return patentbridge.DealOpen
	case patentbridge.LicenceExclusive:
		return patentbridge.DealExclusive
	case patentbridge.LicenceSole:
		return patentbridge.DealSole
	}
	return patentbridge.DealOrdinary
}

// recordLicenceDeals makes the licence taking effect a deal of each of its
// patents (source "platform", linked to the licence), between its parties'
// organizations (for a pool licence, the member owning each patent), on the day it took effect, for what was due up front (the
// whole amount on its first patent). A deal of the same patent, kind, parties
// and day entered before (on the form or by an import) is linked to the
// licence instead of counted twice: the licence becomes its second source
// ("deal.merge").
func (tx *Tx) recordLicenceDeals(ctx context.Context, l *patentbridge.Licence) error {
	lead, err := findOrg(ctx, tx.db, tx.tx, l.LicensorOrgID)
	if err != nil {
		return err
	}
	from := lead
	to, err := findOrg(ctx, tx.db, tx.tx, l.LicenseeOrgID)
	if err != nil {
		return err
	}
	for i, no := range l.AppNos {
		if from, err = tx.dealLicensor(ctx, l, no, lead); err != nil {
			return err
		}
		d := &patentbridge.Deal{AppNo: no, Kind: dealKindOf(l.Kind), FromName: from.Name, FromType: from.Type, FromOrgID: from.ID,
			ToName: to.Name, ToCreditCode: to.CreditCode, ToType: to.Type, ToOrgID: to.ID, ContractDate: patentbridge.DateOf(l.EffectiveAt),
			RecordationNo: l.RecordationNo, Source: patentbridge.DealFromPlatform, LicenceID: l.ID, CreatedBy: l.CreatedBy}
		if i == 0 {
			d.AmountFen = l.Fee.UpFrontFen()
		}
		same, err := tx.sameDeal(ctx, d)
		if err != nil {
			return err
		}
		src := patentbridge.DealSource{Source: patentbridge.DealFromPlatform, LicenceID: l.ID, RecordationNo: l.RecordationNo}
		if same != nil {
			if _, err := tx.mergeDeal(ctx, same, d, src); err != nil {
				return err
			}
			continue
		}
		if err := tx.insertDeal(ctx, d, to.CityCode); err != nil {
			return err
		}
		if err := tx.addDealSource(ctx, d, src); err != nil {
			return err
		}
	}
	return nil
}

// dealLicensor is who gives the patent in a licence's deal: for a pool
// licence the member organization owning it, else (and when none is found)
// the licensor.
func (tx *Tx) dealLicensor(ctx context.Context, l *patentbridge.Licence, appNo string, licensor *patentbridge.Organization) (*patentbridge.Organization, error) {
	if l.PoolID == 0 {
		return licensor, nil
	}
	var id int64
	q := tx.q().add(`SELECT po.org_id FROM patent_owners po JOIN patents p ON p.id = po.patent_id
		WHERE p.app_no = ? AND po.org_id IN (SELECT org_id FROM pool_members WHERE pool_id = ?) ORDER BY po.org_id LIMIT 1`, appNo, l.PoolID)
	switch err := tx.queryRow(ctx, q).Scan(&id); {
	case isNoRows(err):
		return licensor, nil
	case err != nil:
		return nil, fmt.Errorf("sqldb: owner of pool patent %s: %w", appNo, err)
	}
	return findOrg(ctx, tx.db, tx.tx, id)
}
