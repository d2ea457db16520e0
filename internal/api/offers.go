package api

import (
	"fmt"
	"net/http"
	"strconv"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// offerRoutes are the market's endpoints: public reads, and the acts of the
// offering organizations (institution users, the admin) and of enterprises.
func (s *Server) offerRoutes() []httpx.Route {
	if s.Offers == nil {
		return nil
	}
	offerer := httpx.Roles(patentbridge.RoleInstitution)
	rs := []httpx.Route{
		httpx.NewRoute("GET /api/v1/offers", httpx.Anyone, s.listOffers),
		httpx.NewRoute("GET /api/v1/offers/{id}", httpx.Anyone, s.getOffer),
		httpx.NewRoute("POST /api/v1/offers", offerer, s.createOffer),
		httpx.NewRoute("POST /api/v1/offers/{id}/publish", offerer, s.publishOffer),
		httpx.NewRoute("POST /api/v1/offers/{id}/withdraw", offerer, s.withdrawOffer),
	}
	if s.OfferQuestions != nil {
		rs = append(rs, httpx.NewRoute("POST /api/v1/offers/{id}/questions", httpx.Roles(patentbridge.RoleEnterprise), s.askOffer),
			httpx.NewRoute("GET /api/v1/offers/{id}/questions", httpx.Anyone, s.listOfferQuestions),
			httpx.NewRoute("POST /api/v1/offer-questions/{id}/answer", offerer, s.answerOfferQuestion),
			httpx.NewRoute("GET /api/v1/my/offer-questions", httpx.Roles(patentbridge.RoleInstitution, patentbridge.RoleEnterprise), s.myOfferQuestions))
	}
	if s.Pools != nil {
		rs = append(rs, httpx.NewRoute("GET /api/v1/pools", httpx.Anyone, s.listPools),
			httpx.NewRoute("GET /api/v1/pools/{id}", httpx.Anyone, s.getPool),
			httpx.NewRoute("POST /api/v1/pools", offerer, s.createPool),
			httpx.NewRoute("POST /api/v1/pools/{id}/publish", offerer, s.publishPool))
	}
	return rs
}

// listOffers serves GET /api/v1/offers?kind=&industry=&city=&price_min=&price_max=&trl=&org_type=&…:
// published and withdrawn offers, latest first.
func (s *Server) listOffers(w http.ResponseWriter, r *http.Request) {
	f, err := httpx.ParseOfferFilter(r.URL.Query())
	if err != nil {
		s.error(w, r, err)
		return
	}
	f.Mine = false
	os, total, err := s.Offers.ListOffers(r.Context(), f)
	if err != nil {
		s.error(w, r, err)
		return
	}
	items := make([]httpx.OfferView, len(os))
	for i, o := range os {
		items[i] = httpx.NewOfferView(o)
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"total": total, "items": items})
}

func offerID(r *http.Request) (int64, error) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		return 0, patentbridge.FieldErrorf("id", "报价编号 %q 无效", patentbridge.ClipValue(r.PathValue("id")))
	}
	return id, nil
}

// getOffer serves GET /api/v1/offers/{id}.
func (s *Server) getOffer(w http.ResponseWriter, r *http.Request) {
	id, err := offerID(r)
	if err == nil {
		var o *patentbridge.Offer
		if o, err = s.Offers.FindOffer(r.Context(), id); err == nil {
			httpx.JSON(w, http.StatusOK, httpx.NewOfferView(o))
			return
		}
	}
	s.error(w, r, err)
}

