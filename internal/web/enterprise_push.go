package web

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// Push-list sizes: enterprises ranked per patent, patents taken from a supply list.
const (
	pushPerPatent   = 100
	pushListPatents = 100
)

// pushView is the data of the push-list page.
type pushView struct {
	Title    string
	AppNo    string
	ListID   int64
	Park     string
	Parks    []string
	Rows     []httpx.PushRow
	Lines    []pushLine
	XLSXLink string
	Empty    bool // no patent or list asked for yet
}

// pushLine is one ranked row of the page.
type pushLine struct {
	Rank int
	httpx.PushRow
}

// enterprisePush serves /admin/enterprises/push?app_no=… or ?supply_list=ID:
// registry enterprises ranked for a patent, or for every patent of a supply list
// (an enterprise's best score, with the patents proposed to it), filtered by
// park; &format=xlsx downloads the push list with one sheet per park.
func (s *Server) enterprisePush(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	v := pushView{Park: strings.TrimSpace(q.Get("park"))}
	var rows []httpx.PushRow
	var err error
	switch {
	case q.Get("app_no") != "":
		rows, err = s.pushForPatent(r, q.Get("app_no"), &v)
	case q.Get("supply_list") != "":
		rows, err = s.pushForList(r, q.Get("supply_list"), &v)
	default:
		v.Empty = true
		s.render(w, r, http.StatusOK, "enterprise_push", "专利进园区企业", "enterprises", v)
		return
	}
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	seen := map[string]bool{}
	for _, row := range rows {
		if p := row.Enterprise.Park; p != "" && !seen[p] {
			seen[p] = true
			v.Parks = append(v.Parks, p)
		}
		if v.Park == "" || row.Enterprise.Park == v.Park {
			v.Rows = append(v.Rows, row)
		}
	}
	sort.Strings(v.Parks)
	if q.Get("format") == "xlsx" {
		s.pushXLSX(w, r, v)
		return
	}
	for i, row := range v.Rows {
		v.Lines = append(v.Lines, pushLine{i + 1, row})
	}
	x := url.Values{}
	for k, vs := range q {
		x[k] = vs
	}
	x.Set("format", "xlsx")
	v.XLSXLink = "/admin/enterprises/push?" + x.Encode()
	s.render(w, r, http.StatusOK, "enterprise_push", "专利进园区企业", "enterprises", v)
}

func (s *Server) pushForPatent(r *http.Request, raw string, v *pushView) ([]httpx.PushRow, error) {
	appNo, _, err := patentbridge.NormalizeAppNo(raw)
	if err != nil {
		return nil, err
	}
	p, err := s.Patents.FindPatent(r.Context(), appNo)
	if err != nil {
		return nil, err
	}
	v.AppNo, v.Title = appNo, fmt.Sprintf("%s %s", patentbridge.FormatAppNo(appNo), p.Title)
	ms, err := s.EnterpriseRanker.RankForPatent(r.Context(), appNo, pushPerPatent)
	if err != nil {
		return nil, err
	}
	rows := make([]httpx.PushRow, len(ms))
	for i, m := range ms {
		rows[i] = httpx.PushRow{EnterpriseMatch: m, Patents: []string{appNo}}
	}
	return rows, nil
}

func (s *Server) pushForList(r *http.Request, raw string, v *pushView) ([]httpx.PushRow, error) {
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 || s.Supply == nil {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "供给清单 %q 不存在", raw)
	}
	l, err := s.Supply.FindSupplyList(r.Context(), id)
	if err != nil {
		return nil, err
	}
	v.ListID, v.Title = l.ID, l.Title
	if l.Year > 0 {
		v.Title += "（" + l.NumberLabel() + "）"
	}
	byCode := map[string]*httpx.PushRow{}
	var order []string
	for _, it := range l.Items[:min(len(l.Items), pushListPatents)] {
		ms, err := s.EnterpriseRanker.RankForPatent(r.Context(), it.AppNo, pushPerPatent)
		if patentbridge.ErrorCode(err) == patentbridge.ENOTFOUND {
			continue // a patent of the frozen list no longer stored
		} else if err != nil {
			return nil, err
		}
		for _, m := range ms {
			row, ok := byCode[m.Enterprise.CreditCode]
			if !ok {
				row = &httpx.PushRow{EnterpriseMatch: patentbridge.EnterpriseMatch{Enterprise: m.Enterprise}}
				byCode[m.Enterprise.CreditCode] = row
				order = append(order, m.Enterprise.CreditCode)
			}
			if m.Score > row.Score {
				row.Score = m.Score
			}
			row.Patents = append(row.Patents, it.AppNo)
			for _, reason := range m.Reasons {
				row.Reasons = append(row.Reasons, patentbridge.FormatAppNo(it.AppNo)+"："+reason)
			}
		}
	}
	rows := make([]httpx.PushRow, 0, len(order))
	for _, c := range order {
		rows = append(rows, *byCode[c])
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].Score != rows[j].Score {
			return rows[i].Score > rows[j].Score
		}
		return len(rows[i].Patents) > len(rows[j].Patents)
	})
	return rows, nil
}

// pushXLSX writes the push list; it is built in memory first so that a failure
// is a clean error page, not a truncated file.
func (s *Server) pushXLSX(w http.ResponseWriter, r *http.Request, v pushView) {
	var buf bytes.Buffer
	if err := httpx.WritePushListXLSX(&buf, "专利进园区企业推送清单："+v.Title, v.Rows); err != nil {
		s.errorPage(w, r, err)
		return
	}
	name := "专利进园区企业推送清单.xlsx"
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", "attachment; filename=\"push-list.xlsx\"; filename*=UTF-8''"+url.PathEscape(name))
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	buf.WriteTo(w)
}
