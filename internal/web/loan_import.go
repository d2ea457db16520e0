package web

import (
	"net/http"
)

// loanImportView is the data of /loans/import.
type loanImportView struct {
	importResult
}

// loanImportPage serves /loans/import: the upload form of a loan workbook.
func (s *Server) loanImportPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "loan_import", "批量导入质押贷款", "loans", loanImportView{})
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
	s.render(w, r, status, "loan_import", "批量导入质押贷款", "loans", loanImportView{importResult: res})
}
