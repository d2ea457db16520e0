package route

import (
	"context"
	"encoding/csv"
	"io"
	"os"
	"strings"

	"patentbridge/internal/refdata"
)

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
	ex, tex := Examples(train), Examples(test)
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

// Examples returns the training examples of labelled titles.
func Examples(rows []refdata.LabeledTitle) []Example {
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
