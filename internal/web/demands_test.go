package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"patentbridge"
)

func TestDemandPostModeratePublish(t *testing.T) {
	e := newDemandEnv(t)
	firm, anon := e.client(t, "firm"), e.client(t, "")

	for _, who := range []string{"college", "chengdu"} {
		if status, _ := MustGet(t, e.client(t, who), e.srv.URL+"/demands/new"); status != http.StatusForbidden {
			t.Errorf("%s opens the posting form: %d", who, status)
		}
	}
	if status, _ := MustGet(t, anon, e.srv.URL+"/demands/new"); status != http.StatusSeeOther {
		t.Errorf("anonymous posting form: %d, want a redirect to login", status)
	}
	// A bad form comes back with the Chinese message and the values typed.
	bad := demandForm("钠离子电池正极材料", "510107")
	bad.Set("budget_min", "300")
	status, _, body := MustPost(t, firm, e.srv.URL+"/demands/new", bad)
	_ = body
	if status != http.StatusBadRequest {
		t.Fatalf("inverted budget: %d", status)
	}
	id := e.MustPostDemand(t, firm, demandForm("钠离子电池正极材料", "510107"))
	d, err := e.demands.FindDemand(t.Context(), id)
	if err != nil || d.Status != "pending" || d.Enterprise != "成都钠电新能源有限公司" || d.CreatedBy != e.firmID {
		t.Fatalf("stored demand = %+v, %v", d, err)
	}
	page := fmt.Sprintf("%s/demands/%d", e.srv.URL, id)
	_, body = MustGet(t, firm, page+"?done=created")
	mustContain(t, body, "需求已提交，审核通过后将公开发布", "待审核")
	if status, _ := MustGet(t, anon, page); status != http.StatusNotFound {
		t.Errorf("anonymous sees a pending demand: %d", status)
	}

	// Moderation: Mianyang's queue does not hold a Chengdu demand; the Chengdu office rejects, then it is final.
	_, body = MustGet(t, e.client(t, "mianyang"), e.srv.URL+"/admin/demands")
	if strings.Contains(body, "钠离子电池正极材料") {
		t.Error("Mianyang's queue shows a Chengdu demand")
	}
	chengdu := e.client(t, "chengdu")
	_, body = MustGet(t, chengdu, e.srv.URL+"/admin/demands")
	mustContain(t, body, "钠离子电池正极材料", `id="demand-pending-total">1<`)
	moderate := fmt.Sprintf("%s/admin/demands/%d/moderate", e.srv.URL, id)
	if status, _, _ := MustPost(t, e.client(t, "mianyang"), moderate, url.Values{"action": {"publish"}}); status != http.StatusNotFound && status != http.StatusForbidden {
		t.Errorf("Mianyang publishes a Chengdu demand: %d", status)
	}
	if status, _, body := MustPost(t, chengdu, moderate, url.Values{"action": {"reject"}}); status != http.StatusBadRequest || !strings.Contains(body, "原因") {
		t.Errorf("reject without a note: %d", status)
	}
	if status, loc, _ := MustPost(t, chengdu, moderate, url.Values{"action": {"reject"}, "note": {"请补充技术指标"}}); status != http.StatusSeeOther || loc != "/admin/demands?done=reject" {
		t.Fatalf("reject: %d %s", status, loc)
	}
	_, body = MustGet(t, firm, page)
	mustContain(t, body, "退回原因：请补充技术指标", "已退回")
	if status, _, _ := MustPost(t, e.client(t, "admin"), moderate, url.Values{"action": {"publish"}}); status != http.StatusConflict {
		t.Errorf("publishing a rejected demand: %d, want 409", status)
	}

	// A second demand is published and appears on the public list with this year's count.
	id2 := e.MustPostDemand(t, firm, demandForm("磷石膏综合利用技术", "510600"))
	if status, _, _ := MustPost(t, e.client(t, "admin"), fmt.Sprintf("%s/admin/demands/%d/moderate", e.srv.URL, id2), url.Values{"action": {"publish"}}); status != http.StatusSeeOther {
		t.Fatalf("admin publish: %d", status)
	}
	_, body = MustGet(t, anon, e.srv.URL+"/demands")
	mustContain(t, body, fmt.Sprintf("%d年已发布 <strong>1</strong> 条", testNow.Year()), "磷石膏综合利用技术", "50–200万元")
	if strings.Contains(body, "钠离子电池正极材料") {
		t.Error("the public list shows a rejected demand")
	}
	if a := e.auditLog(t); !strings.Contains(a, fmt.Sprintf("chengdu demand.reject demand:%d ", id)) || !strings.Contains(a, "请补充技术指标") ||
		!strings.Contains(a, fmt.Sprintf("firm demand.create demand:%d ", id)) || !strings.Contains(a, fmt.Sprintf("admin demand.publish demand:%d ", id2)) {
		t.Errorf("audit log:\n%s", e.auditLog(t))
	}
}

