package web

import (
	"net/http"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// messagePageSize is the number of messages per page of the inbox.
const messagePageSize = 20

// messageRow is one message as the inbox shows it.
type messageRow struct {
	*patentbridge.Message
	KindLabel string
	Date      string // YYYY-MM-DD HH:MM, Beijing time
}

// messagesView is the data of the inbox.
type messagesView struct {
	Items      []messageRow
	Total      int
	Unread     int
	UnreadOnly bool
	Pager      httpx.Pager
}

// messageRoutes are the permission-table entries of the inbox: every signed-in
// user reads its own messages (the service selects them).
func (s *Server) messageRoutes() []httpx.Route {
	if s.Messages == nil {
		return nil
	}
	return []httpx.Route{
		httpx.NewRoute("GET /messages", httpx.SignedIn, s.messageList),
		httpx.NewRoute("GET /messages/{id}", httpx.SignedIn, s.messageOpen),
	}
}

// newMessageRow presents a message.
func newMessageRow(m *patentbridge.Message) messageRow {
	return messageRow{Message: m, KindLabel: patentbridge.MessageKindLabel(m.Kind), Date: m.CreatedAt.In(beijing).Format("2006-01-02 15:04")}
}

// beijing is the zone pages show times in.
var beijing = patentbridge.Beijing

// messageList serves /messages: the signed-in user's messages (to the account
// and to its organization), newest first, 20 a page, unread ones marked;
// ?unread=1 keeps the unread ones (patentbridge.ParseUnreadOnly).
func (s *Server) messageList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	offset, err := httpx.PageOffset(q, messagePageSize)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	f := patentbridge.MessageFilter{Limit: messagePageSize, Offset: offset}
	if f.Unread, err = patentbridge.ParseUnreadOnly(q.Get("unread")); err != nil {
		s.errorPage(w, r, err)
		return
	}
	res, err := s.Messages.ListMessages(r.Context(), f)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := messagesView{Total: res.Total, Unread: res.Unread, UnreadOnly: f.Unread,
		Pager: httpx.NewPager("/messages", q, res.Total, messagePageSize, offset)}
	for _, m := range res.Items {
		v.Items = append(v.Items, newMessageRow(m))
	}
	s.render(w, r, http.StatusOK, "messages", "站内信", "messages", v)
}

// messageOpen serves /messages/{id}: opening a message marks it read and shows
// it with the link to its object.
func (s *Server) messageOpen(w http.ResponseWriter, r *http.Request) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.ENOTFOUND, "站内信 %q 不存在", r.PathValue("id")))
		return
	}
	m, err := s.Messages.ReadMessage(r.Context(), id)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "message", m.Title, "messages", newMessageRow(m))
}
