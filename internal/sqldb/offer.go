package sqldb

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"patentbridge"
)

var (
	_ patentbridge.OfferService         = (*DB)(nil)
	_ patentbridge.OfferQuestionService = (*DB)(nil)
)

const offerColumns = `id, org_id, org_name, org_type, city_code, kind, title, price_fen, negotiable, terms, trl, fields,
	problem, advantage, contact, industries, soe_shared, status, created_by, created_at, published_at, withdrawn_at,
	withdraw_reason, ledger_index, withdraw_ledger_index`

// scanOffer reads one row of offerColumns, without its patents.
func scanOffer(s scanner) (*patentbridge.Offer, error) {
	var o patentbridge.Offer
	var orgType, kind, industries, created, published, withdrawn string
	var negotiable, shared int
	var ledger, wledger *int64
	if err := s.Scan(&o.ID, &o.OrgID, &o.OrgName, &orgType, &o.CityCode, &kind, &o.Title, &o.PriceFen, &negotiable,
		&o.Terms, &o.TRL, &o.Fields, &o.Problem, &o.Advantage, &o.Contact, &industries, &shared, &o.Status,
		&o.CreatedBy, &created, &published, &withdrawn, &o.WithdrawReason, &ledger, &wledger); err != nil {
		return nil, err
	}
	o.OrgType, o.Kind = patentbridge.PartyType(orgType), patentbridge.OfferKind(kind)
	o.Negotiable, o.SOEShared = negotiable != 0, shared != 0
	o.LedgerIndex, o.WithdrawLedgerIndex = ledger, wledger
	o.Industries = []string{}
	for _, t := range strings.Split(industries, "|") {
		if t != "" {
			o.Industries = append(o.Industries, t)
		}
	}
	var err error
	if o.CreatedAt, err = parseTime(created); err != nil {
		return nil, err
	}
	if o.PublishedAt, err = parseTime(published); err != nil {
		return nil, err
	}
	if o.WithdrawnAt, err = parseTime(withdrawn); err != nil {
		return nil, err
	}
	return &o, nil
}

// findOffer returns an offer with its patents (and, for an open licence,
// their declarations), whoever asks. Returns ENOTFOUND.
func (db *DB) findOffer(ctx context.Context, qr queryer, id int64) (*patentbridge.Offer, error) {
	q := db.dialect.newQuery().add("SELECT "+offerColumns+" FROM offers WHERE id = ?", id)
	o, err := scanOffer(qr.QueryRowContext(ctx, q.String(), q.args...))
	if isNoRows(err) {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到报价 %d", id)
	}
	if err != nil {
		return nil, fmt.Errorf("sqldb: find offer: %w", err)
	}
	if err := db.offerPatents(ctx, qr, []*patentbridge.Offer{o}); err != nil {
		return nil, err
	}
	return o, db.offerOpenLicences(ctx, qr, o)
}

// offerPatents fills the offers' application numbers and titles.
func (db *DB) offerPatents(ctx context.Context, qr queryer, os []*patentbridge.Offer) error {
	if len(os) == 0 {
		return nil
	}
	byID := map[int64]*patentbridge.Offer{}
	ids := make([]int64, len(os))
	for i, o := range os {
		byID[o.ID], ids[i] = o, o.ID
		o.AppNos, o.Titles = []string{}, []string{}
	}
	q := db.dialect.newQuery().add("SELECT offer_id, app_no, title FROM offer_patents WHERE offer_id IN ").addIDs(ids).add(" ORDER BY offer_id, pos")
	rs, err := qr.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return fmt.Errorf("sqldb: offer patents: %w", err)
	}
	defer rs.Close()
	for rs.Next() {
		var id int64
		var no, title string
		if err := rs.Scan(&id, &no, &title); err != nil {
			return fmt.Errorf("sqldb: offer patents: %w", err)
		}
		o := byID[id]
		o.AppNos, o.Titles = append(o.AppNos, no), append(o.Titles, title)
	}
	return rs.Err()
}

// FindOffer returns an offer with its patents; a draft is found only by its
// organization's users and the admin. Returns ENOTFOUND.
func (db *DB) FindOffer(ctx context.Context, id int64) (*patentbridge.Offer, error) {
	o, err := db.findOffer(ctx, db.read, id)
	if err != nil {
		return nil, err
	}
	if err := seeOffer(ctx, o); err != nil {
		return nil, err
	}
	return o, nil
}

// seeOffer is the rule on who may see an offer: anyone a published or
// withdrawn one, and those manageOffer admits a draft. Returns ENOTFOUND, as
// for an offer that does not exist, so that no answer tells a draft exists.
func seeOffer(ctx context.Context, o *patentbridge.Offer) error {
	if o.Status == patentbridge.OfferDraft && manageOffer(ctx, o) != nil {
		return patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到报价 %d", o.ID)
	}
	return nil
}

// actOnOffer admits an act on an offer by those manageOffer admits; one the
// user may not see (seeOffer) is answered ENOTFOUND like the read. Returns
// ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
func actOnOffer(ctx context.Context, o *patentbridge.Offer) error {
	if err := seeOffer(ctx, o); err != nil {
		return err
	}
	return manageOffer(ctx, o)
}

// manageOffer admits the platform, the admin and the offering organization's
// institution users. Returns EUNAUTHORIZED, EFORBIDDEN.
func manageOffer(ctx context.Context, o *patentbridge.Offer) error {
	if patentbridge.IsPlatform(ctx) {
		return nil
	}
	u := patentbridge.UserFrom(ctx)
	if err := patentbridge.CanOffer(u); err != nil {
		return err
	}
	if u.Role != patentbridge.RoleAdmin && u.OrgID != o.OrgID {
		return patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：报价 %d 属于%s", o.ID, o.OrgName)
	}
	return nil
}

// offerObject names an offer in the audit log and the ledger.
func offerObject(id int64) string { return "offer:" + strconv.FormatInt(id, 10) }

// offerRecord is an offer as the ledger records its publication or withdrawal.
type offerRecord struct {
	ID             int64    `json:"id"`
	AppNos         []string `json:"app_nos"`
	Titles         []string `json:"titles"`
	Kind           string   `json:"kind"`
	Price          int64    `json:"price_fen"`
	Negotiable     bool     `json:"negotiable"`
	Terms          string   `json:"terms,omitempty"`
	TRL            int      `json:"trl"`
	Fields         string   `json:"fields"`
	Organization   string   `json:"organization"`
	SOEShared      bool     `json:"soe_shared,omitempty"`
	PublishedAt    string   `json:"published_at"`
	WithdrawnAt    string   `json:"withdrawn_at,omitempty"`
	WithdrawReason string   `json:"withdraw_reason,omitempty"`
}

func newOfferRecord(o *patentbridge.Offer) offerRecord {
	return offerRecord{ID: o.ID, AppNos: o.AppNos, Titles: o.Titles, Kind: string(o.Kind), Price: o.PriceFen,
		Negotiable: o.Negotiable, Terms: o.Terms, TRL: o.TRL, Fields: o.Fields, Organization: o.OrgName,
		SOEShared: o.SOEShared, PublishedAt: formatTime(o.PublishedAt), WithdrawnAt: formatTime(o.WithdrawnAt),
		WithdrawReason: o.WithdrawReason}
}
