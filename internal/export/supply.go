package export

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"patentbridge"
)

// supplyColumns are the item columns of a supply-list workbook.
var supplyColumns = []column{
	{"序号", 6}, {"申请号", 17}, {"专利名称", 48}, {"专利权人", 32}, {"城市", 12}, {"授权公告日", 12},
	{"等级", 6}, {"分值", 8}, {"所属产业", 40}, {"高价值标志", 28}, {"备注", 30},
}

// SupplyListHeading is the title line of a list, with its issuer's name:
// "成都市专利技术供给清单（2026年第3期）"; ref may be nil.
func SupplyListHeading(l *patentbridge.SupplyList, ref Ref) string {
	if ref == nil {
		return l.Heading(nil)
	}
	return l.Heading(ref.CityName)
}

// WriteSupplyListXLSX writes a supply list as a workbook: the heading, the list's
// title, publication date (a date cell), status and description, then one row per
// item; now is the export time, the workbook's creation time.
func WriteSupplyListXLSX(w io.Writer, l *patentbridge.SupplyList, ref Ref, now time.Time) error {
	meta := [][]any{
		{"清单名称", l.Title},
		{"发布日期", dayValue(l.PublishedAt)},
		{"状态", l.StatusLabel()},
	}
	if l.Status == patentbridge.ListWithdrawn {
		meta[2][1] = fmt.Sprintf("已撤回（%s，原因：%s）", patentbridge.FormatDate(l.WithdrawnAt), l.WithdrawReason)
	}
	if l.Description != "" {
		meta = append(meta, []any{"说明", l.Description})
	}
	meta = append(meta, []any{"专利数量", len(l.Items)})
	headerRow := 1 + len(meta) + 2 // heading, meta rows, a blank row, the header
	s, err := newSheet("供给清单", supplyColumns, headerRow, now)
	if err != nil {
		return err
	}
	defer s.f.Close()
	last, _ := excelize.ColumnNumberToName(len(supplyColumns))
	if err := s.sw.MergeCell("A1", last+"1"); err != nil {
		return err
	}
	if err := s.writeRow([]any{excelize.Cell{StyleID: s.title, Value: SupplyListHeading(l, ref)}}, excelize.RowOpts{Height: 30}); err != nil {
		return err
	}
	for i, m := range meta {
		r := i + 2
		if err := s.sw.MergeCell(fmt.Sprintf("B%d", r), fmt.Sprintf("%s%d", last, r)); err != nil {
			return err
		}
		if err := s.writeRow([]any{excelize.Cell{StyleID: s.header, Value: m[0]}, m[1]}); err != nil {
			return err
		}
	}
	s.row++ // blank row
	if err := s.writeHeader(); err != nil {
		return err
	}
	for i, it := range l.Items {
		row := []any{i + 1, patentbridge.FormatAppNo(it.AppNo), it.Title, patentbridge.PartyNames(it.Patentees), cityName(ref, it.City),
			dateValue(it.GrantDate), it.Grade, round1(it.Score), strings.Join(it.Industries, "；"),
			strings.Join(it.Flags, "；"), it.Note}
		if err := s.writeRow(row); err != nil {
			return err
		}
	}
	return s.close(w)
}
