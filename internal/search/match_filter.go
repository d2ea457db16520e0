package search

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"patentbridge"
)

// matchFilter is the non-scoring filter of a match: unless the request asks for
// all patents, granted patents in force (patentbridge.MatchStatus) held by a
// university, institute or SOE (patentbridge.MatchOwnerTypes); nil for all.
func matchFilter(req patentbridge.MatchRequest) query.Query {
	if req.All {
		return nil
	}
	status := bleve.NewTermQuery(string(patentbridge.MatchStatus))
	status.SetField("status")
	status.SetBoost(0)
	owners := bleve.NewDisjunctionQuery()
	for _, t := range patentbridge.MatchOwnerTypes {
		q := bleve.NewTermQuery(string(t))
		q.SetField("owner_types")
		q.SetBoost(0)
		owners.AddQuery(q)
	}
	owners.SetBoost(0)
	f := bleve.NewConjunctionQuery(status, owners)
	f.SetBoost(0)
	return f
}

// filtered restricts q to the docs filter matches, scoring by q alone; q itself
// when filter is nil.
func filtered(q, filter query.Query) query.Query {
	if filter == nil {
		return q
	}
	return bleve.NewConjunctionQuery(q, filter)
}
