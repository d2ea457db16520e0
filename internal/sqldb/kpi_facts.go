package sqldb

import (
	"fmt"
	"time"

	"patentbridge"
)

// kpiWindow bounds the records of one year's figure: dates (YYYY-MM-DD,
// inclusive) and stored times (exclusive end), Beijing days. A stock figure
// starts at the beginning of time. today is the report's Beijing day, after
// which nothing scheduled (a case to be published later) counts yet.
type kpiWindow struct {
	dFrom, dTo string // dates, inclusive
	tFrom, tTo string // stored times (timeLayout), tFrom inclusive, tTo exclusive
	today      string // the report's day (YYYY-MM-DD, Beijing)
}

// yearWindow is the window of year for a measure, on the report's day today
// (the store's clock, patentbridge.FormatDay).
func yearWindow(year int, m patentbridge.KPIMeasure, today string) kpiWindow {
	start := time.Date(year, 1, 1, 0, 0, 0, 0, patentbridge.Beijing)
	w := kpiWindow{dFrom: fmt.Sprintf("%04d-01-01", year), dTo: fmt.Sprintf("%04d-12-31", year),
		tFrom: formatTime(start), tTo: formatTime(start.AddDate(1, 0, 0)), today: today}
	if m == patentbridge.MeasureStock {
		w.dFrom, w.tFrom = "", ""
	}
	return w
}

// kpiFact appends to q the SELECT of one indicator's records in the window,
// with the columns city (4-digit), kind, id, on_date (a date or a stored
// time), title, party and amount (1, or fen for a money figure). The figure
// is the sum of amount over these rows and the drill-down lists them, so the
// two always agree.
type kpiFact func(q *query, w kpiWindow)

