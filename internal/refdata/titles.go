package refdata

import "fmt"

// loadTitles parses the real patent titles with their IPC subclasses.
func (d *Data) loadTitles() error {
	f, err := files.Open("data/cn_titles_ipc_subclasses.csv")
	if err != nil {
		return err
	}
	defer f.Close()
	if d.titles, err = ReadLabeledTitles(f); err != nil {
		return fmt.Errorf("cn_titles_ipc_subclasses.csv: %w", err)
	}
	return nil
}

// LabeledTitles returns the real Chinese patent titles with their IPC subclasses,
// in file order. The slice is shared: callers must not modify it.
func (d *Data) LabeledTitles() []LabeledTitle {
	return d.titles
}
