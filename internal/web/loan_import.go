package web

import (
	"net/http"
	"strings"

	"patentbridge/internal/ingest"
)

// loanTemplate is the loan workbook's template, written from the importer's columns.
var loanTemplate = recordTemplate{ingest.LoanColumns, "质押融资", "loans-template", "专利权质押融资台账导入模板"}

// loanImportView is the data of /loans/import.
type loanImportView struct {
	importResult
	Required, Optional string // the importer's columns, for the page's hint
}

func newLoanImportView(res importResult) loanImportView {
	var req, opt []string
	for _, c := range ingest.LoanColumns {
		if c.Required {
			req = append(req, c.Name)
		} else {
			opt = append(opt, c.Name)
		}
	}
	return loanImportView{importResult: res, Required: strings.Join(req, "、"), Optional: strings.Join(opt, "、")}
}

// loanImportPage serves /loans/import: the upload form of a loan workbook
// with its template's downloads.
func (s *Server) loanImportPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "loan_import", "批量导入质押贷款", "loans", newLoanImportView(importResult{}))
}

// loanImport serves POST /loans/import: the uploaded workbook is imported
// inline through the loan service, row by row; the page shows the counts and
// offers the rejects (file, line, column, reason) as CSV.
func (s *Server) loanImport(w http.ResponseWriter, r *http.Request) {
	res, status, err := s.importRegistryUpload(w, r, maxEnterpriseUpload,
		"（网页导入限 8 MB，更大的台账请用命令 patentbridge import --kind loans 文件）", s.ImportLoans)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	s.render(w, r, status, "loan_import", "批量导入质押贷款", "loans", newLoanImportView(res))
}
