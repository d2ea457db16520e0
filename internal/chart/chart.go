// Package chart draws the small server-rendered SVG charts of the pages:
// horizontal bars with their labels and counts, an accessible <title> and
// <desc>, no script and no external resource, so that they print, work on
// intranets and read out in screen readers.
package chart

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Bar is one bar: its label, its count and, optionally, the page that lists
// what it counts.
type Bar struct {
	Label string
	Value float64
	Href  string
}

// Bars is a horizontal bar chart.
type Bars struct {
	ID    string // the element id, also the prefix of the title's and desc's ids
	Title string // what the chart shows, e.g. "沉睡专利按等级分布"
	Unit  string // the unit of the counts, e.g. "件"
	Bars  []Bar
	// Overlapping says one item may count in several bars (a patent in two
	// industries): the description then gives no total.
	Overlapping bool
	// Format, when set, writes the values in the labels, titles and
	// description (an exact amount); nil rounds to two decimals. The bars'
	// lengths are drawn from the values either way.
	Format func(float64) string
}

// Geometry of a chart, in SVG user units (the chart scales to its container).
const (
	width     = 400 // at 14-unit text, readable from a 390 px phone to a 560 px box
	rowHeight = 26
	barHeight = 18
	padTop    = 6
	labelGap  = 8
	charWidth = 14 // a CJK character at font-size 14
	minLabel  = 48
	maxLabel  = 160
	valueRoom = 56 // room right of the longest bar for its count
)

// Desc is the chart's long description: every bar's label and count, the
// text a screen reader reads and what a test can check.
func (c Bars) Desc() string {
	parts := make([]string, len(c.Bars))
	total := 0.0
	for i, b := range c.Bars {
		parts[i] = fmt.Sprintf("%s %s%s", b.Label, show(c.Format, b.Value), c.Unit)
		total += b.Value
	}
	if c.Overlapping {
		return fmt.Sprintf("%s（一项可计入多类）：%s。", c.Title, strings.Join(parts, "；"))
	}
	return fmt.Sprintf("%s，合计 %s%s：%s。", c.Title, show(c.Format, total), c.Unit, strings.Join(parts, "；"))
}

// SVG renders the chart as an inline <svg> element.
func (c Bars) SVG() template.HTML {
	label := minLabel
	for _, b := range c.Bars {
		label = max(label, min(maxLabel, textWidth(b.Label)+labelGap))
	}
	most := 0.0
	for _, b := range c.Bars {
		most = max(most, b.Value)
	}
	plot := width - label - valueRoom
	height := padTop*2 + rowHeight*max(1, len(c.Bars))
	var s strings.Builder
	fmt.Fprintf(&s, `<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="%s" role="img" aria-labelledby="%s-title %s-desc" viewBox="0 0 %d %d" width="100%%" preserveAspectRatio="xMinYMin meet">`,
		esc(c.ID), esc(c.ID), esc(c.ID), width, height)
	fmt.Fprintf(&s, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, esc(c.ID), esc(c.Title), esc(c.ID), esc(c.Desc()))
	if len(c.Bars) == 0 {
		fmt.Fprintf(&s, `<text x="0" y="%d" class="chart-empty">暂无数据</text>`, padTop+rowHeight/2+5)
	}
	for i, b := range c.Bars {
		y := padTop + i*rowHeight
		w := 0
		if most > 0 {
			w = int(b.Value * float64(plot) / most)
		}
		if b.Value > 0 {
			w = max(w, 2) // a count above zero shows, however small
		}
		if b.Href != "" {
			fmt.Fprintf(&s, `<a href="%s">`, esc(b.Href))
		}
		fmt.Fprintf(&s, `<g class="chart-row" data-label="%s" data-value="%s">`, esc(b.Label), show(c.Format, b.Value))
		fmt.Fprintf(&s, `<text x="%d" y="%d" text-anchor="end" class="chart-label" font-size="14">%s</text>`,
			label-labelGap, y+barHeight/2+5, esc(clipLabel(b.Label)))
		fmt.Fprintf(&s, `<rect x="%d" y="%d" width="%d" height="%d" class="chart-bar" fill="#2f6f9f"><title>%s：%s%s</title></rect>`,
			label, y, w, barHeight, esc(b.Label), show(c.Format, b.Value), esc(c.Unit))
		fmt.Fprintf(&s, `<text x="%d" y="%d" class="chart-value" font-size="14">%s</text>`, label+w+6, y+barHeight/2+5, show(c.Format, b.Value))
		s.WriteString(`</g>`)
		if b.Href != "" {
			s.WriteString(`</a>`)
		}
	}
	s.WriteString(`</svg>`)
	return template.HTML(s.String()) // every text above went through esc
}

// num renders a value: a whole number without decimals, else at most two.
func num(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

// show renders a value with format, or num when format is nil.
func show(format func(float64) string, v float64) string {
	if format == nil {
		return num(v)
	}
	return format(v)
}

// textWidth estimates a label's width: CJK characters are square, others half.
func textWidth(s string) int {
	w := 0
	for _, r := range s {
		if r < 0x2E80 {
			w += charWidth / 2
		} else {
			w += charWidth
		}
	}
	return w
}

// clipLabel shortens a label that would not fit the label column (the bar's
// own <title> keeps the whole label).
func clipLabel(s string) string {
	if textWidth(s)+labelGap <= maxLabel {
		return s
	}
	rs := []rune(s)
	for len(rs) > 0 && textWidth(string(rs))+labelGap+charWidth > maxLabel {
		rs = rs[:len(rs)-1]
	}
	return string(rs) + "…"
}

// esc escapes text for SVG content and attribute values.
func esc(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return template.HTMLEscapeString(s)
}
