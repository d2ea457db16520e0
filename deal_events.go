package patentbridge

import (
	"regexp"
	"strings"
)

// Party labels in a legal event's text (CNIPA's 专利权的转移 and 专利实施许可
// 合同备案 records): who gave, who received, and the recordation number.
var (
	eventGiver    = regexp.MustCompile(`(?:^|[^被])(?:变更前权利人|让与人|许可人|转让人)\s*[:：]\s*([^\s;；,，:：]+)`)
	eventReceiver = regexp.MustCompile(`(?:变更后权利人|受让人|被许可人)\s*[:：]\s*([^\s;；,，:：]+)`)
	eventRecNo    = regexp.MustCompile(`备案(?:编)?号\s*[:：]\s*([0-9A-Za-z]+)`)
)

// EventDeals returns the deals a patent's legal events record (source
// legal_event, dated the event's day): a transfer (转让) names its parties
// in its text (变更前/变更后权利人, 让与人/受让人), or, when the patent has
// only one transfer, is from its first applicant to its first current owner;
// a licence (许可) names its licensee in its text (被许可人 or 受让人) and
// its licensor there or is given by the first current owner, of the kind its
// text says (独占, 排他, 开放, else 普通许可), with the 备案号 it gives. An
// event whose receiver is unknown, or equal to the giver, records no deal.
// Party types are the patent's when the party is one of its applicants or
// owners, else read from the name.
func EventDeals(p *Patent) []*Deal {
	transfers := 0
	for _, e := range p.Events {
		if e.Type == EventTransfer {
			transfers++
		}
	}
	var out []*Deal
	for _, e := range p.Events {
		if e.Type != EventTransfer && e.Type != EventLicence {
			continue
		}
		from, to := firstMatch(eventGiver, e.Text), firstMatch(eventReceiver, e.Text)
		d := &Deal{AppNo: p.AppNo, Kind: DealTransfer, ContractDate: DateOf(e.Date), Source: DealFromLegalEvent,
			RecordationNo: firstMatch(eventRecNo, e.Text)}
		if e.Type == EventLicence {
			d.Kind = licenceEventKind(e.Text)
			if from == "" && len(p.Owners()) > 0 {
				from = p.Owners()[0].Name
			}
		} else if to == "" && transfers == 1 && len(p.Applicants) > 0 && len(p.Patentees) > 0 {
			from, to = p.Applicants[0].Name, p.Patentees[0].Name
		}
		from, to = NormalizeOrgName(from), NormalizeOrgName(to)
		if from == "" || to == "" || from == to {
			continue
		}
		d.FromName, d.ToName = from, to
		d.FromType, _ = p.partyType(from)
		var sme bool
		d.ToType, sme = p.partyType(to)
		if sme {
			d.ToSME = &sme
		}
		out = append(out, d)
	}
	return out
}

// partyType is the type (and SME flag) of a named party of the patent, else
// the type its name reads as.
func (p *Patent) partyType(name string) (PartyType, bool) {
	for _, ps := range [][]Party{p.Patentees, p.Applicants} {
		for _, o := range ps {
			if NormalizeOrgName(o.Name) == name && o.Type != "" {
				return o.Type, o.SME
			}
		}
	}
	return ClassifyParty(name, ""), false
}

// licenceEventKind reads a licence event's kind from its text.
func licenceEventKind(text string) DealKind {
	switch {
	case strings.Contains(text, "独占"):
		return DealExclusive
	case strings.Contains(text, "排他"):
		return DealSole
	case strings.Contains(text, "开放许可"):
		return DealOpen
	}
	return DealOrdinary
}

func firstMatch(re *regexp.Regexp, s string) string {
	if m := re.FindStringSubmatch(s); m != nil {
		return m[len(m)-1]
	}
	return ""
}
