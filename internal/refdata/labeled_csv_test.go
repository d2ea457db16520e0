package refdata

import (
	"slices"
	"strings"
	"testing"
)

func TestReadLabeledTitles(t *testing.T) {
	// The first rows of the real file, with a BOM and the columns reordered.
	in := "\ufefftitle,ipc_subclasses,fold,publication_number\n" +
		"一种水电站高压输电线路驱鸟保护装置,A01M|G06F|H02G,1,CN114081026A\n" +
		"一种废水循环利用的自动洗车装置,B60S|C02F,1,CN215667380U\n"
	got, err := ReadLabeledTitles(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].PublicationNumber != "CN114081026A" || got[0].Fold != 1 ||
		!slices.Equal(got[0].Subclasses, []string{"A01M", "G06F", "H02G"}) || got[1].Title != "一种废水循环利用的自动洗车装置" {
		t.Errorf("got %+v", got)
	}
	if first := Default().LabeledTitles()[0]; first.PublicationNumber != "CN114081026A" || len(first.Subclasses) != 3 {
		t.Errorf("embedded file's first row %+v", first)
	}
	for _, tt := range []struct{ in, want string }{
		{"title\n一种电池\n", "缺少列 ipc_subclasses"},
		{"title,ipc_subclasses,fold\n一种电池,H01M,1\n一种白酒,C12G,二\n", "第3行：fold \"二\" 不是整数"},
		{"title,ipc_subclasses\n一种电池,H01M\n一种白酒,C12G|H01M10/0525\n", "第3行：ipc_subclasses 中的 \"H01M10/0525\" 不是 IPC 小类"},
		{"title,ipc_subclasses\n一种电池,XX99\n", "第2行：ipc_subclasses 中的 \"XX99\" 不是 IPC 小类"},
	} {
		if _, err := ReadLabeledTitles(strings.NewReader(tt.in)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("error %v, want %q", err, tt.want)
		}
	}
}
