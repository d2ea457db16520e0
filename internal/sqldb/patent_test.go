package sqldb_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

func TestUpsertPatents(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		batch := []*patentbridge.Patent{newPatent(0), newPatent(1), newPatent(2)}

		t.Run("insert", func(t *testing.T) {
			got := MustUpsert(t, db, batch...)
			if want := (patentbridge.UpsertResult{Inserted: 3}); got != want {
				t.Fatalf("first upsert = %+v, want %+v", got, want)
			}
			if n, _ := db.CountPatents(ctx); n != 3 {
				t.Fatalf("CountPatents = %d, want 3", n)
			}
			if n := len(changes(t, db)); n != 3 {
				t.Fatalf("outbox has %d entries, want 3", n)
			}
		})

		t.Run("same batch again changes nothing", func(t *testing.T) {
			before, _ := db.FindPatent(ctx, batch[0].AppNo)
			again := []*patentbridge.Patent{newPatent(0), newPatent(1), newPatent(2)}
			again[0].Source = "another-export.csv" // the source alone is not a change
			got := MustUpsert(t, db, again...)
			if want := (patentbridge.UpsertResult{Unchanged: 3}); got != want {
				t.Fatalf("re-upsert = %+v, want %+v", got, want)
			}
			if n := len(changes(t, db)); n != 3 {
				t.Fatalf("outbox has %d entries after a no-op upsert, want 3", n)
			}
			after, _ := db.FindPatent(ctx, batch[0].AppNo)
			if !after.UpdatedAt.Equal(before.UpdatedAt) || after.Source != before.Source {
				t.Fatalf("unchanged patent was rewritten: updated_at %v -> %v, source %q -> %q",
					before.UpdatedAt, after.UpdatedAt, before.Source, after.Source)
			}
		})

		t.Run("changed and new", func(t *testing.T) {
			changed := newPatent(1)
			changed.Status, changed.StatusText = patentbridge.StatusLapsedUnpaid, "无权-未缴年费"
			changed.Patentees = []patentbridge.Party{{Name: "成都新材料股份有限公司", Type: patentbridge.PartyEnterprise}}
			changed.IPC = []string{changed.MainIPC}
			got := MustUpsert(t, db, newPatent(0), changed, newPatent(3))
			if want := (patentbridge.UpsertResult{Inserted: 1, Updated: 1, Unchanged: 1}); got != want {
				t.Fatalf("mixed upsert = %+v, want %+v", got, want)
			}
			cs := changes(t, db)
			if len(cs) != 5 {
				t.Fatalf("outbox has %d entries, want 5", len(cs))
			}
			ops := map[string]string{cs[3].AppNo: cs[3].Op, cs[4].AppNo: cs[4].Op}
			if want := map[string]string{changed.AppNo: "update", newPatent(3).AppNo: "insert"}; !cmp.Equal(ops, want) {
				t.Fatalf("new outbox entries = %v, want %v", ops, want)
			}
			// The child rows follow the update: the old owner and IPC code are gone.
			_, n, err := db.ListPatents(ctx, patentbridge.PatentFilter{Owner: "新材料"})
			if err != nil || n != 1 {
				t.Fatalf("new owner finds %d patents (%v), want 1", n, err)
			}
			_, n, _ = db.ListPatents(ctx, patentbridge.PatentFilter{Owner: newPatent(1).Applicants[0].Name, IPCPrefix: "G06N"})
			if n != 0 {
				t.Fatalf("old owner still finds the updated patent (%d)", n)
			}
		})

		t.Run("duplicate in one batch", func(t *testing.T) {
			a, b := newPatent(10), newPatent(10)
			b.Title = "一种改进的" + b.Title
			got := MustUpsert(t, db, a, b)
			if want := (patentbridge.UpsertResult{Inserted: 1, Updated: 1}); got != want {
				t.Fatalf("duplicate upsert = %+v, want %+v", got, want)
			}
			p, err := db.FindPatent(ctx, a.AppNo)
			if err != nil || p.Title != b.Title {
				t.Fatalf("stored title %q (%v), want the later %q", p.Title, err, b.Title)
			}
		})
	})
}

func TestFindPatentRoundTrip(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		want := newPatent(4)
		want.Patentees = []patentbridge.Party{{Name: "四川省交通勘察设计研究院有限公司", Type: patentbridge.PartySOE}}
		want.LapseDate = date("2024-05-01")
		want.Events = append(want.Events, patentbridge.LegalEvent{Type: patentbridge.EventTransfer, Date: date("2023-01-09"), Text: "专利权的转移"})
		want.PCTAppNo, want.Priority = "PCT/CN2020/123456", "CN201910000000.1"
		want.TransferCount, want.LicenceCount, want.PledgeCount, want.FamilySize, want.BackwardCitations = 1, 2, 3, 4, 5
		MustUpsert(t, db, want)

		got, err := db.FindPatent(ctx, want.AppNo)
		if err != nil {
			t.Fatal(err)
		}
		if got.UpdatedAt.IsZero() {
			t.Error("UpdatedAt not set")
		}
		if diff := cmp.Diff(want, got, cmpopts.EquateEmpty(), cmpopts.IgnoreFields(patentbridge.Patent{}, "UpdatedAt")); diff != "" {
			t.Errorf("FindPatent differs from what was stored (-want +got):\n%s", diff)
		}

		_, err = db.FindPatent(ctx, "2022232206652")
		wantCode(t, err, patentbridge.ENOTFOUND)
		if msg := patentbridge.ErrorMessage(err); msg != "未找到申请号为 202223220665.2 的专利" {
			t.Errorf("not-found message = %q", msg)
		}
	})
}

func TestUpsertPatentsAllOrNothing(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		MustUpsert(t, db, newPatent(0))

		t.Run("constraint violated mid-batch", func(t *testing.T) {
			changed := newPatent(0)
			changed.Title = "已修改的标题"
			bad := newPatent(2)
			bad.Status = "有效" // not a normalized status: the database's CHECK rejects it
			if _, err := db.UpsertPatents(ctx, []*patentbridge.Patent{changed, newPatent(1), bad}); err == nil {
				t.Fatal("batch with an invalid status was accepted")
			}
			if n, _ := db.CountPatents(ctx); n != 1 {
				t.Errorf("CountPatents = %d after the failed batch, want 1", n)
			}
			if p, _ := db.FindPatent(ctx, changed.AppNo); p.Title == changed.Title {
				t.Error("the update of a failed batch was kept")
			}
			if n := len(changes(t, db)); n != 1 {
				t.Errorf("outbox has %d entries after the failed batch, want 1", n)
			}
		})

		t.Run("invalid input", func(t *testing.T) {
			noKind := newPatent(5)
			noKind.Kind = ""
			_, err := db.UpsertPatents(ctx, []*patentbridge.Patent{newPatent(6), noKind})
			wantCode(t, err, patentbridge.EINVALID)
			if f := patentbridge.ErrorField(err); f != "kind" {
				t.Errorf("error field = %q, want kind", f)
			}
			_, err = db.UpsertPatents(ctx, []*patentbridge.Patent{{Kind: patentbridge.KindDesign, Title: "无申请号"}})
			wantCode(t, err, patentbridge.EINVALID)
			if n, _ := db.CountPatents(ctx); n != 1 {
				t.Errorf("CountPatents = %d after rejected batches, want 1", n)
			}
		})
	})
}
