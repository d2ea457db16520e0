package chart

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

// A chart is well-formed SVG with a title, a description listing every count,
// one bar per entry with its count, and escaped labels.
func TestBarsSVG(t *testing.T) {
	c := Bars{ID: "grades", Title: "沉睡专利按等级分布", Unit: "件", Bars: []Bar{
		{Label: "A级", Value: 12, Href: "/sleeping?grade=A&x=1"},
		{Label: "<B级>", Value: 0},
		{Label: "四川省某某某某某某某某某某某某研究院附属医院", Value: 3},
	}}
	svg := string(c.SVG())
	dec := xml.NewDecoder(strings.NewReader(svg))
	var rects, values []string
	var title, desc string
	var inTitle, inDesc, inValue bool
	depth := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed SVG: %v\n%s", err, svg)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			depth++
			inTitle = e.Name.Local == "title" && depth == 2
			inDesc = e.Name.Local == "desc"
			inValue = false
			for _, a := range e.Attr {
				if a.Name.Local == "class" && a.Value == "chart-value" {
					inValue = true
				}
			}
			if e.Name.Local == "rect" {
				rects = append(rects, e.Name.Local)
			}
		case xml.EndElement:
			depth--
			inTitle, inDesc, inValue = false, false, false
		case xml.CharData:
			switch {
			case inTitle:
				title = string(e)
			case inDesc:
				desc = string(e)
			case inValue:
				values = append(values, string(e))
			}
		}
	}
	if title != c.Title {
		t.Errorf("title = %q", title)
	}
	if want := "沉睡专利按等级分布，合计 15件：A级 12件；<B级> 0件；四川省某某某某某某某某某某某某研究院附属医院 3件。"; desc != want {
		t.Errorf("desc = %q, want %q", desc, want)
	}
	if len(rects) != 3 || strings.Join(values, ",") != "12,0,3" {
		t.Errorf("bars = %d, values = %v", len(rects), values)
	}
	if !strings.Contains(svg, `href="/sleeping?grade=A&amp;x=1"`) || strings.Contains(svg, "<B级>") {
		t.Errorf("links or labels are not escaped:\n%s", svg)
	}
	if strings.Contains(svg, "<script") || strings.Contains(svg, "http://www.w3.org/1999/xlink") {
		t.Error("the chart needs nothing but SVG")
	}
}

func TestOverlappingChartGivesNoTotal(t *testing.T) {
	c := Bars{ID: "ind", Title: "按产业", Unit: "件", Overlapping: true, Bars: []Bar{{Label: "电子信息", Value: 2}, {Label: "数字经济", Value: 2}}}
	if d := c.Desc(); strings.Contains(d, "合计") || !strings.Contains(d, "电子信息 2件") {
		t.Errorf("desc = %q", d)
	}
}

func TestEmptyChartSaysSo(t *testing.T) {
	svg := string(Bars{ID: "x", Title: "空", Unit: "件"}.SVG())
	if !strings.Contains(svg, "暂无数据") {
		t.Errorf("empty chart = %s", svg)
	}
}

// A column chart of a figure over the years shows each year's value, in its
// description too, and the target as a line.
func TestColumnsShowEachYearAndTheTarget(t *testing.T) {
	c := Columns{ID: "trend", Title: "中小企业受让专利", Unit: "件", Target: 12, TargetLabel: "目标 12",
		Columns: []Bar{{Label: "2025", Value: 10}, {Label: "2026", Value: 12.5, Href: "/kpi/records?year=2026"}}}
	svg := string(c.SVG())
	for _, want := range []string{`data-label="2026" data-value="12.5"`, `href="/kpi/records?year=2026"`, `class="chart-target"`, "目标 12"} {
		if !strings.Contains(svg, want) {
			t.Errorf("svg lacks %q", want)
		}
	}
	if d := c.Desc(); d != "中小企业受让专利：2025 10件；2026 12.5件。目标 12件。" {
		t.Errorf("desc %q", d)
	}
}
