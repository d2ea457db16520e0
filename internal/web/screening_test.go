package web_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"patentbridge"
)

func TestAdminStartsOneScreeningAtATime(t *testing.T) {
	e := newScreenEnv(t, true)
	gate := make(chan struct{})
	var mu sync.Mutex
	var started []time.Time
	e.screening.Before = func(ctx context.Context, asOf time.Time) error {
		mu.Lock()
		started = append(started, asOf)
		mu.Unlock()
		select {
		case <-gate:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	startedAt := func() []time.Time {
		mu.Lock()
		defer mu.Unlock()
		return append([]time.Time(nil), started...)
	}
	released := false
	release := func() {
		if !released {
			close(gate)
			released = true
		}
	}
	t.Cleanup(release)
	if status, _ := MustGet(t, e.client(t, "firm"), e.srv.URL+"/admin/screening"); status != 403 {
		t.Errorf("enterprise: status %d", status)
	}
	c := e.client(t, "admin")
	status, body := MustGet(t, c, e.srv.URL+"/admin/screening")
	mustContain(t, body, `id="screening-form"`, `<a href="/sleeping?run_id=1">1</a>`, "2026-11-27", "sleeping-2026.2 / 2026.1",
		"高校院所权利人 1", "未实施 1", `<a href="/admin/screening" class="active" aria-current="page">沉睡专利筛查</a>`)
	if status != 200 || strings.Contains(body, "screening-running") {
		t.Fatalf("status %d before any run, or shown running", status)
	}

	status, loc, _ := MustPost(t, c, e.srv.URL+"/admin/screening", url.Values{"as_of": {"2026-06-30"}})
	if status != 303 || loc != "/admin/screening" {
		t.Fatalf("start: status %d location %q", status, loc)
	}
	waitFor(t, func() bool { return len(startedAt()) == 1 })
	if got := patentbridge.FormatDate(startedAt()[0]); got != "2026-06-30" {
		t.Errorf("run as of %s", got)
	}
	_, body = MustGet(t, c, e.srv.URL+"/admin/screening")
	mustContain(t, body, `id="screening-running"`, "筛查进行中", `<meta http-equiv="refresh" content="5">`)

	status, _, body = MustPost(t, c, e.srv.URL+"/admin/screening", url.Values{"as_of": {"2026-06-30"}})
	if status != 409 {
		t.Errorf("second run: status %d, want 409", status)
	}
	mustContain(t, body, "已有一次筛查（批次 2）正在进行或排队")
	if n := len(startedAt()); n != 1 {
		t.Errorf("%d runs started", n)
	}

	release()
	waitFor(t, func() bool {
		_, body := MustGet(t, c, e.srv.URL+"/admin/screening")
		return !strings.Contains(body, "screening-running")
	})
	if status, _, body := MustPost(t, c, e.srv.URL+"/admin/screening", url.Values{"as_of": {"明天"}}); status != 400 || !strings.Contains(body, "无法识别") {
		t.Errorf("bad date: status %d", status)
	}
}

// waitFor polls cond for up to five seconds.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatal("condition not met within 5s")
}

// MustWorkbook builds an XLSX file from rows.
func MustWorkbook(tb testing.TB, rows [][]any) []byte {
	tb.Helper()
	f := excelize.NewFile()
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			tb.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// MustUpload posts a file in the multipart field "file", with extra form fields.
func MustUpload(tb testing.TB, c *http.Client, u, name string, content []byte, fields ...map[string]string) (int, string) {
	tb.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, f := range fields {
		for k, v := range f {
			mw.WriteField(k, v)
		}
	}
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(content)
	mw.Close()
	res, err := c.Post(u, mw.FormDataContentType(), &body)
	if err != nil {
		tb.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func TestBulkDeclarations(t *testing.T) {
	e := newScreenEnv(t, true)
	xlsx := MustWorkbook(t, [][]any{
		{"申请号", "类型", "理由", "说明", "实施方式", "实施起始日期", "实施企业"},
		{"202223220665.2", "正当理由", "正在洽谈", "与成都某企业洽谈许可", "", "", ""},
		{"202223220665.3", "正当理由", "保密/国防", "", "", "", ""},
		{"CN202110843265.8", "正当理由", "防御性布局", "", "", "", ""},
		{"2022232206652", "正当理由", "其他", "", "", "", ""},
		{},
		{"2022232206652", "已实施", "", "", "许可", "2024-03-01", "成都光伏科技有限公司"},
		{"2022232206652", "放弃", "", "", "", "", ""},
		{"2022232206652", "已实施", "", "", "许可", "2031-05-01", ""},
	})
	if status, _ := MustUpload(t, e.client(t, "firm"), e.srv.URL+"/my/declarations/import", "decl.xlsx", xlsx); status != 403 {
		t.Errorf("enterprise upload: status %d", status)
	}
	status, body := MustUpload(t, e.client(t, "ioe"), e.srv.URL+"/my/declarations/import", "decl.xlsx", xlsx)
	if status != 200 {
		t.Fatalf("status %d", status)
	}
	// every row names its patent, and the failing column once, in its own cell
	mustContain(t, body, "共 7 行，成功 2 行，失败 5 行", `<th>出错的列</th>`,
		`<td class="num">2</td><td class="mono">202223220665.2</td><td></td><td>成功</td>`,
		`<td class="num">3</td><td class="mono">202223220665.3</td><td>申请号</td><td>申请号 &#34;202223220665.3&#34; 校验位错误`,
		`<td class="num">4</td><td class="mono">202110843265.8</td><td></td><td>本单位不是该专利的当前权利人（当前权利人：四川大学）`,
		`<td class="num">5</td><td class="mono">202223220665.2</td><td>说明</td><td>选择&#34;其他&#34;理由时须填写说明`,
		`<td class="num">7</td><td class="mono">202223220665.2</td><td></td><td>成功</td>`,
		`<td class="num">8</td><td class="mono">202223220665.2</td><td>类型</td><td>类型 &#34;放弃&#34; 无效`,
		`<td class="num">9</td><td class="mono">202223220665.2</td><td>实施起始日期</td><td>实施起始日期 2031-05-01 晚于今天（2026-11-27）`)
	if strings.Contains(body, "实施起始日期：实施起始日期") || strings.Contains(body, "申请号：申请号") {
		t.Errorf("a reason repeats its column")
	}
	ds := e.declarations(t)
	if len(ds) != 2 || ds[0].Reason != patentbridge.ReasonNegotiating || ds[1].Kind != patentbridge.DeclImplemented ||
		patentbridge.FormatDate(ds[1].Since) != "2024-03-01" || ds[1].Enterprise != "成都光伏科技有限公司" {
		t.Errorf("stored %+v", ds)
	}

	status, body = MustUpload(t, e.client(t, "ioe"), e.srv.URL+"/my/declarations/import", "decl.xlsx", []byte("申请号,类型\n"))
	if status != 400 {
		t.Errorf("CSV upload: status %d", status)
	}
	mustContain(t, body, "文件 decl.xlsx 不是有效的 Excel（.xlsx）文件")
}

func TestMyPatents(t *testing.T) {
	e := newScreenEnv(t, true)
	if status, _ := MustGet(t, e.client(t, "firm"), e.srv.URL+"/my/patents"); status != 403 {
		t.Errorf("enterprise: status %d", status)
	}
	status, body := MustGet(t, e.client(t, "ioe"), e.srv.URL+"/my/patents")
	if status != 200 {
		t.Fatalf("status %d", status)
	}
	if got := e.patents.LastPatentFilter(); got.OrgID == 0 || got.Owner != "" {
		t.Errorf("filter %+v; want the account's organization by id, not a name substring", got)
	}
	mustContain(t, body, `id="my-total">1<`, "一种胶膜平整机构及光伏组件生产线", "沉睡专利", `<span class="grade grade-C">C</span>`,
		`href="/patents/`+sleepingApp+`#declaration-form"`, `<a href="/my/patents" class="active" aria-current="page">我的专利</a>`)
	_, body = MustGet(t, e.client(t, "scu"), e.srv.URL+"/my/patents")
	mustContain(t, body, "微米级多孔硫酸亚铁钠", "已排除（已实施或有正当理由）", "未实施：2024-03-05 转让")
}
