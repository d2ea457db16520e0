package patentbridge

import "time"

// PatentChange is one entry of the patent change table (outbox) that derived
// stores such as the search index tail, in commit order.
type PatentChange struct {
	Seq       int64     `json:"seq"`
	AppNo     string    `json:"app_no"`
	Op        string    `json:"op"` // "insert", "update" or "delete"
	ChangedAt time.Time `json:"changed_at"`
}

// PatentTags is what the latest finished screening run says of a patent, for
// search filters and facets: its grade (sleeping patents only) and its industries.
type PatentTags struct {
	Grade          string
	Classification Classification
}
