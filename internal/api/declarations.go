package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"strings"

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

// decodeBody reads a small JSON body into v. An error inside a nested item
// names its top-level key. Returns EINVALID, ETOOLARGE.
func decodeBody(w http.ResponseWriter, r *http.Request, v any) error {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxJSONBody))
	if err != nil {
		return jsonError(err, nil, nil)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err, body, v)
	}
	if dec.More() {
		return patentbridge.Errorf(patentbridge.EINVALID, "请求体只能包含一个 JSON 对象")
	}
	return nil
}

// maxJSONBody caps a JSON request body.
const maxJSONBody = 64 << 10

// jsonError says in Chinese what is wrong with a request body, naming the
// field where there is one (the top-level key of body, decoded into v, for
// an error inside a nested item), without the decoder's English.
func jsonError(err error, body []byte, v any) error {
	var tooLarge *http.MaxBytesError
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &tooLarge):
		return patentbridge.Errorf(patentbridge.ETOOLARGE, "请求体过大（不超过 %d KB）", maxJSONBody>>10)
	case errors.As(err, &syntax):
		return patentbridge.Errorf(patentbridge.EINVALID, "请求体不是有效的 JSON（第 %d 字节附近）", syntax.Offset)
	case errors.As(err, &typ) && typ.Field == "":
		return patentbridge.Errorf(patentbridge.EINVALID, "请求体应为一个 JSON 对象")
	case errors.As(err, &typ):
		key, _, _ := strings.Cut(typ.Field, ".")
		return patentbridge.FieldErrorf(key, "字段 %s 的类型不对（应为%s）", typ.Field, jsonKind(typ.Type))
	case errors.Is(err, io.EOF):
		return patentbridge.Errorf(patentbridge.EINVALID, "请求体为空，应为一个 JSON 对象")
	}
	if field, ok := unknownField(err); ok {
		if key := unknownFieldKey(body, v, field); key != "" {
			return patentbridge.FieldErrorf(key, "字段 %s 中有未知字段 %q", key, field)
		}
		return patentbridge.FieldErrorf(field, "未知字段 %q", field)
	}
	return patentbridge.Errorf(patentbridge.EINVALID, "请求体不是有效的 JSON")
}

// jsonKind names in Chinese the JSON a Go type takes, rather than the Go type
// ("struct { Gone int64 ... }", "patentbridge.Role") the decoder reports.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "字符串"
	case reflect.Bool:
		return " true 或 false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "整数"
	case reflect.Float32, reflect.Float64:
		return "数字"
	case reflect.Slice, reflect.Array:
		return "数组"
	case reflect.Pointer:
		return jsonKind(t.Elem())
	}
	return " JSON 对象"
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
		if d.Since, err = patentbridge.ParseDeclarationSince(in.Since); err != nil {
			s.error(w, r, err)
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
