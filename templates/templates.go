// Package templates embeds the default look of the documents: the PDF theme
// (theme.yaml). The --templates flag replaces it with a folder on disk of the
// same shape.
package templates

import "embed"

// FS holds the embedded template files (theme.yaml).
//
//go:embed *.yaml
var FS embed.FS
