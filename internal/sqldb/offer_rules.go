package sqldb

import (
	"context"
	"fmt"

	"patentbridge"
)

// checkOfferPatents applies patentbridge.CheckOfferPatent to every patent of
// an offer of kind k, reading each patent's legal status and whether an open
// licence is announced on it through qr. Returns EINVALID, ECONFLICT, ENOTFOUND.
func (db *DB) checkOfferPatents(ctx context.Context, qr queryer, k patentbridge.OfferKind, appNos []string) error {
	for _, no := range appNos {
		st := patentbridge.OfferPatentState{AppNo: no}
		var status string
		q := db.dialect.newQuery().add("SELECT status FROM patents WHERE app_no = ?", no)
		if err := qr.QueryRowContext(ctx, q.String(), q.args...).Scan(&status); err != nil {
			if isNoRows(err) {
				return patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到专利 %s", patentbridge.FormatAppNo(no))
			}
			return fmt.Errorf("sqldb: offered patent status: %w", err)
		}
		st.Status = patentbridge.LegalStatus(status)
		announced, err := db.licAnnouncedOn(ctx, qr, no)
		if err != nil {
			return err
		}
		st.OpenAnnounced = announced
		if err := patentbridge.CheckOfferPatent(k, st); err != nil {
			return err
		}
	}
	return nil
}

// offerOpenLicences fills, for an open-licence offer, the id of the latest
// announced (or announced then withdrawn) open-licence declaration of each of
// its patents, 0 for a patent without one.
func (db *DB) offerOpenLicences(ctx context.Context, qr queryer, o *patentbridge.Offer) error {
	if o.Kind != patentbridge.OfferOpenLicence {
		return nil
	}
	o.OpenLicenceIDs = make([]int64, len(o.AppNos))
	for i, no := range o.AppNos {
		q := db.dialect.newQuery().add("SELECT COALESCE(MAX(id), 0) FROM open_licences WHERE app_no = ? AND announced_at <> ''", no)
		if err := qr.QueryRowContext(ctx, q.String(), q.args...).Scan(&o.OpenLicenceIDs[i]); err != nil {
			return fmt.Errorf("sqldb: open licences of offer %d: %w", o.ID, err)
		}
	}
	return nil
}
