package api_test

import (
	"fmt"
	"net/http"
	"testing"

	"patentbridge"
	"patentbridge/internal/api"
	"patentbridge/internal/httpx"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/refdata"
)

// An integration posting one bad value to a programme record's endpoint is
// told the JSON key it sent, not the template column, with the same Chinese
// message the web form and the import report give.
func TestProgrammeErrorsNameTheJSONKey(t *testing.T) {
	e := newSupplyEnv(t)
	users := &httpxtest.UserService{DB: e.db}
	srv := api.New(api.Deps{Now: clock, Patents: e.db, Ref: refdata.Default(), Logger: quiet, Deals: e.db, Filings: e.db,
		Loans: e.db, Events: e.db, Cases: e.db, PilotBases: e.db, Listings: e.db, Commissioners: e.db, Outlets: e.db})
	h, err := httpx.Stack(srv, httpx.StackOptions{Users: users, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	e.handler = h
	for _, tt := range []struct {
		name, method, path, body string
		field, message           string
	}{
		{"deal app_no", "POST", "/api/v1/deals",
			`{"app_no":"123","kind":"转让","from":"甲","from_type":"大专院校","to":"乙","to_type":"企业","contract_date":"2026-06-30"}`,
			"app_no", `申请号 "123" 无效`},
		{"deal amount_fen", "POST", "/api/v1/deals",
			`{"app_no":"2022232206652","kind":"转让","from":"甲","from_type":"大专院校","to":"乙","to_type":"企业","contract_date":"2026-06-30","amount_fen":-1}`,
			"amount_fen", fmt.Sprintf("金额应在 0 至 %s 之间", patentbridge.FormatFen(patentbridge.DealAmountMaxFen))},
		{"filing product_name", "POST", "/api/v1/filings",
			`{"enterprise":"成都芯动科技有限公司","patents":[{"app_no":"2022232206652"}],"filed_on":"2025-09-01"}`,
			"product_name", "请填写产品名称"},
		{"filing patents", "POST", "/api/v1/filings",
			`{"enterprise":"成都芯动科技有限公司","product_name":"镜片","patents":[{"app_no":"x"}],"filed_on":"2025-09-01"}`,
			"patents", `申请号 "x" 无效`},
		{"filing year output_fen", "PUT", "/api/v1/filings/999/years/2025", `{"output_fen":-1}`,
			"output_fen", fmt.Sprintf("产值应在 0 至 %s 之间", patentbridge.FormatFen(patentbridge.FilingAmountMaxFen))},
		{"loan bank", "POST", "/api/v1/loans",
			`{"borrower":"成都芯动科技有限公司","amount_fen":200000000,"term_months":12,"app_nos":["201910765432.4"],"applied_on":"2026-02-10"}`,
			"bank", "请填写贷款银行"},
		{"loan term_months", "POST", "/api/v1/loans",
			`{"borrower":"成都芯动科技有限公司","bank":"成都银行","amount_fen":200000000,"term_months":0,"app_nos":["201910765432.4"],"applied_on":"2026-02-10"}`,
			"term_months", fmt.Sprintf("贷款期限应为 1 至 %d 个月", patentbridge.LoanTermMaxMonths)},
		{"loan act valuation_method", "POST", "/api/v1/loans/999/value", `{"valuation_fen":1,"valuer":"某评估公司"}`,
			"valuation_method", "请填写评估方法（如收益法、市场法、成本法）"},
		{"event participants", "POST", "/api/v1/events",
			`{"kind":"路演","title":"成都专利路演","city":"5101","held_on":"2026-05-12","organizer":"电子科技大学","participants":-1}`,
			"participants", fmt.Sprintf("参与人数应在 0 至 %d 之间", patentbridge.EventParticipantsMax)},
		{"event held_on", "POST", "/api/v1/events",
			`{"kind":"路演","title":"成都专利路演","city":"5101","organizer":"电子科技大学"}`,
			"held_on", "请填写活动日期"},
		{"event project title", "POST", "/api/v1/events/999/projects", `{"title":" ","app_no":"2022232206652"}`,
			"title", "请填写项目名称"},
		{"case body", "POST", "/api/v1/cases", `{"title":"t","city":"5101","published_on":"2026-01-01"}`,
			"body", "请填写正文"},
		{"case city", "POST", "/api/v1/cases", `{"title":"t","body":"b","city":"51","published_on":"2026-01-01"}`,
			"city", `地区代码 "51" 不是四川省的市（州）代码（应为 4 位如 5101 成都市，或 6 位如 510100）`},
		{"pilot base name", "POST", "/api/v1/pilot-bases", `{"organization":"电子科技大学","city":"5101","established_on":"2024-01-01"}`,
			"name", "请填写基地名称"},
		{"pilot base city", "POST", "/api/v1/pilot-bases", `{"name":"QA API坏市","organization":"绵阳师范学院","city":"9999","established_on":"2026-02-01"}`,
			"city", `地区代码 "9999" 不是四川省的市（州）代码（应为 4 位如 5101 成都市，或 6 位如 510100）`},
		{"listing screened_on", "POST", "/api/v1/listings", `{"organization":"成都芯动科技有限公司","city":"5101"}`,
			"screened_on", "请填写入库日期"},
		{"commissioner name", "POST", "/api/v1/commissioners", `{"organization":"四川省知识产权服务中心","city":"5101","registered_on":"2025-01-10"}`,
			"name", "请填写专员姓名"},
		{"commissioner city", "POST", "/api/v1/commissioners", `{"name":"王芳","city":"51","registered_on":"2025-01-10"}`,
			"city", `所在市(州) "51" 不是四川省的市（州）代码（应为 4 位如 5101 成都市，或 6 位如 510100）`},
		{"service record enterprise", "POST", "/api/v1/service-records", `{"commissioner":"王芳","served_on":"2026-03-05","service_type":"价值评估"}`,
			"enterprise", "请填写服务企业"},
		{"outlet kind", "POST", "/api/v1/service-outlets", `{"name":"成都网点","kind":"x","city":"5101","opened_on":"2025-01-10"}`,
			"kind", `类型 "x" 无效：应为服务机构或网点`},
		{"tech manager registered_on", "POST", "/api/v1/tech-managers", `{"name":"李雷","city":"5101","registered_on":"2099-01-01"}`,
			"registered_on", "登记日期 2099-01-01 晚于今天"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			status, m := e.call(t, tt.method, tt.path, e.admin, tt.body)
			got := errorOf(t, m)
			if status != http.StatusBadRequest || got["field"] != tt.field || got["message"] != tt.message {
				t.Errorf("%s %s = %d %v; want 400 field %q message %q", tt.method, tt.path, status, got, tt.field, tt.message)
			}
		})
	}
}
