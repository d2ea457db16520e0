package refdata

import (
	"embed"
	"encoding/csv"
	"fmt"
	"io"
	"sync"
)

//go:embed data/*.csv data/*.jsonl
var files embed.FS

// Data holds every parsed reference table; it is read-only and safe for concurrent use.
type Data struct {
	ipc      map[string]ipcEntry
	groups   map[string][]string // subclass -> its main groups and subgroups, scheme order
	subs     []IPCNode           // all subclasses in code order
	sei      map[string]SEIIndustry
	seiList  []SEIIndustry
	ipcSEI   map[string][]string      // exact IPC code -> SEI codes
	wipo     map[string][]wipoPattern // by subclass
	regions  regionTables
	industry map[string]string
	titles   []LabeledTitle
}

var (
	defaultOnce sync.Once
	defaultData *Data
)

// Default returns the embedded reference data, parsed once on first use.
func Default() *Data {
	defaultOnce.Do(func() {
		d, err := load()
		if err != nil {
			// The tables are embedded in the binary: failing to parse them is a build defect.
			panic(fmt.Sprintf("refdata: embedded data is corrupt: %v", err))
		}
		defaultData = d
	})
	return defaultData
}

// load parses every embedded table.
func load() (*Data, error) {
	d := &Data{}
	steps := []struct {
		name string
		fn   func() error
	}{
		{"ipc", d.loadIPC},
		{"sei", d.loadSEI},
		{"wipo", d.loadWIPO},
		{"regions", d.loadRegions},
		{"industry", d.loadIndustry},
		{"titles", d.loadTitles},
	}
	for _, s := range steps {
		if err := s.fn(); err != nil {
			return nil, fmt.Errorf("%s: %w", s.name, err)
		}
	}
	return d, nil
}

// eachCSV calls fn for every data row of an embedded CSV file, skipping the header.
// The record slice is reused between calls.
func eachCSV(name string, fn func(rec []string) error) error {
	f, err := files.Open("data/" + name)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.ReuseRecord = true
	r.FieldsPerRecord = -1
	if _, err := r.Read(); err != nil {
		return fmt.Errorf("%s: header: %w", name, err)
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if err := fn(rec); err != nil {
			line, _ := r.FieldPos(0)
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
}
