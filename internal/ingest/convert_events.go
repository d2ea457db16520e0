package ingest

import (
	"regexp"
	"sort"
	"strings"
	"time"

	"patentbridge"
)

// dateColumns are the columns whose every date is one legal event.
var dateColumns = []struct {
	f field
	t patentbridge.EventType
}{
	{fTransferDates, patentbridge.EventTransfer},
	{fLicenceDates, patentbridge.EventLicence},
	{fPledgeDates, patentbridge.EventPledge},
	{fLapseDate, patentbridge.EventLapse},
	{fInvalidDate, patentbridge.EventInvalidation},
}

// events collects legal events from the date columns and the 法律事件 text,
// deduplicated by (type, date) and sorted by date; LapseDate is the first lapse.
func (c *converter) events(r row, p *patentbridge.Patent) []problem {
	var probs []problem
	var evs []patentbridge.LegalEvent
	for _, dc := range dateColumns {
		cl := c.l.get(r, dc.f)
		for _, v := range patentbridge.SplitList(cl.value) {
			t, err := patentbridge.ParseDate(v)
			if err != nil {
				probs = append(probs, problem{cl.column, v, patentbridge.ErrorMessage(err)})
			} else if !t.IsZero() {
				evs = append(evs, patentbridge.LegalEvent{Type: dc.t, Date: t})
			}
		}
	}
	cl := c.l.get(r, fEvents)
	textEvs, err := parseEventText(cl.value)
	if err != nil {
		probs = append(probs, problem{cl.column, cl.value, err.Error()})
	}
	p.Events = mergeEvents(append(evs, textEvs...))
	for _, e := range p.Events {
		if e.Type == patentbridge.EventLapse {
			p.LapseDate = e.Date
			break
		}
	}
	return probs
}

// eventDate finds dates in 法律事件 text: 2022-12-02, 2022.12.02, 2022/12/2,
// 2022年12月2日, or an 8-digit 20221202 (longer digit runs such as application
// numbers are not dates).
var eventDate = regexp.MustCompile(`\d{4}[-./年]\d{1,2}[-./月]\d{1,2}日?|\d+`)

// parseEventText reads "date text" pairs; the text runs to the next date.
func parseEventText(s string) ([]patentbridge.LegalEvent, error) {
	type mark struct {
		start, end int
		date       time.Time
	}
	var marks []mark
	for _, m := range eventDate.FindAllStringIndex(s, -1) {
		tok := s[m[0]:m[1]]
		digits := isAllDigits(tok)
		if digits && len(tok) != 8 {
			continue
		}
		t, err := patentbridge.ParseDate(tok)
		if err != nil {
			if digits {
				continue
			}
			return nil, patentbridge.Errorf(patentbridge.EINVALID, "法律事件中的日期 %q 不存在", tok)
		}
		marks = append(marks, mark{m[0], m[1], t})
	}
	var out []patentbridge.LegalEvent
	for i, m := range marks {
		end := len(s)
		if i+1 < len(marks) {
			end = marks[i+1].start
		}
		text := strings.Trim(s[m.end:end], " \t\r\n:：;；,，|、()（）[]【】")
		if text == "" {
			continue
		}
		out = append(out, patentbridge.LegalEvent{Type: classifyEvent(text), Date: m.date, Text: text})
	}
	return out, nil
}

// classifyEvent maps a legal event's text to its type by keywords. Cancelling a
// pledge or a licence is not a new pledge or licence.
func classifyEvent(text string) patentbridge.EventType {
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(text, w) {
				return true
			}
		}
		return false
	}
	// CNIPA's category "…合同备案的生效、变更及注销" names the effective event too.
	ending := has("注销", "解除", "终止", "撤销") && !has("生效")
	switch {
	case has("无效"):
		return patentbridge.EventInvalidation
	case has("质押", "出质"):
		if ending {
			return patentbridge.EventOther
		}
		return patentbridge.EventPledge
	case has("许可"):
		if ending {
			return patentbridge.EventOther
		}
		return patentbridge.EventLicence
	case has("转移", "转让", "权利人变更", "专利权人变更"):
		return patentbridge.EventTransfer
	case has("终止", "失效", "未缴年费", "届满", "放弃"):
		return patentbridge.EventLapse
	case has("授权", "授予"):
		return patentbridge.EventGrant
	}
	return patentbridge.EventOther
}

// mergeEvents drops duplicates of (type, date) — keeping the one with text — and
// of (date, text) for untyped events, then sorts by date.
func mergeEvents(evs []patentbridge.LegalEvent) []patentbridge.LegalEvent {
	type key struct {
		t    patentbridge.EventType
		d    time.Time
		text string
	}
	idx := map[key]int{}
	var out []patentbridge.LegalEvent
	for _, e := range evs {
		k := key{t: e.Type, d: e.Date}
		if e.Type == patentbridge.EventOther {
			k.text = e.Text
		}
		if i, ok := idx[k]; ok {
			if out[i].Text == "" {
				out[i].Text = e.Text
			}
			continue
		}
		idx[k] = len(out)
		out = append(out, e)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out
}

func isAllDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
