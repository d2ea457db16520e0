package sqldb

import (
	"context"
	"encoding/json"
	"fmt"

	"patentbridge"
	"patentbridge/internal/refdata"
)

var _ patentbridge.PushService = (*DB)(nil)

// pushReasonMax is the longest reason a pushed patent may carry (the ranker's are short).
const pushReasonMax = 200

// pushSendAudit is the after of a "push.send" audit row.
type pushSendAudit struct {
	List      string   `json:"list"` // the list's heading
	Sent      int      `json:"sent"`
	Unreached int      `json:"unreached"`
	Repeated  int      `json:"repeated"`
	Notified  []string `json:"notified"` // "name (credit code)" of each enterprise sent a message
}

// SendPush sends each pushed enterprise that has an account one message of the
// published list's push, in one transaction audited as "push.send"; see
// patentbridge.PushService. Returns EINVALID, ENOTFOUND, ECONFLICT,
// EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) SendPush(ctx context.Context, listID int64, pushes []patentbridge.EnterprisePush) (*patentbridge.PushSent, error) {
	u := patentbridge.UserFrom(ctx)
	if u == nil && !patentbridge.IsPlatform(ctx) {
		return nil, patentbridge.Errorf(patentbridge.EUNAUTHORIZED, "请先登录")
	}
	if len(pushes) == 0 {
		return nil, patentbridge.FieldErrorf("list", "名录中没有与该清单相符的企业，没有可发送的推送")
	}
	var sent *patentbridge.PushSent
	err := db.WithTx(ctx, func(tx *Tx) error {
		var err error
		sent, err = tx.sendPush(ctx, listID, pushes)
		return err
	})
	if err != nil {
		return nil, err
	}
	return sent, nil
}

func (tx *Tx) sendPush(ctx context.Context, listID int64, pushes []patentbridge.EnterprisePush) (*patentbridge.PushSent, error) {
	// Two sendings of one list queue up, so that neither repeats the other's messages.
	var locked int64
	if err := tx.queryRow(ctx, tx.q().add("SELECT id FROM supply_lists WHERE id = ?"+tx.db.dialect.forUpdate, listID)).Scan(&locked); isNoRows(err) {
		return nil, supplyNotFound(listID)
	} else if err != nil {
		return nil, fmt.Errorf("sqldb: lock supply list %d: %w", listID, err)
	}
	l, err := tx.findSupplyList(ctx, listID)
	if err != nil {
		return nil, err
	}
	if err := manageSupplyList(ctx, l); err != nil {
		return nil, err
	}
	if l.Status != patentbridge.ListPublished {
		return nil, patentbridge.Errorf(patentbridge.ECONFLICT, "只能推送已发布的供给清单，该清单%s", l.StatusLabel())
	}
	titles := make(map[string]string, len(l.Items))
	for _, it := range l.Items {
		titles[it.AppNo] = it.Title
	}
	heading := l.Heading(refdata.Default().CityName)
	city := patentbridge.ScopeCity(patentbridge.UserFrom(ctx))
	out := &patentbridge.PushSent{ListID: listID, At: tx.now, Notified: []string{}}
	after := pushSendAudit{List: heading, Notified: []string{}}
	seen := map[string]bool{} // credit codes of this sending
	told := map[int64]bool{}  // organizations told in this sending
	for _, p := range pushes {
		e, err := tx.pushedEnterprise(ctx, p, city, titles, seen)
		if err != nil {
			return nil, err
		}
		org, reachable, err := tx.pushRecipient(ctx, e)
		if err != nil {
			return nil, err
		}
		switch {
		case !reachable:
			out.Unreached++
			continue
		case told[org]:
			out.Repeated++
			continue
		}
		// the list's own frozen titles, whatever the caller says
		p = patentbridge.EnterprisePush{Enterprise: *e, Items: append([]patentbridge.PushItem(nil), p.Items...)}
		for i := range p.Items {
			p.Items[i].Title = titles[p.Items[i].AppNo]
		}
		var before int
		q := tx.q().add("SELECT COUNT(*) FROM messages WHERE org_id = ? AND kind = ? AND link = ?",
			org, patentbridge.MessagePushList, patentbridge.SupplyListPath(listID))
		if err := tx.queryRow(ctx, q).Scan(&before); err != nil {
			return nil, fmt.Errorf("sqldb: earlier push messages: %w", err)
		}
		told[org] = true
		if before > 0 {
			out.Repeated++
			continue
		}
		m := p.Message(heading, listID)
		if err := tx.notifyOrg(ctx, org, m.Kind, m.Title, m.Body, m.Link); err != nil {
			return nil, err
		}
		out.Sent++
		out.Notified = append(out.Notified, e.Name)
		after.Notified = append(after.Notified, e.Name+" ("+e.CreditCode+")")
	}
	after.Sent, after.Unreached, after.Repeated = out.Sent, out.Unreached, out.Repeated
	return out, tx.audit(ctx, "push.send", supplyObject(listID), nil, after)
}

