package search

// SetFailDoc makes x fail to index every doc for which fail returns an error,
// as Bleve would (the test hook of skip.go).
func SetFailDoc(x *Indexer, fail func(Doc) error) { x.failDoc = fail }

// ReportFault records a failed search of ix, as an error of Bleve at query time does.
func ReportFault(ix *Index, err error) { ix.fault(err) }

// The caps of doccap.go and hitbrief.go, for the tests.
const (
	MaxTitleBytes    = maxTitleBytes
	MaxAbstractBytes = maxAbstractBytes
	MaxClaimBytes    = maxClaimBytes
	MaxDocBytes      = maxDocBytes
	HitTitleRunes    = hitTitleRunes
	HitTextRunes     = hitTextRunes
)
