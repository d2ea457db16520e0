package sqldb_test

import (
	"fmt"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// newDemand returns a valid demand of the region, with a deadline a month ahead.
func newDemand(title, region string) *patentbridge.Demand {
	return &patentbridge.Demand{
		Title: title, Description: title + "：寻求可产业化的专利技术，希望与高校院所合作开发并实现量产。",
		Industry: "先进材料", RegionCode: region, BudgetMin: 50, BudgetMax: 300,
		Deadline: sqldbtest.Start.AddDate(0, 1, 0).Truncate(24 * time.Hour), Contact: "王经理 028-85550000",
		Enterprise: "成都新材科技有限公司", CreatedBy: 7,
	}
}

// MustCreateDemand stores a demand and fails the test on error.
func MustCreateDemand(tb testing.TB, db *sqldb.DB, d *patentbridge.Demand) *patentbridge.Demand {
	tb.Helper()
	if err := db.CreateDemand(platformCtx(), d); err != nil {
		tb.Fatalf("CreateDemand(%s): %v", d.Title, err)
	}
	return d
}

func TestDemandCreateFindValidate(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := platformCtx()
		d := MustCreateDemand(t, db, newDemand("高镍三元正极材料包覆改性技术", "510116"))
		if d.ID == 0 || d.Status != patentbridge.DemandPending || d.CreatedAt.IsZero() {
			t.Fatalf("created demand = %+v", d)
		}
		got, err := db.FindDemand(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Title != d.Title || got.Contact != d.Contact || got.BudgetMax != 300 || !got.Deadline.Equal(d.Deadline) ||
			got.RegionCode != "510116" || got.Enterprise != d.Enterprise || got.CreatedBy != 0 || !got.CreatedAt.Equal(d.CreatedAt) {
			t.Errorf("FindDemand = %+v, want %+v", got, d)
		}
		_, err = db.FindDemand(ctx, d.ID+100)
		wantCode(t, err, patentbridge.ENOTFOUND)

		bad := newDemand("", "510116")
		err = db.CreateDemand(ctx, bad)
		wantCode(t, err, patentbridge.EINVALID)
		if patentbridge.ErrorField(err) != "title" {
			t.Errorf("field = %q, want title", patentbridge.ErrorField(err))
		}
		past := newDemand("页岩气压裂返排液处理", "5101")
		past.Deadline = sqldbtest.Start.AddDate(0, 0, -2)
		wantCode(t, db.CreateDemand(ctx, past), patentbridge.EINVALID)
		if _, n, _ := db.ListDemands(ctx, patentbridge.DemandFilter{}); n != 1 {
			t.Errorf("invalid demands stored: total %d", n)
		}
	})
}

func TestDemandModeration(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := platformCtx()
		a := MustCreateDemand(t, db, newDemand("川茶自动化加工装备", "511800"))
		b := MustCreateDemand(t, db, newDemand("白酒酿造废水处理工艺", "510500"))

		wantCode(t, db.ModerateDemand(ctx, a.ID, false, " "), patentbridge.EINVALID)
		if err := db.ModerateDemand(ctx, a.ID, true, ""); err != nil {
			t.Fatal(err)
		}
		wantCode(t, db.ModerateDemand(ctx, a.ID, false, "重复"), patentbridge.ECONFLICT)
		wantCode(t, db.ModerateDemand(ctx, a.ID, true, ""), patentbridge.ECONFLICT)
		if err := db.ModerateDemand(ctx, b.ID, false, "描述不够具体，请补充技术指标"); err != nil {
			t.Fatal(err)
		}
		got, _ := db.FindDemand(ctx, a.ID)
		if got.Status != patentbridge.DemandPublished || got.PublishedAt.Before(sqldbtest.Start) {
			t.Errorf("published demand = %s at %v", got.Status, got.PublishedAt)
		}
		got, _ = db.FindDemand(ctx, b.ID)
		if got.Status != patentbridge.DemandRejected || got.RejectNote != "描述不够具体，请补充技术指标" || !got.PublishedAt.IsZero() {
			t.Errorf("rejected demand = %s %q %v", got.Status, got.RejectNote, got.PublishedAt)
		}
		wantCode(t, db.ModerateDemand(ctx, 9999, true, ""), patentbridge.ENOTFOUND)

		// A city user moderates only its own city's demands.
		c := MustCreateDemand(t, db, newDemand("猕猴桃保鲜冷链技术", "510100"))
		mianyang := as(&patentbridge.User{ID: 3, Role: patentbridge.RoleCity, CityCode: "5107"})
		wantCode(t, db.ModerateDemand(mianyang, c.ID, true, ""), patentbridge.ENOTFOUND) // another city's pending demand is not seen
		chengdu := as(&patentbridge.User{ID: 4, Role: patentbridge.RoleCity, CityCode: "5101"})
		if err := db.ModerateDemand(chengdu, c.ID, true, ""); err != nil {
			t.Fatalf("own city: %v", err)
		}
	})
}

