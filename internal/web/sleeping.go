package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"patentbridge"
	"patentbridge/internal/httpx"
	"patentbridge/internal/refdata"
)

// sleepingView is the data of the 沉睡专利库 page.
type sleepingView struct {
	Form                              url.Values
	Error, ErrorField                 string
	Cities, Grades, Kinds, Flags, SEI []option
	IndustryGroups                    []optionGroup
	Excluded                          bool
	Run                               *httpx.RunView
	RunNote                           string // patents imported or changed after the run (httpx.RunLagNote)
	Total, From, To                   int
	Pager                             httpx.Pager
	Export                            *exportLink // nil: nothing to export
	GradeCounts                       []countLink
	IndustryCounts                    []industryCounts
	Items                             []sleepingRow
}

// optionGroup is an optgroup of a select element.
type optionGroup struct {
	Label   string
	Options []option
}

// industryCounts are the counts of one industry system's industries.
type industryCounts struct {
	Label string
	Items []countLink
}

// sleepingRow is one patent of the list with its screening result.
type sleepingRow struct {
	httpx.PatentView
	Screening  *httpx.ScreeningView
	OwnerTypes string
	City       string
	Industries []string
}

// sleepingPage serves the public sleeping-patent database of the latest run (or
// ?run_id=): filters, counts by grade and industry, and a page of patents; with
// excluded=1 it lists the patents excluded by a declaration or a justified reason.
func (s *Server) sleepingPage(w http.ResponseWriter, r *http.Request) {
	if s.Sleeping == nil || s.Screening == nil {
		s.notFound(w, r)
		return
	}
	q := sleepingQuery(r.URL.Query())
	v := s.sleepingForm(q)
	f, err := httpx.ParseSleepingFilter(withoutOffset(q))
	if err == nil {
		err = applySleepingPage(&f, q.Get("page"))
	}
	if err == nil {
		err = s.fillSleeping(r.Context(), &v, f, q)
	}
	if patentbridge.ErrorCode(err) == patentbridge.EINVALID {
		v.Error, v.ErrorField = patentbridge.ErrorMessage(err), patentbridge.ErrorField(err)
		s.render(w, r, http.StatusBadRequest, "sleeping", "沉睡专利库", "sleeping", v)
		return
	} else if err != nil {
		s.errorPage(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "sleeping", "沉睡专利库", "sleeping", v)
}

// sleepingQuery splits the form's combined "si" (system:industry) select.
func sleepingQuery(q url.Values) url.Values {
	if si := q.Get("si"); si != "" {
		sys, ind, _ := strings.Cut(si, ":")
		q.Set("system", sys)
		q.Set("industry", ind)
	}
	q.Del("si")
	return q
}

// fillSleeping loads the run, the counts and one page of results.
func (s *Server) fillSleeping(ctx context.Context, v *sleepingView, f patentbridge.SleepingFilter, q url.Values) error {
	run, err := s.Screening.FindRun(ctx, f.RunID)
	if patentbridge.ErrorCode(err) == patentbridge.ENOTFOUND && f.RunID == 0 {
		return nil // no finished run yet: the page says so
	} else if err != nil {
		return err
	}
	rv := httpx.NewRunView(run)
	v.Run = &rv
	changed, err := s.Screening.PatentsChangedSince(ctx, run.StartedAt)
	if err != nil {
		return err
	}
	v.RunNote = httpx.RunLagNote(run.AsOf, changed)
	items, total, err := s.Sleeping.ListSleeping(ctx, f)
	if err != nil {
		return err
	}
	counts, err := s.Sleeping.CountSleeping(ctx, f)
	if err != nil {
		return err
	}
	for _, g := range patentbridge.Grades {
		n, ok := counts[g]
		if !ok {
			n = counts["grade:"+g]
		}
		v.GradeCounts = append(v.GradeCounts, countLink{Label: g + "级", Count: n, Href: sleepingURL(q, map[string]string{"grade": g})})
	}
	for _, sys := range patentbridge.Systems {
		ic := industryCounts{Label: patentbridge.SystemLabel(sys)}
		for _, ind := range patentbridge.Industries(sys) {
			if n := counts[sys+":"+ind]; n > 0 {
				ic.Items = append(ic.Items, countLink{Label: ind, Count: n, Href: sleepingURL(q, map[string]string{"system": sys, "industry": ind})})
			}
		}
		v.IndustryCounts = append(v.IndustryCounts, ic)
	}
	for _, it := range items {
		v.Items = append(v.Items, s.sleepingRow(it))
	}
	v.Total, v.Pager = total, httpx.NewPager("/sleeping", q, total, f.Limit, f.Offset)
	v.Export = newExportLink("/sleeping.xlsx", q, total)
	if len(items) > 0 {
		v.From, v.To = f.Offset+1, f.Offset+len(items)
	}
	return nil
}

func (s *Server) sleepingRow(it *patentbridge.SleepingItem) sleepingRow {
	row := sleepingRow{PatentView: httpx.NewPatentView(it.Patent, s.Ref), Screening: httpx.NewScreeningView(it.Result, it.Patent, s.Ref)}
	var types []string
	for _, o := range it.Patent.Owners() {
		if l := o.Type.Label(); o.Type != "" && !slices.Contains(types, l) {
			types = append(types, l)
		}
	}
	row.OwnerTypes = strings.Join(types, "、")
	if c := it.City(); s.Ref != nil && c != "" {
		row.City = s.Ref.CityName(c)
	}
	c := it.Result.Classes
	for _, n := range slices.Concat(c.Sichuan51, c.Advantage6, c.Agri103) {
		if !slices.Contains(row.Industries, n) {
			row.Industries = append(row.Industries, n)
		}
	}
	return row
}

// sleepingForm builds the filter form's choices with the submitted values selected.
func (s *Server) sleepingForm(q url.Values) sleepingView {
	v := sleepingView{Form: q, Excluded: q.Get("excluded") == "1" || q.Get("excluded") == "true" || q.Get("excluded") == "on"}
	v.Cities = s.sichuanCities(q.Get("city"))
	for _, g := range patentbridge.Grades {
		v.Grades = append(v.Grades, option{g, g + "级", strings.ToUpper(q.Get("grade")) == g})
	}
	for _, k := range []patentbridge.Kind{patentbridge.KindInvention, patentbridge.KindUtility} {
		v.Kinds = append(v.Kinds, option{string(k), k.Label(), q.Get("kind") == string(k)})
	}
	for _, fl := range httpx.Flags {
		v.Flags = append(v.Flags, option{fl, fl, q.Get("flag") == fl})
	}
	for _, sys := range patentbridge.Systems {
		g := optionGroup{Label: patentbridge.SystemLabel(sys)}
		for _, ind := range patentbridge.Industries(sys) {
			g.Options = append(g.Options, option{sys + ":" + ind, ind, q.Get("system") == sys && q.Get("industry") == ind})
		}
		v.IndustryGroups = append(v.IndustryGroups, g)
	}
	if lister, ok := s.Ref.(interface{ SEIIndustries() []refdata.SEIIndustry }); ok {
		seen := map[string]bool{}
		for _, ind := range lister.SEIIndustries() {
			if !seen[ind.FieldCode] {
				seen[ind.FieldCode] = true
				v.SEI = append(v.SEI, option{ind.FieldCode, ind.FieldCode + " " + ind.FieldName, q.Get("sei") == ind.FieldCode})
			}
			v.SEI = append(v.SEI, option{ind.Code, "\u3000" + ind.Code + " " + ind.Name, q.Get("sei") == ind.Code})
		}
	}
	return v
}

// applySleepingPage turns the 1-based page parameter into the filter's offset.
func applySleepingPage(f *patentbridge.SleepingFilter, page string) error {
	pf := patentbridge.PatentFilter{Limit: f.Limit}
	if err := applyPage(&pf, page); err != nil {
		return err
	}
	f.Offset = pf.Offset
	return nil
}

// sleepingURL is the page's address with the same filters and some replaced;
// changing a filter goes back to the first page.
func sleepingURL(q url.Values, set map[string]string) string {
	c := withoutOffset(q)
	for k, v := range c {
		if len(v) == 1 && v[0] == "" {
			delete(c, k)
		}
	}
	for k, v := range set {
		c.Set(k, v)
	}
	return "/sleeping?" + c.Encode()
}
