package sqldb

import (
	"context"
	"fmt"
	"strconv"

	"patentbridge"
)

const questionColumns = "q.id, q.offer_id, q.kind, q.text, q.org_id, q.org_name, q.user_id, q.answer, q.answered_by, q.answered_at, q.created_at"

func scanQuestion(s scanner) (*patentbridge.OfferQuestion, error) {
	var q patentbridge.OfferQuestion
	var answered, created string
	if err := s.Scan(&q.ID, &q.OfferID, &q.Kind, &q.Text, &q.OrgID, &q.OrgName, &q.UserID, &q.Answer, &q.AnsweredBy,
		&answered, &created); err != nil {
		return nil, err
	}
	var err error
	if q.AnsweredAt, err = parseTime(answered); err != nil {
		return nil, err
	}
	q.CreatedAt, err = parseTime(created)
	return &q, err
}

// AskOffer records a signed-in enterprise user's (or the admin's) question or interest on a
// published offer, audited as "offer.ask", and notifies every account of the
// offering organization in the same transaction. Returns EINVALID,
// EUNAUTHORIZED, EFORBIDDEN, ENOTFOUND, ECONFLICT.
func (db *DB) AskOffer(ctx context.Context, q *patentbridge.OfferQuestion) error {
	u := patentbridge.UserFrom(ctx)
	if err := patentbridge.CanPost(u); err != nil {
		return err
	}
	if u.Role != patentbridge.RoleEnterprise && u.Role != patentbridge.RoleAdmin {
		return patentbridge.Errorf(patentbridge.EFORBIDDEN, "只有企业用户（或省级管理员）可以对报价提问或表达意向")
	}
	if err := q.Validate(); err != nil {
		return err
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		o, err := db.findOffer(ctx, tx.tx, q.OfferID)
		if err != nil {
			return err
		}
		if err := seeOffer(ctx, o); err != nil {
			return err
		}
		if o.Status != patentbridge.OfferPublished {
			return patentbridge.Errorf(patentbridge.ECONFLICT, "报价%s，不能再提问或表达意向", o.StatusLabel())
		}
		q.OrgID, q.OrgName, q.UserID = u.OrgID, u.OrgName, u.ID
		if q.OrgName == "" {
			q.OrgName = u.Name
		}
		ins := tx.q().add(`INSERT INTO offer_questions (offer_id, kind, text, org_id, org_name, user_id, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, q.OfferID, q.Kind, q.Text, q.OrgID, q.OrgName, q.UserID, formatTime(tx.now))
		if err := tx.queryRow(ctx, ins).Scan(&q.ID); err != nil {
			return fmt.Errorf("sqldb: ask offer: %w", err)
		}
		q.CreatedAt = tx.now
		if err := tx.audit(ctx, "offer.ask", questionObject(q.ID), nil, q); err != nil {
			return err
		}
		title := fmt.Sprintf("%s对报价“%s”%s", q.OrgName, clip(o.Title, 60), map[bool]string{true: "表达了合作意向", false: "提出了问题"}[q.Kind == patentbridge.QuestionInterest])
		return tx.notifyOrg(ctx, o.OrgID, patentbridge.MessageOfferQuestion, clip(title, patentbridge.MessageTitleMax),
			clip(q.Text, patentbridge.MessageBodyMax), "/market/"+strconv.FormatInt(o.ID, 10))
	})
}

// AnswerOfferQuestion records the offering organization's answer (again: the
// latest stands), audited as "offer.answer", and notifies the asking
// organization (or account). Returns EINVALID, EUNAUTHORIZED, EFORBIDDEN, ENOTFOUND.
func (db *DB) AnswerOfferQuestion(ctx context.Context, id int64, answer string) (*patentbridge.OfferQuestion, error) {
	a := patentbridge.OfferQuestion{Kind: patentbridge.QuestionAsk, Text: answer}
	if err := a.Validate(); err != nil {
		return nil, patentbridge.FieldErrorf("answer", "请填写答复（不超过%d个字符）", patentbridge.OfferQuestionMax)
	}
	var out *patentbridge.OfferQuestion
	err := db.WithTx(ctx, func(tx *Tx) error {
		cur, err := scanQuestion(tx.queryRow(ctx, tx.q().add("SELECT "+questionColumns+" FROM offer_questions q WHERE q.id = ?", id)))
		if isNoRows(err) {
			return patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到问题 %d", id)
		} else if err != nil {
			return fmt.Errorf("sqldb: find offer question: %w", err)
		}
		o, err := db.findOffer(ctx, tx.tx, cur.OfferID)
		if err != nil {
			return err
		}
		if err := actOnOffer(ctx, o); err != nil {
			return err
		}
		next := *cur
		next.Answer, next.AnsweredAt = a.Text, tx.now
		if u := patentbridge.UserFrom(ctx); u != nil {
			next.AnsweredBy = u.ID
		}
		if _, err := tx.exec(ctx, tx.q().add("UPDATE offer_questions SET answer = ?, answered_by = ?, answered_at = ? WHERE id = ?",
			next.Answer, next.AnsweredBy, formatTime(tx.now), id)); err != nil {
			return fmt.Errorf("sqldb: answer offer question: %w", err)
		}
		if err := tx.audit(ctx, "offer.answer", questionObject(id), cur, &next); err != nil {
			return err
		}
		m := &patentbridge.Message{OrgID: cur.OrgID, Kind: patentbridge.MessageOfferAnswer,
			Title: clip(fmt.Sprintf("%s答复了您对报价“%s”的%s", o.OrgName, clip(o.Title, 60), cur.KindLabel()), patentbridge.MessageTitleMax),
			Body:  clip(next.Answer, patentbridge.MessageBodyMax), Link: "/market/" + strconv.FormatInt(o.ID, 10)}
		if m.OrgID == 0 {
			m.UserID = cur.UserID
		}
		out = &next
		return tx.notify(ctx, m)
	})
	return out, err
}

// ListOfferQuestions returns an offer's questions, oldest first, that the ctx
// user may read: all for the offering organization and the admin, an
// enterprise's own for it, none for the others.
func (db *DB) ListOfferQuestions(ctx context.Context, offerID int64) ([]*patentbridge.OfferQuestion, error) {
	u := patentbridge.UserFrom(ctx)
	o, err := db.findOffer(ctx, db.read, offerID)
	if err != nil {
		return nil, err
	}
	if err := seeOffer(ctx, o); err != nil {
		return nil, err
	}
	q := db.dialect.newQuery().add("SELECT "+questionColumns+" FROM offer_questions q WHERE q.offer_id = ?", offerID)
	switch {
	case manageOffer(ctx, o) == nil:
	case u != nil && u.OrgID != 0:
		q.add(" AND q.org_id = ?", u.OrgID)
	case u != nil:
		q.add(" AND q.user_id = ?", u.ID)
	default:
		return []*patentbridge.OfferQuestion{}, nil
	}
	return db.questions(ctx, q.add(" ORDER BY q.id"))
}

// MyOfferQuestions returns, newest first, the questions on the offers of the
// ctx user's organization (an institution's), or those its organization asked
// (an enterprise's); every question for the admin. Returns EUNAUTHORIZED.
func (db *DB) MyOfferQuestions(ctx context.Context) ([]*patentbridge.OfferQuestion, error) {
	u := patentbridge.UserFrom(ctx)
	if u == nil {
		return nil, patentbridge.Errorf(patentbridge.EUNAUTHORIZED, "请先登录")
	}
	q := db.dialect.newQuery().add("SELECT " + questionColumns + " FROM offer_questions q")
	switch u.Role {
	case patentbridge.RoleAdmin:
	case patentbridge.RoleInstitution:
		q.add(" WHERE q.offer_id IN (SELECT id FROM offers WHERE org_id = ?)", u.OrgID)
	default:
		q.add(" WHERE (q.org_id = ? AND q.org_id <> 0) OR q.user_id = ?", u.OrgID, u.ID)
	}
	return db.questions(ctx, q.add(" ORDER BY q.id DESC LIMIT 500"))
}

func (db *DB) questions(ctx context.Context, q *query) ([]*patentbridge.OfferQuestion, error) {
	rs, err := db.read.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, fmt.Errorf("sqldb: offer questions: %w", err)
	}
	defer rs.Close()
	out := []*patentbridge.OfferQuestion{}
	for rs.Next() {
		x, err := scanQuestion(rs)
		if err != nil {
			return nil, fmt.Errorf("sqldb: offer questions: %w", err)
		}
		out = append(out, x)
	}
	return out, rs.Err()
}

// questionObject names a question in the audit log.
func questionObject(id int64) string { return "offer_question:" + strconv.FormatInt(id, 10) }
