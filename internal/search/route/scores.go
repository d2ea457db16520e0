package route

import "patentbridge"

// scoresOf returns the scores of a prediction list, in order.
func scoresOf(preds []patentbridge.IPCPrediction) []float64 {
	out := make([]float64, len(preds))
	for i, p := range preds {
		out[i] = p.Score
	}
	return out
}
