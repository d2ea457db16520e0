package web

import (
	"net/http"
	"time"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// patentPage is the data of the detail page: the patent, its screening result,
// the institutions' declarations, the enterprises' ratings and the forms the
// user may fill in.
type patentPage struct {
	httpx.PatentView
	ScreeningOn  bool                 // the sleeping-patent database is configured
	Screening    *httpx.ScreeningView // nil: not screened yet
	RunAsOf      string
	GradeBands   []httpx.GradeBandView // the run's grade cut-offs, A first
	GradeRule    string                // the configuration's rule (Deps.GradeRule)
	Declarations []httpx.DeclarationView
	Offers       []httpx.OfferView // the patent's published offers (转化交易)
	Ratings      httpx.RatingsView
	CanDeclare   bool
	CanRate      bool
	Reasons      []option
	Decl         declForm
	Rate         rateForm
	Saved        string // what was just saved, for the confirmation note
	// DeclPending: a declaration of the patent was made or revoked after the
	// latest finished run started, so its result changes at the next run.
	DeclPending bool
	Today       string // the latest 实施起始日期 the form accepts
	// OpenLicence is the patent's announced open licence, if any.
	OpenLicence *httpx.OpenLicenceView
	// CanOpenLicence: the user may declare an open licence of the patent.
	CanOpenLicence bool
	// CanRegisterLicence: offer the user the negotiated-licence form.
	CanRegisterLicence bool
	// FeeReductions are the patentee's annual-fee reductions, one for each
	// announced or withdrawn open licence of the patent, latest first.
	FeeReductions []feeReduction
}

// feeReduction is the period of the 15% annual-fee reduction while one open
// licence is in effect (DESIGN §3.8), its dates as YYYY-MM-DD.
type feeReduction struct {
	OpenLicenceID int64
	From, To      string // To is "" when the declaration names no last day
	Withdrawn     string // the withdrawal's day, "" while announced
	Rate          int    // percent
}

// newFeeReduction is the reduction of one declaration; false when it never
// was in effect.
func newFeeReduction(ol *patentbridge.OpenLicence) (feeReduction, bool) {
	from, to, ok := ol.FeeReductionPeriod()
	if !ok {
		return feeReduction{}, false
	}
	fr := feeReduction{OpenLicenceID: ol.ID, From: patentbridge.FormatDate(from), To: patentbridge.FormatDate(to),
		Rate: patentbridge.OpenLicenceReductionBP / 100}
	if !ol.WithdrawnAt.IsZero() {
		fr.Withdrawn = patentbridge.FormatDate(patentbridge.DateOf(ol.WithdrawnAt))
	}
	return fr, true
}

// patentDetail serves one patent's page; the application number may be in any
// usual form, and a wrong check character is explained on a 400 page.
func (s *Server) patentDetail(w http.ResponseWriter, r *http.Request) {
	p, err := s.findPatent(r)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	s.renderPatent(w, r, http.StatusOK, p, declForm{}, rateForm{})
}

// findPatent loads the patent named by the path's app_no.
func (s *Server) findPatent(r *http.Request) (*patentbridge.Patent, error) {
	appNo, _, err := patentbridge.NormalizeAppNo(r.PathValue("app_no"))
	if err != nil {
		return nil, err
	}
	return s.Patents.FindPatent(r.Context(), appNo)
}

// renderPatent renders the detail page with the given form states.
func (s *Server) renderPatent(w http.ResponseWriter, r *http.Request, status int, p *patentbridge.Patent, d declForm, rf rateForm) {
	ctx := r.Context()
	u := patentbridge.UserFrom(ctx)
	v := patentPage{PatentView: httpx.NewPatentDetail(p, s.Ref), Decl: d, Rate: rf, Saved: savedNote(r.URL.Query().Get("saved")),
		Today: patentbridge.FormatDay(s.Now())}
	if s.OpenLicences != nil {
		ols, _, err := s.OpenLicences.ListOpenLicences(ctx, patentbridge.OpenLicenceFilter{AppNo: p.AppNo, Limit: 50})
		if err != nil {
			s.errorPage(w, r, err)
			return
		}
		v.CanOpenLicence = u != nil && (u.Role == patentbridge.RoleAdmin || u.Role == patentbridge.RoleInstitution || u.Role == patentbridge.RoleEnterprise) &&
			p.Status == patentbridge.StatusInForce && patentbridge.CanPost(u) == nil
		for _, ol := range ols {
			if ol.Status == patentbridge.OpenAnnounced && v.OpenLicence == nil {
				ov := httpx.NewOpenLicenceView(ol, false)
				v.OpenLicence = &ov
			}
			if fr, ok := newFeeReduction(ol); ok {
				v.FeeReductions = append(v.FeeReductions, fr)
			}
		}
	}
	v.CanRegisterLicence = s.Licences != nil && s.Organizations != nil && canRegisterLicence(u, p)
	var runStart time.Time // of the latest finished run; zero when none
	if s.Screening != nil {
		v.ScreeningOn = true
		if run, err := s.Screening.LatestRun(ctx); err == nil {
			runStart = run.StartedAt
		} else if patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
			s.errorPage(w, r, err)
			return
		}
		res, err := s.Screening.FindScreeningResult(ctx, 0, p.AppNo)
		switch {
		case err == nil:
			v.Screening = httpx.NewScreeningView(res, p, s.Ref)
			if run, err := s.Screening.LatestRun(ctx); err == nil && run.ID == res.RunID {
				v.RunAsOf = patentbridge.FormatDate(run.AsOf)
			}
			if bands, err := s.Screening.GradeBands(ctx, res.RunID); err == nil {
				v.GradeBands, v.GradeRule = httpx.NewGradeBandViews(bands), s.GradeRule
			} else {
				httpx.LogError(r, err, s.Logger)
			}
		case patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND:
			s.errorPage(w, r, err)
			return
		}
	}
	if s.Offers != nil {
		os, _, err := s.Offers.ListOffers(ctx, patentbridge.OfferFilter{AppNo: p.AppNo, Status: patentbridge.OfferPublished})
		if err != nil {
			s.errorPage(w, r, err)
			return
		}
		for _, o := range os {
			v.Offers = append(v.Offers, httpx.NewOfferView(o))
		}
	}
	if s.Declarations != nil {
		ds, err := s.Declarations.PatentDeclarations(ctx, p.AppNo)
		if err != nil {
			s.errorPage(w, r, err)
			return
		}
		for _, d := range ds {
			v.Declarations = append(v.Declarations, httpx.NewDeclarationView(d))
			v.DeclPending = v.DeclPending || v.ScreeningOn && d.ChangedAfter(runStart)
		}
		rs, err := s.Declarations.PatentRatings(ctx, p.AppNo)
		if err != nil {
			s.errorPage(w, r, err)
			return
		}
		v.Ratings = httpx.NewRatingsView(rs)
		if v.CanDeclare, err = s.Declarations.CanDeclare(ctx, p.AppNo); err != nil {
			s.errorPage(w, r, err)
			return
		}
		v.CanRate = patentbridge.CanRate(u) == nil
		for _, c := range patentbridge.ReasonCodes {
			v.Reasons = append(v.Reasons, option{c, patentbridge.ReasonLabel(c), d.Reason == c})
		}
	}
	s.render(w, r, status, "patent", p.Title, "patents", v)
}

// savedNote is the confirmation shown after a redirect from a saved form.
func savedNote(what string) string {
	switch what {
	case "declaration":
		return "声明已登记。下一次筛查将据此判断该专利是否为沉睡专利。"
	case "revoked":
		return "声明已撤销。下一次筛查将重新判断该专利。"
	case "rating":
		return "评价已保存，感谢您的反馈。"
	}
	return ""
}
