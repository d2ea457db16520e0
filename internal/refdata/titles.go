package refdata

import (
	"strconv"
	"strings"
)

// loadTitles parses the real patent titles with their IPC subclasses.
func (d *Data) loadTitles() error {
	return eachCSV("cn_titles_ipc_subclasses.csv", func(r []string) error {
		if len(r) < 4 {
			return errShortRow
		}
		fold, err := strconv.Atoi(r[3])
		if err != nil {
			return err
		}
		d.titles = append(d.titles, LabeledTitle{
			PublicationNumber: r[0],
			Title:             r[1],
			Subclasses:        strings.Split(r[2], "|"),
			Fold:              fold,
		})
		return nil
	})
}

// LabeledTitles returns the real Chinese patent titles with their IPC subclasses,
// in file order. The slice is shared: callers must not modify it.
func (d *Data) LabeledTitles() []LabeledTitle {
	return d.titles
}
