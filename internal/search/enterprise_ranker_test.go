package search

import (
	"context"
	"fmt"
	"testing"

	"patentbridge"
)

// registryStore is a registry with a version that counts its changes.
type registryStore struct {
	patent  *patentbridge.Patent
	es      []*patentbridge.Enterprise
	changes int
}

func (s *registryStore) FindPatent(_ context.Context, appNo string) (*patentbridge.Patent, error) {
	if appNo != s.patent.AppNo {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "专利 %s 不存在", appNo)
	}
	return s.patent, nil
}

func (s *registryStore) EnterprisesVersion(context.Context) (string, error) {
	return fmt.Sprint(len(s.es), "/", s.changes), nil
}

func (s *registryStore) EachEnterprise(_ context.Context, fn func(e *patentbridge.Enterprise) error) error {
	for _, e := range s.es {
		c := *e
		if err := fn(&c); err != nil {
			return err
		}
	}
	return nil
}

func TestEnterpriseRankerSeesAnUpdatedRegistry(t *testing.T) {
	store := &registryStore{
		patent: &patentbridge.Patent{AppNo: "L1", Title: "一种白酒固态发酵温度自动控制系统", IPC: []string{"C12G3/02"},
			Abstract: "窖池内布置温度传感器，控制器根据酒醅温度自动调节通风与冷却水。"},
		es: []*patentbridge.Enterprise{
			{Name: "成都某电子科技有限公司", Scope: "集成电路设计；软件开发", Industry: "计算机、通信和其他电子设备制造业", RegionCode: "510107"},
			{Name: "宜宾某机械有限公司", Scope: "通用机械制造；金属结构件加工", Industry: "通用设备制造业", RegionCode: "511502"},
		},
	}
	r := NewEnterpriseRanker(store, nil)
	ctx := context.Background()
	if got, err := r.RankForPatent(ctx, "L1", 5); err != nil || len(got) != 0 {
		t.Fatalf("before: %+v, %v; want no enterprise fitting a liquor patent", got, err)
	}
	// The machinery company takes up liquor making: same number of enterprises.
	store.es[1].Scope, store.es[1].Industry = "白酒生产、销售；酿酒设备制造", "酒、饮料和精制茶制造业"
	store.changes++
	got, err := r.RankForPatent(ctx, "L1", 5)
	if err != nil || len(got) == 0 || got[0].Enterprise.Name != "宜宾某机械有限公司" {
		t.Fatalf("after the update: %+v, %v; want 宜宾某机械有限公司 first", got, err)
	}
	if _, err := r.RankForPatent(ctx, "X9", 5); patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
		t.Errorf("unknown patent: %v, want ENOTFOUND", err)
	}
}

// A city user pushing a patent is offered its own city's enterprises only, never
// another city's record (an attack found the 成都 user reading a 绵阳 firm's
// credit code, 经营范围 and region).
func TestEnterpriseRankerKeepsACityUserInItsCity(t *testing.T) {
	store := &registryStore{
		patent: &patentbridge.Patent{AppNo: "L1", Title: "一种白酒固态发酵温度自动控制系统", IPC: []string{"C12G3/02"}},
		es: []*patentbridge.Enterprise{
			{Name: "绵阳某酒业有限公司", Scope: "白酒生产、销售；酿酒设备制造", Industry: "酒、饮料和精制茶制造业", RegionCode: "510703", CreditCode: "91510703MA6XXXXXXX"},
			{Name: "成都某酒业有限公司", Scope: "白酒生产、销售", Industry: "酒、饮料和精制茶制造业", RegionCode: "510112"},
		},
	}
	r := NewEnterpriseRanker(store, nil)
	all, err := r.RankForPatent(context.Background(), "L1", 5)
	if err != nil || len(all) != 2 {
		t.Fatalf("admin's ranking = %+v, %v; want both liquor firms", all, err)
	}
	chengdu := patentbridge.WithUser(context.Background(), &patentbridge.User{Role: patentbridge.RoleCity, CityCode: "5101"})
	got, err := r.RankForPatent(chengdu, "L1", 5)
	if err != nil || len(got) != 1 || got[0].Enterprise.Name != "成都某酒业有限公司" {
		t.Errorf("成都's ranking = %+v, %v; want its own liquor firm only", got, err)
	}
}
