package ingest

import (
	"math"
	"strconv"
	"strings"

	"patentbridge"
)

// counts fills the citation, family, claims and deal counts. A deal count is at
// least the number of such events found, since exports fill the two
// independently; a count cell that is not a number stays raw in Extra.
func (c *converter) counts(r row, p *patentbridge.Patent) {
	n := func(f field) int { v, _ := countValue(c.l.get(r, f).value); return v }
	p.ForwardCitations = n(fForward)
	p.BackwardCitations = n(fBackward)
	if p.BackwardCitations == 0 {
		p.BackwardCitations = len(patentbridge.SplitList(c.l.get(r, fCitedList).value))
	}
	p.FamilySize = n(fFamilyCount)
	if p.FamilySize == 0 {
		p.FamilySize = len(patentbridge.SplitList(c.l.get(r, fFamilyList).value))
	}
	p.ClaimsCount = n(fClaims)
	p.TransferCount = max(n(fTransferCount), countEvents(p.Events, patentbridge.EventTransfer))
	p.LicenceCount = max(n(fLicenceCount), countEvents(p.Events, patentbridge.EventLicence))
	p.PledgeCount = max(n(fPledgeCount), countEvents(p.Events, patentbridge.EventPledge))
}

// countValue reads "3", "3.0" or "" (0); ok is false for anything else.
func countValue(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if s == "" || s == "-" {
		return 0, true
	}
	if i, err := strconv.Atoi(s); err == nil && i >= 0 {
		return i, true
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f >= 0 && f == math.Trunc(f) && f < 1e9 {
		return int(f), true
	}
	return 0, false
}

func countEvents(evs []patentbridge.LegalEvent, t patentbridge.EventType) int {
	n := 0
	for _, e := range evs {
		if e.Type == t {
			n++
		}
	}
	return n
}

// legalStatus normalizes the export's status text; when it says nothing usable the
// status is inferred from the record: invalidated or lapsed by such an event,
// in force when granted, pending otherwise.
func legalStatus(text string, p *patentbridge.Patent) patentbridge.LegalStatus {
	if s, ok := patentbridge.NormalizeLegalStatus(text); ok {
		return s
	}
	for i := len(p.Events) - 1; i >= 0; i-- {
		switch e := p.Events[i]; e.Type {
		case patentbridge.EventInvalidation:
			return patentbridge.StatusInvalidated
		case patentbridge.EventLapse:
			if strings.Contains(e.Text, "届满") {
				return patentbridge.StatusExpired
			}
			return patentbridge.StatusLapsedUnpaid
		}
	}
	if !p.GrantDate.IsZero() || p.GrantNo != "" {
		return patentbridge.StatusInForce
	}
	return patentbridge.StatusPending
}

// numericFields are the count columns whose unreadable values are kept in Extra.
var numericFields = []field{fForward, fBackward, fFamilyCount, fClaims, fTransferCount, fLicenceCount, fPledgeCount}

// extra keeps what no field took: unknown columns (dates that XLSX gave as serials
// rendered as YYYY-MM-DD), alternates that differ from the chosen value, count
// cells that are not numbers, and design classifications.
func (c *converter) extra(r row, p *patentbridge.Patent) map[string]string {
	m := map[string]string{}
	for _, i := range c.l.extra {
		if i < len(r.values) {
			if v := serialDate(c.l.headers[i], strings.TrimSpace(r.values[i])); v != "" {
				m[c.l.keys[i]] = v
			}
		}
	}
	for _, f := range []field{fTitle, fApplicants, fPatentees, fInventors, fAddress, fAbstract, fFirstClaim, fStatus} {
		for k, v := range c.l.alternates(r, f, c.l.get(r, f).value) {
			m[k] = v
		}
	}
	for _, f := range numericFields {
		if cl := c.l.get(r, f); cl.value != "" {
			if _, ok := countValue(cl.value); !ok {
				m[cl.column] = cl.value
			}
		}
	}
	if p.Kind == patentbridge.KindDesign {
		for _, f := range []field{fMainIPC, fIPC} {
			if cl := c.l.get(r, f); cl.value != "" {
				m[cl.column] = cl.value
			}
		}
	}
	if len(m) == 0 {
		return nil
	}
	return m
}

// serialDate renders an Excel date serial under a date header (…日, …日期) as
// YYYY-MM-DD and drops the "0" that means no date; other values are returned as
// they are.
func serialDate(header, v string) string {
	if !strings.HasSuffix(header, "日") && !strings.HasSuffix(header, "日期") {
		return v
	}
	if v == "0" {
		return ""
	}
	if f, err := strconv.ParseFloat(v, 64); err != nil || f < 1 || f >= 100000 {
		return v
	}
	if t, err := patentbridge.ParseDate(v); err == nil {
		return patentbridge.FormatDate(t)
	}
	return v
}
