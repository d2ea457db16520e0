package api

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// licenceRoutes are the endpoints of licences: taking an open licence
// (art. 51) or a pool's package licence, registering negotiated licences,
// payments, royalty reports, recordation and disputes; the service checks
// each party's scope.
func (s *Server) licenceRoutes() []httpx.Route {
	if s.Licences == nil {
		return nil
	}
	party := httpx.Roles(patentbridge.RoleInstitution, patentbridge.RoleEnterprise).In(httpx.ScopeOwnOrg)
	firm := httpx.Roles(patentbridge.RoleEnterprise).In(httpx.ScopeOwnOrg)
	rs := []httpx.Route{
		httpx.NewRoute("GET /api/v1/open-licences/{id}/notice", firm, s.takeNotice(s.openLicenceTake)),
		httpx.NewRoute("POST /api/v1/open-licences/{id}/licences", firm, s.takeLicence(s.openLicenceTake)),
		httpx.NewRoute("GET /api/v1/licences", httpx.SignedIn, s.listLicences),
		httpx.NewRoute("POST /api/v1/licences", party, s.registerLicence),
		httpx.NewRoute("GET /api/v1/licences/{id}", httpx.SignedIn, s.getLicence),
		httpx.NewRoute("POST /api/v1/licences/{id}/payments", party, s.recordPayment),
		httpx.NewRoute("POST /api/v1/licences/{id}/reports", firm, s.reportRoyalty),
		httpx.NewRoute("POST /api/v1/licences/{id}/recordation", party, s.recordRecordation),
		httpx.NewRoute("POST /api/v1/licences/{id}/disputes", party, s.recordDispute),
		httpx.NewRoute("POST /api/v1/licences/{id}/disputes/{dispute_id}/outcome", party, s.resolveDispute),
	}
	if s.Pools != nil {
		rs = append(rs, httpx.NewRoute("GET /api/v1/pools/{id}/notice", firm, s.takeNotice(s.poolTake)),
			httpx.NewRoute("POST /api/v1/pools/{id}/licences", firm, s.takeLicence(s.poolTake)))
	}
	return rs
}

// licPathID reads a positive id of the path. Returns EINVALID.
func licPathID(r *http.Request, name, label string) (int64, error) {
	id, ok := httpx.PathID(r, name)
	if !ok {
		return 0, patentbridge.FieldErrorf(name, "%s编号 %q 无效", label, patentbridge.ClipValue(r.PathValue(name)))
	}
	return id, nil
}

// licDate reads an optional YYYY-MM-DD field. Returns EINVALID naming it.
func licDate(field, s string) (t time.Time, err error) {
	if s == "" {
		return t, nil
	}
	v, err := patentbridge.ParseDate(s)
	if err != nil {
		return t, patentbridge.FieldErrorf(field, "日期 %q 无效（应为 YYYY-MM-DD）", patentbridge.ClipValue(s))
	}
	return v, nil
}

// takeRequest is the body of POST /api/v1/open-licences/{id}/licences.
type takeRequest struct {
	TermEnd string `json:"term_end"` // "" is the declaration's last day
	Confirm bool   `json:"confirm"`  // the licensee confirms the notice text
}

func (b takeRequest) take(confirm bool) (patentbridge.TakeOpenLicence, error) {
	end, err := licDate("term_end", b.TermEnd)
	return patentbridge.TakeOpenLicence{TermEnd: end, Confirmed: confirm && b.Confirm}, err
}

// takeAct is a take endpoint's service pair: the notice to confirm and the act.
type takeAct struct {
	label  string
	notice func(ctx context.Context, id int64, t patentbridge.TakeOpenLicence) (string, error)
	take   func(ctx context.Context, id int64, t patentbridge.TakeOpenLicence) (*patentbridge.Licence, error)
}

// openLicenceTake takes an announced open licence (art. 51).
func (s *Server) openLicenceTake() takeAct {
	return takeAct{"开放许可声明", s.Licences.OpenLicenceNotice, s.Licences.TakeOpenLicence}
}

// poolTake takes a published pool's package licence.
func (s *Server) poolTake() takeAct {
	return takeAct{"专利池", s.Licences.PoolLicenceNotice, s.Licences.TakePoolLicence}
}

// takeNotice serves GET /api/v1/open-licences/{id}/notice?term_end= (and
// /api/v1/pools/{id}/notice): the written notice the user's organization
// would send, to confirm.
func (s *Server) takeNotice(a func() takeAct) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		k := a()
		id, err := licPathID(r, "id", k.label)
		var t patentbridge.TakeOpenLicence
		if err == nil {
			t, err = takeRequest{TermEnd: r.URL.Query().Get("term_end")}.take(false)
		}
		var text string
		if err == nil {
			text, err = k.notice(r.Context(), id, t)
		}
		if err != nil {
			s.error(w, r, err)
			return
		}
		httpx.JSON(w, http.StatusOK, map[string]string{"notice_text": text})
	}
}

// takeLicence serves POST /api/v1/open-licences/{id}/licences (and
// /api/v1/pools/{id}/licences) with {"term_end","confirm":true}: the written
// notice; the licence is effective at once when nothing is due up front,
// else after RecordPayment.
func (s *Server) takeLicence(a func() takeAct) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		k := a()
		id, err := licPathID(r, "id", k.label)
		var b takeRequest
		if err == nil {
			err = decodeBody(w, r, &b)
		}
		var t patentbridge.TakeOpenLicence
		if err == nil {
			t, err = b.take(true)
		}
		var l *patentbridge.Licence
		if err == nil {
			l, err = k.take(r.Context(), id, t)
		}
		if err != nil {
			s.error(w, r, err)
			return
		}
		w.Header().Set("Location", fmt.Sprintf("/api/v1/licences/%d", l.ID))
		httpx.JSON(w, http.StatusCreated, httpx.NewLicenceView(l, s.Now()))
	}
}

// listLicences serves GET /api/v1/licences: the user's organization's
// licences (all for the admin; its city's for a city user), with ?overdue=1
// the licences not recorded in time (admin and city).
func (s *Server) listLicences(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var f patentbridge.LicenceFilter
	var err error
	if f.Overdue, err = patentbridge.ParseUnreadOnly(q.Get("overdue")); err != nil {
		err = patentbridge.FieldErrorf("overdue", "参数 overdue 应为 1 或 0")
	}
	if err == nil {
		if f.Limit, err = intParam(q.Get("limit"), "limit", 0, 1000); err == nil {
			f.Offset, err = intParam(q.Get("offset"), "offset", 0, 1<<30)
		}
	}
	var ls []*patentbridge.Licence
	var total int
	if err == nil {
		ls, total, err = s.Licences.ListLicences(r.Context(), f)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	items := make([]*httpx.LicenceView, len(ls))
	for i, l := range ls {
		items[i] = httpx.NewLicenceView(l, s.Now())
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"total": total, "limit": f.Limit, "offset": f.Offset, "items": items})
}

// getLicence serves GET /api/v1/licences/{id} to the parties, the admin and the city.
func (s *Server) getLicence(w http.ResponseWriter, r *http.Request) {
	id, err := licPathID(r, "id", "许可")
	var l *patentbridge.Licence
	if err == nil {
		l, err = s.Licences.FindLicence(r.Context(), id)
	}
	s.licenceResult(w, r, l, err)
}

// licenceResult answers a licence act with the licence or the error.
func (s *Server) licenceResult(w http.ResponseWriter, r *http.Request, l *patentbridge.Licence, err error) {
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, httpx.NewLicenceView(l, s.Now()))
}
