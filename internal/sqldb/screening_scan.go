package sqldb

import (
	"context"
	"fmt"
	"sync"
	"time"

	"patentbridge"
)

// scanColumns are the patents columns a screening needs, in scanForScreening's
// order. The engine never reads the abstract, the first claim, the numbers,
// publication date, address, agency, priority or source, so the scan leaves them
// out; of the extra columns only those whose name mentions an award (奖) are read,
// for the national-award flag, so that other extra text is not decoded.
const scanColumns = "id, app_no, kind, title, app_date, grant_date, lapse_date, status, status_text, " +
	"main_ipc, ipc, region_code, pct_app_no, forward_citations, backward_citations, family_size, " +
	"claims_count, transfer_count, licence_count, pledge_count, applicants, patentees, inventors, events, " +
	"CASE WHEN extra LIKE '%奖%' THEN extra ELSE '{}' END"

// patentIDs remembers, in scan order, the id and a hash of the application
// number of every patent the latest scan read. A run's results and scores (which
// carry application numbers) arrive in scan order, so a cursor per run and table
// finds each id without a lookup per batch, in 16 bytes per patent; ids never
// change, so a hit is right, and a miss falls back to the database.
type patentIDs struct {
	mu      sync.Mutex
	ids     []int64
	hashes  []uint64
	cursors map[string]int // by table and run
}

func (c *patentIDs) reset(n int) {
	c.mu.Lock()
	c.ids, c.hashes, c.cursors = make([]int64, 0, n), make([]uint64, 0, n), map[string]int{}
	c.mu.Unlock()
}

func (c *patentIDs) drop() {
	c.mu.Lock()
	c.ids, c.hashes, c.cursors = nil, nil, nil
	c.mu.Unlock()
}

// add records scanned patents; it takes the lock once per slice, not per patent.
func (c *patentIDs) add(es []idEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range es {
		c.ids = append(c.ids, e.id)
		c.hashes = append(c.hashes, hashAppNo(e.appNo))
	}
}

// take returns the ids of the next patents of a run's table in scan order (0
// where the scan does not match) and advances the cursor past the matches.
func (c *patentIDs) take(key string, appNos []string, out []int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cursors == nil {
		return
	}
	at := c.cursors[key]
	for i, no := range appNos {
		if at < len(c.ids) && c.hashes[at] == hashAppNo(no) {
			out[i] = c.ids[at]
			at++
		}
	}
	c.cursors[key] = at
}

// hashAppNo is FNV-1a over an application number.
func hashAppNo(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h
}

// ScanPatents calls fn for every stored patent in id order (the order of import),
// streaming, inside one read transaction: fn sees one consistent snapshot while
// writes go on (on SQLite through the separate writer connection). The patents
// hold what screening needs; see scanColumns for what is left out.
func (db *DB) ScanPatents(ctx context.Context, fn func(p *patentbridge.Patent) error) error {
	n, err := db.CountPatents(ctx)
	if err != nil {
		return err
	}
	db.scanIDs.reset(n)
	tx, err := db.read.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqldb: scan patents: %w", err)
	}
	defer tx.Rollback()
	rs, err := tx.QueryContext(ctx, "SELECT "+scanColumns+" FROM patents ORDER BY id")
	if err != nil {
		return fmt.Errorf("sqldb: scan patents: %w", err)
	}
	defer rs.Close()
	const flush = 4096
	pending := make([]idEntry, 0, flush)
	for rs.Next() {
		id, p, err := scanForScreening(rs)
		if err != nil {
			return fmt.Errorf("sqldb: scan patents: %w", err)
		}
		if pending = append(pending, idEntry{p.AppNo, id}); len(pending) == flush {
			db.scanIDs.add(pending)
			pending = pending[:0]
		}
		if err := fn(p); err != nil {
			return err
		}
	}
	db.scanIDs.add(pending)
	if err := rs.Err(); err != nil {
		return fmt.Errorf("sqldb: scan patents: %w", err)
	}
	return nil
}

type idEntry struct {
	appNo string
	id    int64
}

