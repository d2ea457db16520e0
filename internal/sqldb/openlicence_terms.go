package sqldb

import (
	"context"
	"encoding/json"
	"fmt"

	"patentbridge"
)

// OpenLicenceTerms gives, for each of appNos under an announced open licence,
// its matching reason: "开放许可：" and the announced fee terms.
func (db *DB) OpenLicenceTerms(ctx context.Context, appNos []string) (map[string]string, error) {
	out := map[string]string{}
	for chunk := range chunkStrings(appNos) {
		q := db.dialect.newQuery().add(`SELECT app_no, fee_json FROM open_licences WHERE status = ? AND app_no IN `,
			patentbridge.OpenAnnounced).addList(chunk)
		err := eachRow(ctx, db.read, q, func(s scanner) error {
			var no, fee string
			if err := s.Scan(&no, &fee); err != nil {
				return err
			}
			var f patentbridge.FeeTerms
			if err := json.Unmarshal([]byte(fee), &f); err != nil {
				return fmt.Errorf("open licence fee of %s: %w", no, err)
			}
			out[no] = "开放许可：" + patentbridge.FeeTermsText(f)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("sqldb: open-licensed patents: %w", err)
		}
	}
	return out, nil
}
