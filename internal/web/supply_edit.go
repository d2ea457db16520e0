package web

import (
	"fmt"
	"net/http"
	"strings"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// supplyEditView is the data of a list's review page.
type supplyEditView struct {
	httpx.SupplyListView
	Draft             bool
	Error, ErrorField string
	Reason            string
}

// listID reads the path's list id.
func listID(r *http.Request) (int64, error) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		return 0, patentbridge.Errorf(patentbridge.ENOTFOUND, "供给清单 %q 不存在", r.PathValue("id"))
	}
	return id, nil
}

// managedList loads the path's list for its review page, which only those who
// may manage the list open.
func (s *Server) managedList(r *http.Request) (*patentbridge.SupplyList, error) {
	id, err := listID(r)
	if err != nil {
		return nil, err
	}
	l, err := s.Supply.FindSupplyList(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if err := patentbridge.AuthorizeSupplyList(patentbridge.UserFrom(r.Context()), l); err != nil {
		return nil, err
	}
	return l, nil
}

// supplyEdit serves /admin/supply/{id}/edit: review a draft (title, description,
// remove items, notes) and publish it, or withdraw a published list.
func (s *Server) supplyEdit(w http.ResponseWriter, r *http.Request) {
	l, err := s.managedList(r)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	s.renderSupplyEdit(w, r, http.StatusOK, l, nil, "")
}

func (s *Server) renderSupplyEdit(w http.ResponseWriter, r *http.Request, status int, l *patentbridge.SupplyList, err error, reason string) {
	v := supplyEditView{SupplyListView: httpx.NewSupplyListView(l, s.Ref, true), Draft: l.Status == patentbridge.ListDraft, Reason: reason}
	if err != nil {
		v.Error, v.ErrorField = patentbridge.ErrorMessage(err), patentbridge.ErrorField(err)
	}
	s.render(w, r, status, "supply_edit", "审核供给清单："+l.Title, "supply", v)
}

// formError re-renders the review page of list id for a user's mistake (400)
// or a conflict with the list's state (409); other errors get the error page.
func (s *Server) formError(w http.ResponseWriter, r *http.Request, id int64, err error, reason string) {
	switch patentbridge.ErrorCode(err) {
	case patentbridge.EINVALID, patentbridge.ECONFLICT:
		l, ferr := s.Supply.FindSupplyList(r.Context(), id)
		if ferr != nil {
			s.errorPage(w, r, ferr)
			return
		}
		s.renderSupplyEdit(w, r, httpx.Status(err), l, err, reason)
	default:
		s.errorPage(w, r, err)
	}
}

// supplyUpdate saves the review: title, description, removed items and notes.
func (s *Server) supplyUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := listID(r)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	l, err := s.Supply.FindSupplyList(r.Context(), id)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.EINVALID, "表单无法解析"))
		return
	}
	remove := map[string]bool{}
	for _, a := range r.PostForm["remove"] {
		remove[a] = true
	}
	edited := *l
	edited.Title, edited.Description, edited.Items = r.PostForm.Get("title"), r.PostForm.Get("description"), nil
	for _, it := range l.Items {
		if remove[it.AppNo] {
			continue
		}
		if n, ok := r.PostForm["note_"+it.AppNo]; ok {
			it.Note = strings.TrimSpace(n[0])
		}
		edited.Items = append(edited.Items, it)
	}
	if err := s.Supply.UpdateSupplyList(r.Context(), &edited); err != nil {
		s.formError(w, r, l.ID, err, "")
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/supply/%d/edit", l.ID), http.StatusSeeOther)
}

// supplyPublish publishes a draft, when the form's required checkbox confirms
// that it is then frozen, and shows its public page with its number.
func (s *Server) supplyPublish(w http.ResponseWriter, r *http.Request) {
	id, err := listID(r)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.EINVALID, "表单无法解析"))
		return
	}
	if _, err := s.Supply.PublishSupplyList(r.Context(), id, r.PostForm.Get("confirm") == "yes"); err != nil {
		s.formError(w, r, id, err, "")
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/supply/%d?done=published", id), http.StatusSeeOther)
}

// supplyWithdraw withdraws a published list with the required reason.
func (s *Server) supplyWithdraw(w http.ResponseWriter, r *http.Request) {
	id, err := listID(r)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.EINVALID, "表单无法解析"))
		return
	}
	reason := strings.TrimSpace(r.PostForm.Get("reason"))
	if err := s.Supply.WithdrawSupplyList(r.Context(), id, reason); err != nil {
		s.formError(w, r, id, err, reason)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/supply/%d?done=withdrawn", id), http.StatusSeeOther)
}
