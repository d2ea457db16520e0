package web

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"patentbridge"
)

// maxDemandUpload caps a bulk demand workbook.
const maxDemandUpload = 10 << 20

// demandImportView is the data of the bulk demand import page.
type demandImportView struct {
	Error   string
	File    string
	Publish bool
	Saved   int
	Failed  int
	Results []demandImportRow
}

// demandImportRow is one row's outcome: the demand stored (and published), or
// the line of the file and why not.
type demandImportRow struct {
	Line   int // of rejected rows
	Title  string
	ID     int64
	Status string
	Reason string
}

// demandImportPage serves the upload form.
func (s *Server) demandImportPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "demand_import", "批量导入技术需求", "demand_admin", demandImportView{})
}

// demandImport reads an uploaded workbook of demands collected offline and
// stores each valid row on its own; with 直接发布 ticked they are published at
// once (a city user's only in its city), else they wait for moderation.
func (s *Server) demandImport(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v := demandImportView{}
	name, path, err := s.saveDemandUpload(w, r)
	if err != nil {
		if patentbridge.ErrorCode(err) != patentbridge.EINVALID {
			s.errorPage(w, r, err)
			return
		}
		v.Error = patentbridge.ErrorMessage(err)
		s.render(w, r, http.StatusBadRequest, "demand_import", "批量导入技术需求", "demand_admin", v)
		return
	}
	defer os.RemoveAll(filepath.Dir(path))
	v.File, v.Publish = name, r.FormValue("publish") == "1"
	ds, rejects, err := s.ReadDemands(path, s.Now())
	if patentbridge.ErrorCode(err) == patentbridge.EINVALID || patentbridge.ErrorCode(err) == patentbridge.ENOTFOUND {
		v.Error = patentbridge.ErrorMessage(err)
		s.render(w, r, http.StatusBadRequest, "demand_import", "批量导入技术需求", "demand_admin", v)
		return
	} else if err != nil {
		s.errorPage(w, r, err)
		return
	}
	for _, d := range ds {
		row := demandImportRow{Title: d.Title}
		err := s.Demands.CreateDemand(ctx, d)
		if err == nil {
			row.ID, row.Status = d.ID, patentbridge.DemandStatusLabel(patentbridge.DemandPending)
			v.Saved++
			if v.Publish {
				if perr := s.Demands.ModerateDemand(ctx, d.ID, true, ""); perr != nil {
					row.Reason = "已保存为待审核，未能直接发布：" + patentbridge.ErrorMessage(perr)
				} else {
					row.Status = patentbridge.DemandStatusLabel(patentbridge.DemandPublished)
				}
			}
		} else {
			row.Reason = patentbridge.ErrorMessage(err)
		}
		v.Results = append(v.Results, row)
	}
	for _, rj := range rejects { // in line order, after the rows read well
		reason := rj.Reason
		if rj.Column != "" {
			reason = rj.Column + "：" + reason
		}
		v.Results = append(v.Results, demandImportRow{Line: rj.Line, Title: rj.Value, Reason: reason})
	}
	v.Failed = len(v.Results) - v.Saved
	s.render(w, r, http.StatusOK, "demand_import", "批量导入技术需求", "demand_admin", v)
}

// saveDemandUpload reads the multipart form (the file and the 直接发布 box) and
// copies the file under its own name into a new temporary directory (the
// reader picks the format by the extension and names the file in its messages;
// the caller removes the directory). Returns EINVALID for a missing or oversized file.
func (s *Server) saveDemandUpload(w http.ResponseWriter, r *http.Request) (name, path string, err error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxDemandUpload)
	if err := r.ParseMultipartForm(maxDemandUpload); err != nil {
		return "", "", patentbridge.FieldErrorf("file", "请选择要上传的需求表（.xlsx 或 CSV，不超过 10 MB）")
	}
	file, hdr, err := r.FormFile("file")
	if err != nil {
		return "", "", patentbridge.FieldErrorf("file", "请选择要上传的需求表（.xlsx 或 CSV，不超过 10 MB）")
	}
	defer file.Close()
	name = filepath.Base(strings.ReplaceAll(hdr.Filename, `\`, "/"))
	stored := name
	if name == "." || name == "/" || name == ".." || len(name) > maxDemandFileName {
		stored = "技术需求表" + strings.ToLower(filepath.Ext(name))
	}
	dir, err := os.MkdirTemp(s.UploadDir, "pb-demands-*")
	if err != nil {
		return "", "", fmt.Errorf("web: save demand upload: %w", err)
	}
	f, err := os.OpenFile(filepath.Join(dir, stored), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		os.RemoveAll(dir)
		return "", "", fmt.Errorf("web: save demand upload: %w", err)
	}
	_, err = io.Copy(f, file)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.RemoveAll(dir)
		return "", "", fmt.Errorf("web: save demand upload: %w", err)
	}
	return name, f.Name(), nil
}

// maxDemandFileName is the longest upload name, in bytes, kept as it is; a
// longer one (file systems refuse names over 255 bytes) is stored as 技术需求表.
const maxDemandFileName = 120
