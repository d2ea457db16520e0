package ingest

// TemplateColumn is one column of a record kind's bulk-upload template: its
// canonical Chinese name (the one errors name), the header names an upload
// may use for it (the name first), an example value and whether a row needs it.
type TemplateColumn struct {
	Name     string
	Synonyms []string
	Example  string
	Required bool
}

// tableColumns returns the importer's columns of a template.
func tableColumns(cs []TemplateColumn) []tableColumn {
	out := make([]tableColumn, len(cs))
	for i, c := range cs {
		out[i] = tableColumn{name: c.Name, synonyms: c.Synonyms}
	}
	return out
}

// requiredColumns returns the names of a template's required columns.
func requiredColumns(cs []TemplateColumn) []string {
	var out []string
	for _, c := range cs {
		if c.Required {
			out = append(out, c.Name)
		}
	}
	return out
}

// TemplateRows returns a template's header, examples, required flags and
// accepted header names, column by column, for the template writers (export).
func TemplateRows(cs []TemplateColumn) (header, example []string, required []bool, synonyms [][]string) {
	for _, c := range cs {
		header, example = append(header, c.Name), append(example, c.Example)
		required, synonyms = append(required, c.Required), append(synonyms, c.Synonyms)
	}
	return header, example, required, synonyms
}
