package screen

import (
	"fmt"
	"math"
	"strings"
)

// GradeRule says in Chinese how the configuration grades sleeping patents, for
// the pages that explain a grade: the shares of the run's sleeping patents by
// score ("A 前 10%、B 其后 30%、C 其后 40%、D 最后 20%"), or the absolute
// thresholds when configured.
func (c *Config) GradeRule() string {
	if t := c.Thresholds; t != nil {
		return fmt.Sprintf("按评分的绝对分数线：A ≥ %g 分、B ≥ %g 分、C ≥ %g 分，其余为 D", t.A, t.B, t.C)
	}
	parts := make([]string, len(Grades))
	for i, g := range Grades {
		pct := math.Round(c.GradeShares[g]*1000) / 10
		switch i {
		case 0:
			parts[i] = fmt.Sprintf("%s 前 %g%%", g, pct)
		case len(Grades) - 1:
			parts[i] = fmt.Sprintf("%s 最后 %g%%", g, pct)
		default:
			parts[i] = fmt.Sprintf("%s 其后 %g%%", g, pct)
		}
	}
	return "按本批次沉睡专利的评分从高到低划分：" + strings.Join(parts, "、")
}
