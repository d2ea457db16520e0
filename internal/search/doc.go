package search

import (
	"slices"
	"strings"
	"sync"

	"patentbridge"
	"patentbridge/internal/refdata"
)

// DocExtra is what the latest screening run adds to a patent's doc.
type DocExtra struct {
	Grade      string
	Industries []string // e.g. "5+1：电子信息", "战略性新兴产业：新能源汽车产业"
}

// ExtraFromTags turns a patent's screening tags into doc fields: the grade, and the
// industries of every classification system, SEI codes reduced to their field's name.
func ExtraFromTags(t patentbridge.PatentTags, ref *refdata.Data) DocExtra {
	c := t.Classification
	sei := c.SEI
	c.SEI = nil
	ind := c.IndustryLabels()
	names := builderFor(ref).seiFields
	for _, code := range sei {
		field, _, _ := strings.Cut(code, ".")
		label := "战略性新兴产业：" + field
		if n := names[field]; n != "" {
			label = "战略性新兴产业：" + n
		}
		if !slices.Contains(ind, label) {
			ind = append(ind, label)
		}
	}
	return DocExtra{Grade: t.Grade, Industries: ind}
}

// DocFromPatent makes a patent's doc. IPC keyword values are each code, its main
// group ("G06F16/00") and its subclass ("G06F"), so an IPC prefix filter ("G06F16/",
// "H01M") is a prefix query on them; ipc_titles holds the Chinese titles of the same
// codes, deduplicated, so a query in words finds patents by their classification.
func DocFromPatent(p *patentbridge.Patent, ref *refdata.Data, extra DocExtra) Doc {
	b := builderFor(ref)
	d := Doc{
		ID: p.AppNo, Title: p.Title, Abstract: p.Abstract, Claim: p.FirstClaim,
		Kind: string(p.Kind), Status: string(p.Status),
		Grade: extra.Grade, Industries: extra.Industries,
	}
	if len(p.RegionCode) >= 4 {
		d.City = p.RegionCode[:4]
	}
	if !p.GrantDate.IsZero() {
		d.GrantYear = float64(p.GrantDate.Year())
		g := p.GrantDate
		d.GrantDay = float64(g.Year()*10000 + int(g.Month())*100 + g.Day())
	}
	var owners []string
	for _, o := range p.Owners() {
		owners = append(owners, o.Name)
		if o.Type != "" && !slices.Contains(d.OwnerTypes, string(o.Type)) {
			d.OwnerTypes = append(d.OwnerTypes, string(o.Type))
		}
	}
	d.Owners = strings.Join(owners, " ")
	var titles []string
	for _, code := range p.IPC {
		for _, c := range ipcKeys(code) {
			if slices.Contains(d.IPC, c) {
				continue
			}
			d.IPC = append(d.IPC, c)
			if t := b.title(c); t != "" && !slices.Contains(titles, t) {
				titles = append(titles, t)
			}
		}
	}
	d.IPCTitles = strings.Join(titles, "；")
	return d
}

// ipcKeys returns a normalized code, its main group and its subclass.
func ipcKeys(code string) []string {
	out := []string{code}
	if i := strings.IndexByte(code, '/'); i > 0 && code[i+1:] != "00" {
		out = append(out, code[:i]+"/00")
	}
	if len(code) > 4 {
		out = append(out, code[:4])
	}
	return out
}

// docBuilder caches what doc building looks up in the reference data.
type docBuilder struct {
	ref       *refdata.Data
	titles    sync.Map // IPC code -> Chinese title
	seiFields map[string]string
}

var builders sync.Map // *refdata.Data -> *docBuilder

func builderFor(ref *refdata.Data) *docBuilder {
	if ref == nil {
		ref = refdata.Default()
	}
	if b, ok := builders.Load(ref); ok {
		return b.(*docBuilder)
	}
	b := &docBuilder{ref: ref, seiFields: map[string]string{}}
	for _, s := range ref.SEIIndustries() {
		b.seiFields[s.FieldCode] = s.FieldName
	}
	got, _ := builders.LoadOrStore(ref, b)
	return got.(*docBuilder)
}

func (b *docBuilder) title(code string) string {
	if t, ok := b.titles.Load(code); ok {
		return t.(string)
	}
	// A subgroup the scheme names only by its level shows its main group's title
	// behind the level mark ("·· …", refdata): indexed without the mark, the two
	// are one title.
	t := strings.TrimLeft(b.ref.IPCTitle(code), "· ")
	b.titles.Store(code, t)
	return t
}
