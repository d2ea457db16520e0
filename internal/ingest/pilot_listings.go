package ingest

import (
	"context"
	"slices"
	"time"

	"patentbridge"
)

// PilotBaseCreator is the part of the pilot base service an import stores through.
type PilotBaseCreator interface {
	// CreatePilotBase stores a base; one of the same name is ECONFLICT with b.ID set.
	CreatePilotBase(ctx context.Context, b *patentbridge.PilotBase) error
}

// PilotBaseColumns are the columns of a pilot base file (中试熟化基地登记表),
// in order, with the header names that feed each; the web's template
// downloads are made from this list.
var PilotBaseColumns = []TemplateColumn{
	{"基地名称", []string{"基地名称", "名称", "中试熟化基地"}, "四川省先进材料中试熟化基地", true},
	{"依托单位", []string{"依托单位", "运营单位", "建设单位"}, "四川大学", true},
	{"地区代码", []string{"地区代码", "所在市(州)", "所在市（州）", "市(州)代码", "市州代码"}, "5101", true},
	{"成立日期", []string{"成立日期", "设立日期", "认定日期"}, "2026-04-01", true},
}

var pilotBaseLimits = map[string]int{
	"基地名称": patentbridge.MaxName, "依托单位": patentbridge.MaxName, "地区代码": patentbridge.MaxName, "成立日期": patentbridge.MaxName,
}

// ImportPilotBases imports pilot base files (中试熟化基地登记表): 基地名称,
// 依托单位, 地区代码 (a 4-digit 市(州) code, or a 6-digit one cut to its city)
// and 成立日期. A base of the same name counts unchanged; a refused row is
// reported with its file, line, column and reason.
func ImportPilotBases(ctx context.Context, store PilotBaseCreator, paths []string, opt patentbridge.ImportOptions) (patentbridge.ImportSummary, error) {
	return recordImport[*patentbridge.PilotBase]{what: "中试熟化基地登记表", columns: tableColumns(PilotBaseColumns),
		required: requiredColumns(PilotBaseColumns), limits: pilotBaseLimits,
		convert: func(t *table, r row) (*patentbridge.PilotBase, []problem) {
			var probs []problem
			b := &patentbridge.PilotBase{Name: t.get(r, "基地名称").value, OrgName: t.get(r, "依托单位").value, City: rowCity(t, r, "地区代码")}
			b.EstablishedOn = rowDate(t, r, "成立日期", &probs)
			return b, probs
		},
		store: func(ctx context.Context, b *patentbridge.PilotBase) (Stored, error) {
			return mergedOnConflict(store.CreatePilotBase(ctx, b), b.ID)
		},
	}.run(ctx, paths, opt)
}

// ListingRecorder is the part of the listing service a 科创板 pipeline import stores through.
type ListingRecorder interface {
	// CreateListingCandidate screens an enterprise in; one in the pipeline already is ECONFLICT with c.ID set.
	CreateListingCandidate(ctx context.Context, c *patentbridge.ListingCandidate) error
	// AdvanceListing moves a candidate to the next stage on the day.
	AdvanceListing(ctx context.Context, id int64, to patentbridge.ListingStage, on time.Time) (*patentbridge.ListingCandidate, error)
	// FindListingCandidate returns a candidate.
	FindListingCandidate(ctx context.Context, id int64) (*patentbridge.ListingCandidate, error)
}

// ListingColumns are the columns of a 科创板 pipeline file (科创板上市培育企业
// 名单), in order, with the header names that feed each; the web's template
// downloads are made from this list.
var ListingColumns = []TemplateColumn{
	{"企业名称", []string{"企业名称", "企业", "单位名称"}, "成都芯动科技有限公司", true},
	{"地区代码", []string{"地区代码", "所在市(州)", "所在市（州）", "市(州)代码", "市州代码"}, "5101", false},
	{"入库日期", []string{"入库日期", "入库培育日期", "筛选日期"}, "2026-01-20", true},
	{"跟踪日期", []string{"跟踪日期", "重点跟踪日期"}, "2026-06-15", false},
	{"上市日期", []string{"上市日期", "成功上市日期"}, "", false},
}

