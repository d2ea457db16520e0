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

// filingPatentRows is the number of patent rows the filing form offers.
const filingPatentRows = 5

// filingRoutes are the pages of 专利产品备案: the admin's and the city users'
// (the service keeps a city user to its city's enterprises).
func (s *Server) filingRoutes() []httpx.Route {
	if s.Filings == nil {
		return nil
	}
	officials := httpx.Roles(patentbridge.RoleCity).In(httpx.ScopeOwnCity)
	rs := []httpx.Route{
		httpx.NewRoute("GET /filings", officials, s.filingList),
		httpx.NewRoute("GET /filings/new", officials, s.filingNew),
		httpx.NewRoute("POST /filings/new", officials, limitForm(s.filingCreate)),
		httpx.NewRoute("GET /filings/{id}", officials, s.filingDetail),
		httpx.NewRoute("POST /filings/{id}/years", officials, limitForm(s.filingSetYear)),
		httpx.NewRoute("GET /filings/template.xlsx", officials, filingTemplate.xlsx(s)),
		httpx.NewRoute("GET /filings/template.csv", officials, filingTemplate.csv(s)),
	}
	if s.ImportFilings != nil {
		rs = append(rs, httpx.NewRoute("GET /filings/import", officials, s.filingImportPage),
			httpx.NewRoute("POST /filings/import", officials, s.filingImport))
	}
	return rs
}

// filingRow is a filing as the pages show it.
type filingRow struct {
	*patentbridge.ProductFiling
	CityName string
}

// Date is the filing date.
func (f filingRow) Date() string { return patentbridge.FormatDate(f.FiledOn) }

// Latest is the filing's latest year of figures, if any.
func (f filingRow) Latest() *patentbridge.FilingYear {
	var out *patentbridge.FilingYear
	for i := range f.Years {
		if out == nil || f.Years[i].Year > out.Year {
			out = &f.Years[i]
		}
	}
	return out
}

// filingsView is the data of the filing list.
type filingsView struct {
	serviceSection
	Filings                          []filingRow
	Total                            int
	Year, City, Industry, Enterprise string
	Cities                           []option
	OwnCity                          string
	Pager                            httpx.Pager
	CanImport                        bool
}

// filingList serves /filings?year=&city=&industry=&enterprise=: the
// filings, latest first, with the total.
func (s *Server) filingList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	offset, err := httpx.PageOffset(q, servicePageSize)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := filingsView{serviceSection: section("filings"), Year: strings.TrimSpace(q.Get("year")), Industry: strings.TrimSpace(q.Get("industry")),
		Enterprise: strings.TrimSpace(q.Get("enterprise")), CanImport: s.ImportFilings != nil}
	if v.City, v.OwnCity, err = s.cityFilter(r, q.Get("city")); err != nil {
		s.errorPage(w, r, err)
		return
	}
	f := patentbridge.FilingFilter{City: v.City, Industry: v.Industry, Limit: servicePageSize, Offset: offset}
	if f.Year, err = yearFilter(v.Year); err != nil {
		s.errorPage(w, r, err)
		return
	}
	if err := patentbridge.CheckText("industry", "行业", v.Industry, patentbridge.FilingNameMax, false); err != nil {
		s.errorPage(w, r, err)
		return
	}
	known := true
	if v.Enterprise != "" {
		if err := patentbridge.CheckText("enterprise", "企业", v.Enterprise, patentbridge.OrgNameMax, false); err != nil {
			s.errorPage(w, r, err)
			return
		}
		known = false
		if s.Organizations != nil {
			if o, err := s.Organizations.FindOrganizationByName(r.Context(), v.Enterprise); err == nil {
				f.OrgID, known = o.ID, true
			} else if patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
				s.errorPage(w, r, err)
				return
			}
		}
	}
	if known {
		fs, total, err := s.Filings.ListFilings(r.Context(), f)
		if err != nil {
			s.errorPage(w, r, err)
			return
		}
		for _, x := range fs {
			v.Filings = append(v.Filings, filingRow{x, s.cityName(x.City)})
		}
		v.Total = total
	}
	v.Cities = s.cityOptions(v.City)
	v.Pager = httpx.NewPager("/filings", url.Values{"year": {v.Year}, "city": {v.City}, "industry": {v.Industry}, "enterprise": {v.Enterprise}},
		v.Total, servicePageSize, offset)
	s.render(w, r, http.StatusOK, "filings", "专利产品备案", "services", v)
}

