package screen

// KeywordRule is an industry of the mapping that a text names by one of its
// keywords (outside the rule's exclusions), with the rule's IPC prefixes.
type KeywordRule struct {
	System, Industry string
	IPCPrefixes      []string // normalized: "C12G", "H10", "A23F3/", "A23L3/36"
}

// KeywordRules returns the rules whose keywords the text names, in mapping file
// order, with the same matching as Classify's title keywords (茶几 is not 茶).
func (c *Classifier) KeywordRules(text string) []KeywordRule {
	var out []KeywordRule
	for i, hit := range c.kw.match(text) {
		if hit {
			ru := &c.rules[i]
			out = append(out, KeywordRule{System: ru.system, Industry: ru.industry, IPCPrefixes: ru.ipc})
		}
	}
	return out
}
