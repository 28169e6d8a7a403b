// Package content embeds the roadmap's content folders (one per language) in
// the binary. The model that reads them is internal/content.
package content

import "embed"

// FS holds every language folder (lv/roadmap.yaml, lv/labels/*.yaml, and a
// translation's sources.yaml), and same.yaml, the texts that stay the same in
// every language.
//
//go:embed */roadmap.yaml */labels/*.yaml */sources.yaml */same.yaml same.yaml source-texts.yaml
var FS embed.FS
