package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// dealPageSize is the number of deals per list page.
const dealPageSize = 50

// maxDealUpload caps a deal file uploaded from the browser; larger files go
// through `patentbridge import --kind deals`.
const maxDealUpload = 8 << 20

// dealRoutes are the pages of deals (转移转化): the admin's and the city
// users' (the service keeps a city user to its city's deals).
func (s *Server) dealRoutes() []httpx.Route {
	if s.Deals == nil {
		return nil
	}
	officials := httpx.Roles(patentbridge.RoleCity).In(httpx.ScopeOwnCity)
	rs := []httpx.Route{
		httpx.NewRoute("GET /deals", officials, s.dealList),
		httpx.NewRoute("GET /deals/new", officials, s.dealNew),
		httpx.NewRoute("POST /deals/new", officials, limitForm(s.dealCreate)),
		httpx.NewRoute("GET /deals/{id}", officials, s.dealDetail),
		httpx.NewRoute("GET /deals/template.xlsx", officials, dealTemplate.xlsx(s)),
		httpx.NewRoute("GET /deals/template.csv", officials, dealTemplate.csv(s)),
	}
	if s.ImportDeals != nil {
		rs = append(rs, httpx.NewRoute("GET /deals/import", officials, s.dealImportPage),
			httpx.NewRoute("POST /deals/import", officials, s.dealImport))
	}
	return rs
}

// dealRow is a deal as the pages show it.
type dealRow struct {
	*patentbridge.Deal
	City string // the receiver's 市(州) by name
}

// Date is the contract day.
func (d dealRow) Date() string { return patentbridge.FormatDate(d.ContractDate) }

// Amount is the amount in 万元.
func (d dealRow) Amount() string { return patentbridge.FormatWan(d.AmountFen) }

// SME is the record's SME flag of the receiver: 是, 否 or "" (the registry's).
func (d dealRow) SME() string {
	switch {
	case d.ToSME == nil:
		return ""
	case *d.ToSME:
		return "是"
	}
	return "否"
}

// SourceLabel is where the record first came from.
func (d dealRow) SourceLabel() string { return patentbridge.DealSourceLabel(d.Source) }

// dealsView is the data of the deal list.
type dealsView struct {
	Deals                   []dealRow
	Total                   int
	Year, City, Kind, AppNo string
	Cities                  []option
	Kinds                   []option
	OwnCity                 string // a city user's city by name ("" for the admin)
	Pager                   httpx.Pager
	CanImport               bool
}

// cityName is a 4-digit city code's name, else the code.
func (s *Server) cityName(code string) string {
	if s.Ref != nil && code != "" {
		for _, c := range s.Ref.Cities(patentbridge.DemandProvinceCode) {
			if c.CityCode == code {
				return c.Name
			}
		}
	}
	return code
}

