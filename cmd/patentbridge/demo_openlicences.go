package main

import (
	"context"
	"log/slog"

	"patentbridge"
)

// demoFees are the announced open licences of the demo, one per fee method.
var demoFees = []patentbridge.FeeTerms{
	{Method: patentbridge.FeeFixed, LumpSumFen: 30_000_000},
	{Method: patentbridge.FeeSales, RateBP: 300, ReportMonths: 6},
	{Method: patentbridge.FeeProfit, RateBP: 1500, ReportMonths: 12},
	{Method: patentbridge.FeeEntryRoyalty, EntryFeeFen: 5_000_000, RoyaltyBase: patentbridge.RoyaltyNetSales, RateBP: 200, ReportMonths: 6},
	{Method: patentbridge.FeeFree},
	{Method: patentbridge.FeeDeferred, GraceMonths: 12, Then: &patentbridge.FeeTerms{Method: patentbridge.FeeSales, RateBP: 250, ReportMonths: 6}},
	{Method: patentbridge.FeeSales, RateBP: 400, ReportMonths: 3}, // withdrawn afterwards
}

// loadDemoOpenLicences declares and announces, through the services as the
// platform, an open licence of each fee method on granted, in-force patents
// of the demo's universities and institutes, and withdraws one more, when the
// database has none. Patents the rules refuse are skipped, and so are those
// the demo market offers for an exclusive or sole licence (no such licence is
// given while an open licence is announced: Patent Law art. 51(3)).
func loadDemoOpenLicences(ctx context.Context, patents patentbridge.PatentService, ols patentbridge.OpenLicenceService,
	offers patentbridge.OfferService, logger *slog.Logger) error {
	if _, total, err := ols.ListOpenLicences(platform(ctx), patentbridge.OpenLicenceFilter{Limit: 1}); err != nil || total > 0 {
		return err
	}
	ctx = platform(ctx)
	today := patentbridge.Now().UTC().Truncate(24 * 60 * 60 * 1e9)
	var candidates []*patentbridge.Patent
	for _, t := range []patentbridge.PartyType{patentbridge.PartyUniversity, patentbridge.PartyInstitute} {
		ps, _, err := patents.ListPatents(ctx, patentbridge.PatentFilter{OwnerType: t, Status: patentbridge.StatusInForce, Kind: patentbridge.KindInvention, Limit: 40})
		if err != nil {
			return err
		}
		candidates = append(candidates, ps...)
	}
	announced := 0
	for i := 0; i < len(demoFees) && len(candidates) > 0; {
		p := candidates[0]
		candidates = candidates[1:]
		if barred, err := offeredExclusively(ctx, offers, p.AppNo); err != nil {
			return err
		} else if barred {
			continue
		}
		end := today.AddDate(5, 0, -1)
		if last := patentbridge.LastDayOfTerm(p); last.Before(end) {
			end = last
		}
		ol := &patentbridge.OpenLicence{AppNo: p.AppNo, Fee: demoFees[i], TermStart: today, TermEnd: end,
			FeeBasis:      "依据《专利开放许可使用费估算指引（试行）》，参照同领域许可合同的提成率与研发投入估算",
			Conditions:    "被许可人不得再许可第三方；技术咨询另行约定",
			Confirmations: patentbridge.NeededConfirmations(p, nil, today)}
		if err := ols.CreateOpenLicence(ctx, ol); err != nil {
			if patentbridge.ErrorCode(err) == patentbridge.EINVALID {
				continue
			}
			return err
		}
		for _, org := range ol.OrgIDs {
			if _, err := ols.ConsentOpenLicence(ctx, ol.ID, org, patentbridge.ConsentDeclare, "演示：专利权人书面同意函"); err != nil {
				return err
			}
		}
		if _, err := ols.SubmitOpenLicence(ctx, ol.ID); err != nil {
			if patentbridge.ErrorCode(err) == patentbridge.EINVALID || patentbridge.ErrorCode(err) == patentbridge.ECONFLICT {
				continue // left as a draft: the rules refuse this patent
			}
			return err
		}
		if _, err := ols.ReviewOpenLicence(ctx, ol.ID, true, ""); err != nil {
			return err
		}
		announced++
		if i == len(demoFees)-1 {
			for _, org := range ol.OrgIDs {
				if _, err := ols.ConsentOpenLicence(ctx, ol.ID, org, patentbridge.ConsentWithdraw, "演示：撤回同意函"); err != nil {
					return err
				}
			}
			if _, err := ols.WithdrawOpenLicence(ctx, ol.ID, "专利权人拟与特定企业签订独占许可"); err != nil {
				return err
			}
		}
		i++
	}
	logger.Info("演示开放许可已公告", "announced", announced)
	return nil
}

// offeredExclusively reports whether the patent is on a published exclusive or sole offer.
func offeredExclusively(ctx context.Context, offers patentbridge.OfferService, appNo string) (bool, error) {
	os, _, err := offers.ListOffers(ctx, patentbridge.OfferFilter{AppNo: appNo, Status: patentbridge.OfferPublished, Limit: 100})
	if err != nil {
		return false, err
	}
	for _, o := range os {
		if o.Kind == patentbridge.OfferExclusive || o.Kind == patentbridge.OfferSole {
			return true, nil
		}
	}
	return false, nil
}
