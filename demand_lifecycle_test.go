package patentbridge_test

import (
	"strings"
	"testing"

	"patentbridge"
)

func TestDemandTransitions(t *testing.T) {
	acts := []patentbridge.DemandAct{patentbridge.DemandActEdit, patentbridge.DemandActSubmit, patentbridge.DemandActModerate,
		patentbridge.DemandActClose, patentbridge.DemandActFeedback}
	// allowed[state] lists the acts (in the order of acts) that state allows.
	allowed := map[string]string{
		patentbridge.DemandDraft:     "edit submit close feedback",
		patentbridge.DemandPending:   "moderate close feedback",
		patentbridge.DemandPublished: "close feedback",
		patentbridge.DemandRejected:  "edit submit close feedback",
		patentbridge.DemandClosed:    "",
	}
	for state, want := range allowed {
		var got []string
		for _, act := range acts {
			d := &patentbridge.Demand{ID: 7, Status: state}
			err := patentbridge.CheckDemandAct(d, act)
			if err == nil {
				got = append(got, string(act))
				continue
			}
			if patentbridge.ErrorCode(err) != patentbridge.ECONFLICT || !strings.Contains(patentbridge.ErrorMessage(err), "需求 7") {
				t.Errorf("%s %s: %v", state, act, err)
			}
		}
		if strings.Join(got, " ") != want {
			t.Errorf("%s allows %q, want %q", state, strings.Join(got, " "), want)
		}
	}
}

func TestMessageValidate(t *testing.T) {
	ok := patentbridge.Message{OrgID: 3, Kind: patentbridge.MessageDemandPublished, Title: " 需求已发布 ", Link: "/demands/1"}
	if err := ok.Validate(); err != nil || ok.Title != "需求已发布" {
		t.Fatalf("valid message: %v (%q)", err, ok.Title)
	}
	for name, m := range map[string]patentbridge.Message{
		"no recipient":  {Title: "t", Link: "/demands/1"},
		"no title":      {UserID: 1, Link: "/demands/1"},
		"external link": {UserID: 1, Title: "t", Link: "https://evil.example/"},
		"scheme-less":   {UserID: 1, Title: "t", Link: "//evil.example/"},
		"long title":    {UserID: 1, Title: strings.Repeat("长", patentbridge.MessageTitleMax+1), Link: "/"},
	} {
		if err := m.Validate(); patentbridge.ErrorCode(err) != patentbridge.EINVALID {
			t.Errorf("%s: %v", name, err)
		}
	}
}
