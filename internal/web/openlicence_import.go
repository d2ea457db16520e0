package web

import (
	"bytes"
	"io"
	"net/http"
	"sort"
	"strconv"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// maxOpenLicenceUpload caps an open-licence batch workbook.
const maxOpenLicenceUpload = 5 << 20

// openLicenceImportView is the data of the batch page.
type openLicenceImportView struct {
	Error   string
	File    string
	Saved   int
	Failed  int
	Results []openLicenceResult
}

// MaxRows is the most data rows a batch workbook may have.
func (openLicenceImportView) MaxRows() int { return httpx.MaxOpenLicenceRows }

// MaxMB is the largest batch workbook in megabytes.
func (openLicenceImportView) MaxMB() int { return maxOpenLicenceUpload >> 20 }

// openLicenceResult is one row's outcome: the draft made, or the reason.
type openLicenceResult struct {
	Line   int
	AppNo  string
	ID     int64
	Column string
	Reason string
}

// openLicenceImportPage serves the batch upload form.
func (s *Server) openLicenceImportPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "open_licence_import", "批量声明开放许可", "open_licences", openLicenceImportView{})
}

// openLicenceTemplate serves the batch workbook's template.
func (s *Server) openLicenceTemplate(w http.ResponseWriter, r *http.Request) {
	b, err := httpx.OpenLicenceTemplateXLSX()
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	sendWorkbook(w, "open-licences-template.xlsx", "开放许可声明批量导入模板.xlsx", b)
}

// openLicenceImport reads an uploaded workbook and creates each valid row's
// declaration as a draft on its own, so one bad row never blocks another; the
// drafts are then consented and submitted one by one (co-owners differ).
func (s *Server) openLicenceImport(w http.ResponseWriter, r *http.Request) {
	fail := func(status int, v openLicenceImportView) {
		s.render(w, r, status, "open_licence_import", "批量声明开放许可", "open_licences", v)
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxOpenLicenceUpload)
	file, hdr, err := r.FormFile("file")
	if err != nil {
		fail(http.StatusBadRequest, openLicenceImportView{Error: "请选择要上传的 Excel 文件（.xlsx，不超过 5 MB）"})
		return
	}
	defer file.Close()
	b, err := io.ReadAll(file)
	if err != nil {
		fail(http.StatusBadRequest, openLicenceImportView{Error: "文件读取失败或超过 5 MB"})
		return
	}
	rows, rejects, err := httpx.ReadOpenLicencesXLSX(hdr.Filename, bytes.NewReader(b))
	if patentbridge.ErrorCode(err) == patentbridge.EINVALID {
		fail(http.StatusBadRequest, openLicenceImportView{Error: patentbridge.ErrorMessage(err), File: hdr.Filename})
		return
	} else if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := openLicenceImportView{File: hdr.Filename}
	for _, rj := range rejects {
		v.Results = append(v.Results, openLicenceResult{Line: rj.Line, AppNo: rj.AppNo, Column: rj.Column, Reason: rj.Reason})
	}
	for _, row := range rows {
		res := openLicenceResult{Line: row.Line, AppNo: patentbridge.FormatAppNo(row.Declaration.AppNo)}
		if err := s.OpenLicences.CreateOpenLicence(r.Context(), row.Declaration); err != nil {
			res.Column = httpx.OpenLicenceColumn(patentbridge.ErrorField(err))
			if res.Column == "" {
				res.Column = "申请号"
			}
			res.Reason = "第" + strconv.Itoa(row.Line) + "行“" + res.Column + "”列：" + patentbridge.ErrorMessage(err)
		} else {
			res.ID = row.Declaration.ID
			v.Saved++
		}
		v.Results = append(v.Results, res)
	}
	v.Failed = len(v.Results) - v.Saved
	sort.Slice(v.Results, func(i, j int) bool { return v.Results[i].Line < v.Results[j].Line })
	fail(http.StatusOK, v)
}
