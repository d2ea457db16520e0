package refdata

import (
	"sort"
	"strings"

	"patentbridge"
)

// ipcEntry is one row of the IPC scheme.
type ipcEntry struct {
	title   string
	titleEn string
	level   string
	// dots is the level of a subgroup whose title was only dots (ipc_dots.go),
	// parents its ancestors below the main group by those dots, coarse to fine.
	dots    int
	parents []string
}

// retiredMainGroups lists, per subclass still found on older patents whose
// groups the 2026 scheme no longer lists (H01L, moved to H10 in 2023 and 2026),
// the main groups it had in IPC 2022.01: their codes resolve to the subclass,
// any other group number is not in the scheme. No source at hand gives their
// Chinese titles (refdata/data/NOTICE.md).
var retiredMainGroups = map[string]map[string]bool{
	"H01L": {"21": true, "23": true, "25": true, "27": true, "29": true, "31": true, "33": true, "35": true,
		"37": true, "39": true, "41": true, "43": true, "45": true, "47": true, "49": true, "51": true},
}

// loadIPC parses the Chinese scheme, its supplement and the English titles.
func (d *Data) loadIPC() error {
	d.ipc = make(map[string]ipcEntry, 80000)
	d.groups = make(map[string][]string, 700)
	add := func(rec []string) error {
		if len(rec) < 3 {
			return errShortRow
		}
		code, level, title := rec[0], rec[1], rec[2]
		if _, dup := d.ipc[code]; dup {
			return nil
		}
		d.ipc[code] = ipcEntry{title: title, level: level}
		if level == "main_group" || level == "subgroup" {
			d.groups[code[:4]] = append(d.groups[code[:4]], code)
		}
		return nil
	}
	if err := eachCSV("ipc_2026_zh.csv", add); err != nil {
		return err
	}
	if err := eachCSV("ipc_zh_supplement.csv", add); err != nil {
		return err
	}
	err := eachCSV("ipc_en_subclass.csv", func(rec []string) error {
		e, ok := d.ipc[rec[0]]
		if !ok {
			return nil
		}
		e.titleEn = rec[2]
		d.ipc[rec[0]] = e
		return nil
	})
	if err != nil {
		return err
	}
	d.fillDotTitles()
	for code, e := range d.ipc {
		if e.level == "subclass" {
			d.subs = append(d.subs, IPCNode{Code: code, Level: e.level, Title: e.title, TitleEn: e.titleEn})
		}
	}
	sort.Slice(d.subs, func(i, j int) bool { return d.subs[i].Code < d.subs[j].Code })
	return nil
}

// IPC resolves an IPC code at any level to its hierarchy with Chinese titles, its
// strategic emerging industries and its WIPO technology field. It returns EINVALID
// for a malformed code and ENOTFOUND when the code's subclass (or, for a group, its
// main group) is not in the scheme.
func (d *Data) IPC(code string) (IPCInfo, error) {
	n, err := patentbridge.NormalizeIPC(code)
	if err != nil {
		return IPCInfo{}, err
	}
	chain := d.ancestry(n)
	info := IPCInfo{Code: n, Level: ipcLevel(n)}
	for _, c := range chain {
		e, ok := d.ipc[c]
		if !ok {
			continue
		}
		info.Hierarchy = append(info.Hierarchy, IPCNode{Code: c, Level: e.level, Title: e.title, TitleEn: e.titleEn})
	}
	if e, ok := d.ipc[n]; ok {
		info.Title = e.title
	} else {
		if !d.resolvable(n) {
			return IPCInfo{}, patentbridge.Errorf(patentbridge.ENOTFOUND, "IPC分类表未收录分类号 %s", n)
		}
		info.Hierarchy = append(info.Hierarchy, IPCNode{Code: n, Level: info.Level})
	}
	if info.Title == "" {
		info.Title, info.TitleFrom = d.ancestorTitle(chain[:len(chain)-1])
	}
	info.SEI = d.seiForChain(chain)
	if f, ok := d.WIPOFieldFor(n); ok {
		info.WIPO = &f
	}
	return info, nil
}

// ancestorTitle returns the title of the finest titled code of chain and that code.
func (d *Data) ancestorTitle(chain []string) (title, code string) {
	for i := len(chain) - 1; i >= 0; i-- {
		if e, ok := d.ipc[chain[i]]; ok && e.title != "" {
			return e.title, chain[i]
		}
	}
	return "", ""
}

// resolvable reports whether a code absent from the scheme still has a known place in
// it: a group whose main group exists, or a former main group (or one of its
// subgroups) of a retired subclass.
func (d *Data) resolvable(n string) bool {
	i := strings.IndexByte(n, '/')
	if i < 0 {
		return false
	}
	if _, ok := d.ipc[n[:i]+"/00"]; ok {
		return true
	}
	_, ok := d.ipc[n[:4]]
	return ok && retiredMainGroups[n[:4]][n[4:i]]
}

// IPCTitle returns the Chinese title of a code, or of its nearest titled ancestor
// when the code itself is not in the scheme; "" when nothing matches.
func (d *Data) IPCTitle(code string) string {
	n, err := patentbridge.NormalizeIPC(code)
	if err != nil {
		return ""
	}
	chain := d.ancestry(n)
	for i := len(chain) - 1; i >= 0; i-- {
		if e, ok := d.ipc[chain[i]]; ok && e.title != "" {
			return e.title
		}
	}
	return ""
}

// Subclasses returns every IPC subclass with its Chinese and English titles, in code order.
func (d *Data) Subclasses() []IPCNode {
	return append([]IPCNode(nil), d.subs...)
}

// IPCGroups returns the main groups and subgroups of a subclass in scheme order.
func (d *Data) IPCGroups(subclass string) []IPCNode {
	codes := d.groups[subclass]
	out := make([]IPCNode, len(codes))
	for i, c := range codes {
		e := d.ipc[c]
		out[i] = IPCNode{Code: c, Level: e.level, Title: e.title}
	}
	return out
}
