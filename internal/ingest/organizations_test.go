package ingest

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"patentbridge"
)

// fakeOrgs records the organizations an import upserts; other methods are not used.
type fakeOrgs struct {
	patentbridge.OrganizationService
	got []patentbridge.Organization
}

func (s *fakeOrgs) UpsertOrganizations(ctx context.Context, os []*patentbridge.Organization) (patentbridge.UpsertResult, error) {
	for _, o := range os {
		s.got = append(s.got, *o)
	}
	return patentbridge.UpsertResult{Inserted: len(os)}, nil
}

func TestImportOrganizationsSOEListCSVWithRejects(t *testing.T) {
	path := MustWriteFile(t, t.TempDir(), "soe.csv", MustCSV(t, ',',
		[]string{"单位名称", "统一社会信用代码", "所属市(州)"},
		[]string{"四川省能源投资集团有限责任公司", codeA, "成都市"},
		[]string{"四川九洲电器集团有限责任公司", "91510700MA00000011", "5107"},
		[]string{"攀钢集团有限公司", "", "攀枝花"},
		[]string{"某某公司", "", "火星"},
	))
	store := &fakeOrgs{}
	var rejects bytes.Buffer
	sum, err := ImportOrganizations(context.Background(), store, []string{path}, "soe", patentbridge.ImportOptions{Rejects: &rejects})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Read != 4 || sum.Inserted != 2 || sum.Rejected != 2 || len(store.got) != 2 {
		t.Fatalf("summary %+v, %d stored; want 4 read, 2 landed, 2 rejected", sum, len(store.got))
	}
	if o := store.got[0]; o.Type != patentbridge.PartySOE || o.CityCode != "5101" || o.CreditCode != codeA || o.SME {
		t.Errorf("first SOE = %+v, want an SOE of 5101 with its credit code", o)
	}
	if o := store.got[1]; o.Name != "攀钢集团有限公司" || o.CityCode != "5104" {
		t.Errorf("second SOE = %+v, want 攀枝花 = 5104", o)
	}
	report := rejects.String()
	for _, want := range []string{"soe.csv,3,统一社会信用代码,91510700MA00000011,", "校验位", "soe.csv,5,所属市(州),火星,"} {
		if !strings.Contains(report, want) {
			t.Errorf("reject report lacks %q:\n%s", want, report)
		}
	}
}

func TestImportOrganizationsSMEListXLSX(t *testing.T) {
	dir := t.TempDir()
	xlsx := filepath.Join(dir, "sme.xlsx")
	MustSheet(t, xlsx, [][]any{
		{"企业名称", "统一社会信用代码", "类型", "地区代码", "是否中小企业"},
		{"成都锂能新材料有限公司", codeA, "", "510116", "是"},
		{"成都某研究院有限公司", codeB, "个人", "", ""},
	})
	store := &fakeOrgs{}
	sum, err := ImportOrganizations(context.Background(), store, []string{xlsx}, "sme", patentbridge.ImportOptions{})
	if err != nil || sum.Inserted != 1 || sum.Rejected != 1 {
		t.Fatalf("summary %+v, %v; want 1 landed and the 个人 row rejected", sum, err)
	}
	if o := store.got[0]; !o.SME || o.CityCode != "5101" || o.Type != "" {
		t.Errorf("SME = %+v, want an SME of 5101 whose type the registry decides", o)
	}
	noName := MustWriteFile(t, dir, "x.csv", MustCSV(t, ',', []string{"统一社会信用代码"}, []string{codeA}))
	_, err = ImportOrganizations(context.Background(), store, []string{noName}, "sme", patentbridge.ImportOptions{})
	if patentbridge.ErrorCode(err) != patentbridge.EINVALID || !strings.Contains(patentbridge.ErrorMessage(err), "单位名称") {
		t.Errorf("file without a name column: %v, want EINVALID naming 单位名称", err)
	}
	_, err = ImportOrganizations(context.Background(), store, []string{xlsx}, "state", patentbridge.ImportOptions{})
	if patentbridge.ErrorCode(err) != patentbridge.EINVALID {
		t.Errorf("unknown list kind: %v, want EINVALID", err)
	}
}

// syncingStore is a patent store that links owners to organizations after an import.
type syncingStore struct {
	*fakeStore
	syncs int
	user  *patentbridge.User
}

func (s *syncingStore) SyncOrganizations(ctx context.Context) (int, error) {
	s.syncs++
	s.user = patentbridge.UserFrom(ctx)
	return 1, nil
}

func TestImportFilesSyncsOrganizations(t *testing.T) {
	path := MustWriteFile(t, t.TempDir(), "five.csv", fiveRows(t, "一种信号处理方法"))
	store := &syncingStore{fakeStore: newFakeStore(t)}
	ctx := patentbridge.WithUser(context.Background(), &patentbridge.User{Username: "chengdu", Role: patentbridge.RoleCity})
	if _, err := NewImporter(store, nil, nil).ImportFiles(ctx, []string{path}, patentbridge.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if store.syncs != 1 || store.user != nil {
		t.Errorf("synced %d times as %v, want once as the platform", store.syncs, store.user)
	}
}
