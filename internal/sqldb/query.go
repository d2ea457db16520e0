package sqldb

import (
	"fmt"
	"strings"
	"time"
)

// query builds one SQL statement, numbering placeholders as fragments are appended
// so that values never enter the SQL text.
type query struct {
	d    *dialect
	b    strings.Builder
	args []any
}

// newQuery starts an empty statement in the dialect.
func (d *dialect) newQuery() *query { return &query{d: d} }

// add appends a fragment whose "?" marks are replaced by the next placeholders,
// one per argument.
func (q *query) add(fragment string, args ...any) *query {
	n := 0
	for i := 0; i < len(fragment); i++ {
		if fragment[i] != '?' {
			q.b.WriteByte(fragment[i])
			continue
		}
		if n == len(args) {
			panic(fmt.Sprintf("sqldb: fragment %q has more placeholders than arguments", fragment))
		}
		q.args = append(q.args, args[n])
		n++
		q.b.WriteString(q.d.placeholder(len(q.args)))
	}
	if n != len(args) {
		panic(fmt.Sprintf("sqldb: fragment %q has fewer placeholders than arguments", fragment))
	}
	return q
}

// addList appends "(?, ?, …)" with one placeholder per value.
func (q *query) addList(values []string) *query { return addValues(q, values) }

// addIDs appends "(?, ?, …)" with one placeholder per id.
func (q *query) addIDs(ids []int64) *query { return addValues(q, ids) }

// addValues appends "(?, ?, …)" with one placeholder per value.
func addValues[T any](q *query, values []T) *query {
	q.b.WriteByte('(')
	for i, v := range values {
		if i > 0 {
			q.b.WriteString(", ")
		}
		q.args = append(q.args, v)
		q.b.WriteString(q.d.placeholder(len(q.args)))
	}
	q.b.WriteByte(')')
	return q
}

// String returns the SQL text.
func (q *query) String() string { return q.b.String() }

// timeLayout is the fixed-width UTC form of stored times, which sorts as text.
const timeLayout = "2006-01-02T15:04:05.000000Z"

// formatTime renders a stored time, "" for the zero time.
func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeLayout)
}

// parseTime reads a stored time; "" is the zero time.
func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("sqldb: stored time %q: %w", s, err)
	}
	return t, nil
}

// parseDate reads a stored 'YYYY-MM-DD' date; "" is the zero time.
func parseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, fmt.Errorf("sqldb: stored date %q: %w", s, err)
	}
	return t, nil
}