// createOffer serves POST /api/v1/offers with the offer's fields: a draft.
func (s *Server) createOffer(w http.ResponseWriter, r *http.Request) {
	var o patentbridge.Offer
	if err := decodeBody(w, r, &o); err != nil {
		s.error(w, r, err)
		return
	}
	o.ID, o.Status, o.LedgerIndex, o.WithdrawLedgerIndex = 0, "", nil, nil
	if err := s.Offers.CreateOffer(r.Context(), &o); err != nil {
		s.error(w, r, err)
		return
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/offers/%d", o.ID))
	httpx.JSON(w, http.StatusCreated, httpx.NewOfferView(&o))
}

// publishOffer serves POST /api/v1/offers/{id}/publish.
func (s *Server) publishOffer(w http.ResponseWriter, r *http.Request) {
	id, err := offerID(r)
	if err == nil {
		var o *patentbridge.Offer
		if o, err = s.Offers.PublishOffer(r.Context(), id); err == nil {
			httpx.JSON(w, http.StatusOK, httpx.NewOfferView(o))
			return
		}
	}
	s.error(w, r, err)
}

// withdrawOffer serves POST /api/v1/offers/{id}/withdraw with {"reason":…}.
func (s *Server) withdrawOffer(w http.ResponseWriter, r *http.Request) {
	id, err := offerID(r)
	var b struct {
		Reason string `json:"reason"`
	}
	if err == nil {
		err = decodeBody(w, r, &b)
	}
	if err == nil {
		var o *patentbridge.Offer
		if o, err = s.Offers.WithdrawOffer(r.Context(), id, b.Reason); err == nil {
			httpx.JSON(w, http.StatusOK, httpx.NewOfferView(o))
			return
		}
	}
	s.error(w, r, err)
}

// askOffer serves POST /api/v1/offers/{id}/questions with {"kind":"question"|"interest","text":…}.
func (s *Server) askOffer(w http.ResponseWriter, r *http.Request) {
	id, err := offerID(r)
	var q patentbridge.OfferQuestion
	if err == nil {
		err = decodeBody(w, r, &q)
	}
	if err == nil {
		q.ID, q.OfferID = 0, id
		if err = s.OfferQuestions.AskOffer(r.Context(), &q); err == nil {
			httpx.JSON(w, http.StatusCreated, q)
			return
		}
	}
	s.error(w, r, err)
}

// listPools serves GET /api/v1/pools: the published pools and their yearly counts.
func (s *Server) listPools(w http.ResponseWriter, r *http.Request) {
	ps, err := s.Pools.ListPools(r.Context())
	if err != nil {
		s.error(w, r, err)
		return
	}
	counts, err := s.Pools.CountPools(r.Context())
	if err != nil {
		s.error(w, r, err)
		return
	}
	byYear := map[string]int{}
	for y, n := range counts {
		byYear[strconv.Itoa(y)] = n
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"total": len(ps), "published_by_year": byYear, "items": ps})
}

// getPool serves GET /api/v1/pools/{id}.
func (s *Server) getPool(w http.ResponseWriter, r *http.Request) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		s.error(w, r, patentbridge.FieldErrorf("id", "专利池编号无效"))
		return
	}
	p, err := s.Pools.FindPool(r.Context(), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, p)
}

// createPool serves POST /api/v1/pools with {"name","field","members":[{"organization_id"}],"app_nos","terms","fee"}: a draft.
func (s *Server) createPool(w http.ResponseWriter, r *http.Request) {
	var p patentbridge.Pool
	if err := decodeBody(w, r, &p); err != nil {
		s.error(w, r, err)
		return
	}
	p.ID, p.Status, p.Titles, p.CreatedBy, p.LedgerIndex = 0, "", nil, 0, nil
	if err := s.Pools.CreatePool(r.Context(), &p); err != nil {
		s.error(w, r, err)
		return
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/pools/%d", p.ID))
	httpx.JSON(w, http.StatusCreated, &p)
}

// publishPool serves POST /api/v1/pools/{id}/publish.
func (s *Server) publishPool(w http.ResponseWriter, r *http.Request) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		s.error(w, r, patentbridge.FieldErrorf("id", "专利池编号无效"))
		return
	}
	p, err := s.Pools.PublishPool(r.Context(), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, p)
}

// listOfferQuestions serves GET /api/v1/offers/{id}/questions: those the user may read.
func (s *Server) listOfferQuestions(w http.ResponseWriter, r *http.Request) {
	id, err := offerID(r)
	if err == nil {
		var qs []*patentbridge.OfferQuestion
		if qs, err = s.OfferQuestions.ListOfferQuestions(r.Context(), id); err == nil {
			httpx.JSON(w, http.StatusOK, map[string]any{"total": len(qs), "items": qs})
			return
		}
	}
	s.error(w, r, err)
}

// answerOfferQuestion serves POST /api/v1/offer-questions/{id}/answer with {"answer":…}.
func (s *Server) answerOfferQuestion(w http.ResponseWriter, r *http.Request) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		s.error(w, r, patentbridge.FieldErrorf("id", "问题编号无效"))
		return
	}
	var b struct {
		Answer string `json:"answer"`
	}
	if err := decodeBody(w, r, &b); err != nil {
		s.error(w, r, err)
		return
	}
	q, err := s.OfferQuestions.AnswerOfferQuestion(r.Context(), id, b.Answer)
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, q)
}

// myOfferQuestions serves GET /api/v1/my/offer-questions: the questions on the
// user's organization's offers, or those it asked.
func (s *Server) myOfferQuestions(w http.ResponseWriter, r *http.Request) {
	qs, err := s.OfferQuestions.MyOfferQuestions(r.Context())
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"total": len(qs), "items": qs})
}
