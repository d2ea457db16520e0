package api

import (
	"net/http"
	"time"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// messageRoutes are the permission-table entries of the inbox: every signed-in
// user reads its own messages (the service selects them).
func (s *Server) messageRoutes() []httpx.Route {
	if s.Messages == nil {
		return nil
	}
	return []httpx.Route{
		httpx.NewRoute("GET /api/v1/messages", httpx.SignedIn, s.listMessages),
		httpx.NewRoute("POST /api/v1/messages/{id}/read", httpx.SignedIn, s.readMessage),
	}
}

// messageView is a message as the API returns it.
type messageView struct {
	ID        int64  `json:"id"`
	Kind      string `json:"kind"`
	KindLabel string `json:"kind_label"`
	Title     string `json:"title"`
	Body      string `json:"body,omitempty"`
	Link      string `json:"link"`
	ToUser    int64  `json:"user_id,omitempty"`
	ToOrg     int64  `json:"organization_id,omitempty"`
	CreatedAt string `json:"created_at"`
	Read      bool   `json:"read"`
	ReadAt    string `json:"read_at,omitempty"`
}

func newMessageView(m *patentbridge.Message) messageView {
	v := messageView{ID: m.ID, Kind: m.Kind, KindLabel: patentbridge.MessageKindLabel(m.Kind), Title: m.Title, Body: m.Body,
		Link: m.Link, ToUser: m.UserID, ToOrg: m.OrgID, CreatedAt: m.CreatedAt.Format(time.RFC3339), Read: m.Read()}
	if m.Read() {
		v.ReadAt = m.ReadAt.Format(time.RFC3339)
	}
	return v
}

// messagePage is the body of GET /api/v1/messages.
type messagePage struct {
	Total  int           `json:"total"`
	Unread int           `json:"unread"`
	Limit  int           `json:"limit"`
	Offset int           `json:"offset"`
	Items  []messageView `json:"items"`
}

// listMessages serves GET /api/v1/messages: the signed-in user's messages,
// newest first, with the unread count; ?unread=1 keeps the unread ones.
func (s *Server) listMessages(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := patentbridge.MessageFilter{}
	var err error
	if f.Unread, err = patentbridge.ParseUnreadOnly(q.Get("unread")); err != nil {
		s.error(w, r, err)
		return
	}
	if f.Limit, f.Offset, err = pageParams(q); err != nil {
		s.error(w, r, err)
		return
	}
	res, err := s.Messages.ListMessages(r.Context(), f)
	if err != nil {
		s.error(w, r, err)
		return
	}
	out := messagePage{Total: res.Total, Unread: res.Unread, Limit: f.Limit, Offset: f.Offset, Items: []messageView{}}
	if out.Limit == 0 {
		out.Limit = 50
	}
	for _, m := range res.Items {
		out.Items = append(out.Items, newMessageView(m))
	}
	httpx.JSON(w, http.StatusOK, out)
}

// readMessage serves POST /api/v1/messages/{id}/read: marks one of the user's
// messages read and returns it.
func (s *Server) readMessage(w http.ResponseWriter, r *http.Request) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		s.error(w, r, patentbridge.Errorf(patentbridge.ENOTFOUND, "站内信 %q 不存在", r.PathValue("id")))
		return
	}
	m, err := s.Messages.ReadMessage(r.Context(), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, newMessageView(m))
}
