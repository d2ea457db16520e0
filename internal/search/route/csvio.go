package route

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"patentbridge/internal/refdata"
)

// ReadExamples reads a labelled-titles CSV (refdata.ReadLabeledTitles), keeping
// only the given folds when any are named.
func ReadExamples(r io.Reader, folds ...int) ([]Example, error) {
	rows, err := refdata.ReadLabeledTitles(r)
	if err != nil {
		return nil, err
	}
	var out []Example
	for _, row := range rows {
		if len(folds) == 0 || slices.Contains(folds, row.Fold) {
			out = append(out, Example{Title: row.Title, Subclasses: row.Subclasses})
		}
	}
	if len(folds) > 0 && len(rows) > 0 && len(out) == 0 {
		return nil, fmt.Errorf("没有第 %v 折的行（缺少 fold 列？）", folds)
	}
	return out, nil
}

// EvalK is how many subclasses the evaluation predicts per title.
const EvalK = 5

// RunEval does the work of `patentbridge eval ipc`: it trains a model on trainPath
// (the engine Default uses, over that file's titles instead of the embedded ones),
// predicts for every title of testPath, writes `publication_number,predicted` to
// predictionsPath when it is not empty, scores the default Bleve baseline on the same
// pair, and prints the report to out (as JSON when asJSON).
func RunEval(ctx context.Context, trainPath, testPath, predictionsPath string, out io.Writer, asJSON bool) (Report, error) {
	train, err := refdata.ReadLabeledTitlesFile(trainPath)
	if err != nil {
		return Report{}, err
	}
	test, err := refdata.ReadLabeledTitlesFile(testPath)
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
func examples(rows []refdata.LabeledTitle) []Example {
	out := make([]Example, len(rows))
	for i, r := range rows {
		out[i] = Example{Title: r.Title, Subclasses: r.Subclasses}
	}
	return out
}

// writePredictions writes the ranked subclasses of every test title as CSV.
func writePredictions(m *Model, test []refdata.LabeledTitle, path string) error {
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
		_ = w.Write([]string{r.PublicationNumber, strings.Join(codes, "|")})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
