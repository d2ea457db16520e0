package chart

import (
	"fmt"
	"html/template"
	"strings"
)

// Columns is a vertical column chart, for a figure over the years: one column
// per label (a year), with an optional target drawn as a dashed line.
type Columns struct {
	ID      string
	Title   string
	Unit    string
	Columns []Bar
	// Target, when above zero, is drawn across the plot with its label.
	Target      float64
	TargetLabel string
	// Format, as for Bars, writes the values in the labels; nil rounds to
	// two decimals.
	Format func(float64) string
}

// Geometry of a column chart, in SVG user units.
const (
	colWidth   = 400
	colHeight  = 220
	colPadTop  = 24 // room above the highest column for its value
	colPadBase = 26 // room below the base line for the labels
	colGap     = 12
)

// Desc is the chart's long description: every column's label and value.
func (c Columns) Desc() string {
	parts := make([]string, len(c.Columns))
	for i, b := range c.Columns {
		parts[i] = fmt.Sprintf("%s %s%s", b.Label, show(c.Format, b.Value), c.Unit)
	}
	d := fmt.Sprintf("%s：%s。", c.Title, strings.Join(parts, "；"))
	if c.Target > 0 {
		d += fmt.Sprintf("目标 %s%s。", show(c.Format, c.Target), c.Unit)
	}
	return d
}

// SVG renders the chart as an inline <svg> element.
func (c Columns) SVG() template.HTML {
	most := c.Target
	for _, b := range c.Columns {
		most = max(most, b.Value)
	}
	plot := colHeight - colPadTop - colPadBase
	base := colHeight - colPadBase
	var s strings.Builder
	fmt.Fprintf(&s, `<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-columns" id="%s" role="img" aria-labelledby="%s-title %s-desc" viewBox="0 0 %d %d" width="100%%" preserveAspectRatio="xMinYMin meet">`,
		esc(c.ID), esc(c.ID), esc(c.ID), colWidth, colHeight)
	fmt.Fprintf(&s, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, esc(c.ID), esc(c.Title), esc(c.ID), esc(c.Desc()))
	fmt.Fprintf(&s, `<line x1="0" y1="%d" x2="%d" y2="%d" stroke="#555" stroke-width="1"/>`, base, colWidth, base)
	if len(c.Columns) == 0 {
		fmt.Fprintf(&s, `<text x="0" y="%d" class="chart-empty">暂无数据</text>`, base/2)
	}
	n := max(1, len(c.Columns))
	slot := colWidth / n
	w := max(8, slot-colGap)
	for i, b := range c.Columns {
		h := 0
		if most > 0 {
			h = int(b.Value * float64(plot) / most)
		}
		if b.Value > 0 {
			h = max(h, 2)
		}
		x := i*slot + (slot-w)/2
		if b.Href != "" {
			fmt.Fprintf(&s, `<a href="%s">`, esc(b.Href))
		}
		fmt.Fprintf(&s, `<g class="chart-row" data-label="%s" data-value="%s">`, esc(b.Label), show(c.Format, b.Value))
		fmt.Fprintf(&s, `<rect x="%d" y="%d" width="%d" height="%d" class="chart-bar" fill="#2f6f9f"><title>%s：%s%s</title></rect>`,
			x, base-h, w, h, esc(b.Label), show(c.Format, b.Value), esc(c.Unit))
		fmt.Fprintf(&s, `<text x="%d" y="%d" text-anchor="middle" class="chart-value" font-size="14">%s</text>`, x+w/2, base-h-6, show(c.Format, b.Value))
		fmt.Fprintf(&s, `<text x="%d" y="%d" text-anchor="middle" class="chart-label" font-size="14">%s</text>`, x+w/2, base+18, esc(clipLabel(b.Label)))
		s.WriteString(`</g>`)
		if b.Href != "" {
			s.WriteString(`</a>`)
		}
	}
	if c.Target > 0 && most > 0 {
		y := base - int(c.Target*float64(plot)/most)
		fmt.Fprintf(&s, `<line x1="0" y1="%d" x2="%d" y2="%d" stroke="#b03a2e" stroke-width="2" stroke-dasharray="6 4" class="chart-target"/>`, y, colWidth, y)
		fmt.Fprintf(&s, `<text x="%d" y="%d" text-anchor="end" font-size="12" fill="#b03a2e">%s</text>`, colWidth-2, y-4, esc(c.TargetLabel))
	}
	s.WriteString(`</svg>`)
	return template.HTML(s.String()) // every text above went through esc
}