var listingLimits = map[string]int{
	"企业名称": patentbridge.MaxName, "地区代码": patentbridge.MaxName, "入库日期": patentbridge.MaxName,
	"跟踪日期": patentbridge.MaxName, "上市日期": patentbridge.MaxName,
}

// listingRow is one row of a pipeline file: the candidate and the days it
// reached the later stages (zero when it has not).
type listingRow struct {
	c                  *patentbridge.ListingCandidate
	followed, listedOn time.Time
}

// ImportListings imports 科创板 pipeline files (科创板上市培育企业名单): 企业名称
// (an enterprise of the registry), 地区代码 (the registry's when empty),
// 入库日期, and 跟踪日期 and 上市日期 for an enterprise further on: the row
// screens the enterprise in, then moves it to 重点跟踪 and 成功上市 on those
// days. An enterprise in the pipeline already counts unchanged (the stages
// it has not reached yet, when the row dates them, recorded); a refused row
// is reported with its file, line, column and reason.
func ImportListings(ctx context.Context, store ListingRecorder, paths []string, opt patentbridge.ImportOptions) (patentbridge.ImportSummary, error) {
	return recordImport[listingRow]{what: "科创板上市培育企业名单", columns: tableColumns(ListingColumns),
		required: requiredColumns(ListingColumns), limits: listingLimits, convert: convertListing,
		store: func(ctx context.Context, x listingRow) (Stored, error) {
			got, err := mergedOnConflict(store.CreateListingCandidate(ctx, x.c), x.c.ID)
			if err != nil {
				return got, err
			}
			cur := x.c
			if got == StoredMerged {
				if cur, err = store.FindListingCandidate(ctx, x.c.ID); err != nil {
					return got, err
				}
			}
			for _, st := range []struct {
				to patentbridge.ListingStage
				on time.Time
			}{{patentbridge.ListingFollowed, x.followed}, {patentbridge.ListingListed, x.listedOn}} {
				if st.on.IsZero() || slices.Index(patentbridge.ListingStages, cur.Stage) >= slices.Index(patentbridge.ListingStages, st.to) {
					continue
				}
				if cur, err = store.AdvanceListing(ctx, cur.ID, st.to, st.on); err != nil {
					return got, err
				}
			}
			return got, nil
		},
	}.run(ctx, paths, opt)
}

// convertListing turns one row into a candidate and its later stages, or
// lists its problems: a 上市日期 needs a 跟踪日期, and each stage's day is not
// before the one before it.
func convertListing(t *table, r row) (listingRow, []problem) {
	var probs []problem
	x := listingRow{c: &patentbridge.ListingCandidate{OrgName: t.get(r, "企业名称").value, City: rowCity(t, r, "地区代码")}}
	x.c.ScreenedOn = rowDate(t, r, "入库日期", &probs)
	x.followed = rowDate(t, r, "跟踪日期", &probs)
	x.listedOn = rowDate(t, r, "上市日期", &probs)
	if probs != nil {
		return x, probs
	}
	order := func(col string, day, prev time.Time, prevCol string) {
		if !day.IsZero() && !prev.IsZero() && day.Before(prev) {
			cl := t.get(r, col)
			probs = append(probs, problem{column: cl.column, value: cl.value, reason: col + " " + patentbridge.FormatDate(day) + " 早于" + prevCol + " " + patentbridge.FormatDate(prev)})
		}
	}
	order("跟踪日期", x.followed, x.c.ScreenedOn, "入库日期")
	order("上市日期", x.listedOn, x.followed, "跟踪日期")
	if !x.listedOn.IsZero() && x.followed.IsZero() {
		cl := t.get(r, "跟踪日期")
		if cl.column == "" {
			cl.column = "跟踪日期"
		}
		probs = append(probs, problem{column: cl.column, reason: "填写了上市日期时须同时填写跟踪日期（先重点跟踪，后成功上市）"})
	}
	return x, probs
}
