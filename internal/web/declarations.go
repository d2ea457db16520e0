package web

import (
	"net/http"
	"strconv"
	"strings"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// declForm is the declaration form's submitted values and error.
type declForm struct {
	Kind, Reason, Text, How, Since, Enterprise string
	Error, ErrorField                          string
}

// rateForm is the rating form's submitted values and error.
type rateForm struct {
	Prospect, Improvement, Cooperation, Comment string
	Error, ErrorField                           string
}

// patentWrite loads the patent of a form post and parses the form; the role
// check is the route's (Routes), the scope check the service's.
func (s *Server) patentWrite(w http.ResponseWriter, r *http.Request) (*patentbridge.Patent, bool) {
	if s.Declarations == nil {
		s.notFound(w, r)
		return nil, false
	}
	p, err := s.findPatent(r)
	if err != nil {
		s.errorPage(w, r, err)
		return nil, false
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.EINVALID, "表单无法解析"))
		return nil, false
	}
	return p, true
}

// createDeclaration records an owner's 已实施 or 正当理由 declaration.
func (s *Server) createDeclaration(w http.ResponseWriter, r *http.Request) {
	p, ok := s.patentWrite(w, r)
	if !ok {
		return
	}
	f := declForm{Kind: r.PostFormValue("kind"), Reason: r.PostFormValue("reason"), Text: strings.TrimSpace(r.PostFormValue("text")),
		How: strings.TrimSpace(r.PostFormValue("how")), Since: strings.TrimSpace(r.PostFormValue("since")),
		Enterprise: strings.TrimSpace(r.PostFormValue("enterprise"))}
	d, err := declarationFromForm(f, p.AppNo)
	if err == nil {
		err = s.Declarations.CreateDeclaration(r.Context(), d)
	}
	if patentbridge.ErrorCode(err) == patentbridge.EINVALID {
		f.Error, f.ErrorField = patentbridge.ErrorMessage(err), patentbridge.ErrorField(err)
		s.renderPatent(w, r, http.StatusBadRequest, p, f, rateForm{})
		return
	} else if err != nil {
		s.errorPage(w, r, err)
		return
	}
	http.Redirect(w, r, "/patents/"+p.AppNo+"?saved=declaration#declarations", http.StatusSeeOther)
}

// declarationFromForm builds a declaration from form values. Returns EINVALID for a bad date.
func declarationFromForm(f declForm, appNo string) (*patentbridge.Declaration, error) {
	d := &patentbridge.Declaration{AppNo: appNo, Kind: patentbridge.DeclarationKind(f.Kind)}
	switch d.Kind {
	case patentbridge.DeclImplemented:
		d.How, d.Enterprise, d.Text = f.How, f.Enterprise, f.Text
		if f.Since != "" {
			t, err := patentbridge.ParseDeclarationSince(f.Since)
			if err != nil {
				return nil, err
			}
			d.Since = t
		}
	case patentbridge.DeclReason:
		d.Reason, d.Text = f.Reason, f.Text
	}
	return d, nil
}

// revokeDeclaration withdraws one of the patent's declarations.
func (s *Server) revokeDeclaration(w http.ResponseWriter, r *http.Request) {
	p, ok := s.patentWrite(w, r)
	if !ok {
		return
	}
	id, ok := httpx.PathID(r, "id")
	if !ok {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.ENOTFOUND, "声明 %q 不存在", r.PathValue("id")))
		return
	}
	if err := s.Declarations.RevokeDeclaration(r.Context(), p.AppNo, id); err != nil {
		s.errorPage(w, r, err)
		return
	}
	http.Redirect(w, r, "/patents/"+p.AppNo+"?saved=revoked#declarations", http.StatusSeeOther)
}

// createRating stores an enterprise's market evaluation of the patent.
func (s *Server) createRating(w http.ResponseWriter, r *http.Request) {
	p, ok := s.patentWrite(w, r)
	if !ok {
		return
	}
	f := rateForm{Prospect: r.PostFormValue("prospect"), Improvement: r.PostFormValue("improvement"),
		Cooperation: r.PostFormValue("cooperation"), Comment: strings.TrimSpace(r.PostFormValue("comment"))}
	rt := &patentbridge.Rating{AppNo: p.AppNo, Comment: f.Comment,
		Prospect: score(f.Prospect), Improvement: score(f.Improvement), Cooperation: score(f.Cooperation)}
	err := s.Declarations.CreateRating(r.Context(), rt)
	if patentbridge.ErrorCode(err) == patentbridge.EINVALID {
		f.Error, f.ErrorField = patentbridge.ErrorMessage(err), patentbridge.ErrorField(err)
		s.renderPatent(w, r, http.StatusBadRequest, p, declForm{}, f)
		return
	} else if err != nil {
		s.errorPage(w, r, err)
		return
	}
	http.Redirect(w, r, "/patents/"+p.AppNo+"?saved=rating#ratings", http.StatusSeeOther)
}

// score reads a 1–5 score; anything else is 0, which validation rejects.
func score(s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0
	}
	return n
}