// scanForScreening reads one row of scanColumns.
func scanForScreening(s scanner) (int64, *patentbridge.Patent, error) {
	var (
		id                                    int64
		p                                     patentbridge.Patent
		kind, status                          string
		appDate, grantDate, lapse             string
		ipc, applicants, patentees, inventors string
		events, extra                         string
		counts                                [7]int
	)
	err := s.Scan(&id, &p.AppNo, &kind, &p.Title, &appDate, &grantDate, &lapse, &status, &p.StatusText,
		&p.MainIPC, &ipc, &p.RegionCode, &p.PCTAppNo, &counts[0], &counts[1], &counts[2], &counts[3],
		&counts[4], &counts[5], &counts[6], &applicants, &patentees, &inventors, &events, &extra)
	if err != nil {
		return 0, nil, err
	}
	p.Kind, p.Status = patentbridge.Kind(kind), patentbridge.LegalStatus(status)
	p.ForwardCitations, p.BackwardCitations, p.FamilySize = counts[0], counts[1], counts[2]
	p.ClaimsCount, p.TransferCount, p.LicenceCount, p.PledgeCount = counts[3], counts[4], counts[5], counts[6]
	for i, dst := range [...]*time.Time{&p.AppDate, &p.GrantDate, &p.LapseDate} {
		if *dst, err = fastDate([...]string{appDate, grantDate, lapse}[i]); err != nil {
			return 0, nil, err
		}
	}
	var stored []storedEvent
	if p.IPC, err = decodeJSONStrings(ipc); err == nil {
		if p.Applicants, err = decodeJSONParties(applicants); err == nil {
			if p.Patentees, err = decodeJSONParties(patentees); err == nil {
				if p.Inventors, err = decodeJSONStrings(inventors); err == nil {
					if stored, err = decodeJSONEvents(events); err == nil && extra != "{}" {
						p.Extra, err = decodeJSONMap(extra)
					}
				}
			}
		}
	}
	if err != nil {
		return 0, nil, fmt.Errorf("patent %s: stored JSON: %w", p.AppNo, err)
	}
	if len(stored) > 0 {
		p.Events = make([]patentbridge.LegalEvent, len(stored))
		for i, e := range stored {
			d, err := fastDate(e.Date)
			if err != nil {
				return 0, nil, err
			}
			p.Events[i] = patentbridge.LegalEvent{Type: e.Type, Date: d, Text: e.Text}
		}
	}
	return id, &p, nil
}

// patentIDsOf returns the ids of the patents with the application numbers, from
// the scan's memory (cursor key) or else the database. Returns ENOTFOUND for an unknown one.
func (db *DB) patentIDsOf(ctx context.Context, key string, appNos []string) ([]int64, error) {
	out := make([]int64, len(appNos))
	db.scanIDs.take(key, appNos, out)
	var missing []string
	for i, no := range appNos {
		if out[i] == 0 {
			missing = append(missing, no)
		}
	}
	if len(missing) == 0 {
		return out, nil
	}
	found := make(map[string]int64, len(missing))
	for len(missing) > 0 {
		chunk := missing[:min(hashChunk, len(missing))]
		missing = missing[len(chunk):]
		q := db.dialect.newQuery().add("SELECT id, app_no FROM patents WHERE app_no IN ").addList(chunk)
		rs, err := db.read.QueryContext(ctx, q.String(), q.args...)
		if err != nil {
			return nil, fmt.Errorf("sqldb: patent ids: %w", err)
		}
		for rs.Next() {
			var id int64
			var no string
			if err := rs.Scan(&id, &no); err != nil {
				rs.Close()
				return nil, fmt.Errorf("sqldb: patent ids: %w", err)
			}
			found[no] = id
		}
		if err := rs.Close(); err != nil {
			return nil, fmt.Errorf("sqldb: patent ids: %w", err)
		}
	}
	for i, no := range appNos {
		if out[i] != 0 {
			continue
		}
		id, ok := found[no]
		if !ok {
			return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到申请号为 %s 的专利", patentbridge.FormatAppNo(no))
		}
		out[i] = id
	}
	return out, nil
}
