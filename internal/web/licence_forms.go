package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// licenceTakeView is the data of the take form: the notice to confirm.
type licenceTakeView struct {
	OpenLicenceID int64
	TermEnd       string
	Notice        string
	Error         string
}

// licenceTakeForm serves /open-licences/{id}/take: the written notice
// generated from the announced terms, for the licensee to confirm.
func (s *Server) licenceTakeForm(w http.ResponseWriter, r *http.Request) {
	s.renderTake(w, r, http.StatusOK, r.URL.Query().Get("term_end"), nil)
}

func (s *Server) renderTake(w http.ResponseWriter, r *http.Request, status int, termEnd string, actErr error) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.ENOTFOUND, "开放许可声明编号 %q 无效", r.PathValue("id")))
		return
	}
	v := licenceTakeView{OpenLicenceID: id, TermEnd: termEnd}
	end, err := formDate("term_end", termEnd)
	if err == nil {
		v.Notice, err = s.Licences.OpenLicenceNotice(r.Context(), id, patentbridge.TakeOpenLicence{TermEnd: end})
	}
	if err != nil && v.Notice == "" && patentbridge.ErrorCode(err) != patentbridge.EINVALID {
		s.errorPage(w, r, err)
		return
	}
	if actErr != nil {
		err = actErr
	}
	if err != nil {
		v.Error = patentbridge.ErrorMessage(err)
		status = max(status, httpx.Status(err))
	}
	s.render(w, r, status, "licence_take", "实施开放许可", "open-licences", v)
}

// licenceTake serves POST /open-licences/{id}/take.
func (s *Server) licenceTake(w http.ResponseWriter, r *http.Request) {
	id, _ := httpx.PathID(r, "id")
	termEnd := r.PostFormValue("term_end")
	end, err := formDate("term_end", termEnd)
	var l *patentbridge.Licence
	if err == nil {
		l, err = s.Licences.TakeOpenLicence(r.Context(), id, patentbridge.TakeOpenLicence{TermEnd: end, Confirmed: r.PostFormValue("confirm") == "1"})
	}
	if err != nil {
		s.renderTake(w, r, httpx.Status(err), termEnd, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/licences/%d?done=taken", l.ID), http.StatusSeeOther)
}

// formDate reads an optional date field of a form. Returns EINVALID naming it.
func formDate(field, s string) (d time.Time, err error) {
	if strings.TrimSpace(s) == "" {
		return d, nil
	}
	if d, err = patentbridge.ParseDate(s); err != nil || d.IsZero() {
		return d, patentbridge.FieldErrorf(field, "日期 %q 无效（应为 YYYY-MM-DD）", patentbridge.ClipValue(s))
	}
	return d, nil
}

// formFen reads an amount in yuan ("1234.5") as fen. Returns EINVALID naming it.
func formFen(field, s string) (int64, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", "")
	yuan, frac, _ := strings.Cut(s, ".")
	if len(frac) > 2 || yuan == "" && frac == "" {
		return 0, patentbridge.FieldErrorf(field, "金额 %q 无效（单位：元，最多两位小数）", patentbridge.ClipValue(s))
	}
	neg := strings.HasPrefix(yuan, "-")
	y, err := strconv.ParseInt(strings.TrimPrefix(yuan, "-")+"0", 10, 64)
	f, ferr := strconv.ParseInt((frac + "00")[:2], 10, 64)
	if err != nil || ferr != nil || y/10 > patentbridge.MaxRoyaltyBaseFen/100 {
		return 0, patentbridge.FieldErrorf(field, "金额 %q 无效（单位：元，最多两位小数）", patentbridge.ClipValue(s))
	}
	n := y/10*100 + f
	if neg {
		n = -n
	}
	return n, nil
}

// licenceAct runs one form act on the path's licence and redirects to its
// page, or shows the page with the error.
func (s *Server) licenceAct(w http.ResponseWriter, r *http.Request, done string, act func(id int64) error) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.ENOTFOUND, "许可编号 %q 无效", r.PathValue("id")))
		return
	}
	if err := act(id); err != nil {
		if c := patentbridge.ErrorCode(err); c == patentbridge.ENOTFOUND || c == patentbridge.EUNAUTHORIZED {
			s.errorPage(w, r, err)
			return
		}
		s.renderLicence(w, r, httpx.Status(err), err, "")
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/licences/%d?done=%s", id, done), http.StatusSeeOther)
}

// licencePayment serves POST /licences/{id}/payments (amount in yuan).
func (s *Server) licencePayment(w http.ResponseWriter, r *http.Request) {
	s.licenceAct(w, r, "paid", func(id int64) error {
		fen, err := formFen("amount", r.PostFormValue("amount"))
		if err != nil {
			return err
		}
		on, err := formDate("paid_on", r.PostFormValue("paid_on"))
		if err != nil {
			return err
		}
		_, err = s.Licences.RecordPayment(r.Context(), id, patentbridge.LicencePayment{AmountFen: fen, PaidOn: on, Reference: r.PostFormValue("reference")})
		return err
	})
}

// licenceReport serves POST /licences/{id}/reports (a scheduled period, base in yuan).
func (s *Server) licenceReport(w http.ResponseWriter, r *http.Request) {
	s.licenceAct(w, r, "reported", func(id int64) error {
		start, end, _ := strings.Cut(r.PostFormValue("period"), "/")
		rep := patentbridge.RoyaltyReport{}
		var err error
		if rep.PeriodStart, err = formDate("period", start); err != nil {
			return err
		}
		if rep.PeriodEnd, err = formDate("period", end); err != nil {
			return err
		}
		if rep.BaseFen, err = formFen("base", r.PostFormValue("base")); err != nil {
			return err
		}
		_, err = s.Licences.ReportRoyalty(r.Context(), id, rep)
		return err
	})
}

// licenceRecordation serves POST /licences/{id}/recordation.
func (s *Server) licenceRecordation(w http.ResponseWriter, r *http.Request) {
	s.licenceAct(w, r, "recorded", func(id int64) error {
		on, err := formDate("recorded_on", r.PostFormValue("recorded_on"))
		if err != nil {
			return err
		}
		_, err = s.Licences.RecordRecordation(r.Context(), id, r.PostFormValue("recordation_no"), on)
		return err
	})
}

// licenceDispute serves POST /licences/{id}/disputes.
func (s *Server) licenceDispute(w http.ResponseWriter, r *http.Request) {
	s.licenceAct(w, r, "dispute", func(id int64) error {
		_, err := s.Licences.RecordDispute(r.Context(), id, patentbridge.LicenceDispute{Channel: r.PostFormValue("channel"), Description: r.PostFormValue("description")})
		return err
	})
}

// licenceDisputeOutcome serves POST /licences/{id}/disputes/{dispute_id}/outcome.
func (s *Server) licenceDisputeOutcome(w http.ResponseWriter, r *http.Request) {
	s.licenceAct(w, r, "outcome", func(id int64) error {
		did, ok := httpx.PathID(r, "dispute_id")
		if !ok {
			return patentbridge.Errorf(patentbridge.ENOTFOUND, "纠纷编号无效")
		}
		_, err := s.Licences.ResolveDispute(r.Context(), id, did, r.PostFormValue("outcome"))
		return err
	})
}
