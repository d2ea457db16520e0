package ingest

import (
	"bytes"
	"io"
	"patentbridge"
	"strconv"
)

// rejectWriter writes the reject report, one whole row's records per Write so a
// consumer may cut the report between rows.
type rejectWriter struct {
	w   io.Writer
	buf bytes.Buffer
}

func newRejectWriter(w io.Writer) *rejectWriter { return &rejectWriter{w: w} }

// header writes the CSV header line (patentbridge.RejectHeader).
func (rw *rejectWriter) header() error {
	return rw.records([][]string{patentbridge.RejectHeader})
}

// write reports every problem of one rejected row; a long value is clipped
// (patentbridge.ClipValue) so a rejected giant never fills the report.
func (rw *rejectWriter) write(file string, line int, probs []problem) error {
	recs := make([][]string, 0, len(probs))
	for _, p := range probs {
		recs = append(recs, []string{file, strconv.Itoa(line), p.column, patentbridge.ClipValue(p.value), p.reason})
	}
	return rw.records(recs)
}

func (rw *rejectWriter) records(recs [][]string) error {
	if rw.w == nil {
		return nil
	}
	rw.buf.Reset()
	if err := patentbridge.NewCSVWriter(&rw.buf).WriteAll(recs); err != nil {
		return err
	}
	_, err := rw.w.Write(rw.buf.Bytes())
	return err
}