// kpiFacts are the record queries of the indicators, by id.
var kpiFacts = map[string]kpiFact{
	"sme_received_conversions": dealFacts(`d.from_type IN ('university', 'institute', 'soe') AND ` + dealToSME),
	"univ_conversions":         dealFacts(`d.from_type IN ('university', 'institute')`),
	"univ_to_sme_conversions":  dealFacts(`d.from_type IN ('university', 'institute') AND ` + dealToSME),
	"licences_transfers":       dealFacts(`1 = 1`),
	"sme_product_filings": func(q *query, w kpiWindow) {
		q.add(`SELECT f.city AS city, 'filing' AS kind, f.id AS id, f.filed_on AS on_date, f.product_name AS title, f.org_name AS party, 1 AS amount
			FROM product_filings f JOIN organizations o ON o.id = f.org_id
			WHERE o.sme = 1 AND f.filed_on >= ? AND f.filed_on <= ?`, w.dFrom, w.dTo)
	},
	"pledge_amount":   loanFacts("l.amount_fen"),
	"pledge_projects": loanFacts("1"),
	"smes_reached":    smesReached,
	"sleeping_pool_size": func(q *query, w kpiWindow) {
		q.add(`SELECT SUBSTR(p.city_code, 1, 4) AS city, 'patent' AS kind, p.id AS id, p.app_date AS on_date, p.app_no || ' ' || p.title AS title, COALESCE((SELECT o.name FROM patent_owners o WHERE o.patent_id = p.id ORDER BY o.pos LIMIT 1), '') AS party, 1 AS amount
			FROM screening_results r JOIN patents p ON p.id = r.patent_id
			WHERE r.sleeping = 1 AND r.run_id = (SELECT MAX(id) FROM screening_runs WHERE status = 'done' AND as_of <= ?)`, w.dTo)
	},
	"supply_lists_published": func(q *query, w kpiWindow) {
		q.add(`SELECT SUBSTR(s.city_code, 1, 4) AS city, 'supply_list' AS kind, s.id AS id, s.published_at AS on_date, s.title AS title, '' AS party, 1 AS amount
			FROM supply_lists s WHERE s.published_at <> '' AND s.published_at >= ? AND s.published_at < ?`, w.tFrom, w.tTo)
	},
	"soe_shared_patents": func(q *query, w kpiWindow) {
		q.add(`SELECT SUBSTR(o.city_code, 1, 4) AS city, 'offer' AS kind, o.id AS id, o.published_at AS on_date, op.app_no AS title, o.org_name AS party, 1 AS amount
			FROM offers o JOIN offer_patents op ON op.offer_id = o.id
			WHERE o.soe_shared = 1 AND o.published_at <> '' AND o.published_at >= ? AND o.published_at < ?`, w.tFrom, w.tTo)
	},
	"supply_demand_items": func(q *query, w kpiWindow) {
		q.add(`SELECT SUBSTR(o.city_code, 1, 4) AS city, 'offer' AS kind, o.id AS id, o.published_at AS on_date, o.title AS title, o.org_name AS party, 1 AS amount
			FROM offers o WHERE o.published_at <> '' AND o.published_at >= ? AND o.published_at < ?
			UNION ALL
			SELECT SUBSTR(d.city_code, 1, 4), 'demand', d.id, d.published_at, d.title, d.enterprise, 1
			FROM demands d WHERE d.published_at <> '' AND d.published_at >= ? AND d.published_at < ?`, w.tFrom, w.tTo, w.tFrom, w.tTo)
	},
	"matching_events": func(q *query, w kpiWindow) {
		q.add(`SELECT e.city AS city, 'event' AS kind, e.id AS id, e.held_on AS on_date, e.title AS title, e.organizer_name AS party, 1 AS amount
			FROM events e WHERE e.held_on >= ? AND e.held_on <= ?`, w.dFrom, w.dTo)
	},
	"matching_projects": func(q *query, w kpiWindow) {
		q.add(`SELECT e.city AS city, 'event_project' AS kind, p.id AS id, e.held_on AS on_date, p.title AS title, p.org_name AS party, 1 AS amount
			FROM event_projects p JOIN events e ON e.id = p.event_id WHERE e.held_on >= ? AND e.held_on <= ?`, w.dFrom, w.dTo)
	},
	"sme_visit_events": func(q *query, w kpiWindow) {
		q.add(`SELECT e.city AS city, 'event' AS kind, e.id AS id, e.held_on AS on_date, e.title AS title, e.organizer_name AS party, 1 AS amount
			FROM events e WHERE e.kind = 'park_visit' AND e.organizer_type IN ('university', 'institute', 'soe')
			AND e.held_on >= ? AND e.held_on <= ?`, w.dFrom, w.dTo)
	},
	"enterprises_served": func(q *query, w kpiWindow) {
		q.add(`SELECT MIN(s.city) AS city, 'organization' AS kind, MIN(COALESCE(s.org_id, 0)) AS id, MIN(s.served_on) AS on_date,
			s.org_name AS title, '' AS party, 1 AS amount
			FROM service_records s WHERE s.served_on >= ? AND s.served_on <= ? GROUP BY s.org_name`, w.dFrom, w.dTo)
	},
	"commissioners": func(q *query, w kpiWindow) {
		q.add(`SELECT c.city AS city, 'commissioner' AS kind, c.id AS id, c.registered_on AS on_date, c.name AS title, c.org_name AS party, 1 AS amount
			FROM commissioners c WHERE c.registered_on <= ? AND (c.left_on = '' OR c.left_on > ?)`, w.dTo, w.dTo)
	},
	"service_outlets": func(q *query, w kpiWindow) {
		q.add(`SELECT s.city AS city, 'outlet' AS kind, s.id AS id, s.opened_on AS on_date, s.name AS title, '' AS party, 1 AS amount
			FROM service_outlets s WHERE s.opened_on <= ? AND (s.closed_on = '' OR s.closed_on > ?)`, w.dTo, w.dTo)
	},
	"patent_pools": func(q *query, w kpiWindow) {
		q.add(`SELECT COALESCE((SELECT SUBSTR(o.city_code, 1, 4) FROM pool_members m JOIN organizations o ON o.id = m.org_id
				WHERE m.pool_id = p.id ORDER BY m.pos LIMIT 1), '') AS city,
			'pool' AS kind, p.id AS id, p.published_at AS on_date, p.name AS title, '' AS party, 1 AS amount
			FROM pools p WHERE p.published_at <> '' AND p.published_at >= ? AND p.published_at < ?`, w.tFrom, w.tTo)
	},
	"pilot_bases": func(q *query, w kpiWindow) {
		q.add(`SELECT b.city AS city, 'pilot_base' AS kind, b.id AS id, b.established_on AS on_date, b.name AS title, b.org_name AS party, 1 AS amount
			FROM pilot_bases b WHERE b.established_on >= ? AND b.established_on <= ?`, w.dFrom, w.dTo)
	},
	"typical_cases": func(q *query, w kpiWindow) {
		q.add(`SELECT c.city AS city, 'case' AS kind, c.id AS id, c.published_on AS on_date, c.title AS title, '' AS party, 1 AS amount
			FROM cases c WHERE c.published_on >= ? AND c.published_on <= ? AND c.published_on <= ?`, w.dFrom, w.dTo, w.today)
	},
	"kcb_screened": listingFacts("screened_on"),
	"kcb_followed": listingFacts("followed_on"),
	"kcb_listed":   listingFacts("listed_on"),
}

