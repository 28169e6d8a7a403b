// Package content embeds the roadmap's content folders (one per language) in
// the binary. The model that reads them is internal/content.
package content

import "embed"

// FS holds every language folder: lv/roadmap.yaml, lv/labels/*.yaml, ...
//
//go:embed */roadmap.yaml */labels/*.yaml
var FS embed.FS
