package search

import (
	"unicode/utf8"

	"patentbridge"
)

// A search hit carries the patent in brief, so a page of hits stays small
// whatever the database holds (a 10 MB abstract was once returned whole in every
// hit): the texts become snippets, the lists their first entries. The patent's
// own page shows it whole.
const (
	hitTitleRunes = 200 // a title, a party's name, an address, an event's text
	hitTextRunes  = 300 // the abstract and the first claim
	hitListLen    = 20  // IPC codes, parties, inventors, events
)

// briefPatent returns a copy of p cut for a search hit (p itself is unchanged).
func briefPatent(p *patentbridge.Patent) *patentbridge.Patent {
	b := *p
	b.Title = snippet(b.Title, hitTitleRunes)
	b.Abstract = snippet(b.Abstract, hitTextRunes)
	b.FirstClaim = snippet(b.FirstClaim, hitTextRunes)
	for _, s := range []*string{&b.StatusText, &b.Address, &b.Agency, &b.Priority, &b.PCTAppNo, &b.PubNo, &b.GrantNo, &b.MainIPC, &b.Source} {
		*s = snippet(*s, hitTitleRunes)
	}
	b.IPC = briefStrings(b.IPC)
	b.Inventors = briefStrings(b.Inventors)
	b.Applicants, b.Patentees = briefParties(b.Applicants), briefParties(b.Patentees)
	if p.Events != nil {
		b.Events = make([]patentbridge.LegalEvent, min(len(p.Events), hitListLen))
		for i := range b.Events {
			b.Events[i] = p.Events[i]
			b.Events[i].Text = snippet(p.Events[i].Text, hitTitleRunes)
		}
	}
	b.Extra = nil
	return &b
}

func briefStrings(vs []string) []string {
	if vs == nil {
		return nil
	}
	out := make([]string, min(len(vs), hitListLen))
	for i := range out {
		out[i] = snippet(vs[i], hitTitleRunes)
	}
	return out
}

func briefParties(ps []patentbridge.Party) []patentbridge.Party {
	if ps == nil {
		return nil
	}
	out := make([]patentbridge.Party, min(len(ps), hitListLen))
	for i := range out {
		out[i] = ps[i]
		out[i].Name = snippet(ps[i].Name, hitTitleRunes)
	}
	return out
}

// snippet returns s cut to n characters, with "…" where it was cut.
func snippet(s string, n int) string {
	if len(s) <= n { // n bytes hold at most n characters
		return s
	}
	i, count := 0, 0
	for i < len(s) && count < n {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		count++
	}
	if i >= len(s) {
		return s
	}
	return s[:i] + "…"
}
