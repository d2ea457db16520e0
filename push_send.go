package patentbridge

import (
	"context"
	"strconv"
	"time"
)

// PushSent is what one sending of a supply list's push list did: each pushed
// enterprise that has an account on the platform is sent one 站内信 "新的专利推送清单"
// (Sent), once per list; one that has none is not reached (Unreached), and one
// told of this list before is not told again (Repeated).
type PushSent struct {
	ListID    int64     `json:"list_id"`
	Sent      int       `json:"sent"`
	Unreached int       `json:"unreached"`
	Repeated  int       `json:"repeated"`
	Notified  []string  `json:"notified"` // names of the enterprises sent a message now
	At        time.Time `json:"at"`
}

// Summary is the notice a sender reads: "已发送给 3 家企业；2 家企业未在平台注册，未能送达".
func (s *PushSent) Summary() string {
	out := "已发送给 " + strconv.Itoa(s.Sent) + " 家企业"
	if s.Unreached > 0 {
		out += "；" + strconv.Itoa(s.Unreached) + " 家企业未在平台注册，未能送达"
	}
	if s.Repeated > 0 {
		out += "；" + strconv.Itoa(s.Repeated) + " 家企业此前已收到本期清单，未重复发送"
	}
	return out
}

// PushService sends push lists (专利进园区企业) as in-site messages.
type PushService interface {
	// SendPush sends each enterprise of pushes — the push list of the published
	// supply list listID as the ranker computed it for the signed-in user — one
	// message naming its patents (EnterprisePush.Message), in one audited
	// transaction ("push.send"). Only those who may manage the list send it
	// (AuthorizeSupplyList), a city user to its city's enterprises only; every
	// enterprise must be of the registry and every patent of the list. An
	// enterprise without an account is not reached; one sent this list before is
	// not sent it again. Returns EINVALID, ENOTFOUND, ECONFLICT (a list not
	// published), EUNAUTHORIZED, EFORBIDDEN.
	SendPush(ctx context.Context, listID int64, pushes []EnterprisePush) (*PushSent, error)
	// LastPushSent returns the latest sending of the list's push list (without
	// Notified). Returns ENOTFOUND (also for a list never sent), EUNAUTHORIZED,
	// EFORBIDDEN.
	LastPushSent(ctx context.Context, listID int64) (*PushSent, error)
}

// SupplyListPath is the public page of a supply list, where a push message links.
func SupplyListPath(id int64) string { return "/supply/" + strconv.FormatInt(id, 10) }

// Message returns the message (站内信) that tells the enterprise of its push
// from the published list id cited by heading: titled with the heading, the
// body its patents and reasons (Notice), linking to the list's page.
func (p EnterprisePush) Message(heading string, id int64) *Message {
	return &Message{Kind: MessagePushList, Title: "新的专利推送清单：" + heading, Body: p.Notice(heading), Link: SupplyListPath(id)}
}
