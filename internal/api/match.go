package api

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// Match and classify limits.
const (
	defaultMatchLimit = 10
	maxMatchLimit     = 50
	maxMatchText      = 5000 // characters
)

// matchInput is the body of POST /api/v1/match; All (or ?all=1) matches every
// patent, not only the granted patents in force of institutions and SOEs.
type matchInput struct {
	Text       string `json:"text"`
	Limit      int    `json:"limit"`
	RegionCode string `json:"region_code"`
	All        bool   `json:"all"`
}

// classifyInput is the body of POST /api/v1/classify.
type classifyInput struct {
	Text  string `json:"text"`
	Limit int    `json:"limit"`
}

// classifyResult is the body POST /api/v1/classify answers.
type classifyResult struct {
	IPCPredictions []patentbridge.IPCPrediction `json:"ipc_predictions"`
	Industries     []string                     `json:"industries"`
}

// checkText trims a need's text and limit. Returns EINVALID.
func checkText(text string, limit, def int) (string, int, error) {
	text = strings.TrimSpace(text)
	switch {
	case text == "":
		return "", 0, patentbridge.FieldErrorf("text", "请填写需求或技术描述（text）")
	case utf8.RuneCountInString(text) > maxMatchText:
		return "", 0, patentbridge.FieldErrorf("text", "描述不能超过%d个字", maxMatchText)
	case limit < 0 || limit > maxMatchLimit:
		return "", 0, patentbridge.FieldErrorf("limit", "limit 应为 1 到 %d", maxMatchLimit)
	case limit == 0:
		limit = def
	}
	return text, limit, nil
}

// match serves POST /api/v1/match {"text","limit","region_code","all"}: patents
// ranked for the need with reasons, legal status, owners, sleeping grade and
// supply-list mark, the IPC subclasses predicted for the text and the industries.
func (s *Server) match(w http.ResponseWriter, r *http.Request) {
	var b matchInput
	if err := decodeBody(w, r, &b); err != nil {
		s.error(w, r, err)
		return
	}
	text, limit, err := checkText(b.Text, b.Limit, defaultMatchLimit)
	if err != nil {
		s.error(w, r, err)
		return
	}
	all := b.All || r.URL.Query().Get("all") == "1"
	res, err := s.Search.Match(r.Context(), patentbridge.MatchRequest{Text: text, Limit: limit,
		RegionCode: strings.TrimSpace(b.RegionCode), All: all})
	if err != nil {
		s.error(w, r, err)
		return
	}
	if res.Items == nil {
		res.Items = []patentbridge.Match{}
	}
	if res.IPCPredictions == nil {
		res.IPCPredictions = []patentbridge.IPCPrediction{}
	}
	if res.Industries == nil {
		res.Industries = []string{}
	}
	httpx.JSON(w, http.StatusOK, res)
}

// classify serves POST /api/v1/classify {"text"}: IPC subclasses ranked for the
// text with Chinese titles, and the industries they imply.
func (s *Server) classify(w http.ResponseWriter, r *http.Request) {
	var b classifyInput
	if err := decodeBody(w, r, &b); err != nil {
		s.error(w, r, err)
		return
	}
	text, limit, err := checkText(b.Text, b.Limit, 5)
	if err != nil {
		s.error(w, r, err)
		return
	}
	preds, inds, err := s.Search.Classify(r.Context(), text, limit)
	if err != nil {
		s.error(w, r, err)
		return
	}
	out := classifyResult{IPCPredictions: preds, Industries: inds}
	if out.IPCPredictions == nil {
		out.IPCPredictions = []patentbridge.IPCPrediction{}
	}
	if out.Industries == nil {
		out.Industries = []string{}
	}
	httpx.JSON(w, http.StatusOK, out)
}
