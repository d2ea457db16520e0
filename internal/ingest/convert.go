package ingest

import (
	"strings"
	"time"

	"patentbridge"
)

// problem is one reason a row is rejected.
type problem struct {
	column, value, reason string
}

// converter turns the rows of one file into patents.
type converter struct {
	l       *layout
	regions Regions
	source  string // file name recorded on each patent
}

// convert builds a patent from a row, or returns every problem that makes the row
// unusable (a row is rejected whole; its good neighbours still land). A row with
// a value over its limit is rejected for that alone, before any conversion.
func (c *converter) convert(r row) (*patentbridge.Patent, []problem) {
	l := c.l
	if probs := l.checkLimits(r); probs != nil {
		return nil, probs
	}
	var probs []problem
	report := func(cl cell, err error) {
		probs = append(probs, problem{cl.column, cl.value, patentbridge.ErrorMessage(err)})
	}
	p := &patentbridge.Patent{Source: c.source}
	appNo := l.get(r, fAppNo)
	if appNo.value == "" {
		probs = append(probs, problem{appNo.column, "", "申请号为空"})
	} else if a, err := patentbridge.ParseAppNo(appNo.value); err != nil {
		report(appNo, err)
	} else {
		p.AppNo, p.Kind, p.AppNoCheckComputed = a.Number, a.Kind, a.CheckComputed
	}
	if p.Kind == "" {
		p.Kind, _ = patentbridge.ParseKind(l.get(r, fKind).value)
	}
	p.Title = l.get(r, fTitle).value
	p.Abstract = l.get(r, fAbstract).value
	p.FirstClaim = l.get(r, fFirstClaim).value
	p.Address = l.get(r, fAddress).value
	p.Agency = l.get(r, fAgency).value
	p.Priority = l.get(r, fPriority).value
	p.PCTAppNo = identifier(l.get(r, fPCTAppNo).value)
	setPublication(p, l.get(r, fPubNo).value, l.get(r, fGrantNo).value)

	date := func(f field) time.Time {
		cl := l.get(r, f)
		t, err := patentbridge.ParseDate(cl.value)
		if err != nil {
			report(cl, err)
		}
		return t
	}
	p.AppDate, p.PubDate, p.GrantDate = date(fAppDate), date(fPubDate), date(fGrantDate)
	inferGrantDate(p)

	probs = append(probs, c.ipc(r, p)...)
	c.parties(r, p)
	p.RegionCode = c.region(l.get(r, fProvince).value, p.Address)
	probs = append(probs, c.events(r, p)...)
	c.counts(r, p)
	statusText := l.get(r, fStatus).value
	p.StatusText = statusText
	p.Status = legalStatus(statusText, p)
	p.Extra = c.extra(r, p)
	if len(probs) > 0 {
		return nil, probs
	}
	return p, nil
}

// identifier normalizes a publication or PCT number: no spaces, upper case, and
// "0"/"-" (exports' way of saying none) as empty.
func identifier(s string) string {
	s = strings.ToUpper(strings.Join(strings.Fields(s), ""))
	if s == "0" || s == "-" || s == "--" || s == "无" {
		return ""
	}
	return s
}

// setPublication fills PubNo and GrantNo. A 公开(公告)号 whose kind code says grant
// (B, C, U, S) is also the grant number when no 授权公告号 is given, and the grant
// number stands in for a missing publication number.
func setPublication(p *patentbridge.Patent, pub, grant string) {
	pubs := patentbridge.SplitList(pub)
	grants := patentbridge.SplitList(grant)
	if len(grants) > 0 {
		p.GrantNo = identifier(grants[0])
	}
	for _, x := range pubs {
		x = identifier(x)
		if p.PubNo == "" {
			p.PubNo = x
		}
		if p.GrantNo == "" && isGrantNumber(x) {
			p.GrantNo = x
		}
	}
	if p.PubNo == "" {
		p.PubNo = p.GrantNo
	}
}

// isGrantNumber reports whether a CN publication number's kind code is a grant.
func isGrantNumber(s string) bool {
	s = strings.TrimRight(s, "0123456789")
	if !strings.HasPrefix(s, "CN") || len(s) < 4 {
		return false
	}
	switch s[len(s)-1] {
	case 'B', 'C', 'U', 'S', 'Y':
		return true
	}
	return false
}

// inferGrantDate uses the publication date as the grant date of a utility model or
// design, whose only publication is the grant announcement.
func inferGrantDate(p *patentbridge.Patent) {
	if p.GrantDate.IsZero() && !p.PubDate.IsZero() && p.GrantNo != "" && p.GrantNo == p.PubNo &&
		(p.Kind == patentbridge.KindUtility || p.Kind == patentbridge.KindDesign || p.Kind == patentbridge.KindPCTUtility) {
		p.GrantDate = p.PubDate
	}
}
