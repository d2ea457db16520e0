package web

import (
	"fmt"
	"net/http"
	"strings"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// caseRow is one typical case as the pages show it.
type caseRow struct {
	*patentbridge.TypicalCase
	CityName  string
	Published bool // public today; an official also sees the cases still to come
}

// casesView is the data of /cases.
type casesView struct {
	Upload    uploadForm
	CanCreate bool
	Years     []option
	Cities    []option
	Items     []caseRow
	Total     int
	Pager     httpx.Pager
}

// caseList serves /cases?year=&city=: the published typical cases to anyone,
// and to officials also their scope's cases still to be published.
func (s *Server) caseList(w http.ResponseWriter, r *http.Request) {
	s.renderCases(w, r, http.StatusOK, importResult{})
}

// caseImport serves POST /cases/import: a case file imported inline, with the
// counts and the rejects as CSV.
func (s *Server) caseImport(w http.ResponseWriter, r *http.Request) {
	res, status, err := s.importRegistryUpload(w, r, maxProgrammeUpload,
		"（网页导入限 8 MB，更大的文件请用命令 patentbridge import --kind cases 文件）", s.ImportCases)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	s.renderCases(w, r, status, res)
}

// official reports whether the user is the admin or a city user: who keeps the programme's records.
func official(u *patentbridge.User) bool {
	return u != nil && (u.Role == patentbridge.RoleAdmin || u.Role == patentbridge.RoleCity)
}

func (s *Server) renderCases(w http.ResponseWriter, r *http.Request, status int, res importResult) {
	f, err := s.programmeFilter(r, "")
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	u := patentbridge.UserFrom(r.Context())
	// Published cases are everyone's: a city user filters by any city too
	// (programmeFilter has refused a malformed code).
	f.City, _ = patentbridge.ParseCityFilter(r.URL.Query().Get("city"))
	cs, total, err := s.Cases.ListCases(r.Context(), f)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := casesView{CanCreate: official(u), Years: s.programmeYears(f.Year), Cities: s.sichuanCities(f.City), Total: total,
		Pager: httpx.NewPager("/cases", filterValues(f, ""), total, programmePageSize, f.Offset)}
	if s.ImportCases != nil && official(u) {
		v.Upload = uploadForm{importResult: res, Action: "/cases/import", TemplateHref: "/cases/template",
			Columns: "标题、正文、地区代码、发布日期、关联交易编号（多个以分号分隔）"}
	}
	today := s.Now()
	for _, c := range cs {
		v.Items = append(v.Items, caseRow{TypicalCase: c, CityName: s.cityName(c.City), Published: c.Published(today)})
	}
	s.render(w, r, status, "cases", "典型案例", "cases", v)
}

// caseDetail serves /cases/{id}: a published case to anyone, one still to
// be published to the officials of its city (else 404).
func (s *Server) caseDetail(w http.ResponseWriter, r *http.Request) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.ENOTFOUND, "典型案例 %q 不存在", patentbridge.ClipValue(r.PathValue("id"))))
		return
	}
	c, err := s.Cases.FindCase(r.Context(), id)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := struct {
		caseRow
		Done       bool
		Deals      bool // the reader may open the deals' pages
		Paragraphs []string
	}{caseRow: caseRow{TypicalCase: c, CityName: s.cityName(c.City), Published: c.Published(s.Now())},
		Done: r.URL.Query().Get("done") == "created", Deals: s.Deals != nil && official(patentbridge.UserFrom(r.Context()))}
	for _, p := range strings.Split(c.Body, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			v.Paragraphs = append(v.Paragraphs, p)
		}
	}
	s.render(w, r, http.StatusOK, "case", c.Title, "cases", v)
}

// caseForm is the data of /cases/new.
type caseForm struct {
	formError
	Title, Body, City, PublishedOn, Deals string
	Cities                                []option
	CityLocked                            bool
}

// caseNew serves the case form, a city user's city chosen.
func (s *Server) caseNew(w http.ResponseWriter, r *http.Request) {
	s.renderCaseForm(w, r, http.StatusOK, caseForm{City: patentbridge.ScopeCity(patentbridge.UserFrom(r.Context()))})
}

func (s *Server) renderCaseForm(w http.ResponseWriter, r *http.Request, status int, v caseForm) {
	v.Cities = s.sichuanCities(v.City)
	v.CityLocked = patentbridge.ScopeCity(patentbridge.UserFrom(r.Context())) != ""
	s.render(w, r, status, "case_new", "登记典型案例", "cases", v)
}

// caseCreate stores the form's case and shows it.
func (s *Server) caseCreate(w http.ResponseWriter, r *http.Request) {
	v := caseForm{Title: r.PostFormValue("title"), Body: r.PostFormValue("body"), City: strings.TrimSpace(r.PostFormValue("city")),
		PublishedOn: r.PostFormValue("published_on"), Deals: r.PostFormValue("deal_ids")}
	c, err := v.typicalCase()
	if err == nil {
		err = s.Cases.CreateCase(r.Context(), c)
	}
	if formRefusal(err) {
		v.formError = formError{patentbridge.ErrorMessage(err), patentbridge.ErrorField(err)}
		s.renderCaseForm(w, r, httpx.Status(err), v)
		return
	} else if err != nil {
		s.errorPage(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/cases/%d?done=created", c.ID), http.StatusSeeOther)
}

// typicalCase converts the form into a case. Returns EINVALID naming the template column.
func (v caseForm) typicalCase() (*patentbridge.TypicalCase, error) {
	c := &patentbridge.TypicalCase{Title: v.Title, Body: v.Body, City: v.City}
	var err error
	if c.PublishedOn, err = formDay("发布日期", v.PublishedOn); err != nil {
		return nil, err
	}
	nos := strings.FieldsFunc(v.Deals, func(r rune) bool { return strings.ContainsRune(";；,，、 \t\r\n", r) })
	if len(nos) > patentbridge.CaseDealsMax {
		return nil, patentbridge.FieldErrorf("关联交易编号", "一个案例最多关联 %d 笔交易", patentbridge.CaseDealsMax)
	}
	for _, no := range nos {
		id, ok := httpx.ParseID(strings.TrimPrefix(no, "#"))
		if !ok {
			return nil, patentbridge.FieldErrorf("关联交易编号", "交易编号 %q 无效：应为正整数，多个以分号分隔", patentbridge.ClipValue(no))
		}
		c.DealIDs = append(c.DealIDs, id)
	}
	return c, nil
}
