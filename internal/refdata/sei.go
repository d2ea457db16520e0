package refdata

import (
	"bufio"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"patentbridge"
)

// seiFields names the 9 fields of 《战略性新兴产业分类（2018）》, the first component
// of an SEI code; the concordance data lists only the 40 industries.
var seiFields = map[string]string{
	"1": "新一代信息技术产业",
	"2": "高端装备制造产业",
	"3": "新材料产业",
	"4": "生物产业",
	"5": "新能源汽车产业",
	"6": "新能源产业",
	"7": "节能环保产业",
	"8": "数字创意产业",
	"9": "相关服务业",
}

// seiNameFixes corrects industry names the source data cuts short, with the
// names of 《战略性新兴产业分类（2018）》: the concordance's "5.4" reads
// "新能源汽车相关服". The data file stays as published; the fix is made here.
var seiNameFixes = map[string]string{
	"5.4": "新能源汽车相关服务",
}

// loadSEI parses the SEI industry rules and the IPC -> SEI concordance.
func (d *Data) loadSEI() error {
	ruleCode := map[int]string{}
	d.sei = map[string]SEIIndustry{}
	err := eachJSONL("sei.jsonl", func(b []byte) error {
		var r struct {
			ID   int    `json:"id"`
			Code string `json:"seiCode"`
			Name string `json:"seiName"`
		}
		if err := json.Unmarshal(b, &r); err != nil {
			return err
		}
		field, _, _ := strings.Cut(r.Code, ".")
		if seiFields[field] == "" {
			return fmt.Errorf("unknown SEI field in %q", r.Code)
		}
		ruleCode[r.ID] = r.Code
		if fixed, ok := seiNameFixes[r.Code]; ok {
			r.Name = fixed
		}
		if _, ok := d.sei[r.Code]; !ok {
			s := SEIIndustry{Code: r.Code, Name: r.Name, FieldCode: field, FieldName: seiFields[field]}
			d.sei[r.Code] = s
			d.seiList = append(d.seiList, s)
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.Slice(d.seiList, func(i, j int) bool { return seiLess(d.seiList[i].Code, d.seiList[j].Code) })
	d.ipcSEI = make(map[string][]string, 35000)
	return eachJSONL("ipc-sei.jsonl", func(b []byte) error {
		var r struct {
			IPC string `json:"ipcCode"`
			ID  int    `json:"seiId"`
		}
		if err := json.Unmarshal(b, &r); err != nil {
			return err
		}
		code, ok := ruleCode[r.ID]
		if !ok {
			return fmt.Errorf("unknown seiId %d", r.ID)
		}
		for _, c := range d.ipcSEI[r.IPC] {
			if c == code {
				return nil
			}
		}
		d.ipcSEI[r.IPC] = append(d.ipcSEI[r.IPC], code)
		return nil
	})
}

// eachJSONL calls fn for every non-empty line of an embedded JSON Lines file.
func eachJSONL(name string, fn func([]byte) error) error {
	f, err := files.Open("data/" + name)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		if err := fn(sc.Bytes()); err != nil {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
	return sc.Err()
}

// seiLess orders SEI codes numerically by component ("1.2" < "1.10").
func seiLess(a, b string) bool {
	af, ai, _ := strings.Cut(a, ".")
	bf, bi, _ := strings.Cut(b, ".")
	if af != bf {
		return len(af) < len(bf) || (len(af) == len(bf) && af < bf)
	}
	return len(ai) < len(bi) || (len(ai) == len(bi) && ai < bi)
}

// SEIIndustries returns the 40 strategic emerging industries in code order.
func (d *Data) SEIIndustries() []SEIIndustry {
	return append([]SEIIndustry(nil), d.seiList...)
}

// SEIFor returns the strategic emerging industries of a set of IPC codes: a code
// belongs to an industry when the concordance lists the code or any of its
// ancestors. The result is deduplicated and in code order; malformed codes are skipped.
func (d *Data) SEIFor(codes []string) []SEIIndustry {
	var chain []string
	for _, c := range codes {
		n, err := patentbridge.NormalizeIPC(c)
		if err != nil {
			continue
		}
		chain = append(chain, d.ancestry(n)...)
	}
	return d.seiForChain(chain)
}

// seiForChain collects the industries of the listed codes.
func (d *Data) seiForChain(chain []string) []SEIIndustry {
	var out []SEIIndustry
	seen := map[string]bool{}
	for _, c := range chain {
		for _, s := range d.ipcSEI[c] {
			if !seen[s] {
				seen[s] = true
				out = append(out, d.sei[s])
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return seiLess(out[i].Code, out[j].Code) })
	return out
}
