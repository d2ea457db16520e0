package ingest

import "slices"

// eventExamples and caseExamples are the example value of each column of the
// event and case files, for their bulk-upload templates.
var (
	eventExamples = map[string]string{
		"活动名称": "四川大学专利成果进园区", "活动类型": "入园惠企", "地区代码": "5101", "活动日期": "2026-05-12",
		"主办单位": "四川大学", "参与人数": "120", "项目名称": "锂电池正极材料制备方法", "申请号": "202110123456.7", "项目单位": "四川大学",
	}
	caseExamples = map[string]string{
		"标题": "锂电池正极材料专利转让助力企业投产", "正文": "四川大学将锂电池正极材料专利转让给成都某科技有限公司……",
		"地区代码": "5101", "发布日期": "2026-06-30", "关联交易编号": "12；15",
	}
)

// EventTemplateRows returns the event file's template column by column: the
// header the importer reads, an example value, whether a row needs the
// column and the other header names it accepts, in the shape the template
// writers take (ingest.TemplateRows on the deals branch).
func EventTemplateRows() (header, example []string, required []bool, synonyms [][]string) {
	return templateRows(eventColumns, eventRequired, eventExamples)
}

// CaseTemplateRows returns the case file's template, as EventTemplateRows does.
func CaseTemplateRows() (header, example []string, required []bool, synonyms [][]string) {
	return templateRows(caseColumns, caseRequired, caseExamples)
}

// templateRows lays an importer's columns out for a template.
func templateRows(cols []tableColumn, need []string, examples map[string]string) (header, example []string, required []bool, synonyms [][]string) {
	for _, c := range cols {
		header, example = append(header, c.name), append(example, examples[c.name])
		required, synonyms = append(required, slices.Contains(need, c.name)), append(synonyms, c.synonyms)
	}
	return header, example, required, synonyms
}