func TestDemandListFilters(t *testing.T) {
	e := newDemandEnv(t)
	firm := e.client(t, "firm")
	for _, f := range []struct{ title, region, industry string }{
		{"钠离子电池正极材料", "510107", "先进材料"}, {"川茶鲜叶分级设备", "511800", "川茶"}, {"页岩气返排液处理", "511500", "能源化工"},
	} {
		form := demandForm(f.title, f.region)
		form.Set("industry", f.industry)
		e.MustPublish(t, e.MustPostDemand(t, firm, form))
	}
	tests := []struct {
		query string
		want  []string
		not   []string
	}{
		{"industry=川茶", []string{"川茶鲜叶分级设备"}, []string{"钠离子电池正极材料", "页岩气返排液处理"}},
		{"city=5101", []string{"钠离子电池正极材料"}, []string{"川茶鲜叶分级设备"}},
		{"q=返排液", []string{"页岩气返排液处理"}, []string{"钠离子电池正极材料"}},
		{"q=不存在的词", []string{"没有符合条件的已发布需求"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			_, body := MustGet(t, e.client(t, ""), e.srv.URL+"/demands?"+tt.query)
			mustContain(t, body, tt.want...)
			for _, n := range tt.not {
				if strings.Contains(body, n) {
					t.Errorf("%s shows %s", tt.query, n)
				}
			}
		})
	}
	_, body := MustGet(t, e.client(t, ""), e.srv.URL+"/")
	mustContain(t, body, `href="/demands"`)
}

func TestDemandDetailContactMatchesFeedback(t *testing.T) {
	e := newDemandEnv(t)
	firm := e.client(t, "firm")
	id := e.MustPostDemand(t, firm, demandForm("钠离子电池正极材料", "510107"))
	e.MustPublish(t, id)
	page := fmt.Sprintf("%s/demands/%d", e.srv.URL, id)

	_, body := MustGet(t, e.client(t, ""), page)
	mustContain(t, body, "登录后查看联系方式", "微米级多孔硫酸亚铁钠", "命中关键词：钠离子、电池、正极", "先进材料",
		"H01M</span> 用于直接转变化学能为电能的方法或装置，例如电池组；", "预测分类 H01M")
	if strings.Contains(body, "028-85550000") {
		t.Error("anonymous visitors see the contact")
	}
	if strings.Contains(body, `value="interested"`) {
		t.Error("anonymous visitors get feedback buttons")
	}
	if r := e.match.LastMatch(); r.DemandID != id || r.RegionCode != "510107" || r.Limit != 10 || !strings.Contains(r.Text, "钠离子电池正极材料\n寻求") {
		t.Errorf("match request = %+v", r)
	}
	_, body = MustGet(t, e.client(t, "other"), page)
	mustContain(t, body, "王经理 028-85550000")
	if strings.Contains(body, `value="interested"`) {
		t.Error("another enterprise gets feedback buttons")
	}
	feedback := fmt.Sprintf("%s/demands/%d/feedback", e.srv.URL, id)
	if status, _, _ := MustPost(t, e.client(t, "other"), feedback, url.Values{"app_no": {"2021108432658"}, "verdict": {"interested"}}); status != http.StatusForbidden {
		t.Errorf("another enterprise gives feedback: %d", status)
	}

	_, body = MustGet(t, firm, page)
	mustContain(t, body, `value="interested"`, `value="irrelevant"`)
	status, loc, _ := MustPost(t, firm, feedback, url.Values{"app_no": {"2021108432658"}, "verdict": {"irrelevant"}})
	if status != http.StatusSeeOther || !strings.HasSuffix(loc, "#matches") {
		t.Fatalf("feedback: %d %s", status, loc)
	}
	// a bad verdict is refused with the Chinese names of the two verdicts
	if status, _, body := MustPost(t, firm, feedback, url.Values{"app_no": {"2021108432658"}, "verdict": {"bogus"}}); status != http.StatusBadRequest ||
		!strings.Contains(body, "反馈只能是“感兴趣”或“不相关”") || strings.Contains(body, "interested）") {
		t.Errorf("verdict=bogus: %d %.300s", status, body)
	}
	MustPost(t, firm, feedback, url.Values{"app_no": {"2021108432658"}, "verdict": {"interested"}})
	got, _ := e.demands.DemandFeedback(patentbridge.WithUser(t.Context(), &patentbridge.User{Role: patentbridge.RoleAdmin}), id)
	if len(got) != 1 || got["2021108432658"] != "interested" {
		t.Errorf("stored feedback = %v (the second verdict replaces the first)", got)
	}
	_, body = MustGet(t, firm, page)
	mustContain(t, body, "已标记：感兴趣", "本需求方已标记感兴趣")
	// The verdicts are the posting enterprise's and the admin's to read.
	_, body = MustGet(t, e.client(t, "admin"), page)
	mustContain(t, body, "本需求方已标记感兴趣")
	for _, who := range []string{"", "other"} {
		if _, body := MustGet(t, e.client(t, who), page); strings.Contains(body, "本需求方已标记") || strings.Contains(body, "已标记：") {
			t.Errorf("%q reads the poster's feedback", who)
		}
	}
	if status, _, _ := MustPost(t, firm, feedback, url.Values{"app_no": {"2021108432658"}, "verdict": {"maybe"}}); status != http.StatusBadRequest {
		t.Errorf("unknown verdict: %d", status)
	}
}

