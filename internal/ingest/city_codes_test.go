package ingest

import (
	"bytes"
	"testing"

	"patentbridge"
)

// A pilot-base row whose 市(州) is not one of Sichuan's is rejected in its
// column, naming the code as written; a 6-digit code is stored as its city.
func TestImportPilotBaseRefusesAnUnknownCity(t *testing.T) {
	db, ctx, _ := programmeDB(t)
	path := writeCSV(t, "基地.csv", [][]string{
		{"基地名称", "依托单位", "地区代码", "成立日期"},
		{"坏市基地", "四川大学", "9999", "2026-02-01"},
		{"四川省外基地", "四川大学", "519900", "2026-02-01"},
		{"绵阳基地", "四川大学", "510703", "2026-02-01"},
	})
	var rej bytes.Buffer
	sum, err := ImportPilotBases(ctx, db, []string{path}, patentbridge.ImportOptions{Rejects: &rej})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Inserted != 1 || sum.Rejected != 2 {
		t.Errorf("summary = %+v", sum)
	}
	wantRejects(t, &rej, "基地.csv", [][3]string{{"2", "地区代码", "\"9999\" 不是四川省的市（州）代码"}, {"3", "地区代码", "\"519900\" 不是四川省"}})
	bs, _, err := db.ListPilotBases(ctx, patentbridge.ProgrammeFilter{})
	if err != nil || len(bs) != 1 || bs[0].City != "5107" {
		t.Errorf("bases stored: %v %+v, want the Mianyang one in 5107", err, bs)
	}
}
