package sqldb

import (
	"context"

	"patentbridge"
)

// PublishOldKPIForTest publishes the year's figures as publications were
// made before the unassigned row was published (the province and the 21
// 市(州) only), for tests that such an entry still verifies.
func (db *DB) PublishOldKPIForTest(ctx context.Context, year int) (int64, error) {
	rep, err := db.KPIReport(ctx, year)
	if err != nil {
		return 0, err
	}
	pub := newKPIPublication(rep)
	delete(pub.Areas, patentbridge.KPIUnassigned)
	return db.appendKPIPublication(ctx, patentbridge.UserFrom(ctx), pub)
}
