package api

import (
	"fmt"
	"net/http"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// dealRoutes are the endpoints of deals (转移转化): the admin's and the city
// users' (the service keeps a city user to its city's deals).
func (s *Server) dealRoutes() []httpx.Route {
	if s.Deals == nil {
		return nil
	}
	officials := httpx.Roles(patentbridge.RoleCity).In(httpx.ScopeOwnCity)
	return []httpx.Route{
		httpx.NewRoute("GET /api/v1/deals", officials, s.listDeals),
		httpx.NewRoute("POST /api/v1/deals", officials, s.createDeal),
		httpx.NewRoute("GET /api/v1/deals/{id}", officials, s.getDeal),
	}
}

// dealRequest is the body of POST /api/v1/deals: the deal template's columns.
// Its col tags name the template columns Deal.Validate and the service name
// in errors, which jsonField answers by the JSON key.
type dealRequest struct {
	AppNo         string `json:"app_no" col:"申请号"`
	Kind          string `json:"kind" col:"交易类型"` // code or Chinese name
	From          string `json:"from" col:"让与方"`
	FromType      string `json:"from_type" col:"让与方类型"` // code or Chinese name
	To            string `json:"to" col:"受让方"`
	ToCreditCode  string `json:"to_credit_code" col:"受让方统一社会信用代码"`
	ToType        string `json:"to_type" col:"受让方类型"`
	ToSME         *bool  `json:"to_sme"`
	ToRegionCode  string `json:"to_region_code" col:"受让方地区代码"`
	AmountFen     int64  `json:"amount_fen" col:"金额(万元)"`
	ContractDate  string `json:"contract_date" col:"合同日期"` // YYYY-MM-DD
	RecordationNo string `json:"recordation_no" col:"备案号"`
}

// deal turns the request into a deal to store. Returns EINVALID naming the field.
func (b dealRequest) deal() (*patentbridge.Deal, error) {
	kind, ok := patentbridge.ParseDealKind(b.Kind)
	if !ok && b.Kind != "" {
		kind = patentbridge.DealKind(b.Kind) // Validate names it
	}
	d := &patentbridge.Deal{AppNo: b.AppNo, Kind: kind, FromName: b.From, FromType: partyType(b.FromType), ToName: b.To,
		ToCreditCode: b.ToCreditCode, ToType: partyType(b.ToType), ToSME: b.ToSME, ToRegionCode: b.ToRegionCode,
		AmountFen: b.AmountFen, RecordationNo: b.RecordationNo, Source: patentbridge.DealFromForm}
	var err error
	d.ContractDate, err = licDate("contract_date", b.ContractDate)
	return d, err
}

// partyType reads a party type by its code or its Chinese label.
func partyType(s string) patentbridge.PartyType {
	if t, ok := patentbridge.ParsePartyTypeLabel(s); ok {
		return t
	}
	return patentbridge.PartyType(s)
}

// dealView is a deal as the API returns it: its contract date as YYYY-MM-DD
// and its kind's Chinese name.
type dealView struct {
	*patentbridge.Deal
	KindLabel    string `json:"kind_label"`
	ContractDate string `json:"contract_date"`
	// Sources are the paths the deal arrived by (GET /api/v1/deals/{id} only).
	Sources []*patentbridge.DealSource `json:"sources,omitempty"`
}

func newDealView(d *patentbridge.Deal) dealView {
	return dealView{Deal: d, KindLabel: d.Kind.Label(), ContractDate: patentbridge.FormatDate(d.ContractDate)}
}

// createDeal serves POST /api/v1/deals: one deal, refused with 409 when it
// records a deal already stored (an integration learns of the duplicate; the
// web form merges instead, see web.dealCreate).
func (s *Server) createDeal(w http.ResponseWriter, r *http.Request) {
	var b dealRequest
	err := decodeBody(w, r, &b)
	var d *patentbridge.Deal
	if err == nil {
		d, err = b.deal()
	}
	if err == nil {
		err = s.Deals.CreateDeal(r.Context(), d)
	}
	if err != nil {
		s.error(w, r, jsonField(err, b))
		return
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/deals/%d", d.ID))
	httpx.JSON(w, http.StatusCreated, newDealView(d))
}

// getDeal serves GET /api/v1/deals/{id}: the deal with its sources (the
// form, file lines, legal events, platform licences merged into it).
func (s *Server) getDeal(w http.ResponseWriter, r *http.Request) {
	id, err := licPathID(r, "id", "交易")
	var d *patentbridge.Deal
	var srcs []*patentbridge.DealSource
	if err == nil {
		d, err = s.Deals.FindDeal(r.Context(), id)
	}
	if err == nil {
		srcs, err = s.Deals.DealSources(r.Context(), id)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	v := newDealView(d)
	v.Sources = srcs
	httpx.JSON(w, http.StatusOK, v)
}

// listDeals serves GET /api/v1/deals?app_no=&kind=&year=&city=&limit=&offset=.
func (s *Server) listDeals(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := patentbridge.DealFilter{AppNo: q.Get("app_no"), City: q.Get("city")}
	var err error
	if k := q.Get("kind"); k != "" {
		var ok bool
		if f.Kind, ok = patentbridge.ParseDealKind(k); !ok {
			err = patentbridge.FieldErrorf("kind", "交易类型 %q 无效", patentbridge.ClipValue(k))
		}
	}
	if err == nil {
		f.Limit, f.Offset, err = pageParams(q)
	}
	if err == nil {
		f.Year, err = patentbridge.ParseRecordYear("year", q.Get("year"))
	}
	if err == nil {
		f.City, err = patentbridge.ParseCityFilter(f.City)
	}
	var ds []*patentbridge.Deal
	var total int
	if err == nil {
		ds, total, err = s.Deals.ListDeals(r.Context(), f)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	items := make([]dealView, len(ds))
	for i, d := range ds {
		items[i] = newDealView(d)
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"total": total, "items": items})
}
