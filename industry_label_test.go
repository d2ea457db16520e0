package patentbridge

import "testing"

func TestIndustryKeyLabel(t *testing.T) {
	for key, want := range map[string]string{
		"sichuan_5_1:电子信息": "“5+1”现代产业体系·电子信息",
		"advantage_6:医药健康": "六大优势产业·医药健康",
		"agri_10_3:川茶":     "农业“10+3”产业体系·川茶",
		"unknown:电子信息":     "unknown:电子信息",
		"电子信息":             "电子信息",
		"sichuan_5_1:":     "sichuan_5_1:",
	} {
		if got := IndustryKeyLabel(key); got != want {
			t.Errorf("IndustryKeyLabel(%q) = %q, want %q", key, got, want)
		}
	}
}
