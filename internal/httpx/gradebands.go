package httpx

import (
	"fmt"
	"math"

	"patentbridge"
)

// GradeBandView explains one grade's cut-off in a run: its share of the run's
// graded sleeping patents, counted from the top score down, and its score range.
type GradeBandView struct {
	Grade string `json:"grade"`
	Count int    `json:"count"`
	// From and To are the band's shares of the graded patents as whole percents
	// counted from the best score: A from 0 to 10, B from 10 to 40 …
	From, To int
	MinScore float64 `json:"min_score"`
	MaxScore float64 `json:"max_score"`
	Text     string  `json:"text"` // e.g. "评分最高的 10%（31 件，评分 72.3–95.1）"
}

// NewGradeBandViews explains a run's grades from its bands (A first).
func NewGradeBandViews(bands []patentbridge.GradeBand) []GradeBandView {
	total := 0
	for _, b := range bands {
		total += b.Count
	}
	out := make([]GradeBandView, 0, len(bands))
	cum := 0
	for i, b := range bands {
		v := GradeBandView{Grade: b.Grade, Count: b.Count, MinScore: round2(b.MinScore), MaxScore: round2(b.MaxScore)}
		if total > 0 {
			v.From = int(math.Round(100 * float64(cum) / float64(total)))
			v.To = int(math.Round(100 * float64(cum+b.Count) / float64(total)))
		}
		cum += b.Count
		share := v.To - v.From
		switch {
		case i == 0:
			v.Text = fmt.Sprintf("评分最高的 %d%%", share)
		case i == len(bands)-1:
			v.Text = fmt.Sprintf("最后的 %d%%", share)
		default:
			v.Text = fmt.Sprintf("其后的 %d%%（第 %d%%–%d%%）", share, v.From, v.To)
		}
		if b.Count > 0 {
			v.Text += fmt.Sprintf("：%d 件，评分 %.1f–%.1f", b.Count, b.MinScore, b.MaxScore)
		} else {
			v.Text += "：本批次无"
		}
		out = append(out, v)
	}
	return out
}