// pushedEnterprise checks one push of a sending: an enterprise of the registry
// (as stored, whatever the caller says), in the city user's city, pushed once
// in this sending, with at most patentbridge.PushMaxPerEnterprise patents of
// the list. Returns EINVALID, EFORBIDDEN.
func (tx *Tx) pushedEnterprise(ctx context.Context, p patentbridge.EnterprisePush, city string,
	titles map[string]string, seen map[string]bool) (*patentbridge.Enterprise, error) {
	code := p.Enterprise.CreditCode
	e, err := scanEnterprise(tx.queryRow(ctx, tx.q().add("SELECT "+enterpriseColumns+" FROM enterprises WHERE credit_code = ?", code)))
	if isNoRows(err) {
		return nil, patentbridge.FieldErrorf("enterprise", "企业“%s”（%s）不在企业名录中", patentbridge.ClipValue(p.Enterprise.Name), patentbridge.ClipValue(code))
	} else if err != nil {
		return nil, fmt.Errorf("sqldb: find enterprise %q: %w", code, err)
	}
	switch {
	case seen[code]:
		return nil, patentbridge.FieldErrorf("enterprise", "企业“%s”在推送清单中出现了两次", e.Name)
	case city != "" && !patentbridge.InCity(e.RegionCode, city):
		return nil, patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：只能向本市（州）的企业推送，“%s”不在本市（州）", e.Name)
	case len(p.Items) == 0 || len(p.Items) > patentbridge.PushMaxPerEnterprise:
		return nil, patentbridge.FieldErrorf("per", "每家企业应推送 1 至 %d 件专利，“%s”有 %d 件", patentbridge.PushMaxPerEnterprise, e.Name, len(p.Items))
	}
	seen[code] = true
	for _, it := range p.Items {
		if _, ok := titles[it.AppNo]; !ok {
			return nil, patentbridge.FieldErrorf("items", "专利 %s 不在该供给清单中", patentbridge.ClipValue(it.AppNo))
		}
		if err := patentbridge.CheckText("reason", "推荐理由", it.Reason, pushReasonMax, false); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// pushRecipient finds the organization an enterprise's message goes to — by
// its credit code, else by its name or alias — and whether it is registered on
// the platform: it has an enabled account that would read the message.
func (tx *Tx) pushRecipient(ctx context.Context, e *patentbridge.Enterprise) (int64, bool, error) {
	var org int64
	err := tx.queryRow(ctx, tx.q().add("SELECT id FROM organizations WHERE credit_code = ?", e.CreditCode)).Scan(&org)
	if isNoRows(err) {
		org, err = resolveOrg(ctx, tx.db, tx.tx, patentbridge.NormalizeOrgName(e.Name))
	}
	if err != nil {
		return 0, false, fmt.Errorf("sqldb: organization of enterprise %s: %w", e.CreditCode, err)
	}
	if org == 0 {
		return 0, false, nil
	}
	var accounts int
	q := tx.q().add("SELECT COUNT(*) FROM users WHERE organization_id = ? AND disabled_at = ''", org)
	if err := tx.queryRow(ctx, q).Scan(&accounts); err != nil {
		return 0, false, fmt.Errorf("sqldb: accounts of organization %d: %w", org, err)
	}
	return org, accounts > 0, nil
}

// LastPushSent returns the latest "push.send" of the list as its audit row
// recorded it. Returns ENOTFOUND (also when it was never sent),
// EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) LastPushSent(ctx context.Context, listID int64) (*patentbridge.PushSent, error) {
	u := patentbridge.UserFrom(ctx)
	if u == nil && !patentbridge.IsPlatform(ctx) {
		return nil, patentbridge.Errorf(patentbridge.EUNAUTHORIZED, "请先登录")
	}
	l, err := db.findSupplyList(ctx, db.read, listID)
	if err != nil {
		return nil, err
	}
	if err := manageSupplyList(ctx, l); err != nil {
		return nil, err
	}
	q := db.dialect.newQuery().add("SELECT at, after_json FROM audit_log WHERE object = ? AND action = ? ORDER BY id DESC LIMIT 1",
		supplyObject(listID), "push.send")
	var at, raw string
	if err := db.read.QueryRowContext(ctx, q.String(), q.args...).Scan(&at, &raw); isNoRows(err) {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "供给清单 %d 的推送尚未发送过", listID)
	} else if err != nil {
		return nil, fmt.Errorf("sqldb: last push of list %d: %w", listID, err)
	}
	var a pushSendAudit
	if err := json.Unmarshal([]byte(raw), &a); err != nil {
		return nil, fmt.Errorf("sqldb: last push of list %d: %w", listID, err)
	}
	t, err := parseTime(at)
	if err != nil {
		return nil, err
	}
	return &patentbridge.PushSent{ListID: listID, Sent: a.Sent, Unreached: a.Unreached, Repeated: a.Repeated, At: t}, nil
}
