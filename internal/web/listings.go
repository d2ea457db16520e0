package web

import (
	"fmt"
	"net/http"
	"strings"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// listingRow is one enterprise of the pipeline as the list shows it, with its next stage.
type listingRow struct {
	*patentbridge.ListingCandidate
	CityName  string
	Next      patentbridge.ListingStage // "" at the last stage
	NextField string                    // the date column of the next stage
}

// listingForm is the values typed into the screening form.
type listingForm struct {
	Org, City, ScreenedOn string
}

// listingsView is the data of /listings: the pipeline, the screening form
// and the advance buttons.
type listingsView struct {
	Tabs []programmeTab
	formError
	Form       listingForm
	Done       string
	Today      string
	Years      []option
	Stages     []option
	Cities     []option
	FormCities []option
	CityLocked bool
	Items      []listingRow
	Total      int
	Pager      httpx.Pager
	Upload     uploadForm
}

// listingList serves /listings?stage=&year=&city=: the 科创板 pipeline of the
// official's scope.
func (s *Server) listingList(w http.ResponseWriter, r *http.Request) {
	s.renderListings(w, r, http.StatusOK, listingsView{Done: r.URL.Query().Get("done"),
		Form: listingForm{City: patentbridge.ScopeCity(patentbridge.UserFrom(r.Context()))}})
}

// listingCreate serves POST /listings: an enterprise of the registry screened into the pipeline.
func (s *Server) listingCreate(w http.ResponseWriter, r *http.Request) {
	f := listingForm{Org: r.PostFormValue("organization"), City: strings.TrimSpace(r.PostFormValue("city")), ScreenedOn: r.PostFormValue("screened_on")}
	c := &patentbridge.ListingCandidate{OrgName: f.Org, City: f.City}
	var err error
	if c.ScreenedOn, err = formDay("入库日期", f.ScreenedOn); err == nil {
		err = s.Listings.CreateListingCandidate(r.Context(), c)
	}
	s.listingDone(w, r, err, "created", listingsView{Form: f})
}

// listingAdvance serves POST /listings/{id}/advance: the candidate moved to
// the stage "to" on the day "on" (today when empty).
func (s *Server) listingAdvance(w http.ResponseWriter, r *http.Request) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.ENOTFOUND, "培育企业 %q 不存在", patentbridge.ClipValue(r.PathValue("id"))))
		return
	}
	to, ok := patentbridge.ParseListingStage(r.PostFormValue("to"))
	var err error
	if !ok {
		err = patentbridge.FieldErrorf("阶段", "阶段 %q 无效：应为重点跟踪或成功上市", patentbridge.ClipValue(r.PostFormValue("to")))
	}
	on := s.Now()
	if err == nil && strings.TrimSpace(r.PostFormValue("on")) != "" {
		on, err = formDate(stageDateField(to), r.PostFormValue("on"))
	}
	if err == nil {
		_, err = s.Listings.AdvanceListing(r.Context(), id, to, patentbridge.DateOf(on))
	}
	s.listingDone(w, r, err, "advanced", listingsView{Form: listingForm{City: patentbridge.ScopeCity(patentbridge.UserFrom(r.Context()))}})
}

// listingDone answers an act on the pipeline: back to the list when it
// succeeded, the list with the message for bad input.
func (s *Server) listingDone(w http.ResponseWriter, r *http.Request, err error, done string, v listingsView) {
	switch code := patentbridge.ErrorCode(err); {
	case err == nil:
		http.Redirect(w, r, fmt.Sprintf("/listings?done=%s", done), http.StatusSeeOther)
	case code == patentbridge.EINVALID || code == patentbridge.ECONFLICT || code == patentbridge.ENOTFOUND && r.PathValue("id") == "":
		v.formError = formError{patentbridge.ErrorMessage(err), patentbridge.ErrorField(err)}
		s.renderListings(w, r, httpx.Status(err), v)
	default:
		s.errorPage(w, r, err)
	}
}

// stageDateField is the date column of a stage.
func stageDateField(st patentbridge.ListingStage) string {
	switch st {
	case patentbridge.ListingFollowed:
		return "跟踪日期"
	case patentbridge.ListingListed:
		return "上市日期"
	}
	return "入库日期"
}

func (s *Server) renderListings(w http.ResponseWriter, r *http.Request, status int, v listingsView) {
	stage := r.URL.Query().Get("stage")
	if st, ok := patentbridge.ParseListingStage(stage); ok {
		stage = string(st)
	} else if stage != "" {
		s.errorPage(w, r, patentbridge.FieldErrorf("阶段", "阶段 %q 无效：应为入库培育、重点跟踪或成功上市", patentbridge.ClipValue(stage)))
		return
	}
	f, err := s.programmeFilter(r, stage)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	cs, total, err := s.Listings.ListListingCandidates(r.Context(), f)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v.Years, v.Cities, v.FormCities, v.Total = s.programmeYears(f.Year), s.sichuanCities(f.City), s.sichuanCities(v.Form.City), total
	v.Today = patentbridge.FormatDay(s.Now()) // the Beijing day
	v.CityLocked = patentbridge.ScopeCity(patentbridge.UserFrom(r.Context())) != ""
	v.Pager = httpx.NewPager("/listings", filterValues(f, "stage"), total, programmePageSize, f.Offset)
	for _, st := range patentbridge.ListingStages {
		v.Stages = append(v.Stages, option{string(st), st.Label(), string(st) == f.Kind})
	}
	for _, c := range cs {
		next := patentbridge.ListingMoves[c.Stage]
		v.Items = append(v.Items, listingRow{ListingCandidate: c, CityName: s.cityName(c.City), Next: next, NextField: stageDateField(next)})
	}
	v.Tabs = s.programmeTabs("/listings")
	v.Upload = uploadOf(v.Upload.importResult, s.ImportListings, "/listings",
		"企业名称（须已在单位名录中）、地区代码、入库日期、跟踪日期、上市日期（填了跟踪、上市日期的企业入库后依次进入重点跟踪、成功上市）")
	s.render(w, r, status, "listings", "科创板培育", "events", v)
}
