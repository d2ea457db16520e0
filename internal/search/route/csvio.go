package route

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"patentbridge/internal/refdata"
)

// labelledRow is one row of a labelled-titles CSV.
type labelledRow struct {
	id string
	Example
}

// ReadExamples reads a labelled-titles CSV (header publication_number,title,
// ipc_subclasses,fold; subclasses |-separated), keeping only the given folds when
// any are named.
func ReadExamples(r io.Reader, folds ...int) ([]Example, error) {
	rows, err := readRows(r, folds)
	if err != nil {
		return nil, err
	}
	out := make([]Example, len(rows))
	for i, row := range rows {
		out[i] = row.Example
	}
	return out, nil
}

// readRows parses the CSV, finding its columns by header name.
func readRows(r io.Reader, folds []int) ([]labelledRow, error) {
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
	if len(folds) > 0 && !hasFold {
		return nil, fmt.Errorf("缺少列 fold，无法按折筛选")
	}
	idCol, hasID := col["publication_number"]
	var out []labelledRow
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
		if len(folds) > 0 {
			f, err := strconv.Atoi(get(foldCol))
			if err != nil {
				return nil, fmt.Errorf("第%d行：fold 不是整数", line)
			}
			if !slices.Contains(folds, f) {
				continue
			}
		}
		row := labelledRow{Example: Example{Title: get(col["title"])}}
		if hasID {
			row.id = get(idCol)
		}
		for _, s := range strings.Split(get(col["ipc_subclasses"]), "|") {
			if s = strings.TrimSpace(s); s != "" {
				row.Subclasses = append(row.Subclasses, s)
			}
		}
		out = append(out, row)
	}
}

// readRowsFile opens and parses a labelled-titles CSV file.
func readRowsFile(path string) ([]labelledRow, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := readRows(f, nil)
	if err != nil {
		return nil, fmt.Errorf("%s：%w", path, err)
	}
	return rows, nil
}

// EvalK is how many subclasses the evaluation predicts per title.
const EvalK = 5

// RunEval does the work of `patentbridge eval ipc`: it trains a model on trainPath
// (the engine Default uses, over that file's titles instead of the embedded ones),
// predicts for every title of testPath, writes `publication_number,predicted` to
// predictionsPath when it is not empty, scores the default Bleve baseline on the same
// pair, and prints the report to out (as JSON when asJSON).
func RunEval(ctx context.Context, trainPath, testPath, predictionsPath string, out io.Writer, asJSON bool) (Report, error) {
	train, err := readRowsFile(trainPath)
	if err != nil {
		return Report{}, err
	}
	test, err := readRowsFile(testPath)
	if err != nil {
		return Report{}, err
	}
	ex, tex := examples(train), examples(test)
	m := Train(ex, refdata.Default())
	if predictionsPath != "" {
		if err := writePredictions(m, test, predictionsPath); err != nil {
			return Report{}, err
		}
	}
	r := Report{Train: len(ex), K: EvalK, Product: Evaluate(m, tex, EvalK)}
	r.Test = r.Product.N
	base, err := newBleveBaseline(ex)
	if err != nil {
		return Report{}, err
	}
	defer base.Close()
	r.Baseline, err = evaluateRanked(tex, EvalK, func(text string) ([]string, []float64, error) {
		return base.ranked(ctx, text)
	})
	if err != nil {
		return Report{}, err
	}
	if asJSON {
		return r, r.WriteJSON(out)
	}
	return r, r.WriteText(out)
}

// examples returns the labelled examples of some rows.
func examples(rows []labelledRow) []Example {
	out := make([]Example, len(rows))
	for i, r := range rows {
		out[i] = r.Example
	}
	return out
}

// writePredictions writes the ranked subclasses of every test title as CSV.
func writePredictions(m *Model, test []labelledRow, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	_ = w.Write([]string{"publication_number", "predicted"})
	for _, r := range test {
		preds := m.Predict(r.Title, EvalK)
		codes := make([]string, len(preds))
		for i, p := range preds {
			codes[i] = p.Subclass
		}
		_ = w.Write([]string{r.id, strings.Join(codes, "|")})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
