package api

import (
	"fmt"
	"net/http"
	"net/url"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// pathID reads the {id} of a path naming one what ("用户", "单位", "令牌").
// Returns ENOTFOUND for anything but a positive id.
func pathID(r *http.Request, what string) (int64, error) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		return 0, patentbridge.Errorf(patentbridge.ENOTFOUND, "%s %q 不存在", what, r.PathValue("id"))
	}
	return id, nil
}

// listUsers serves GET /api/v1/users?q=&role=&city=&limit=&offset= (admin: all; city: its city's).
func (s *Server) listUsers(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := patentbridge.UserFilter{Query: q.Get("q"), Role: patentbridge.Role(q.Get("role")), City: q.Get("city")}
	var err error
	if f.Limit, f.Offset, err = pageParams(q); err != nil {
		s.error(w, r, err)
		return
	}
	us, total, err := s.Users.ListUsers(r.Context(), f)
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"total": total, "limit": f.Limit, "offset": f.Offset, "items": us})
}

// createUser serves POST /api/v1/users
// {"username","name","role","organization","city_code","password"}: 201 with the account.
func (s *Server) createUser(w http.ResponseWriter, r *http.Request) {
	var nu patentbridge.NewUser
	if err := decodeBody(w, r, &nu); err != nil {
		s.error(w, r, err)
		return
	}
	u, err := s.Users.CreateUser(r.Context(), nu)
	if err != nil {
		s.error(w, r, err)
		return
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/users/%d", u.ID))
	httpx.JSON(w, http.StatusCreated, u)
}

// getUser serves GET /api/v1/users/{id}.
func (s *Server) getUser(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "用户")
	if err == nil {
		var u *patentbridge.User
		if u, err = s.Users.FindUser(r.Context(), id); err == nil {
			httpx.JSON(w, http.StatusOK, u)
			return
		}
	}
	s.error(w, r, err)
}

// updateUser serves PATCH /api/v1/users/{id} with any of
// {"name","role","organization","city_code","disabled"}.
func (s *Server) updateUser(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "用户")
	if err != nil {
		s.error(w, r, err)
		return
	}
	var up patentbridge.UserUpdate
	if err := decodeBody(w, r, &up); err != nil {
		s.error(w, r, err)
		return
	}
	u, err := s.Users.UpdateUser(r.Context(), id, up)
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, u)
}

// resetPassword serves POST /api/v1/users/{id}/password {"password"}: a new
// initial password, to be changed at the next login.
func (s *Server) resetPassword(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "用户")
	if err != nil {
		s.error(w, r, err)
		return
	}
	var b passwordInput
	if err := decodeBody(w, r, &b); err != nil {
		s.error(w, r, err)
		return
	}
	if err := s.Users.ResetPassword(r.Context(), id, b.Password); err != nil {
		s.error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// pageParams reads a list's ?limit= (1 to 1000, defaultLimit when absent)
// and ?offset=. Returns EINVALID naming the parameter.
func pageParams(q url.Values) (limit, offset int, err error) {
	if limit, err = intParam(q.Get("limit"), "limit", 0, 1000); err == nil {
		offset, err = intParam(q.Get("offset"), "offset", 0, 1<<30)
	}
	if limit == 0 {
		limit = defaultLimit
	}
	return limit, offset, err
}

// defaultLimit is the page size of a list when the request names none.
const defaultLimit = 50
