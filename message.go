package patentbridge

import (
	"context"
	"strings"
	"time"
)

// Message kinds (站内信): what happened, for the label and the icon.
const (
	MessageDemandPublished = "demand.published" // 需求已发布
	MessageDemandReturned  = "demand.returned"  // 需求被退回
	MessagePatentInterest  = "patent.interest"  // 企业对专利感兴趣
	MessagePushList        = "push.list"        // 新的专利推送清单
)

// Message limits.
const (
	MessageTitleMax = 200
	MessageBodyMax  = 2000
	MessageLinkMax  = 500
)

// Message is one in-site message (站内信). It is addressed to a user or to an
// organization: a message to an organization reaches every account of it, and
// each account marks it read for itself.
type Message struct {
	ID        int64     `json:"id"`
	UserID    int64     `json:"user_id,omitempty"`         // the recipient account, or 0
	OrgID     int64     `json:"organization_id,omitempty"` // the recipient organization, or 0
	Kind      string    `json:"kind"`
	Title     string    `json:"title"`
	Body      string    `json:"body,omitempty"`
	Link      string    `json:"link"` // the object's page, a path on this site ("/demands/12")
	CreatedAt time.Time `json:"created_at"`
	ReadAt    time.Time `json:"-"` // zero: unread by the signed-in user
}

// Read reports whether the signed-in user has read the message.
func (m *Message) Read() bool { return !m.ReadAt.IsZero() }

// Validate trims and checks a message before it is stored: a recipient, a
// title, sizes within the limits and a link that is a path on this site.
// Returns EINVALID naming the field.
func (m *Message) Validate() error {
	m.Title, m.Body, m.Link = strings.TrimSpace(m.Title), strings.TrimSpace(m.Body), strings.TrimSpace(m.Link)
	switch {
	case m.UserID == 0 && m.OrgID == 0:
		return FieldErrorf("recipient", "站内信没有收件人")
	case m.Title == "":
		return FieldErrorf("title", "站内信没有标题")
	case !strings.HasPrefix(m.Link, "/") || strings.HasPrefix(m.Link, "//") || strings.ContainsAny(m.Link, "\\\r\n"):
		return FieldErrorf("link", "站内信的链接 %q 应为本站路径", m.Link)
	}
	for _, f := range []struct {
		field, label, value string
		max                 int
		multiline           bool
	}{{"title", "站内信标题", m.Title, MessageTitleMax, false}, {"body", "站内信内容", m.Body, MessageBodyMax, true},
		{"link", "站内信链接", m.Link, MessageLinkMax, false}} {
		if err := CheckText(f.field, f.label, f.value, f.max, f.multiline); err != nil {
			return err
		}
	}
	return nil
}

// MessageKindLabel returns the Chinese name of a message kind.
func MessageKindLabel(kind string) string {
	switch kind {
	case MessageDemandPublished:
		return "需求已发布"
	case MessageDemandReturned:
		return "需求被退回"
	case MessagePatentInterest:
		return "企业感兴趣"
	case MessagePushList:
		return "专利推送"
	case MessageLicence:
		return "许可"
	}
	return "通知"
}

// MessageFilter selects the signed-in user's messages.
type MessageFilter struct {
	Unread bool // only the unread ones
	Limit  int
	Offset int
}

// ParseUnreadOnly reads the inbox's ?unread= parameter: "1" or "true" keeps
// the unread messages, "", "0" or "false" shows all. Returns EINVALID on field
// "unread" for any other value.
func ParseUnreadOnly(v string) (bool, error) {
	switch v {
	case "", "0", "false":
		return false, nil
	case "1", "true":
		return true, nil
	}
	if len(v) > 32 {
		v = v[:32] + "…"
	}
	return false, FieldErrorf("unread", "参数 unread=%q 无效（应为 1 只看未读，或 0 查看全部）", v)
}

// MessagePage is one page of a user's messages.
type MessagePage struct {
	Items  []*Message
	Total  int // messages matching the filter
	Unread int // unread messages in all
}

// MessageService is the signed-in user's inbox. Messages are created by the
// other services, inside the transaction of the act they report, so that an
// act that rolls back sends nothing.
type MessageService interface {
	// ListMessages returns one page of the messages addressed to the signed-in
	// user or its organization, newest first, with the unread count. Returns
	// EINVALID, EUNAUTHORIZED.
	ListMessages(ctx context.Context, f MessageFilter) (*MessagePage, error)
	// UnreadMessages returns how many messages the signed-in user has not read.
	// Returns EUNAUTHORIZED.
	UnreadMessages(ctx context.Context) (int, error)
	// ReadMessage marks one of the signed-in user's messages read (again: no
	// change) and returns it. Returns ENOTFOUND (also for another's message),
	// EUNAUTHORIZED.
	ReadMessage(ctx context.Context, id int64) (*Message, error)
}

// MessageLicence is a message about a licence (许可): its effect, the
// recordation reminder (细则 art. 87), a payment or a dispute.
const MessageLicence = "licence"
