package export

import (
	"time"

	"github.com/xuri/excelize/v2"
)

// Author is the platform's name, written as the author of every workbook the
// platform hands out (its document properties: 作者, 最后修改者, 应用程序).
const Author = "专利转化运营平台（PatentBridge）"

// NewWorkbook returns an empty workbook whose document properties name the
// platform as its author and now (the export time, from the service's clock)
// as its creation and modification time; every XLSX export starts from it.
func NewWorkbook(now time.Time) (*excelize.File, error) {
	f := excelize.NewFile()
	at := now.UTC().Format(time.RFC3339)
	props := &excelize.DocProperties{Creator: Author, LastModifiedBy: Author, Language: "zh-CN", Created: at, Modified: at}
	if err := f.SetDocProps(props); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.SetAppProps(&excelize.AppProperties{Application: Author}); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}