func TestDemandBulkImport(t *testing.T) {
	e := newDemandEnv(t)
	deadline := testNow.AddDate(0, 3, 0).Format("2006-01-02")
	xlsx := MustWorkbook(t, [][]any{
		{"需求名称", "需求描述", "所属行业", "地区代码", "预算下限(万元)", "预算上限(万元)", "截止日期", "联系方式", "需求单位"},
		{"川茶鲜叶自动分级设备", "需要一套按嫩度自动分级川茶鲜叶的设备，处理能力每小时500公斤以上。", "川茶", "511800", 50, 120, deadline, "李经理", "雅安某茶业有限公司"},
		{"描述太短的需求", "太短", "川酒", "510500", "", "", "", "", "泸州某酒业公司"},
		{"猕猴桃保鲜冷链技术", "寻求猕猴桃采后保鲜与冷链运输的成熟技术，延长货架期到60天。", "川果", "510100", "", "", "", "", "成都某果业公司"},
	})
	if status, _ := MustUpload(t, e.client(t, "firm"), e.srv.URL+"/admin/demands/import", "d.xlsx", xlsx, nil); status != http.StatusForbidden {
		t.Errorf("an enterprise bulk-imports: %d", status)
	}
	admin := e.client(t, "admin")
	_, body := MustGet(t, admin, e.srv.URL+"/admin/demands/import")
	mustContain(t, body, "直接发布", `enctype="multipart/form-data"`)
	status, body := MustUpload(t, admin, e.srv.URL+"/admin/demands/import", "需求征集.xlsx", xlsx, map[string]string{"publish": "1"})
	if status != http.StatusOK {
		t.Fatalf("import: %d\n%s", status, body)
	}
	mustContain(t, body, "共 3 行，成功 2 行，失败 1 行", "成功（已发布）", "需求描述：需求描述至少10个字")
	ds, total, _ := e.demands.ListDemands(t.Context(), demandFilterPublished())
	if total != 2 || ds[0].Enterprise == "" {
		t.Errorf("published after import: %d %+v", total, ds)
	}
	// Without 直接发布 the rows wait for moderation; a city user's rows of another city stay pending too.
	status, body = MustUpload(t, e.client(t, "chengdu"), e.srv.URL+"/admin/demands/import", "d.xlsx", xlsx, map[string]string{"publish": "1"})
	if status != http.StatusOK {
		t.Fatalf("city import: %d", status)
	}
	mustContain(t, body, "已保存为待审核，未能直接发布", "成功（已发布）")
	if _, total, _ = e.demands.ListDemands(t.Context(), demandFilterPublished()); total != 3 {
		t.Errorf("published after the city import: %d, want 3 (only the Chengdu row)", total)
	}
	status, body = MustUpload(t, admin, e.srv.URL+"/admin/demands/import", "专利清单.csv", []byte("申请号,专利名称\n1,2\n"), nil)
	if status != http.StatusBadRequest || !strings.Contains(body, "找不到“需求名称”列") || !strings.Contains(body, "专利清单.csv") ||
		strings.Contains(body, "pb-demands-") {
		t.Errorf("not a demand sheet: %d, want a refusal naming 专利清单.csv (not the temporary copy)\n%s", status, body)
	}
	long := strings.Repeat("需", 90) + ".xlsx" // over 255 bytes: kept under another name
	if status, body := MustUpload(t, admin, e.srv.URL+"/admin/demands/import", long, xlsx, nil); status != http.StatusOK {
		t.Errorf("a %d-byte file name: %d\n%s", len(long), status, body)
	}
}
