package main

import (
	"context"
	"slices"
	"strings"
	"testing"

	"patentbridge"
)

// permissionExpectations is who may use each route of the API and the UI, kept
// here independently of the servers' tables: "*" is anyone, "+" any signed-in
// user, otherwise the roles that may.
var permissionExpectations = map[string]string{
	"GET /healthz":                                    "*",
	"GET /api/v1/patents":                             "*",
	"GET /api/v1/patents/{app_no}":                    "*",
	"GET /api/v1/patents/search":                      "*",
	"GET /api/v1/search/status":                       "*",
	"GET /api/v1/ipc/{code...}":                       "*",
	"GET /api/v1/imports":                             "admin",
	"POST /api/v1/imports":                            "admin",
	"GET /api/v1/imports/{id}":                        "admin",
	"GET /api/v1/imports/{id}/rejects":                "admin",
	"POST /api/v1/imports/{id}/resume":                "admin",
	"POST /api/v1/imports/{id}/discard":               "admin",
	"GET /api/v1/supply-lists":                        "*",
	"GET /api/v1/supply-lists/{id}":                   "*",
	"POST /api/v1/supply-lists":                       "admin city",
	"POST /api/v1/supply-lists/{id}/publish":          "admin city",
	"POST /api/v1/supply-lists/{id}/withdraw":         "admin city",
	"GET /api/v1/open-licences":                       "*",
	"GET /api/v1/open-licences/{id}":                  "*",
	"POST /api/v1/open-licences":                      "admin institution enterprise",
	"POST /api/v1/open-licences/{id}":                 "admin institution enterprise",
	"POST /api/v1/open-licences/{id}/consent":         "admin institution enterprise",
	"POST /api/v1/open-licences/{id}/submit":          "admin institution enterprise",
	"POST /api/v1/open-licences/{id}/review":          "admin city",
	"POST /api/v1/open-licences/{id}/withdraw":        "admin institution enterprise",
	"GET /api/v1/sleeping":                            "*",
	"GET /api/v1/screening/runs":                      "*",
	"POST /api/v1/screening/runs/{id}/rerun":          "admin",
	"POST /api/v1/screening/runs/{id}/discard":        "admin",
	"POST /api/v1/patents/{app_no}/declarations":      "admin institution",
	"POST /api/v1/patents/{app_no}/ratings":           "admin enterprise",
	"GET /api/v1/demands":                             "*",
	"GET /api/v1/demands/{id}":                        "*",
	"POST /api/v1/demands":                            "admin enterprise",
	"POST /api/v1/demands/{id}/moderate":              "admin city",
	"POST /api/v1/demands/{id}/feedback":              "+",
	"GET /api/v1/me/demands":                          "admin enterprise",
	"PUT /api/v1/demands/{id}":                        "admin enterprise",
	"POST /api/v1/demands/{id}/close":                 "admin enterprise",
	"GET /api/v1/messages":                            "+",
	"POST /api/v1/messages/{id}/read":                 "+",
	"POST /api/v1/match":                              "*",
	"POST /api/v1/classify":                           "*",
	"GET /api/v1/enterprises":                         "admin city",
	"GET /api/v1/enterprises/push":                    "admin city",
	"POST /api/v1/enterprises/push/send":              "admin city",
	"/api/":                                           "*",
	"GET /static/":                                    "*",
	"GET /{$}":                                        "*",
	"GET /login":                                      "*",
	"POST /login":                                     "*",
	"POST /logout":                                    "*",
	"GET /patents":                                    "*",
	"GET /patents/{app_no}":                           "*",
	"GET /admin/import":                               "admin",
	"POST /admin/import":                              "admin",
	"GET /admin/import/{id}":                          "admin",
	"GET /admin/import/{id}/rejects":                  "admin",
	"POST /admin/import/{id}/resume":                  "admin",
	"POST /admin/import/{id}/discard":                 "admin",
	"GET /my/patents":                                 "admin institution",
	"GET /api/v1/offers":                              "*",
	"GET /api/v1/offers/{id}":                         "*",
	"POST /api/v1/offers":                             "admin institution",
	"POST /api/v1/offers/{id}/publish":                "admin institution",
	"POST /api/v1/offers/{id}/withdraw":               "admin institution",
	"POST /api/v1/offers/{id}/questions":              "admin enterprise",
	"GET /api/v1/offers/{id}/questions":               "*",
	"POST /api/v1/offer-questions/{id}/answer":        "admin institution",
	"GET /api/v1/my/offer-questions":                  "admin enterprise institution",
	"GET /api/v1/pools":                               "*",
	"GET /api/v1/pools/{id}":                          "*",
	"POST /api/v1/pools":                              "admin institution",
	"POST /api/v1/pools/{id}/publish":                 "admin institution",
	"GET /market":                                     "*",
	"GET /market/soe-shared":                          "*",
	"GET /market/soe-shared.xlsx":                     "*",
	"GET /market/{id}":                                "*",
	"POST /market/{id}/questions":                     "admin enterprise",
	"POST /market/questions/{id}/answer":              "admin institution",
	"GET /my/offers":                                  "admin enterprise institution",
	"GET /my/offers/new":                              "admin institution",
	"POST /my/offers/new":                             "admin institution",
	"POST /my/offers/{id}/publish":                    "admin institution",
	"POST /my/offers/{id}/withdraw":                   "admin institution",
	"GET /my/pools/new":                               "admin institution",
	"POST /my/pools/new":                              "admin institution",
	"POST /my/pools/{id}/publish":                     "admin institution",
	"GET /pools":                                      "*",
	"GET /pools/{id}":                                 "*",
	"GET /supply":                                     "*",
	"GET /open-licences":                              "*",
	"GET /open-licences/{id}":                         "*",
	"GET /open-licences/new":                          "admin institution enterprise",
	"GET /open-licences/import":                       "admin institution enterprise",
	"POST /open-licences/import":                      "admin institution enterprise",
	"GET /open-licences/import/template.xlsx":         "admin institution enterprise",
	"POST /open-licences/new":                         "admin institution enterprise",
	"GET /open-licences/{id}/edit":                    "admin institution enterprise",
	"POST /open-licences/{id}/edit":                   "admin institution enterprise",
	"POST /open-licences/{id}/consent":                "admin institution enterprise",
	"POST /open-licences/{id}/review":                 "admin city",
	"POST /open-licences/{id}/withdraw":               "admin institution enterprise",
	"GET /supply/{id}":                                "*",
	"GET /supply/{id}/print":                          "*",
	"GET /admin/supply/new":                           "admin city",
	"POST /admin/supply/new":                          "admin city",
	"GET /admin/supply/{id}/edit":                     "admin city",
	"POST /admin/supply/{id}/edit":                    "admin city",
	"POST /admin/supply/{id}/publish":                 "admin city",
	"POST /admin/supply/{id}/withdraw":                "admin city",
	"GET /sleeping":                                   "*",
	"GET /api/v1/ledger/checkpoint":                   "*",
	"GET /api/v1/ledger/key":                          "*",
	"GET /api/v1/ledger/entries":                      "*",
	"GET /api/v1/ledger/entries/{index}":              "*",
	"GET /api/v1/ledger/proof/inclusion":              "*",
	"GET /api/v1/ledger/proof/consistency":            "*",
	"GET /ledger":                                     "*",
	"GET /ledger/{index}":                             "*",
	"GET /sleeping.xlsx":                              "*",
	"GET /admin/screening":                            "admin",
	"POST /admin/screening":                           "admin",
	"POST /admin/screening/{id}/rerun":                "admin",
	"POST /admin/screening/{id}/discard":              "admin",
	"POST /patents/{app_no}/declarations":             "admin institution",
	"POST /patents/{app_no}/declarations/{id}/revoke": "admin institution",
	"POST /patents/{app_no}/ratings":                  "admin enterprise",
	"GET /my/declarations/import":                     "admin institution",
	"POST /my/declarations/import":                    "admin institution",
	"GET /search":                                     "*",
	"GET /search.xlsx":                                "*",
	"GET /demands":                                    "*",
	"GET /demands/new":                                "admin enterprise",
	"POST /demands/new":                               "admin enterprise",
	"GET /demands/{id}":                               "*",
	"POST /demands/{id}/feedback":                     "+",
	"GET /my/demands":                                 "admin enterprise",
	"GET /demands/{id}/edit":                          "admin enterprise",
	"POST /demands/{id}/edit":                         "admin enterprise",
	"POST /demands/{id}/close":                        "admin enterprise",
	"GET /messages":                                   "+",
	"GET /messages/{id}":                              "+",
	"GET /admin/demands":                              "admin city",
	"POST /admin/demands/{id}/moderate":               "admin city",
	"GET /admin/demands/import":                       "admin city",
	"POST /admin/demands/import":                      "admin city",
	"GET /admin/enterprises":                          "admin",
	"POST /admin/enterprises":                         "admin",
	"GET /admin/enterprises/push":                     "admin city",
	"POST /admin/enterprises/push/send":               "admin city",
	"GET /organizations":                              "*",
	"GET /organizations/{id}":                         "*",
	"POST /organizations/{id}/merge":                  "admin",
	"POST /organizations/import":                      "admin",
	"GET /account":                                    "+",
	"GET /account/password":                           "+",
	"POST /account/password":                          "+",
	"POST /account/tokens":                            "+",
	"POST /account/tokens/{id}/revoke":                "+",
	"GET /admin/users":                                "admin city",
	"POST /admin/users":                               "admin city",
	"GET /admin/users/{id}":                           "admin city",
	"POST /admin/users/{id}":                          "admin city",
	"POST /admin/users/{id}/password":                 "admin city",
	"GET /admin/audit":                                "admin city",
	"GET /admin/audit.csv":                            "admin city",
	"GET /api/v1/organizations":                       "*",
	"GET /api/v1/organizations/{id}":                  "*",
	"POST /api/v1/organizations/{id}/merge":           "admin",
	"POST /api/v1/auth/login":                         "*",
	"POST /api/v1/auth/logout":                        "+",
	"GET /api/v1/me":                                  "+",
	"POST /api/v1/me/password":                        "+",
	"GET /api/v1/me/tokens":                           "+",
	"POST /api/v1/me/tokens":                          "+",
	"DELETE /api/v1/me/tokens/{id}":                   "+",
	"GET /api/v1/users":                               "admin city",
	"POST /api/v1/users":                              "admin city",
	"GET /api/v1/users/{id}":                          "+",
	"PATCH /api/v1/users/{id}":                        "admin city",
	"POST /api/v1/users/{id}/password":                "admin city",
	"GET /api/v1/audit":                               "admin city",
	"/":                                               "*",
	// self-registration (public) and its review
	"POST /api/v1/registrations":              "*",
	"GET /api/v1/registrations":               "admin city",
	"GET /api/v1/registrations/{id}":          "admin city",
	"POST /api/v1/registrations/{id}/approve": "admin city",
	"POST /api/v1/registrations/{id}/reject":  "admin city",
	"GET /register":                           "*",
	"POST /register":                          "*",
	"GET /admin/registrations":                "admin city",
	"GET /admin/registrations/{id}":           "admin city",
	"POST /admin/registrations/{id}/approve":  "admin city",
	"POST /admin/registrations/{id}/reject":   "admin city",
	"GET /help":                               "*",
	// licences (issue 13 item 3): taking an open licence, the licence record and its acts
	"GET /api/v1/open-licences/{id}/notice":                    "admin enterprise",
	"POST /api/v1/open-licences/{id}/licences":                 "admin enterprise",
	"GET /api/v1/licences":                                     "+",
	"POST /api/v1/licences":                                    "admin institution enterprise",
	"GET /api/v1/licences/{id}":                                "+",
	"POST /api/v1/licences/{id}/payments":                      "admin institution enterprise",
	"POST /api/v1/licences/{id}/reports":                       "admin enterprise",
	"POST /api/v1/licences/{id}/recordation":                   "admin institution enterprise",
	"POST /api/v1/licences/{id}/disputes":                      "admin institution enterprise",
	"POST /api/v1/licences/{id}/disputes/{dispute_id}/outcome": "admin institution enterprise",
	"GET /open-licences/{id}/take":                             "admin enterprise",
	"POST /open-licences/{id}/take":                            "admin enterprise",
	"GET /api/v1/deals":                                        "admin city",
	"GET /api/v1/kpi/indicators":                               "*",
	"GET /api/v1/kpi":                                          "admin city",
	"GET /api/v1/kpi/records":                                  "admin city",
	"PUT /api/v1/kpi/targets":                                  "admin",
	"DELETE /api/v1/kpi/targets":                               "admin",
	"POST /api/v1/kpi/publish":                                 "admin",
	"GET /kpi":                                                 "admin city",
	"GET /kpi/indicators/{id}":                                 "admin city",
	"GET /kpi/records":                                         "admin city",
	"GET /kpi/report":                                          "admin city",
	"GET /kpi/targets":                                         "admin",
	"POST /kpi/targets":                                        "admin",
	"POST /kpi/publish":                                        "admin",
	"GET /events":                                              "admin city",
	"GET /events/new":                                          "admin city",
	"POST /events/new":                                         "admin city",
	"GET /events/{id}":                                         "admin city",
	"POST /events/{id}/projects":                               "admin city",
	"POST /events/{id}/deals":                                  "admin city",
	"POST /events/{id}/deals/{deal}/unlink":                    "admin city",
	"POST /events/import":                                      "admin city",
	"GET /cases":                                               "*",
	"GET /cases/new":                                           "admin city",
	"POST /cases/new":                                          "admin city",
	"GET /cases/{id}":                                          "*",
	"POST /cases/import":                                       "admin city",
	"GET /pilot-bases":                                         "admin city",
	"POST /pilot-bases":                                        "admin city",
	"GET /listings":                                            "admin city",
	"POST /listings":                                           "admin city",
	"POST /listings/{id}/advance":                              "admin city",
	"POST /api/v1/deals":                                       "admin city",
	"GET /api/v1/deals/{id}":                                   "admin city",
	"GET /api/v1/events":                                       "admin city",
	"POST /api/v1/events":                                      "admin city",
	"GET /api/v1/events/{id}":                                  "admin city",
	"POST /api/v1/events/{id}/projects":                        "admin city",
	"POST /api/v1/events/{id}/deals":                           "admin city",
	"DELETE /api/v1/events/{id}/deals/{deal_id}":               "admin city",
	"GET /api/v1/cases":                                        "*",
	"POST /api/v1/cases":                                       "admin city",
	"GET /api/v1/cases/{id}":                                   "*",
	"GET /api/v1/pilot-bases":                                  "admin city",
	"POST /api/v1/pilot-bases":                                 "admin city",
	"GET /api/v1/pilot-bases/{id}":                             "admin city",
	"GET /api/v1/listings":                                     "admin city",
	"POST /api/v1/listings":                                    "admin city",
	"GET /api/v1/listings/{id}":                                "admin city",
	"POST /api/v1/listings/{id}/advance":                       "admin city",
	"GET /api/v1/pools/{id}/notice":                            "admin enterprise",
	"POST /api/v1/pools/{id}/licences":                         "admin enterprise",
	"GET /pools/{id}/take":                                     "admin enterprise",
	"POST /pools/{id}/take":                                    "admin enterprise",
	"GET /licences/{id}":                                       "+",
	"GET /my/licences":                                         "+",
	"GET /admin/licences":                                      "admin city",
	"POST /licences/{id}/payments":                             "admin institution enterprise",
	"POST /licences/{id}/reports":                              "admin enterprise",
	"POST /licences/{id}/recordation":                          "admin institution enterprise",
	"POST /licences/{id}/disputes":                             "admin institution enterprise",
	"POST /licences/{id}/disputes/{dispute_id}/outcome":        "admin institution enterprise",
	"GET /licences/new":                                        "admin institution enterprise",
	"POST /licences/new":                                       "admin institution enterprise",
}

