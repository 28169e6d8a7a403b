// Package quickstart holds the texts for a person who starts roadmap by
// double-clicking it: the one-page quick starts shipped in each release
// archive (QUICKSTART-lv.txt, QUICKSTART-en.txt), the read-me written into
// the Roadmaps folder, and the words shown in the window while it runs.
package quickstart

import _ "embed"

// FolderReadme is the read-me written into a new Roadmaps folder, in
// Latvian and English.
//
//go:embed folder-readme.txt
var FolderReadme string

// Window is what the window of a double-clicked roadmap says, in Latvian
// and English; {folder} and {url} are replaced.
//
//go:embed window.txt
var Window string
