package export

import (
	"io"
	"time"

	"patentbridge"
)

// patentColumns are the columns of a patent-list export (search results).
var patentColumns = []column{
	{"序号", 6}, {"申请号", 17}, {"专利名称", 48}, {"专利类型", 10}, {"专利权人", 32}, {"权利人类型", 14}, {"城市", 12},
	{"申请日", 12}, {"授权公告日", 12}, {"法律状态", 10}, {"主分类号", 14}, {"等级", 6},
}

// PatentsXLSX streams a list of patents (search results, in their order) into
// one worksheet; Close writes the workbook.
type PatentsXLSX struct {
	w   io.Writer
	s   *sheet
	ref Ref
	n   int
}

// NewPatentsXLSX starts a workbook whose sheet is called name ("检索结果"), with
// note (the query and filters, "" for none) above the header row, made at now.
func NewPatentsXLSX(w io.Writer, name, note string, ref Ref, now time.Time) (*PatentsXLSX, error) {
	headerRow := 1
	if note != "" {
		headerRow = 2
	}
	s, err := newSheet(name, patentColumns, headerRow, now)
	if err != nil {
		return nil, err
	}
	if note != "" {
		if err := s.writeRow([]any{note}); err != nil {
			s.f.Close()
			return nil, err
		}
	}
	if err := s.writeHeader(); err != nil {
		s.f.Close()
		return nil, err
	}
	return &PatentsXLSX{w: w, s: s, ref: ref}, nil
}

// Write appends one patent with its grade ("" when not graded).
func (x *PatentsXLSX) Write(p *patentbridge.Patent, grade string) error {
	x.n++
	owners := p.Owners()
	city := ""
	if len(p.RegionCode) >= 4 {
		city = cityName(x.ref, p.RegionCode[:4])
	}
	status := ""
	if p.Status != "" {
		status = p.Status.Label()
	}
	return x.s.writeRow([]any{x.n, patentbridge.FormatAppNo(p.AppNo), p.Title, p.Kind.Label(), patentbridge.PartyNames(owners),
		partyTypes(owners), city, dateValue(p.AppDate), dateValue(p.GrantDate), status, p.MainIPC, grade})
}

// Note appends a line below the rows, e.g. that the export was cut to its cap.
func (x *PatentsXLSX) Note(text string) error {
	x.s.row++ // a blank row
	return x.s.writeRow([]any{text})
}

// Close writes the workbook.
func (x *PatentsXLSX) Close() error { return x.s.close(x.w) }
