// Package document holds what every document builder returns: the bytes of
// a PDF or a workbook, with its page or sheet count and the warnings a
// person should see. The form, the guide and the workbooks all return it,
// so the commands, the pack and the web form handle any document alike.
package document

// Result is a built document.
type Result struct {
	// Data is the whole file: a PDF or an XLSX workbook.
	Data []byte
	// Pages is the number of pages of a PDF; Sheets the number of sheets a
	// reader sees in a workbook. Zero when it does not apply.
	Pages, Sheets int
	// Warnings are things the user should know, such as where characters
	// the font cannot draw were replaced, one line each.
	Warnings []string
}
