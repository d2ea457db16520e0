package screen

import (
	"slices"
	"testing"
)

func TestIndustries(t *testing.T) {
	tests := []struct {
		system string
		want   []string
	}{
		{System51, []string{"电子信息", "装备制造", "食品饮料", "先进材料", "能源化工", "数字经济"}},
		{SystemAdvantage6, []string{"电子信息", "装备制造", "先进材料", "能源化工", "食品轻纺", "医药健康"}},
		{SystemAgri103, []string{"川粮油", "川猪", "川茶", "川菜", "川酒", "川竹", "川果", "川药", "川牛羊", "川鱼", "种业", "农业装备", "烘干冷链物流"}},
		{"nonsense", nil},
	}
	for _, tt := range tests {
		t.Run(tt.system, func(t *testing.T) {
			if got := Industries(tt.system); !slices.Equal(got, tt.want) {
				t.Errorf("Industries(%q) = %v, want %v", tt.system, got, tt.want)
			}
		})
	}
	for _, s := range Systems {
		if SystemLabel(s) == "" {
			t.Errorf("system %q has no label", s)
		}
	}
}
