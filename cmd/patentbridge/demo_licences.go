package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"

	"patentbridge"
)

// demoLicensees are the SMEs that take the demo's open licences.
var demoLicensees = []patentbridge.Organization{
	{Name: "成都蜀道智造科技有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5101", SME: true},
	{Name: "德阳川润新材料有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5106", SME: true},
}

// loadDemoLicences takes licences under the demo's announced open licences
// (the lead calls it after the declarations demo), through the services: a
// royalty licence with one sales report, a 先使用后付费 licence in its
// grace period, and a pool's package licence with its entry fee paid. It skips a kind no announced declaration offers and does
// nothing when licences were taken already.
func loadDemoLicences(ctx context.Context, licences patentbridge.LicenceService, pools patentbridge.PoolService, users patentbridge.UserService,
	orgs patentbridge.OrganizationService, announced []*patentbridge.OpenLicence, logger *slog.Logger) error {
	pctx := platform(ctx)
	if _, total, err := licences.ListLicences(pctx, patentbridge.LicenceFilter{Limit: 1}); err != nil || total > 0 {
		return err
	}
	var royalty, deferred *patentbridge.OpenLicence
	for _, ol := range announced {
		switch {
		case ol.Status != patentbridge.OpenAnnounced:
		case royalty == nil && (ol.Fee.Method == patentbridge.FeeSales || ol.Fee.Method == patentbridge.FeeProfit):
			royalty = ol
		case deferred == nil && ol.Fee.Method == patentbridge.FeeDeferred && !ol.Fee.UntilFirstRevenue:
			deferred = ol
		}
	}
	for i, ol := range []*patentbridge.OpenLicence{royalty, deferred} {
		if ol == nil {
			continue
		}
		u, err := demoLicensee(pctx, users, orgs, i)
		if err != nil {
			return err
		}
		uctx := patentbridge.WithUser(ctx, u)
		l, err := licences.TakeOpenLicence(uctx, ol.ID, patentbridge.TakeOpenLicence{Confirmed: true})
		if err != nil {
			return fmt.Errorf("demo licence under open licence %d: %w", ol.ID, err)
		}
		if ol == royalty {
			// The first period (in progress) reported early, so that the page shows a royalty.
			ps := patentbridge.ReportPeriods(l.Fee, l.EffectiveAt, l.TermEnd, l.EffectiveAt)
			if len(ps) > 0 {
				if _, err := licences.ReportRoyalty(uctx, l.ID, patentbridge.RoyaltyReport{PeriodStart: ps[0].Start, PeriodEnd: ps[0].End, BaseFen: 1_250_000_00}); err != nil {
					return err
				}
			}
		}
		logger.Info("演示许可已生效", "licence", l.ID, "open_licence", ol.ID, "licensee", u.OrgName, "fee", ol.Fee.Method.Label())
	}
	return loadDemoPoolLicence(ctx, licences, pools, users, orgs, logger)
}

// loadDemoPoolLicence takes the package licence of the demo's first pool
// with an entry fee and records its payment, so that a pool licence is in
// force; it does nothing when no pool asks one.
func loadDemoPoolLicence(ctx context.Context, licences patentbridge.LicenceService, pools patentbridge.PoolService,
	users patentbridge.UserService, orgs patentbridge.OrganizationService, logger *slog.Logger) error {
	ps, err := pools.ListPools(ctx)
	if err != nil {
		return err
	}
	for _, p := range ps {
		if p.Fee == nil || p.Fee.UpFrontFen() == 0 {
			continue
		}
		u, err := demoLicensee(platform(ctx), users, orgs, 1)
		if err != nil {
			return err
		}
		uctx := patentbridge.WithUser(ctx, u)
		l, err := licences.TakePoolLicence(uctx, p.ID, patentbridge.TakeOpenLicence{Confirmed: true})
		if err != nil {
			return fmt.Errorf("demo licence of pool %d: %w", p.ID, err)
		}
		pay := patentbridge.LicencePayment{AmountFen: l.Fee.UpFrontFen(), PaidOn: l.NoticeAt, Reference: "演示-入门费-" + fmt.Sprint(l.ID)}
		if l, err = licences.RecordPayment(uctx, l.ID, pay); err != nil {
			return fmt.Errorf("demo licence of pool %d: %w", p.ID, err)
		}
		logger.Info("演示专利池许可已生效", "licence", l.ID, "pool", p.Name, "licensee", u.OrgName)
		return nil
	}
	return nil
}

// demoLicensee returns the enterprise account of demoLicensees[i], creating
// the organization and an account with a random password when absent.
func demoLicensee(ctx context.Context, users patentbridge.UserService, orgs patentbridge.OrganizationService, i int) (*patentbridge.User, error) {
	o, err := demoOrganization(ctx, orgs, demoLicensees[i])
	if err != nil {
		return nil, err
	}
	name := fmt.Sprintf("demo-licensee-%d", i+1)
	b := make([]byte, 12)
	rand.Read(b)
	u, err := users.CreateUser(ctx, patentbridge.NewUser{Username: name, Name: o.Name, Role: patentbridge.RoleEnterprise,
		Organization: o.Name, Password: "Pb-" + hex.EncodeToString(b)})
	if patentbridge.ErrorCode(err) != patentbridge.ECONFLICT {
		return u, err
	}
	// Made by an earlier run that took no licence: read it as the operator would.
	admin := patentbridge.WithUser(ctx, &patentbridge.User{Username: "system", Role: patentbridge.RoleAdmin})
	found, _, err := users.ListUsers(admin, patentbridge.UserFilter{Query: name, Limit: 10})
	if err != nil {
		return nil, err
	}
	for _, u := range found {
		if u.Username == name {
			return u, nil
		}
	}
	return nil, fmt.Errorf("demo licensee %s: account exists but was not found", name)
}
