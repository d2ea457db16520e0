// Package ingest imports patent export files (CSV/TSV in UTF-8, GBK or GB18030,
// XLSX, JSON Lines) into the patent store, batch by batch, reporting rejected rows.
package ingest

import (
	"context"
	"log/slog"
	"os"
	"time"

	"patentbridge"
)

// PatentUpserter is the part of the patent store an import writes to.
type PatentUpserter interface {
	// UpsertPatents inserts or updates one batch in one transaction.
	UpsertPatents(ctx context.Context, ps []*patentbridge.Patent) (patentbridge.UpsertResult, error)
}

// Regions resolves the region fields of an export to GB/T 2260 codes.
type Regions interface {
	// RegionFromProvinceField resolves 国省代码 values like "四川(51)" to a 6-digit code.
	RegionFromProvinceField(s string) (code string, ok bool)
	// RegionFromAddress resolves an address to the most specific 6-digit code.
	RegionFromAddress(addr string) (code string, ok bool)
}

// DefaultBatchSize is the number of patents written per store transaction.
const DefaultBatchSize = 1000

// Importer implements patentbridge.ImportService.
type Importer struct {
	// BatchSize is the number of rows per upsert (one transaction each).
	BatchSize int
	// AfterBatch, when set, is called after each committed batch with the number of
	// batches committed so far in the current ImportFiles call.
	AfterBatch func(n int)

	store   PatentUpserter
	regions Regions
	logger  *slog.Logger
}

var _ patentbridge.ImportService = (*Importer)(nil)

// NewImporter returns an importer writing to store; regions may be nil (no region
// codes are then set) and logger nil (logs are discarded).
func NewImporter(store PatentUpserter, regions Regions, logger *slog.Logger) *Importer {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Importer{BatchSize: DefaultBatchSize, store: store, regions: regions, logger: logger}
}

// ImportFiles imports every file in order. Every file's header is checked before
// anything is written, so a file that is not a patent export (no 申请号 column,
// unreadable XLSX) fails the call with EINVALID and nothing of it lands.
func (imp *Importer) ImportFiles(ctx context.Context, paths []string, opt patentbridge.ImportOptions) (patentbridge.ImportSummary, error) {
	start := time.Now()
	r := &run{imp: imp, opt: opt, rejects: newRejectWriter(opt.Rejects)}
	var sizes []int64
	for _, p := range paths {
		if err := checkFile(p, opt.Sheet); err != nil {
			return r.sum, err
		}
		st, err := os.Stat(p)
		if err != nil {
			return r.sum, err
		}
		sizes = append(sizes, st.Size())
		r.total += st.Size()
	}
	if err := r.rejects.header(); err != nil {
		return r.sum, err
	}
	r.w = startWriter(ctx, imp, opt)
	var err error
	for i, p := range paths {
		r.size = sizes[i]
		if err = r.importFile(ctx, p); err != nil {
			break
		}
		r.done += sizes[i]
		r.sum.Files++
	}
	res, werr := r.w.close()
	r.sum.Inserted, r.sum.Updated, r.sum.Unchanged = res.Inserted, res.Updated, res.Unchanged
	r.sum.Seconds = time.Since(start).Seconds()
	if err == nil {
		err = werr
	}
	if err != nil {
		return r.sum, err
	}
	imp.syncOrganizations(ctx)
	imp.logger.Info("import finished", "files", r.sum.Files, "read", r.sum.Read, "inserted", r.sum.Inserted,
		"updated", r.sum.Updated, "unchanged", r.sum.Unchanged, "rejected", r.sum.Rejected, "check_computed", r.sum.CheckComputed, "seconds", r.sum.Seconds)
	return r.sum, nil
}

// checkFile opens a file and verifies it has a 申请号 column.
func checkFile(path, sheet string) error {
	src, err := openSource(path, sheet)
	if err != nil {
		return err
	}
	defer src.close()
	if _, ok := newLayout(src.header()); !ok {
		return notAnExport(path)
	}
	return nil
}

func notAnExport(path string) error {
	return patentbridge.Errorf(patentbridge.EINVALID, "文件 %s 不是专利导出文件：找不到\"申请号\"列", baseName(path))
}

func (imp *Importer) batchSize() int {
	if imp.BatchSize <= 0 {
		return DefaultBatchSize
	}
	return imp.BatchSize
}

// OrganizationSyncer is a patent store that also links patents' owners to the
// organization registry (sqldb.DB is one).
type OrganizationSyncer interface {
	SyncOrganizations(ctx context.Context) (int, error)
}

// syncOrganizations links the owners of the imported patents to their
// organizations when the store can, as the platform itself (whoever started the
// import); a failure is logged and does not fail the import.
func (imp *Importer) syncOrganizations(ctx context.Context) {
	s, ok := imp.store.(OrganizationSyncer)
	if !ok {
		return
	}
	ctx = patentbridge.WithOrigin(patentbridge.WithUser(ctx, nil), patentbridge.Origin{Address: "system"})
	start := time.Now()
	n, err := s.SyncOrganizations(ctx)
	if err != nil {
		imp.logger.Error("linking patent owners to organizations failed", "err", err)
		return
	}
	imp.logger.Info("patent owners linked to organizations", "created", n, "took", time.Since(start).Round(time.Millisecond))
}
