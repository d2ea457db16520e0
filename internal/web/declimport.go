package web

import (
	"bytes"
	"io"
	"net/http"
	"sort"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// maxDeclarationUpload caps a bulk-declaration workbook.
const maxDeclarationUpload = 10 << 20

// declImportView is the data of the bulk-declaration page.
type declImportView struct {
	Error   string
	File    string
	Saved   int
	Failed  int
	Results []declResult
}

// declResult is one row's outcome: 成功, or the Chinese reason and the column
// that failed ("" when the row was refused as a whole).
type declResult struct {
	Line   int
	AppNo  string
	OK     bool
	Column string
	Reason string
}

// declImportPage serves the upload form (institution users and admins).
func (s *Server) declImportPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "declimport", "批量导入声明", "mypatents", declImportView{})
}

// declImport reads an uploaded workbook and stores each valid row's declaration
// on its own, so one bad row never blocks or half-writes another.
func (s *Server) declImport(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxDeclarationUpload)
	file, hdr, err := r.FormFile("file")
	if err != nil {
		s.render(w, r, http.StatusBadRequest, "declimport", "批量导入声明", "mypatents",
			declImportView{Error: "请选择要上传的 Excel 文件（.xlsx，不超过 10 MB）"})
		return
	}
	defer file.Close()
	b, err := io.ReadAll(file)
	if err != nil {
		s.render(w, r, http.StatusBadRequest, "declimport", "批量导入声明", "mypatents", declImportView{Error: "文件读取失败或超过 10 MB"})
		return
	}
	rows, rejects, err := httpx.ReadDeclarationsXLSX(hdr.Filename, bytes.NewReader(b), s.Now())
	if patentbridge.ErrorCode(err) == patentbridge.EINVALID {
		s.render(w, r, http.StatusBadRequest, "declimport", "批量导入声明", "mypatents", declImportView{Error: patentbridge.ErrorMessage(err), File: hdr.Filename})
		return
	} else if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := declImportView{File: hdr.Filename}
	for _, rj := range rejects {
		v.Results = append(v.Results, declResult{Line: rj.Line, AppNo: rj.AppNo, Column: rj.Column, Reason: rj.Reason})
	}
	for _, row := range rows {
		res := declResult{Line: row.Line, AppNo: patentbridge.FormatAppNo(row.Declaration.AppNo)}
		if err := s.Declarations.CreateDeclaration(r.Context(), row.Declaration); err != nil {
			res.Reason = patentbridge.ErrorMessage(err)
		} else {
			res.OK = true
			v.Saved++
		}
		v.Results = append(v.Results, res)
	}
	v.Failed = len(v.Results) - v.Saved
	sort.Slice(v.Results, func(i, j int) bool { return v.Results[i].Line < v.Results[j].Line })
	s.render(w, r, http.StatusOK, "declimport", "批量导入声明", "mypatents", v)
}