// dealList serves /deals?year=&city=&kind=&app_no=: the deals, latest
// contract first, with the total.
func (s *Server) dealList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	offset, err := httpx.PageOffset(q, dealPageSize)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := dealsView{Year: strings.TrimSpace(q.Get("year")), City: strings.TrimSpace(q.Get("city")), Kind: strings.TrimSpace(q.Get("kind")),
		AppNo: strings.TrimSpace(q.Get("app_no")), CanImport: s.ImportDeals != nil}
	if v.City, err = patentbridge.ParseCityFilter(v.City); err != nil {
		s.errorPage(w, r, err)
		return
	}
	f := patentbridge.DealFilter{City: v.City, Limit: dealPageSize, Offset: offset}
	f.City, v.OwnCity = s.listCity(r, v.City)
	v.City = f.City
	if f.Year, err = patentbridge.ParseRecordYear("year", v.Year); err != nil {
		s.errorPage(w, r, err)
		return
	}
	if v.Kind != "" {
		k, ok := patentbridge.ParseDealKind(v.Kind)
		if !ok {
			s.errorPage(w, r, patentbridge.FieldErrorf("kind", "交易类型 %q 无效", patentbridge.ClipValue(v.Kind)))
			return
		}
		f.Kind = k
	}
	if v.AppNo != "" {
		no, _, err := patentbridge.NormalizeAppNo(v.AppNo)
		if err != nil {
			s.errorPage(w, r, patentbridge.FieldErrorf("app_no", "申请号 %q 无效", patentbridge.ClipValue(v.AppNo)))
			return
		}
		f.AppNo = no
	}
	ds, total, err := s.Deals.ListDeals(r.Context(), f)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	for _, d := range ds {
		v.Deals = append(v.Deals, dealRow{d, s.cityName(d.ToCity)})
	}
	v.Total = total
	if s.Ref != nil {
		for _, c := range s.Ref.Cities(patentbridge.DemandProvinceCode) {
			v.Cities = append(v.Cities, option{Value: c.CityCode, Label: c.Name, Selected: c.CityCode == v.City})
		}
	}
	for _, k := range patentbridge.DealKinds {
		v.Kinds = append(v.Kinds, option{Value: string(k), Label: k.Label(), Selected: string(k) == string(f.Kind)})
	}
	v.Pager = httpx.NewPager("/deals", url.Values{"year": {v.Year}, "city": {v.City}, "kind": {v.Kind}, "app_no": {v.AppNo}},
		total, dealPageSize, offset)
	s.render(w, r, http.StatusOK, "deals", "转移转化（交易）记录", "deals", v)
}

// dealView is the data of a deal's page: the deal and the paths it arrived by.
type dealView struct {
	dealRow
	Sources     []dealSourceRow
	Done        string // "created" or "merged" right after the form
	RegistrySME string // the registry's SME flag of the receiver when the record gives none: 是, 否 or ""
}

// dealSourceRow is one source as the page shows it.
type dealSourceRow struct {
	*patentbridge.DealSource
}

// Label is the source's Chinese name.
func (s dealSourceRow) Label() string { return patentbridge.DealSourceLabel(s.Source) }

// dealDetail serves /deals/{id}: the deal and its sources (the merge).
func (s *Server) dealDetail(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到交易 %s", patentbridge.ClipValue(r.PathValue("id"))))
		return
	}
	d, err := s.Deals.FindDeal(r.Context(), id)
	var srcs []*patentbridge.DealSource
	if err == nil {
		srcs, err = s.Deals.DealSources(r.Context(), id)
	}
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := dealView{dealRow: dealRow{d, s.cityName(d.ToCity)}, Done: r.URL.Query().Get("done")}
	if d.ToSME == nil && d.ToOrgID != 0 && s.Organizations != nil {
		if o, err := s.Organizations.FindOrganization(r.Context(), d.ToOrgID); err == nil {
			v.RegistrySME = "否"
			if o.SME {
				v.RegistrySME = "是"
			}
		}
	}
	for _, src := range srcs {
		v.Sources = append(v.Sources, dealSourceRow{src})
	}
	s.render(w, r, http.StatusOK, "deal", fmt.Sprintf("交易 %d", d.ID), "deals", v)
}

// dealForm is the data of the deal form: the values typed and the error.
type dealForm struct {
	AppNo, Kind, From, FromType, To, ToCreditCode, ToType, ToSME, ToRegionCode string
	Amount, ContractDate, RecordationNo                                        string
	Kinds, PartyTypes                                                          []option
	Error, Field                                                               string
}

// options fills the form's choices with the typed values selected.
func (v *dealForm) options() {
	v.Kinds, v.PartyTypes = nil, nil
	for _, k := range patentbridge.DealKinds {
		v.Kinds = append(v.Kinds, option{Value: string(k), Label: k.Label(), Selected: string(k) == v.Kind})
	}
	for _, t := range []patentbridge.PartyType{patentbridge.PartyUniversity, patentbridge.PartyInstitute, patentbridge.PartySOE,
		patentbridge.PartyEnterprise, patentbridge.PartyIndividual} {
		v.PartyTypes = append(v.PartyTypes, option{Value: string(t), Label: t.Label()})
	}
}

