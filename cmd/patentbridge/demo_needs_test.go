package main

import (
	"context"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/config"
)

// needMatch is the part of POST /api/v1/match an acceptance check reads.
type needMatch struct {
	Items []struct {
		AppNo string `json:"app_no"`
		Title string `json:"title"`
	} `json:"items"`
	IPCPredictions []patentbridge.IPCPrediction `json:"ipc_predictions"`
}

// A need written in an enterprise's own words lands on its field on the demo
// (3,000 patents), with the router as served right after start and again once
// it has learned from the stored patents and been swapped in: the subject
// (绿茶, 杀青, 揉捻 → A23F; 耕整地, 播种, 收获 → A01B–A01D) decides, not 自动化 or 小型.
func TestDemoNeedsInAnEnterprisesOwnWords(t *testing.T) {
	m := MustOpenMain(t, "sqlite:"+t.TempDir()+"/demo.db", 3000, func(c *config.Config) { c.RouterCheck = 0 })
	MustIndexDocs(t, m, 3000)
	t.Run("shipped", func(t *testing.T) { checkDemoNeeds(t, m) })
	trained, err := m.search.router.Check(context.Background())
	if err != nil || !trained {
		t.Fatalf("router check: trained %v, %v", trained, err)
	}
	// 2,727 of the demo's patents carry an IPC subclass to learn from.
	if st := m.search.router.Status(); st.BuiltAt.IsZero() || st.Patents < 2500 {
		t.Fatalf("router status after training: %+v, want a learned model of the demo's patents", st)
	}
	t.Run("learned", func(t *testing.T) { checkDemoNeeds(t, m) })
}

// checkDemoNeeds runs the tea and farm-machinery needs against m's matcher.
func checkDemoNeeds(t *testing.T, m *Main) {
	match := func(text string) needMatch {
		var r needMatch
		if code := MustPostJSON(t, m.URL()+"/api/v1/match", map[string]any{"text": text, "limit": 5, "all": true}, &r); code != 200 {
			t.Fatalf("match %q: HTTP %d", text, code)
		}
		return r
	}
	for _, text := range []string{"我们是一家川茶加工企业，希望找到名优绿茶自动化杀青和揉捻的专利技术", "名优绿茶自动化杀青和揉捻"} {
		r := match(text)
		if len(r.IPCPredictions) == 0 || r.IPCPredictions[0].Subclass != "A23F" {
			t.Errorf("%s: predictions %v, want A23F first", text, r.IPCPredictions)
		}
		tea := 0
		for _, it := range r.Items {
			if strings.Contains(it.Title, "茶") {
				tea++
			}
		}
		if tea < 3 {
			t.Errorf("%s: %d tea patents in the top five, want at least 3: %v", text, tea, r.Items)
		}
	}
	farm := match("丘陵山区小型农业机械\n丘陵山区地块小、坡度大，大型农机无法作业，希望引进适合丘陵山区的小型耕整地、播种和收获机械技术")
	machines := 0
	for _, it := range farm.Items {
		p, err := m.DB.FindPatent(context.Background(), it.AppNo)
		if err != nil {
			t.Fatal(err)
		}
		for _, code := range p.IPC {
			if strings.HasPrefix(code, "A01B") || strings.HasPrefix(code, "A01C") || strings.HasPrefix(code, "A01D") {
				machines++
				break
			}
		}
	}
	if machines < 4 {
		t.Errorf("farm-machinery need: %d of the top five are A01B/A01C/A01D, want at least 4: %v", machines, farm.Items)
	}
}