// filingView is the data of a filing's page.
type filingView struct {
	serviceSection
	filingRow
	Done            string
	Year            string // the year form's typed values
	Output, Sales   string
	Error, Field    string
	FirstYear, Last int
}

// filingDetail serves /filings/{id}: the filing, its patents (linking their
// deals), its yearly figures and the form to set a year's.
func (s *Server) filingDetail(w http.ResponseWriter, r *http.Request) {
	id, err := recordID(r, "专利产品备案")
	var f *patentbridge.ProductFiling
	if err == nil {
		f, err = s.Filings.FindFiling(r.Context(), id)
	}
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := s.filingView(f)
	v.Done = r.URL.Query().Get("done")
	v.Year = strconv.Itoa(v.Last - 1) // the figures of a year are reported the year after
	s.render(w, r, http.StatusOK, "filing", fmt.Sprintf("专利产品备案 %d", f.ID), "services", v)
}

// filingView builds a filing page's data.
func (s *Server) filingView(f *patentbridge.ProductFiling) filingView {
	return filingView{serviceSection: section("filings"), filingRow: filingRow{f, s.cityName(f.City)},
		FirstYear: patentbridge.FilingFirstYear, Last: s.Now().In(patentbridge.Beijing).Year()}
}

// filingSetYear serves POST /filings/{id}/years: a year's 产值 and 销售额 (万元).
func (s *Server) filingSetYear(w http.ResponseWriter, r *http.Request) {
	id, err := recordID(r, "专利产品备案")
	var f *patentbridge.ProductFiling
	if err == nil {
		f, err = s.Filings.FindFiling(r.Context(), id)
	}
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := s.filingView(f)
	formValues(r, map[string]*string{"year": &v.Year, "output": &v.Output, "sales": &v.Sales})
	var y patentbridge.FilingYear
	y.Year, err = strconv.Atoi(v.Year)
	if err != nil {
		err = patentbridge.FieldErrorf("年度", "年度 %q 无效：请填写如 2025 的四位年份", patentbridge.ClipValue(v.Year))
	}
	if err == nil {
		y.OutputFen, err = patentbridge.ParseWan("产值(万元)", v.Output)
	}
	if err == nil {
		y.SalesFen, err = patentbridge.ParseWan("销售额(万元)", v.Sales)
	}
	if err == nil {
		_, err = s.Filings.SetFilingYear(r.Context(), id, y)
	}
	if code := patentbridge.ErrorCode(err); code == patentbridge.EINVALID || code == patentbridge.EFORBIDDEN {
		v.Error, v.Field = patentbridge.ErrorMessage(err), patentbridge.ErrorField(err)
		s.render(w, r, httpx.Status(err), "filing", fmt.Sprintf("专利产品备案 %d", f.ID), "services", v)
		return
	} else if err != nil {
		s.errorPage(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/filings/%d?done=year", id), http.StatusSeeOther)
}

// filingPatentInput is one patent row of the filing form.
type filingPatentInput struct {
	AppNo, Source, Deal string
}

// filingForm is the data of the filing form: the values typed and the error.
type filingForm struct {
	serviceSection
	Enterprise, CreditCode, Product, Model, Industry, FiledOn string
	Patents                                                   []filingPatentInput
	Sources                                                   []option
	Error, Field                                              string
	ExistingID                                                int64 // the filing already stored, on a conflict
}

// filingNew serves the filing form.
func (s *Server) filingNew(w http.ResponseWriter, r *http.Request) {
	v := filingForm{serviceSection: section("filings"), FiledOn: patentbridge.FormatDay(s.Now())}
	v.fill()
	s.render(w, r, http.StatusOK, "filing_new", "登记专利产品备案", "services", v)
}

// fill pads the form's patent rows and lists the sources.
func (v *filingForm) fill() {
	for len(v.Patents) < filingPatentRows {
		v.Patents = append(v.Patents, filingPatentInput{})
	}
	v.Sources = nil
	for _, p := range patentbridge.PatentSources {
		v.Sources = append(v.Sources, option{Value: string(p), Label: p.Label()})
	}
}

// filingCreate files the form's product through CreateFiling; a refusal
// comes back on the form, its values kept, naming the column.
func (s *Server) filingCreate(w http.ResponseWriter, r *http.Request) {
	v := filingForm{serviceSection: section("filings")}
	formValues(r, map[string]*string{"enterprise": &v.Enterprise, "credit_code": &v.CreditCode, "product": &v.Product,
		"model": &v.Model, "industry": &v.Industry, "filed_on": &v.FiledOn})
	nos, srcs, deals := r.PostForm["patent_app_no"], r.PostForm["patent_source"], r.PostForm["patent_deal"]
	for i := 0; i < len(nos) && i < patentbridge.FilingPatentsMax+1; i++ {
		p := filingPatentInput{AppNo: strings.TrimSpace(nos[i])}
		if i < len(srcs) {
			p.Source = strings.TrimSpace(srcs[i])
		}
		if i < len(deals) {
			p.Deal = strings.TrimSpace(deals[i])
		}
		if p.AppNo != "" || p.Deal != "" {
			v.Patents = append(v.Patents, p)
		}
	}
	f, err := v.filing()
	if err == nil {
		err = s.Filings.CreateFiling(r.Context(), f)
	}
	switch patentbridge.ErrorCode(err) {
	case "":
		http.Redirect(w, r, fmt.Sprintf("/filings/%d?done=created", f.ID), http.StatusSeeOther)
		return
	case patentbridge.EINVALID, patentbridge.EFORBIDDEN, patentbridge.ECONFLICT, patentbridge.ENOTFOUND:
		v.Error, v.Field = patentbridge.ErrorMessage(err), patentbridge.ErrorField(err)
		if patentbridge.ErrorCode(err) == patentbridge.ECONFLICT {
			v.ExistingID = f.ID
		}
		v.fill()
		s.render(w, r, httpx.Status(err), "filing_new", "登记专利产品备案", "services", v)
		return
	}
	s.errorPage(w, r, err)
}

// filing converts the form into a filing. Returns EINVALID naming the template column.
func (v filingForm) filing() (*patentbridge.ProductFiling, error) {
	f := &patentbridge.ProductFiling{OrgName: v.Enterprise, CreditCode: v.CreditCode, Product: v.Product, Model: v.Model, Industry: v.Industry}
	for _, p := range v.Patents {
		src, ok := patentbridge.ParsePatentSource(p.Source)
		if !ok {
			return nil, patentbridge.FieldErrorf("专利来源", "专利来源 %q 无效：应为自有、许可或受让", patentbridge.ClipValue(p.Source))
		}
		fp := patentbridge.FiledPatent{AppNo: p.AppNo, Source: src}
		if p.Deal != "" {
			id, err := strconv.ParseInt(strings.TrimPrefix(p.Deal, "交易"), 10, 64)
			if err != nil || id <= 0 {
				return nil, patentbridge.FieldErrorf("交易编号", "交易编号 %q 无效：应为交易页上的编号，如 12", patentbridge.ClipValue(p.Deal))
			}
			fp.DealID = id
		}
		if fp.AppNo == "" {
			return nil, patentbridge.FieldErrorf("申请号", "填写了交易编号 %s，请填写其专利申请号", p.Deal)
		}
		f.Patents = append(f.Patents, fp)
	}
	var err error
	if f.FiledOn, err = recordDate("备案日期", v.FiledOn); err != nil {
		return nil, err
	}
	return f, nil
}

// filingImportPage serves the filing upload form.
func (s *Server) filingImportPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "filing_import", "批量导入专利产品备案", "services", serviceImportView{serviceSection: section("filings")})
}

// filingImport serves POST /filings/import: the uploaded filing file
// imported inline, row by row, with the rejects offered as CSV.
func (s *Server) filingImport(w http.ResponseWriter, r *http.Request) {
	res, status, err := s.importRegistryUpload(w, r, maxServiceUpload,
		"（网页导入限 8 MB，更大的文件请用命令 patentbridge import --kind filings 文件）", s.ImportFilings)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	s.render(w, r, status, "filing_import", "批量导入专利产品备案", "services", serviceImportView{section("filings"), res})
}

// serviceImportView is the data of a 服务体系 upload page.
type serviceImportView struct {
	serviceSection
	importResult
}
