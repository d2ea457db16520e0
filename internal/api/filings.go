package api

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// filingRoutes are the endpoints of product filings (专利产品备案): the
// admin's and the city users' (the service keeps a city user to its city).
func (s *Server) filingRoutes() []httpx.Route {
	if s.Filings == nil {
		return nil
	}
	officials := httpx.Roles(patentbridge.RoleCity).In(httpx.ScopeOwnCity)
	return []httpx.Route{
		httpx.NewRoute("GET /api/v1/filings", officials, s.listFilings),
		httpx.NewRoute("POST /api/v1/filings", officials, s.createFiling),
		httpx.NewRoute("GET /api/v1/filings/{id}", officials, s.getFiling),
		httpx.NewRoute("PUT /api/v1/filings/{id}/years/{year}", officials, s.putFilingYear),
	}
}

// filingRequest is the body of POST /api/v1/filings.
// Its col tags name the template columns ProductFiling.Validate and the
// service name in errors (a patent's or a year's column names the top-level
// key, "patents" or "years"), which jsonField answers by the JSON key.
type filingRequest struct {
	Enterprise  string `json:"enterprise" col:"企业名称"`
	CreditCode  string `json:"credit_code" col:"统一社会信用代码"`
	ProductName string `json:"product_name" col:"产品名称"`
	Model       string `json:"model" col:"型号"`
	Industry    string `json:"industry" col:"行业"`
	Patents     []struct {
		AppNo  string `json:"app_no"`
		Source string `json:"source"` // code or Chinese name; "" is own
		DealID int64  `json:"deal_id"`
	} `json:"patents" col:"申请号,专利来源,交易编号"`
	Years   []patentbridge.FilingYear `json:"years" col:"年度,产值(万元),销售额(万元)"`
	FiledOn string                    `json:"filed_on" col:"备案日期"` // YYYY-MM-DD
}

// filingYearFields names the columns of PUT /api/v1/filings/{id}/years/{year}
// for jsonField: the path's year and the body's figures.
type filingYearFields struct {
	Year      int   `json:"year" col:"年度"`
	OutputFen int64 `json:"output_fen" col:"产值(万元)"`
	SalesFen  int64 `json:"sales_fen" col:"销售额(万元)"`
}

// filing turns the request into a filing to store. Returns EINVALID naming the field.
func (b filingRequest) filing() (*patentbridge.ProductFiling, error) {
	f := &patentbridge.ProductFiling{OrgName: b.Enterprise, CreditCode: b.CreditCode, Product: b.ProductName, Model: b.Model,
		Industry: b.Industry, Years: b.Years}
	for _, p := range b.Patents {
		src, ok := patentbridge.ParsePatentSource(p.Source)
		if !ok {
			src = patentbridge.PatentSource(p.Source) // Validate names it
		}
		f.Patents = append(f.Patents, patentbridge.FiledPatent{AppNo: p.AppNo, Source: src, DealID: p.DealID})
	}
	var err error
	f.FiledOn, err = licDate("filed_on", b.FiledOn)
	return f, err
}

// filingView is a filing as the API returns it: its date as YYYY-MM-DD and
// its patents' sources in Chinese.
type filingView struct {
	*patentbridge.ProductFiling
	Patents []filedPatentView `json:"patents"`
	FiledOn string            `json:"filed_on"`
}

type filedPatentView struct {
	patentbridge.FiledPatent
	SourceLabel string `json:"source_label"`
}

func newFilingView(f *patentbridge.ProductFiling) filingView {
	v := filingView{ProductFiling: f, Patents: []filedPatentView{}, FiledOn: patentbridge.FormatDate(f.FiledOn)}
	for _, p := range f.Patents {
		v.Patents = append(v.Patents, filedPatentView{p, p.Source.Label()})
	}
	return v
}

// createFiling serves POST /api/v1/filings; the same product again is 409.
func (s *Server) createFiling(w http.ResponseWriter, r *http.Request) {
	var b filingRequest
	err := decodeBody(w, r, &b)
	var f *patentbridge.ProductFiling
	if err == nil {
		f, err = b.filing()
	}
	if err == nil {
		err = s.Filings.CreateFiling(r.Context(), f)
	}
	if err != nil {
		s.error(w, r, jsonField(err, b))
		return
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/filings/%d", f.ID))
	httpx.JSON(w, http.StatusCreated, newFilingView(f))
}

// getFiling serves GET /api/v1/filings/{id}.
func (s *Server) getFiling(w http.ResponseWriter, r *http.Request) {
	id, err := licPathID(r, "id", "备案")
	var f *patentbridge.ProductFiling
	if err == nil {
		f, err = s.Filings.FindFiling(r.Context(), id)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, newFilingView(f))
}

// putFilingYear serves PUT /api/v1/filings/{id}/years/{year} with
// {"output_fen","sales_fen"}: the yearly update.
func (s *Server) putFilingYear(w http.ResponseWriter, r *http.Request) {
	id, err := licPathID(r, "id", "备案")
	var y patentbridge.FilingYear
	if err == nil {
		err = decodeBody(w, r, &struct {
			OutputFen *int64 `json:"output_fen"`
			SalesFen  *int64 `json:"sales_fen"`
		}{&y.OutputFen, &y.SalesFen})
	}
	if err == nil {
		if y.Year, err = strconv.Atoi(r.PathValue("year")); err != nil {
			err = patentbridge.FieldErrorf("year", "年度 %q 无效", patentbridge.ClipValue(r.PathValue("year")))
		}
	}
	var f *patentbridge.ProductFiling
	if err == nil {
		f, err = s.Filings.SetFilingYear(r.Context(), id, y)
	}
	if err != nil {
		s.error(w, r, jsonField(err, filingYearFields{}))
		return
	}
	httpx.JSON(w, http.StatusOK, newFilingView(f))
}

// listFilings serves GET /api/v1/filings?year=&city=&organization_id=&sme=&industry=&app_no=&limit=&offset=.
func (s *Server) listFilings(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := patentbridge.FilingFilter{Industry: q.Get("industry"), AppNo: q.Get("app_no")}
	var err error
	f.Year, f.City, f.Limit, f.Offset, err = programmeParams(q)
	if err == nil {
		f.OrgID, err = idParam(q.Get("organization_id"), "organization_id")
	}
	if v := q.Get("sme"); err == nil && v != "" {
		b, perr := strconv.ParseBool(v)
		if perr != nil {
			err = patentbridge.FieldErrorf("sme", "参数 sme=%q 无效（应为 true 或 false）", patentbridge.ClipValue(v))
		}
		f.SME = &b
	}
	var fs []*patentbridge.ProductFiling
	var total int
	if err == nil {
		fs, total, err = s.Filings.ListFilings(r.Context(), f)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	items := make([]filingView, len(fs))
	for i, x := range fs {
		items[i] = newFilingView(x)
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"total": total, "items": items})
}

// programmeParams reads the year, city and page of a programme record list.
// Returns EINVALID naming the parameter.
func programmeParams(q url.Values) (year int, city string, limit, offset int, err error) {
	city = q.Get("city")
	if limit, offset, err = pageParams(q); err == nil {
		year, err = patentbridge.ParseRecordYear("year", q.Get("year"))
	}
	if err == nil {
		city, err = patentbridge.ParseCityFilter(city)
	}
	return year, city, limit, offset, err
}

// idParam reads an optional positive id parameter. Returns EINVALID naming it.
func idParam(v, name string) (int64, error) {
	if v == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, patentbridge.FieldErrorf(name, "参数 %s=%q 无效", name, patentbridge.ClipValue(v))
	}
	return id, nil
}
