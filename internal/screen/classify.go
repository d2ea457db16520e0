package screen

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/csv"
	"io"
	"strings"

	"patentbridge"
	"patentbridge/internal/refdata"
)

//go:embed data/sichuan_industries.csv
var sichuanCSV []byte

// Systems of the Sichuan mapping file, as used in patentbridge.SleepingFilter.System;
// SystemAgricultural rows only decide the 涉农专利 flag.
const (
	System51           = patentbridge.System51
	SystemAdvantage6   = patentbridge.SystemAdvantage6
	SystemAgri103      = patentbridge.SystemAgri103
	SystemAgricultural = patentbridge.SystemAgricultural
)

// industryRule is one row of the mapping: an industry matches a patent when any of
// its IPC prefixes, SEI codes or title keywords does.
type industryRule struct {
	system, industry string
	ipc              []string
	sei              []string // "5" matches every 5.x; "5.2" matches itself
	keywords         []string
	exclude          []string // title phrases that are not the industry (茶几 is not tea)
}

// Classifier places patents in WIPO fields, SEI industries and Sichuan's systems.
type Classifier struct {
	Version string // of the Sichuan mapping, e.g. "sichuan-2026.1"
	ref     *refdata.Data
	rules   []industryRule
	kw      *keywordIndex
	byIPC   map[string][]ipcRef // IPC prefixes by their first 3 or 4 characters
}

// ipcRef is one IPC prefix of one rule.
type ipcRef struct {
	rule   int
	prefix string
}

// DefaultClassifier returns a classifier over the embedded Sichuan mapping.
func DefaultClassifier(ref *refdata.Data) *Classifier {
	c, err := NewClassifier(ref, bytes.NewReader(sichuanCSV))
	if err != nil {
		// The mapping is embedded in the binary: failing to parse it is a build defect.
		panic("screen: embedded Sichuan mapping is invalid: " + err.Error())
	}
	return c
}

// NewClassifier reads a Sichuan mapping (the CSV format of data/README.md).
// Returns EINVALID naming the line.
func NewClassifier(ref *refdata.Data, r io.Reader) (*Classifier, error) {
	br := bufio.NewReader(r)
	first, _ := br.ReadString('\n')
	version, ok := strings.CutPrefix(strings.TrimSpace(first), "# version:")
	if !ok || strings.TrimSpace(version) == "" {
		return nil, patentbridge.Errorf(patentbridge.EINVALID, "产业映射文件第1行应为 \"# version: 版本号\"")
	}
	cr := csv.NewReader(br)
	cr.Comment = '#'
	cr.FieldsPerRecord = 6
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, patentbridge.Errorf(patentbridge.EINVALID, "产业映射文件格式不正确：%v", err)
	}
	c := &Classifier{Version: strings.TrimSpace(version), ref: ref}
	for i, rec := range recs {
		if i == 0 {
			continue // header
		}
		ru := industryRule{system: rec[0], industry: strings.TrimSpace(rec[1]), sei: split(rec[3]),
			keywords: split(rec[4]), exclude: split(rec[5])}
		switch ru.system {
		case System51, SystemAdvantage6, SystemAgri103, SystemAgricultural:
		default:
			return nil, patentbridge.Errorf(patentbridge.EINVALID, "产业映射文件第%d行：未知的体系 %q", i+2, ru.system)
		}
		for _, p := range split(rec[2]) {
			n, err := normalizePrefix(p)
			if err != nil || ru.industry == "" {
				return nil, patentbridge.Errorf(patentbridge.EINVALID, "产业映射文件第%d行：IPC前缀 %q 或产业名称不正确", i+2, p)
			}
			ru.ipc = append(ru.ipc, n)
		}
		c.rules = append(c.rules, ru)
	}
	c.kw = newKeywordIndex(c.rules)
	c.byIPC = map[string][]ipcRef{}
	for i, ru := range c.rules {
		for _, p := range ru.ipc {
			k := p[:min(len(p), 4)]
			c.byIPC[k] = append(c.byIPC[k], ipcRef{i, p})
		}
	}
	return c, nil
}

// normalizePrefix validates an IPC prefix: a code at any level ("G06", "H01M",
// "A23L3/36") or a main group's prefix ending in "/" ("A23F3/", all its groups).
func normalizePrefix(p string) (string, error) {
	if g, ok := strings.CutSuffix(p, "/"); ok {
		n, err := patentbridge.NormalizeIPC(g + "/00")
		return strings.TrimSuffix(n, "00"), err
	}
	return patentbridge.NormalizeIPC(p)
}

func split(s string) []string { return patentbridge.SplitList(s) }

// Classify returns a patent's classification. Every list is in a fixed order (WIPO
// field number, SEI code, mapping file order), so equal inputs give equal output.
func (c *Classifier) Classify(p *patentbridge.Patent) patentbridge.Classification {
	var out patentbridge.Classification
	codes := make([]string, 0, len(p.IPC))
	for _, x := range p.IPC {
		if n := normIPC(x); n != "" {
			codes = append(codes, n)
		}
	}
	var fields [36]bool
	for _, x := range codes {
		if f, ok := c.ref.WIPOFieldFor(x); ok && f.Nr < len(fields) {
			fields[f.Nr] = true
		}
	}
	for nr, ok := range fields {
		if ok {
			out.WIPOFields = append(out.WIPOFields, nr)
		}
	}
	for _, s := range c.ref.SEIFor(codes) {
		out.SEI = append(out.SEI, s.Code)
	}
	hits := c.kw.match(p.Title)
	for _, x := range codes {
		for _, k := range []string{x[:3], x[:min(len(x), 4)]} {
			for _, r := range c.byIPC[k] {
				if !hits[r.rule] && (len(r.prefix) <= len(k) || strings.HasPrefix(x, r.prefix)) {
					hits[r.rule] = true
				}
			}
			if len(x) == 3 {
				break
			}
		}
	}
	for i, ru := range c.rules {
		if !hits[i] && !ru.matchSEI(out.SEI) {
			continue
		}
		switch ru.system {
		case System51:
			out.Sichuan51 = appendNew(out.Sichuan51, ru.industry)
		case SystemAdvantage6:
			out.Advantage6 = appendNew(out.Advantage6, ru.industry)
		case SystemAgri103:
			out.Agri103 = appendNew(out.Agri103, ru.industry)
			out.Agricultural = true
		case SystemAgricultural:
			out.Agricultural = true
		}
	}
	return out
}

// matchSEI reports whether an SEI industry of the patent is one of the rule's.
func (ru *industryRule) matchSEI(sei []string) bool {
	for _, s := range sei {
		for _, r := range ru.sei {
			if s == r || strings.HasPrefix(s, r+".") {
				return true
			}
		}
	}
	return false
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