// dealToSME holds for a deal whose receiver is an SME: the record's flag, else the registry's.
const dealToSME = `COALESCE(d.to_sme, o.sme, 0) = 1`

// dealFacts are the deals of the window (by contract date) that satisfy cond.
func dealFacts(cond string) kpiFact {
	return func(q *query, w kpiWindow) {
		q.add(`SELECT d.to_city AS city, 'deal' AS kind, d.id AS id, d.contract_date AS on_date, d.app_no AS title,
			d.from_name || ' → ' || d.to_name AS party, 1 AS amount
			FROM deals d LEFT JOIN organizations o ON o.id = d.to_org_id
			WHERE d.contract_date >= ? AND d.contract_date <= ? AND `+cond, w.dFrom, w.dTo)
	}
}

// loanFacts are the loans disbursed in the window, each adding amount.
func loanFacts(amount string) kpiFact {
	return func(q *query, w kpiWindow) {
		q.add(`SELECT l.city AS city, 'loan' AS kind, l.id AS id, l.disbursed_on AS on_date, l.bank_name AS title, l.borrower_name AS party,
			`+amount+` AS amount FROM loans l
			WHERE l.status IN ('disbursed', 'repaid', 'defaulted', 'compensated') AND l.disbursed_on <> ''
			AND l.disbursed_on >= ? AND l.disbursed_on <= ?`, w.dFrom, w.dTo)
	}
}

// listingFacts are the 科创板 candidates that reached a stage (its date column) in the window.
func listingFacts(column string) kpiFact {
	return func(q *query, w kpiWindow) {
		q.add(`SELECT c.city AS city, 'listing' AS kind, c.id AS id, c.`+column+` AS on_date, c.org_name AS title, '' AS party, 1 AS amount
			FROM listing_pipeline c WHERE c.`+column+` <> '' AND c.`+column+` >= ? AND c.`+column+` <= ?`, w.dFrom, w.dTo)
	}
}

// smesReached are the SMEs, once each (by credit code, else by name), that
// in the window received a deal, filed a product, had a loan disbursed or
// were served.
func smesReached(q *query, w kpiWindow) {
	q.add(`SELECT MIN(x.city) AS city, 'organization' AS kind, MAX(x.oid) AS id, MIN(x.on_date) AS on_date, MIN(x.name) AS title, '' AS party, 1 AS amount FROM (
		SELECT COALESCE(o.id, 0) AS oid, COALESCE(NULLIF(o.credit_code, ''), NULLIF(d.to_credit_code, ''), COALESCE(o.name, d.to_name)) AS who,
			COALESCE(o.name, d.to_name) AS name, COALESCE(NULLIF(o.city_code, ''), d.to_city) AS city, d.contract_date AS on_date
		FROM deals d LEFT JOIN organizations o ON o.id = d.to_org_id WHERE `+dealToSME+` AND d.contract_date >= ? AND d.contract_date <= ?
		UNION ALL
		SELECT o.id, COALESCE(NULLIF(o.credit_code, ''), o.name), o.name, COALESCE(NULLIF(o.city_code, ''), f.city), f.filed_on
		FROM product_filings f JOIN organizations o ON o.id = f.org_id WHERE o.sme = 1 AND f.filed_on >= ? AND f.filed_on <= ?
		UNION ALL
		SELECT o.id, COALESCE(NULLIF(o.credit_code, ''), o.name), o.name, COALESCE(NULLIF(o.city_code, ''), l.city), l.disbursed_on
		FROM loans l JOIN organizations o ON o.id = l.borrower_org_id WHERE o.sme = 1 AND l.disbursed_on <> ''
		AND l.status IN ('disbursed', 'repaid', 'defaulted', 'compensated') AND l.disbursed_on >= ? AND l.disbursed_on <= ?
		UNION ALL
		SELECT o.id, COALESCE(NULLIF(o.credit_code, ''), o.name), o.name, COALESCE(NULLIF(o.city_code, ''), s.city), s.served_on
		FROM service_records s JOIN organizations o ON o.id = s.org_id WHERE o.sme = 1 AND s.served_on >= ? AND s.served_on <= ?
	) x GROUP BY x.who`, w.dFrom, w.dTo, w.dFrom, w.dTo, w.dFrom, w.dTo, w.dFrom, w.dTo)
}
