package api

import (
	"fmt"
	"net/http"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// registrationRoutes are self-registration (public) and its review (the
// registrant's city office and the admin).
func (s *Server) registrationRoutes() []httpx.Route {
	if s.Registrations == nil {
		return nil
	}
	reviewers := httpx.RegistrationReviewers
	return []httpx.Route{
		httpx.NewRoute("POST /api/v1/registrations", httpx.Anyone, s.register),
		httpx.NewRoute("GET /api/v1/registrations", reviewers, s.listRegistrations),
		httpx.NewRoute("GET /api/v1/registrations/{id}", reviewers, s.getRegistration),
		httpx.NewRoute("POST /api/v1/registrations/{id}/approve", reviewers, s.approveRegistration),
		httpx.NewRoute("POST /api/v1/registrations/{id}/reject", reviewers, s.rejectRegistration),
	}
}

// register serves POST /api/v1/registrations {"organization",
// "organization_type","credit_code","contact","phone","email","city_code",
// "username","password"} (anyone, throttled per address): 201 with the
// registration, pending review.
func (s *Server) register(w http.ResponseWriter, r *http.Request) {
	var nr patentbridge.NewRegistration
	if err := decodeBody(w, r, &nr); err != nil {
		s.error(w, r, err)
		return
	}
	reg, err := httpx.SubmitRegistration(r.Context(), s.Registrations, s.Ref, nr)
	if err != nil {
		httpx.SetRetryAfter(w, err)
		s.error(w, r, err)
		return
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/registrations/%d", reg.ID))
	httpx.JSON(w, http.StatusCreated, httpx.NewRegistrationView(reg, s.Ref))
}

// listRegistrations serves GET /api/v1/registrations?status=&limit=&offset=
// (admin: all; city: its city's), newest first.
func (s *Server) listRegistrations(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := patentbridge.RegistrationFilter{Status: q.Get("status")}
	var err error
	if f.Limit, f.Offset, err = pageParams(q); err != nil {
		s.error(w, r, err)
		return
	}
	regs, total, err := s.Registrations.ListRegistrations(r.Context(), f)
	if err != nil {
		s.error(w, r, err)
		return
	}
	items := make([]httpx.RegistrationView, len(regs))
	for i, reg := range regs {
		items[i] = httpx.NewRegistrationView(reg, s.Ref)
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"total": total, "limit": f.Limit, "offset": f.Offset, "items": items})
}

// getRegistration serves GET /api/v1/registrations/{id}.
func (s *Server) getRegistration(w http.ResponseWriter, r *http.Request) {
	s.registrationAct(w, r, func(id int64) (*patentbridge.Registration, error) {
		return s.Registrations.FindRegistration(r.Context(), id)
	})
}

// approveRegistration serves POST /api/v1/registrations/{id}/approve: the
// account is bound to its registry organization and may post.
func (s *Server) approveRegistration(w http.ResponseWriter, r *http.Request) {
	s.registrationAct(w, r, func(id int64) (*patentbridge.Registration, error) {
		return s.Registrations.ApproveRegistration(r.Context(), id)
	})
}

// rejectRegistration serves POST /api/v1/registrations/{id}/reject {"reason"}.
func (s *Server) rejectRegistration(w http.ResponseWriter, r *http.Request) {
	var b struct {
		Reason string `json:"reason"`
	}
	if err := decodeBody(w, r, &b); err != nil {
		s.error(w, r, err)
		return
	}
	s.registrationAct(w, r, func(id int64) (*patentbridge.Registration, error) {
		return s.Registrations.RejectRegistration(r.Context(), id, b.Reason)
	})
}

// registrationAct runs act on the path's registration and answers it as JSON.
func (s *Server) registrationAct(w http.ResponseWriter, r *http.Request, act func(id int64) (*patentbridge.Registration, error)) {
	id, err := pathID(r, "注册申请")
	if err != nil {
		s.error(w, r, err)
		return
	}
	reg, err := act(id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, httpx.NewRegistrationView(reg, s.Ref))
}