// dealNew serves the deal form.
func (s *Server) dealNew(w http.ResponseWriter, r *http.Request) {
	v := dealForm{}
	v.options()
	s.render(w, r, http.StatusOK, "deal_new", "登记转移转化（交易）", "deals", v)
}

// dealCreate records the form's deal through RecordDeal: a deal already
// stored by another path (an import, a platform licence, a legal event) is
// not refused but merged — the form becomes its second source, fills what it
// lacked (its 备案号, amount) — and the deal's page says "已与交易 N 合并",
// so the official sees the record counted once.
func (s *Server) dealCreate(w http.ResponseWriter, r *http.Request) {
	v := dealForm{}
	for _, f := range []struct {
		dst  *string
		name string
	}{{&v.AppNo, "app_no"}, {&v.Kind, "kind"}, {&v.From, "from"}, {&v.FromType, "from_type"}, {&v.To, "to"},
		{&v.ToCreditCode, "to_credit_code"}, {&v.ToType, "to_type"}, {&v.ToSME, "to_sme"}, {&v.ToRegionCode, "to_region_code"},
		{&v.Amount, "amount"}, {&v.ContractDate, "contract_date"}, {&v.RecordationNo, "recordation_no"}} {
		*f.dst = strings.TrimSpace(r.PostFormValue(f.name))
	}
	d, err := v.deal()
	merged := false
	if err == nil {
		merged, err = s.Deals.RecordDeal(r.Context(), d, patentbridge.DealSource{Source: patentbridge.DealFromForm})
	}
	if code := patentbridge.ErrorCode(err); code == patentbridge.EINVALID || code == patentbridge.EFORBIDDEN {
		v.Error, v.Field = patentbridge.ErrorMessage(err), patentbridge.ErrorField(err)
		v.options()
		s.render(w, r, httpx.Status(err), "deal_new", "登记转移转化（交易）", "deals", v)
		return
	} else if err != nil {
		s.errorPage(w, r, err)
		return
	}
	done := "created"
	if merged {
		done = "merged"
	}
	http.Redirect(w, r, fmt.Sprintf("/deals/%d?done=%s", d.ID, done), http.StatusSeeOther)
}

// deal converts the form into a deal. Returns EINVALID naming the template column.
func (v dealForm) deal() (*patentbridge.Deal, error) {
	d := &patentbridge.Deal{AppNo: v.AppNo, Kind: patentbridge.DealKind(v.Kind), FromName: v.From, FromType: patentbridge.PartyType(v.FromType),
		ToName: v.To, ToCreditCode: v.ToCreditCode, ToType: patentbridge.PartyType(v.ToType), ToRegionCode: v.ToRegionCode,
		RecordationNo: v.RecordationNo, Source: patentbridge.DealFromForm}
	switch v.ToSME {
	case "yes", "no":
		sme := v.ToSME == "yes"
		d.ToSME = &sme
	}
	var err error
	if d.AmountFen, err = patentbridge.ParseWan("金额(万元)", v.Amount); err != nil {
		return nil, err
	}
	if d.ContractDate, err = patentbridge.ParseDate(v.ContractDate); err != nil {
		return nil, patentbridge.FieldErrorf("合同日期", "合同日期无法识别，请用 YYYY-MM-DD")
	}
	return d, nil
}

// dealImportView is the data of the deal upload page.
type dealImportView struct {
	importResult
}

// dealImportPage serves the deal upload form.
func (s *Server) dealImportPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "deal_import", "批量导入转移转化（交易）记录", "deals", dealImportView{})
}

// dealImport serves POST /deals/import: the uploaded deal file imported
// inline, row by row; the page shows the counts (a row of a deal already
// stored counts as 合并) and offers the rejects as CSV.
func (s *Server) dealImport(w http.ResponseWriter, r *http.Request) {
	res, status, err := s.importRegistryUpload(w, r, maxDealUpload,
		"（网页导入限 8 MB，更大的文件请用命令 patentbridge import --kind deals 文件）", s.ImportDeals)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	s.render(w, r, status, "deal_import", "批量导入转移转化（交易）记录", "deals", dealImportView{res})
}
