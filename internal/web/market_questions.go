package web

import (
	"fmt"
	"net/http"
	"strconv"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// myOffersView is the data of 我的报价: the organization's offers in every
// state and the questions on them (or, for an enterprise, those it asked).
type myOffersView struct {
	Offers    []httpx.OfferView
	Questions []*patentbridge.OfferQuestion
	// CanOffer links the new-offer form, CanPool the new-pool form (institution users and the admin).
	CanOffer, CanPool bool
}

// offerAsk serves POST /market/{id}/questions: an enterprise's question or interest.
func (s *Server) offerAsk(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.ENOTFOUND, "报价 %q 不存在", r.PathValue("id")))
		return
	}
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.EINVALID, "表单无法解析"))
		return
	}
	q := &patentbridge.OfferQuestion{OfferID: id, Kind: r.PostForm.Get("kind"), Text: r.PostForm.Get("text")}
	if err := s.OfferQuestions.AskOffer(r.Context(), q); err != nil {
		s.errorPage(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/market/%d#offer-questions", id), http.StatusSeeOther)
}

// offerAnswer serves POST /market/questions/{id}/answer: the offering organization's answer.
func (s *Server) offerAnswer(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.ENOTFOUND, "问题 %q 不存在", r.PathValue("id")))
		return
	}
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.EINVALID, "表单无法解析"))
		return
	}
	q, err := s.OfferQuestions.AnswerOfferQuestion(r.Context(), id, r.PostForm.Get("answer"))
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/market/%d#offer-questions", q.OfferID), http.StatusSeeOther)
}

// myOffers serves /my/offers (我的报价).
func (s *Server) myOffers(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var v myOffersView
	if u := patentbridge.UserFrom(ctx); u != nil && u.Role != patentbridge.RoleEnterprise {
		v.CanOffer = patentbridge.CanOffer(u) == nil
		v.CanPool = v.CanOffer && s.Pools != nil && s.Organizations != nil
		os, _, err := s.Offers.ListOffers(ctx, patentbridge.OfferFilter{Mine: true, Limit: 200})
		if err != nil {
			s.errorPage(w, r, err)
			return
		}
		for _, o := range os {
			v.Offers = append(v.Offers, httpx.NewOfferView(o))
		}
	}
	qs, err := s.OfferQuestions.MyOfferQuestions(ctx)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v.Questions = qs
	s.render(w, r, http.StatusOK, "offers_mine", "我的报价", "myoffers", v)
}
