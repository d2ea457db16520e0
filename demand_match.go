package patentbridge

import "context"

// DemandMatchLimit is the number of patents matched to a demand on its page.
const DemandMatchLimit = 10

// Matcher ranks patents for a need (SearchService.Match).
type Matcher interface {
	// Match ranks patents for a need, with reasons. Returns EINVALID for an
	// empty text, EUNAVAILABLE while the index is being rebuilt.
	Match(ctx context.Context, r MatchRequest) (*MatchResult, error)
}

// DemandMatchRequest is the match of demand d its page shows: the granted
// patents in force of institutions and SOEs, or with all every patent (?all=1).
func DemandMatchRequest(d *Demand, all bool) MatchRequest {
	return MatchRequest{Text: d.Title + "\n" + d.Description, DemandID: d.ID, RegionCode: d.RegionCode,
		Limit: DemandMatchLimit, All: all}
}

// CheckDemandMatch confirms that the patent appNo (normalized) is among
// demand d's matches as its page shows them to the signed-in user of ctx, in
// the default list or the one of every patent, so that feedback (感兴趣 / 不相关)
// and the message it sends are given only on a real match. Returns EINVALID on
// field "app_no" when it is not, EUNAVAILABLE without a matcher, and m's errors.
func CheckDemandMatch(ctx context.Context, m Matcher, d *Demand, appNo string) error {
	if m == nil {
		return Errorf(EUNAVAILABLE, "匹配服务暂不可用，暂时不能反馈匹配结果")
	}
	for _, all := range []bool{false, true} {
		res, err := m.Match(ctx, DemandMatchRequest(d, all))
		if err != nil {
			return err
		}
		for _, it := range res.Items {
			if it.AppNo == appNo {
				return nil
			}
		}
	}
	return FieldErrorf("app_no", "专利 %s 不在技术需求《%s》的匹配结果中，只能对匹配结果中的专利反馈“感兴趣”或“不相关”",
		FormatAppNo(appNo), d.Title)
}
