package sqldb

import (
	"context"
	"fmt"

	"patentbridge"
)

var _ patentbridge.MessageService = (*DB)(nil)

// notify stores a message in the transaction of the act it reports, so that a
// message is sent only for an act that commits. m is validated
// (patentbridge.Message.Validate) and gets its ID and time. Returns EINVALID.
func (tx *Tx) notify(ctx context.Context, m *patentbridge.Message) error {
	if err := m.Validate(); err != nil {
		return err
	}
	q := tx.q().add(`INSERT INTO messages (user_id, org_id, kind, title, body, link, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		nullID(m.UserID), nullID(m.OrgID), m.Kind, m.Title, m.Body, m.Link, formatTime(tx.now))
	if err := tx.queryRow(ctx, q).Scan(&m.ID); err != nil {
		return fmt.Errorf("sqldb: create message: %w", err)
	}
	m.CreatedAt = tx.now
	return nil
}

// notifyOrg sends a message to every account of a registered organization
// (orgID), in the act's transaction; sending a push list (SendPush) calls it
// for each enterprise the list is pushed to, e.g.
//
//	tx.notifyOrg(ctx, orgID, patentbridge.MessagePushList, "新的专利推送清单：四川省专利技术供给清单（2026年第2期）", "根据《…》，向贵单位推荐专利3件：…", "/supply/12")
//
// Returns EINVALID.
func (tx *Tx) notifyOrg(ctx context.Context, orgID int64, kind, title, body, link string) error {
	return tx.notify(ctx, &patentbridge.Message{OrgID: orgID, Kind: kind, Title: title, Body: body, Link: link})
}

// notifyOrgNamed is notifyOrg for an organization known by name (an enterprise
// of the registry, a patentee): it reports false, sending nothing, when no
// organization of the registry has that name or alias. Returns EINVALID.
func (tx *Tx) notifyOrgNamed(ctx context.Context, name, kind, title, body, link string) (bool, error) {
	id, err := resolveOrg(ctx, tx.db, tx.tx, patentbridge.NormalizeOrgName(name))
	if err != nil || id == 0 {
		return false, err
	}
	return true, tx.notifyOrg(ctx, id, kind, title, body, link)
}

const messageColumns = "m.id, COALESCE(m.user_id, 0), COALESCE(m.org_id, 0), m.kind, m.title, m.body, m.link, m.created_at, COALESCE(r.read_at, '')"

func scanMessage(s scanner) (*patentbridge.Message, error) {
	var m patentbridge.Message
	var created, read string
	if err := s.Scan(&m.ID, &m.UserID, &m.OrgID, &m.Kind, &m.Title, &m.Body, &m.Link, &created, &read); err != nil {
		return nil, err
	}
	var err error
	if m.CreatedAt, err = parseTime(created); err != nil {
		return nil, err
	}
	if m.ReadAt, err = parseTime(read); err != nil {
		return nil, err
	}
	return &m, nil
}

// inbox starts a query over the messages addressed to u (its account or its
// organization), each with u's read mark.
func (db *DB) inbox(u *patentbridge.User, columns string) *query {
	q := db.dialect.newQuery().add("SELECT "+columns+" FROM messages m LEFT JOIN message_reads r ON r.message_id = m.id AND r.user_id = ?", u.ID)
	q.add(" WHERE (m.user_id = ?", u.ID)
	if u.OrgID != 0 {
		q.add(" OR m.org_id = ?", u.OrgID)
	}
	return q.add(")")
}

// ListMessages returns one page of the signed-in user's messages (addressed to
// the account or to its organization), newest first, the total matching the
// filter and the unread count. Returns EINVALID, EUNAUTHORIZED.
func (db *DB) ListMessages(ctx context.Context, f patentbridge.MessageFilter) (*patentbridge.MessagePage, error) {
	u, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	limit, err := pageLimit(f.Limit, f.Offset)
	if err != nil {
		return nil, err
	}
	count, list := db.inbox(u, "COUNT(*)"), db.inbox(u, messageColumns)
	if f.Unread {
		count.add(" AND r.read_at IS NULL")
		list.add(" AND r.read_at IS NULL")
	}
	list.add(" ORDER BY m.id DESC LIMIT ? OFFSET ?", limit, f.Offset)
	items, total, err := listPage(ctx, db, "messages", count, list, scanMessage)
	if err != nil {
		return nil, err
	}
	unread, err := db.UnreadMessages(ctx)
	if err != nil {
		return nil, err
	}
	return &patentbridge.MessagePage{Items: items, Total: total, Unread: unread}, nil
}

// UnreadMessages returns how many of the signed-in user's messages it has not
// opened. Returns EUNAUTHORIZED.
func (db *DB) UnreadMessages(ctx context.Context) (int, error) {
	u, err := actor(ctx)
	if err != nil {
		return 0, err
	}
	q := db.inbox(u, "COUNT(*)").add(" AND r.read_at IS NULL")
	var n int
	if err := db.read.QueryRowContext(ctx, q.String(), q.args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("sqldb: unread messages: %w", err)
	}
	return n, nil
}

// ReadMessage marks one of the signed-in user's messages read by the store's
// clock (a message read before keeps its first time) and returns it. A read
// mark is the reader's own state, not an act on a record, so it is not
// audited. Returns ENOTFOUND (also for a message addressed to someone else),
// EUNAUTHORIZED.
func (db *DB) ReadMessage(ctx context.Context, id int64) (*patentbridge.Message, error) {
	u, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var m *patentbridge.Message
	err = db.WithTx(ctx, func(tx *Tx) error {
		q := db.inbox(u, messageColumns).add(" AND m.id = ?", id)
		if m, err = scanMessage(tx.queryRow(ctx, q)); isNoRows(err) {
			return patentbridge.Errorf(patentbridge.ENOTFOUND, "站内信 %d 不存在", id)
		} else if err != nil {
			return fmt.Errorf("sqldb: read message %d: %w", id, err)
		}
		if m.Read() || u.ID == 0 {
			return nil
		}
		ins := tx.q().add("INSERT INTO message_reads (message_id, user_id, read_at) VALUES (?, ?, ?) ON CONFLICT (message_id, user_id) DO NOTHING",
			id, u.ID, formatTime(tx.now))
		if _, err := tx.exec(ctx, ins); err != nil {
			return fmt.Errorf("sqldb: read message %d: %w", id, err)
		}
		m.ReadAt = tx.now
		return nil
	})
	return m, err
}
