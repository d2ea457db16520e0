package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"patentbridge"
)

// readColumns are the patents columns a read scans, in scanPatent's order.
var readColumns = strings.Join(append(patentColumns[colAppNo:colHash:colHash], "updated_at", "app_no_check_computed"), ", ")

// FindPatent returns the patent with the normalized application number.
// Returns ENOTFOUND.
func (db *DB) FindPatent(ctx context.Context, appNo string) (*patentbridge.Patent, error) {
	q := db.dialect.newQuery().add("SELECT "+readColumns+" FROM patents WHERE app_no = ?", appNo)
	p, err := scanPatent(db.read.QueryRowContext(ctx, q.String(), q.args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到申请号为 %s 的专利", patentbridge.FormatAppNo(appNo))
	} else if err != nil {
		return nil, fmt.Errorf("sqldb: find patent %s: %w", appNo, err)
	}
	return p, nil
}

// CountPatents returns how many patents are stored.
func (db *DB) CountPatents(ctx context.Context) (int, error) {
	var n int
	if err := db.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM patents").Scan(&n); err != nil {
		return 0, fmt.Errorf("sqldb: count patents: %w", err)
	}
	return n, nil
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

// scanPatent reads one row of readColumns.
func scanPatent(s scanner) (*patentbridge.Patent, error) {
	var (
		p                                     patentbridge.Patent
		kind, status                          string
		appDate, pubDate, grantDate, lapse    string
		ipc, applicants, patentees, inventors string
		events, extra, city, updatedAt        string
		counts                                [7]int
		checkComputed                         int64
	)
	err := s.Scan(&p.AppNo, &kind, &p.PubNo, &p.GrantNo, &p.Title, &p.Abstract, &p.FirstClaim,
		&appDate, &pubDate, &grantDate, &lapse, &status, &p.StatusText,
		&p.MainIPC, &ipc, &p.RegionCode, &city, &p.Address, &p.Agency, &p.Priority,
		&p.PCTAppNo, &counts[0], &counts[1], &counts[2], &counts[3], &counts[4], &counts[5], &counts[6],
		&applicants, &patentees, &inventors, &events, &extra, &p.Source, &updatedAt, &checkComputed)
	if err != nil {
		return nil, err
	}
	p.Kind, p.Status = patentbridge.Kind(kind), patentbridge.LegalStatus(status)
	p.AppNoCheckComputed = checkComputed != 0
	p.ForwardCitations, p.BackwardCitations, p.FamilySize = counts[0], counts[1], counts[2]
	p.ClaimsCount, p.TransferCount, p.LicenceCount, p.PledgeCount = counts[3], counts[4], counts[5], counts[6]
	for i, dst := range []*time.Time{&p.AppDate, &p.PubDate, &p.GrantDate, &p.LapseDate} {
		if *dst, err = parseDate([]string{appDate, pubDate, grantDate, lapse}[i]); err != nil {
			return nil, err
		}
	}
	var stored []storedEvent
	for _, j := range []struct {
		text string
		dst  any
	}{{ipc, &p.IPC}, {applicants, &p.Applicants}, {patentees, &p.Patentees},
		{inventors, &p.Inventors}, {events, &stored}, {extra, &p.Extra}} {
		if err := json.Unmarshal([]byte(j.text), j.dst); err != nil {
			return nil, fmt.Errorf("sqldb: patent %s: stored JSON: %w", p.AppNo, err)
		}
	}
	if len(p.Extra) == 0 {
		p.Extra = nil
	}
	p.Events = make([]patentbridge.LegalEvent, len(stored))
	for i, e := range stored {
		d, err := parseDate(e.Date)
		if err != nil {
			return nil, err
		}
		p.Events[i] = patentbridge.LegalEvent{Type: e.Type, Date: d, Text: e.Text}
	}
	if p.UpdatedAt, err = parseTime(updatedAt); err != nil {
		return nil, err
	}
	return &p, nil
}
