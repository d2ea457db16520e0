package patentbridge

import (
	"context"
	"strings"
	"time"
)

// Offer question kinds.
const (
	QuestionAsk      = "question" // 提问
	QuestionInterest = "interest" // 意向
)

// Message kinds of offers.
const (
	MessageOfferQuestion = "offer.question" // 企业对报价提问或表达意向
	MessageOfferAnswer   = "offer.answer"   // 报价单位已答复
)

// OfferQuestionMax bounds a question's and an answer's text.
const OfferQuestionMax = 1000

// OfferQuestion is an enterprise's question on, or interest (意向) in, a
// published offer, and the offering organization's answer.
type OfferQuestion struct {
	ID         int64     `json:"id"`
	OfferID    int64     `json:"offer_id"`
	Kind       string    `json:"kind"`
	Text       string    `json:"text"`
	OrgID      int64     `json:"organization_id"`
	OrgName    string    `json:"organization"`
	UserID     int64     `json:"user_id"`
	Answer     string    `json:"answer,omitempty"`
	AnsweredBy int64     `json:"answered_by,omitempty"`
	AnsweredAt time.Time `json:"-"`
	CreatedAt  time.Time `json:"created_at"`
}

// KindLabel returns "提问" or "意向".
func (q *OfferQuestion) KindLabel() string {
	if q.Kind == QuestionInterest {
		return "意向"
	}
	return "提问"
}

// Validate trims and checks a question: its kind, and a text (an interest may
// have none) within OfferQuestionMax. Returns EINVALID.
func (q *OfferQuestion) Validate() error {
	q.Text = strings.TrimSpace(q.Text)
	switch {
	case q.Kind != QuestionAsk && q.Kind != QuestionInterest:
		return FieldErrorf("kind", "应为提问或意向")
	case q.Kind == QuestionAsk && q.Text == "":
		return FieldErrorf("text", "请填写问题")
	}
	return CheckText("text", "内容", q.Text, OfferQuestionMax, true)
}

// OfferQuestionService carries enterprises' questions and interest to the
// offering organization and its answers back, each act audited and notified.
type OfferQuestionService interface {
	// AskOffer records a signed-in enterprise user's question or interest on a
	// published offer and notifies the offering organization. Returns EINVALID,
	// EUNAUTHORIZED, EFORBIDDEN, ENOTFOUND, ECONFLICT (not published).
	AskOffer(ctx context.Context, q *OfferQuestion) error
	// AnswerOfferQuestion records the offering organization's answer and
	// notifies the asker. Returns EINVALID, EFORBIDDEN, ENOTFOUND.
	AnswerOfferQuestion(ctx context.Context, id int64, answer string) (*OfferQuestion, error)
	// ListOfferQuestions returns the questions of an offer the ctx user may
	// read: all for the offering organization and the admin, an enterprise its own.
	ListOfferQuestions(ctx context.Context, offerID int64) ([]*OfferQuestion, error)
	// MyOfferQuestions returns the questions on the ctx user's organization's
	// offers (newest first), or those it asked.
	MyOfferQuestions(ctx context.Context) ([]*OfferQuestion, error)
}