func TestListAndCountDemands(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := platformCtx()
		years := []int{2025, 2026, 2026}
		for i, y := range years {
			d := newDemand(fmt.Sprintf("锂电池隔膜涂覆技术需求%d", i), []string{"510100", "510700", "510104"}[i])
			if i == 1 {
				d.Industry, d.Description = "电子信息", "需要一种基于机器视觉的电路板缺陷检测方法，精度优于0.1毫米。"
			}
			MustCreateDemand(t, db, d)
			db.Now = sqldbtest.NewClock(time.Date(y, 6, 1+i, 0, 0, 0, 0, time.UTC)) // the store's clock dates publication
			if err := db.ModerateDemand(ctx, d.ID, true, ""); err != nil {
				t.Fatal(err)
			}
			db.Now = sqldbtest.NewClock(sqldbtest.Start)
		}
		MustCreateDemand(t, db, newDemand("尚未审核的需求", "510100"))

		tests := []struct {
			name string
			f    patentbridge.DemandFilter
			want []string
		}{
			{"published newest first", patentbridge.DemandFilter{Status: patentbridge.DemandPublished},
				[]string{"锂电池隔膜涂覆技术需求2", "锂电池隔膜涂覆技术需求1", "锂电池隔膜涂覆技术需求0"}},
			{"pending", patentbridge.DemandFilter{Status: patentbridge.DemandPending}, []string{"尚未审核的需求"}},
			{"city", patentbridge.DemandFilter{Status: patentbridge.DemandPublished, City: "5101"},
				[]string{"锂电池隔膜涂覆技术需求2", "锂电池隔膜涂覆技术需求0"}},
			{"industry", patentbridge.DemandFilter{Industry: "电子信息"}, []string{"锂电池隔膜涂覆技术需求1"}},
			{"query in description", patentbridge.DemandFilter{Query: "机器视觉"}, []string{"锂电池隔膜涂覆技术需求1"}},
			{"query percent is literal", patentbridge.DemandFilter{Query: "%"}, nil},
			{"year", patentbridge.DemandFilter{Year: 2025}, []string{"锂电池隔膜涂覆技术需求0"}},
			{"page", patentbridge.DemandFilter{Status: patentbridge.DemandPublished, Limit: 1, Offset: 1}, []string{"锂电池隔膜涂覆技术需求1"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				ds, total, err := db.ListDemands(ctx, tt.f)
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, d := range ds {
					got = append(got, d.Title)
				}
				if fmt.Sprint(got) != fmt.Sprint(tt.want) {
					t.Errorf("titles = %v, want %v", got, tt.want)
				}
				if tt.f.Limit == 0 && total != len(tt.want) {
					t.Errorf("total = %d, want %d", total, len(tt.want))
				} else if tt.f.Limit > 0 && total != 3 {
					t.Errorf("paged total = %d, want 3", total)
				}
			})
		}
		counts, err := db.CountPublishedDemands(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(counts) != "map[2025:1 2026:2]" {
			t.Errorf("CountPublishedDemands = %v", counts)
		}
	})
}

func TestFeedback(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := platformCtx()
		d := MustCreateDemand(t, db, newDemand("锂电池正极材料回收", "510100"))
		p1, p2 := appNo(2020, 1, 100001), appNo(2021, 1, 100002)
		db.Matcher = fixedMatches{p1, p2}
		poster := &patentbridge.User{ID: 1, Role: patentbridge.RoleEnterprise, OrgName: d.Enterprise}
		admin := &patentbridge.User{ID: 2, Role: patentbridge.RoleAdmin}
		save := func(u *patentbridge.User, app, verdict string) error {
			return db.SaveFeedback(as(u), &patentbridge.MatchFeedback{DemandID: d.ID, AppNo: app, Verdict: verdict})
		}
		for _, err := range []error{
			save(poster, p1, patentbridge.FeedbackIrrelevant),
			save(poster, p1, patentbridge.FeedbackInterested), // replaces the first verdict
			save(admin, p1, patentbridge.FeedbackInterested),
			save(poster, "CN"+p2[:12]+"."+p2[12:], patentbridge.FeedbackIrrelevant), // dotted form is normalized
		} {
			if err != nil {
				t.Fatal(err)
			}
		}
		wantCode(t, save(poster, p1, "maybe"), patentbridge.EINVALID)
		wantCode(t, save(poster, "123", patentbridge.FeedbackInterested), patentbridge.EINVALID)
		wantCode(t, db.SaveFeedback(as(poster), &patentbridge.MatchFeedback{DemandID: d.ID + 50, AppNo: p1,
			Verdict: patentbridge.FeedbackInterested}), patentbridge.ENOTFOUND)

		counts, err := db.FeedbackCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if counts[p1] != [2]int{2, 0} || counts[p2] != [2]int{0, 1} || len(counts) != 2 {
			t.Errorf("FeedbackCounts = %v", counts)
		}
		got, err := db.DemandFeedback(as(poster), d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got[p1] != patentbridge.FeedbackInterested || got[p2] != patentbridge.FeedbackIrrelevant {
			t.Errorf("DemandFeedback = %v", got)
		}
	})
}
