package export

import (
	"io"
	"strings"
	"time"

	"patentbridge"
)

// soeSharedColumns are the columns of the 国企共享成熟专利清单 workbook.
var soeSharedColumns = []column{
	{"序号", 6}, {"申请号", 17}, {"专利名称", 48}, {"国有企业", 30}, {"交易方式", 12}, {"价格/条件", 30},
	{"技术成熟度", 10}, {"应用领域", 30}, {"发布日期", 12}, {"状态", 8}, {"账本序号", 10},
}

// WriteSOESharedXLSX writes the SOE mature patents shared by the offers (one
// row per patent) as a workbook made at now.
func WriteSOESharedXLSX(w io.Writer, offers []*patentbridge.Offer, now time.Time) error {
	s, err := newSheet("国企共享成熟专利清单", soeSharedColumns, 1, now)
	if err != nil {
		return err
	}
	defer s.f.Close()
	if err := s.writeHeader(); err != nil {
		return err
	}
	n := 0
	for _, o := range offers {
		terms := o.PriceLabel()
		if o.Terms != "" {
			terms = strings.TrimSpace(terms + "；" + o.Terms)
		}
		idx := any("")
		if o.LedgerIndex != nil {
			idx = *o.LedgerIndex
		}
		for i, no := range o.AppNos {
			n++
			if err := s.writeRow([]any{n, patentbridge.FormatAppNo(no), o.Titles[i], o.OrgName, o.Kind.Label(), terms,
				o.TRL, o.Fields, dayValue(o.PublishedAt), o.StatusLabel(), idx}); err != nil {
				return err
			}
		}
	}
	return s.close(w)
}
