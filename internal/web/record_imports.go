package web

import (
	"net/http"

	"patentbridge"
	"patentbridge/internal/httpx"
	"patentbridge/internal/ingest"
)

// outletTemplate, managerTemplate, pilotBaseTemplate and listingTemplate are
// the templates of the outlet, technology manager, pilot base and 科创板
// pipeline files.
var (
	outletTemplate    = recordTemplate{ingest.OutletColumns, "服务机构与网点", "service-outlets-template", "服务机构与网点登记导入模板"}
	managerTemplate   = recordTemplate{ingest.TechManagerColumns, "技术经理人", "tech-managers-template", "技术经理人名册导入模板"}
	pilotBaseTemplate = recordTemplate{ingest.PilotBaseColumns, "中试熟化基地", "pilot-bases-template", "中试熟化基地登记导入模板"}
	listingTemplate   = recordTemplate{ingest.ListingColumns, "科创板培育", "listings-template", "科创板上市培育企业名单导入模板"}
)

// importRoutes are the upload and template routes of a record kind at base
// (base+"/import", base+"/template.xlsx", base+"/template.csv"), none when
// its import is not wired.
func importRoutes(base string, imp importFunc, upload http.HandlerFunc, t recordTemplate, s *Server, access httpx.Access) []httpx.Route {
	if imp == nil {
		return nil
	}
	return []httpx.Route{httpx.NewRoute("POST "+base+"/import", access, upload),
		httpx.NewRoute("GET "+base+"/template.xlsx", access, t.xlsx(s)),
		httpx.NewRoute("GET "+base+"/template.csv", access, t.csv(s))}
}

// uploadOf is the upload form of a list page: the result of an upload
// just made, the form posting to base+"/import" and the columns read; the
// zero form (hidden) when the import is not wired.
func uploadOf(res importResult, imp importFunc, base, columns string) uploadForm {
	if imp == nil {
		return uploadForm{}
	}
	return uploadForm{importResult: res, Action: base + "/import", TemplateHref: base + "/template", Columns: columns}
}

// tooLargeFor is the hint of an upload refused as too large: the command
// that imports a file of any size.
func tooLargeFor(kind string) string {
	return "（网页导入限 8 MB，更大的文件请用命令 patentbridge import --kind " + kind + " 文件）"
}

// outletImport serves POST /service-outlets/import: an agency and outlet
// file imported inline, with the counts and the rejects as CSV on the list.
func (s *Server) outletImport(w http.ResponseWriter, r *http.Request) {
	res, status, err := s.importRegistryUpload(w, r, maxProgrammeUpload, tooLargeFor("outlets"), s.ImportOutlets)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	today := patentbridge.FormatDay(s.Now())
	s.outletPage(w, r, status, outletsView{OpenedOn: today, CloseOn: today, Upload: uploadForm{importResult: res}})
}

// managerImport serves POST /tech-managers/import: a technology manager
// file imported inline, with the counts and the rejects as CSV on the list.
func (s *Server) managerImport(w http.ResponseWriter, r *http.Request) {
	res, status, err := s.importRegistryUpload(w, r, maxProgrammeUpload, tooLargeFor("managers"), s.ImportTechManagers)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	s.managerPage(w, r, status, managersView{RegisteredOn: patentbridge.FormatDay(s.Now()), Upload: uploadForm{importResult: res}})
}

// pilotBaseImport serves POST /pilot-bases/import: a pilot base file
// imported inline, with the counts and the rejects as CSV on the list.
func (s *Server) pilotBaseImport(w http.ResponseWriter, r *http.Request) {
	res, status, err := s.importRegistryUpload(w, r, maxProgrammeUpload, tooLargeFor("pilot_bases"), s.ImportPilotBases)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	s.renderPilotBases(w, r, status, pilotBasesView{Upload: uploadForm{importResult: res},
		Form: pilotBaseForm{City: patentbridge.ScopeCity(patentbridge.UserFrom(r.Context()))}})
}

// listingImport serves POST /listings/import: a 科创板 pipeline file imported
// inline, with the counts and the rejects as CSV on the list.
func (s *Server) listingImport(w http.ResponseWriter, r *http.Request) {
	res, status, err := s.importRegistryUpload(w, r, maxProgrammeUpload, tooLargeFor("listings"), s.ImportListings)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	s.renderListings(w, r, status, listingsView{Upload: uploadForm{importResult: res},
		Form: listingForm{City: patentbridge.ScopeCity(patentbridge.UserFrom(r.Context()))}})
}