// permissionPassword is the password of the matrix's accounts.
const permissionPassword = "perm-secret-1"

// mustCreateUser creates a user of the role through the account service, as the
// platform, bound to an organization of the registry; the only place this test
// knows how accounts are made.
func mustCreateUser(tb testing.TB, m *Main, role patentbridge.Role) *patentbridge.User {
	tb.Helper()
	ctx := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
	nu := patentbridge.NewUser{Username: "perm-" + string(role), Name: string(role), Role: role, Password: permissionPassword}
	switch role {
	case patentbridge.RoleCity:
		nu.CityCode = "5101"
	case patentbridge.RoleAdmin:
	default:
		org := &patentbridge.Organization{Name: "权限测试单位-" + string(role), Type: patentbridge.PartyEnterprise, CityCode: "5101"}
		if role == patentbridge.RoleInstitution {
			org.Type = patentbridge.PartyUniversity
		}
		if err := m.DB.CreateOrganization(ctx, org); err != nil {
			tb.Fatal(err)
		}
		nu.Organization = org.Name
	}
	u, err := m.DB.CreateUser(ctx, nu)
	if err != nil {
		tb.Fatal(err)
	}
	return u
}

// allows reports whether an expectation ("*", "+" or roles) admits the role ("" is anonymous).
func allows(want string, role patentbridge.Role) bool {
	return want == "*" || role != "" && (want == "+" || slices.Contains(strings.Fields(want), string(role)))
}

// requestPath fills a route pattern's wildcards with dummy values.
func requestPath(pattern string) (method, path string) {
	method, path, ok := strings.Cut(pattern, " ")
	if !ok {
		method, path = "GET", pattern
	}
	switch path {
	case "/":
		return method, "/no-such-page"
	case "/api/":
		return method, "/api/v1/no-such-endpoint"
	}
	path = strings.NewReplacer("{$}", "", "{code...}", "A01B", "{app_no}", "CN202199999999.9", "{id}", "999999", "{dispute_id}", "999999").Replace(path)
	return method, path
}
