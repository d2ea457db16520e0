package refdata

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"patentbridge"
)

// ReadLabeledTitles reads a labelled-titles CSV in the layout of
// cn_titles_ipc_subclasses.csv: a header naming the columns title and
// ipc_subclasses (|-separated), optionally publication_number and fold. Errors
// name the line (in Chinese).
func ReadLabeledTitles(r io.Reader) ([]LabeledTitle, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("读取表头失败：%w", err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	for _, need := range []string{"title", "ipc_subclasses"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("缺少列 %s", need)
		}
	}
	foldCol, hasFold := col["fold"]
	idCol, hasID := col["publication_number"]
	var out []LabeledTitle
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("第%d行：%w", line, err)
		}
		get := func(i int) string {
			if i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		t := LabeledTitle{Title: get(col["title"])}
		if hasID {
			t.PublicationNumber = get(idCol)
		}
		if hasFold {
			if t.Fold, err = strconv.Atoi(get(foldCol)); err != nil {
				return nil, fmt.Errorf("第%d行：fold %q 不是整数", line, get(foldCol))
			}
		}
		for _, s := range strings.Split(get(col["ipc_subclasses"]), "|") {
			if s = strings.TrimSpace(s); s == "" {
				continue
			}
			n, err := patentbridge.NormalizeIPC(s)
			if err != nil || len(n) != 4 {
				return nil, fmt.Errorf("第%d行：ipc_subclasses 中的 %q 不是 IPC 小类（应如 H01M）", line, s)
			}
			t.Subclasses = append(t.Subclasses, n)
		}
		out = append(out, t)
	}
}

// ReadLabeledTitlesFile reads a labelled-titles CSV file; errors name the file.
func ReadLabeledTitlesFile(path string) ([]LabeledTitle, error) {
	f, err := patentbridge.OpenFile(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out, err := ReadLabeledTitles(f)
	if err != nil {
		return nil, fmt.Errorf("%s：%w", path, err)
	}
	return out, nil
}
