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

// licenceTakeView is the data of a take form: the notice to confirm.
type licenceTakeView struct {
	Action, Heading, Intro, TermHint, Submit string
	TermEnd                                  string
	Notice                                   string
	Error                                    string
}

// taking is what a take form takes: an announced open licence (Patent Law
// art. 51) or a published pool's package licence, through the service acts.
type taking struct {
	path, label, heading, intro, termHint, submit string
	notice                                        func(r *http.Request, id int64, t patentbridge.TakeOpenLicence) (string, error)
	take                                          func(r *http.Request, id int64, t patentbridge.TakeOpenLicence) (*patentbridge.Licence, error)
}

// openLicenceTaking takes an announced open licence.
func (s *Server) openLicenceTaking() taking {
	return taking{path: "/open-licences/%d/take", label: "开放许可声明", heading: "实施开放许可（书面通知）",
		intro:    "依据《专利法》第五十一条，任何单位或者个人有意愿实施开放许可的专利的，以书面方式通知专利权人，并依照公告的许可使用费支付方式、标准支付许可使用费后，即获得专利实施许可。",
		termHint: "许可期限截止日（留空为声明的期限）", submit: "发出书面通知",
		notice: func(r *http.Request, id int64, t patentbridge.TakeOpenLicence) (string, error) {
			return s.Licences.OpenLicenceNotice(r.Context(), id, t)
		},
		take: func(r *http.Request, id int64, t patentbridge.TakeOpenLicence) (*patentbridge.Licence, error) {
			return s.Licences.TakeOpenLicence(r.Context(), id, t)
		}}
}

// poolTaking takes a published pool's package licence.
func (s *Server) poolTaking() taking {
	return taking{path: "/pools/%d/take", label: "专利池", heading: "取得专利池打包许可",
		intro:    "专利池的打包许可为普通许可，由牵头单位代表全体成员单位许可池中全部专利；按专利池公布的许可使用费付费后许可生效。",
		termHint: fmt.Sprintf("许可期限截止日（留空为 %d 年，且不超过池中专利的最晚保护期限）", patentbridge.PoolLicenceYears), submit: "确认接受并取得许可",
		notice: func(r *http.Request, id int64, t patentbridge.TakeOpenLicence) (string, error) {
			return s.Licences.PoolLicenceNotice(r.Context(), id, t)
		},
		take: func(r *http.Request, id int64, t patentbridge.TakeOpenLicence) (*patentbridge.Licence, error) {
			return s.Licences.TakePoolLicence(r.Context(), id, t)
		}}
}

// takeForm serves GET …/{id}/take: the notice generated from the published
// terms, for the licensee to confirm.
func (s *Server) takeForm(k func() taking) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.renderTake(w, r, k(), http.StatusOK, r.URL.Query().Get("term_end"), nil)
	}
}

func (s *Server) renderTake(w http.ResponseWriter, r *http.Request, k taking, status int, termEnd string, actErr error) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.ENOTFOUND, "%s编号 %q 无效", k.label, r.PathValue("id")))
		return
	}
	v := licenceTakeView{Action: fmt.Sprintf(k.path, id), Heading: k.heading, Intro: k.intro, TermHint: k.termHint, Submit: k.submit, TermEnd: termEnd}
	end, err := formDate("term_end", termEnd)
	if err == nil {
		v.Notice, err = k.notice(r, id, patentbridge.TakeOpenLicence{TermEnd: end})
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
	s.render(w, r, status, "licence_take", k.heading, "open-licences", v)
}

// take serves POST …/{id}/take: the act, then the licence record.
func (s *Server) take(k func() taking) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, _ := httpx.PathID(r, "id")
		termEnd := r.PostFormValue("term_end")
		end, err := formDate("term_end", termEnd)
		var l *patentbridge.Licence
		if err == nil {
			l, err = k().take(r, id, patentbridge.TakeOpenLicence{TermEnd: end, Confirmed: r.PostFormValue("confirm") == "1"})
		}
		if err != nil {
			s.renderTake(w, r, k(), httpx.Status(err), termEnd, err)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/licences/%d?done=taken", l.ID), http.StatusSeeOther)
	}
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
