package ingest

import (
	"archive/zip"
	"encoding/xml"
	"io"
	"path"
	"strings"

	"github.com/xuri/excelize/v2"
)

// sheetRowEstimate returns the number of rows a worksheet declares in its
// <dimension ref="A1:BI1001"/> element, read from the start of the sheet's XML
// without loading it, or 0 when the workbook does not say.
func sheetRowEstimate(file, sheet string) int {
	z, err := zip.OpenReader(file)
	if err != nil {
		return 0
	}
	defer z.Close()
	target := sheetPart(&z.Reader, sheet)
	for _, f := range z.File {
		if f.Name != target {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return 0
		}
		defer rc.Close()
		return dimensionRows(xml.NewDecoder(rc))
	}
	return 0
}

// sheetPart resolves a sheet name to its part name through xl/workbook.xml and
// its relationships.
func sheetPart(z *zip.Reader, sheet string) string {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if decodePart(z, "xl/workbook.xml", &wb) != nil || decodePart(z, "xl/_rels/workbook.xml.rels", &rels) != nil {
		return ""
	}
	for _, s := range wb.Sheets {
		if s.Name != sheet {
			continue
		}
		for _, r := range rels.Rels {
			if r.ID == s.RID {
				if strings.HasPrefix(r.Target, "/") {
					return strings.TrimPrefix(r.Target, "/")
				}
				return path.Join("xl", r.Target)
			}
		}
	}
	return ""
}

func decodePart(z *zip.Reader, name string, v any) error {
	f, err := z.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	return xml.NewDecoder(io.LimitReader(f, 8<<20)).Decode(v)
}

// dimensionRows reads tokens up to <sheetData> looking for <dimension>.
func dimensionRows(d *xml.Decoder) int {
	for {
		tok, err := d.Token()
		if err != nil {
			return 0
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "sheetData":
			return 0
		case "dimension":
			for _, a := range se.Attr {
				if a.Name.Local != "ref" {
					continue
				}
				ref := a.Value[strings.LastIndexByte(a.Value, ':')+1:]
				if _, rowNum, err := excelize.CellNameToCoordinates(ref); err == nil {
					return rowNum
				}
			}
			return 0
		}
	}
}
