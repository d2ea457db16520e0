package api

import (
	"encoding/json"
	"net/http"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// declarationInput is the JSON body of POST /api/v1/patents/{app_no}/declarations.
type declarationInput struct {
	Kind       string `json:"kind"` // implemented or reason
	Reason     string `json:"reason"`
	Text       string `json:"text"`
	How        string `json:"how"`
	Since      string `json:"since"` // YYYY-MM-DD
	Enterprise string `json:"enterprise"`
}

// ratingInput is the JSON body of POST /api/v1/patents/{app_no}/ratings.
type ratingInput struct {
	Prospect    int    `json:"prospect"`
	Improvement int    `json:"improvement"`
	Cooperation int    `json:"cooperation"`
	Comment     string `json:"comment"`
}

// decodeBody reads a small JSON body into v. Returns EINVALID.
func decodeBody(w http.ResponseWriter, r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return patentbridge.Errorf(patentbridge.EINVALID, "请求体不是有效的 JSON：%v", err)
	}
	return nil
}

// patentFor loads the patent of the path's app_no. Returns EINVALID, ENOTFOUND.
func (s *Server) patentFor(r *http.Request) (*patentbridge.Patent, error) {
	appNo, _, err := patentbridge.NormalizeAppNo(r.PathValue("app_no"))
	if err != nil {
		return nil, patentbridge.FieldErrorf("app_no", "%s", patentbridge.ErrorMessage(err))
	}
	return s.Patents.FindPatent(r.Context(), appNo)
}

// createDeclaration serves POST /api/v1/patents/{app_no}/declarations for the
// owning institution's users and admins, answering 201 with the declaration.
func (s *Server) createDeclaration(w http.ResponseWriter, r *http.Request) {
	p, err := s.patentFor(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	var in declarationInput
	if err := decodeBody(w, r, &in); err != nil {
		s.error(w, r, err)
		return
	}
	d := &patentbridge.Declaration{AppNo: p.AppNo, Kind: patentbridge.DeclarationKind(in.Kind), Reason: in.Reason,
		Text: in.Text, How: in.How, Enterprise: in.Enterprise}
	if in.Since != "" {
		if d.Since, err = patentbridge.ParseDate(in.Since); err != nil {
			s.error(w, r, patentbridge.FieldErrorf("since", "实施起始日期 %q 无法识别，应为 YYYY-MM-DD", in.Since))
			return
		}
	}
	if err := s.Declarations.CreateDeclaration(r.Context(), d); err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, httpx.NewDeclarationView(d))
}

// createRating serves POST /api/v1/patents/{app_no}/ratings for enterprises and
// admins, answering 201 with the rating.
func (s *Server) createRating(w http.ResponseWriter, r *http.Request) {
	p, err := s.patentFor(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	var in ratingInput
	if err := decodeBody(w, r, &in); err != nil {
		s.error(w, r, err)
		return
	}
	rt := &patentbridge.Rating{AppNo: p.AppNo, Prospect: in.Prospect, Improvement: in.Improvement,
		Cooperation: in.Cooperation, Comment: in.Comment}
	if err := s.Declarations.CreateRating(r.Context(), rt); err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, rt)
}
