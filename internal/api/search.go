package api

import (
	"net/http"
	"path/filepath"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// searchItem is one hit of GET /api/v1/patents/search: the patent, its score and
// its highlighted fragments (HTML-escaped, matches in <mark>).
type searchItem struct {
	httpx.PatentView
	Score     float64             `json:"score"`
	Grade     string              `json:"grade,omitempty"` // the latest screening grade, if any
	Fragments map[string][]string `json:"fragments"`
}

// searchPage is the body of GET /api/v1/patents/search.
type searchPage struct {
	Total int `json:"total"`
	// Partial: no patent holds every word; the items hold some of them.
	Partial bool                                 `json:"partial"`
	Limit   int                                  `json:"limit"`
	Offset  int                                  `json:"offset"`
	Items   []searchItem                         `json:"items"`
	Facets  map[string][]patentbridge.FacetCount `json:"facets"`
	Index   patentbridge.IndexStatus             `json:"index"`
	// IndexNote says the index is behind the database ("索引更新中（14,000/45,000）"); "" when current.
	IndexNote string `json:"index_note,omitempty"`
}

// searchPatents serves GET /api/v1/patents/search: q, the list filters, grade,
// industry and sort (relevance, grant_date or grade).
func (s *Server) searchPatents(w http.ResponseWriter, r *http.Request) {
	q, err := httpx.ParseSearchQuery(r.URL.Query())
	if err != nil {
		s.error(w, r, err)
		return
	}
	res, err := s.Search.Search(r.Context(), q)
	if err != nil {
		s.error(w, r, err)
		return
	}
	out := searchPage{Total: res.Total, Partial: res.Partial, Limit: q.Filter.Limit, Offset: q.Filter.Offset, Items: make([]searchItem, 0, len(res.Hits)),
		Facets: res.Facets, Index: s.Search.Status(r.Context())}
	out.IndexNote = httpx.IndexLagNote(out.Index)
	for _, h := range res.Hits {
		if h.Patent == nil {
			continue
		}
		fr := h.Fragments
		if fr == nil {
			fr = map[string][]string{}
		}
		out.Items = append(out.Items, searchItem{PatentView: httpx.NewPatentView(h.Patent, s.Ref), Score: h.Score, Grade: h.Grade, Fragments: fr})
	}
	httpx.JSON(w, http.StatusOK, out)
}

// searchStatus serves GET /api/v1/search/status: the index's size and build
// progress. Where a damaged index was moved is named by its folder only: the
// server's directories are nobody's business but the operator's (index status).
func (s *Server) searchStatus(w http.ResponseWriter, r *http.Request) {
	st := s.Search.Status(r.Context())
	if st.MovedAside != "" {
		st.MovedAside = filepath.Base(st.MovedAside)
	}
	httpx.JSON(w, http.StatusOK, st)
}
