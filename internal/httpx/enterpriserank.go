package httpx

import (
	"context"

	"patentbridge"
)

// EnterpriseMatch is an enterprise ranked for a patent by the fit of its 经营范围
// and industry, with the reasons (Chinese) it was chosen.
type EnterpriseMatch struct {
	Enterprise patentbridge.Enterprise `json:"enterprise"`
	Score      float64                 `json:"score"`
	Reasons    []string                `json:"reasons"`
}

// EnterpriseRanker ranks registry enterprises for a patent (专利进园区企业); the
// enterprise matcher of internal/search implements it, wired in by cmd.
type EnterpriseRanker interface {
	// RankForPatent returns up to limit enterprises, best first. Returns ENOTFOUND
	// for an unknown patent.
	RankForPatent(ctx context.Context, appNo string, limit int) ([]EnterpriseMatch, error)
}

// PushRow is one line of a push list: an enterprise and the patents proposed to it.
type PushRow struct {
	EnterpriseMatch
	Patents []string // application numbers, for a supply list's push list
}
