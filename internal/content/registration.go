package content

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/partnership-roadmap/roadmap/internal/diag"
)

// registrationNodes returns the nodes of the registration form's
// checkpoints, in document order, and the node of the section (nil when
// the file has none).
func registrationNodes(root *yaml.Node) (section *yaml.Node, cps []*yaml.Node) {
	section = valueOf(root, "registration")
	if n := valueOf(section, "checkpoints"); n != nil {
		cps = n.Content
	}
	return section, cps
}

// checkRegistration checks the registration form of language l on its own,
// if it has one: a title, and per checkpoint a unique id, a title, a hint and options with
// unique ids and labels.
func checkRegistration(l *Language, pos *positions) diag.List {
	var ps diag.List
	file := pos.file
	section, nodes := registrationNodes(pos.root)
	if section == nil {
		// content without a registration form makes no directory;
		// compareRegistration asks for it when the source has one
		return ps
	}
	if strings.TrimSpace(l.Registration.Title) == "" {
		ps.Add(file, section, "registration: title is missing or empty")
	}
	if len(l.Registration.Checkpoints) == 0 {
		ps.Add(file, section, "registration: checkpoints are missing")
	}
	seen := map[string]bool{}
	for i, cp := range l.Registration.Checkpoints {
		if i >= len(nodes) {
			break
		}
		n := nodes[i]
		switch {
		case cp.ID == "":
			ps.Add(file, n, "registration: checkpoint has no id")
		case seen[cp.ID]:
			ps.Add(file, valueOf(n, "id"), "registration: checkpoint id %q is used twice; ids must be unique", cp.ID)
		case l.stepCheckpoint(cp.ID):
			ps.Add(file, valueOf(n, "id"), "registration: checkpoint id %q is a roadmap checkpoint's too; ids must be unique", cp.ID)
		}
		seen[cp.ID] = true
		for _, key := range []string{"title", "hint"} {
			if v := valueOf(n, key); v == nil || strings.TrimSpace(v.Value) == "" {
				at := v
				if at == nil {
					at = n
				}
				ps.Add(file, at, "registration: checkpoint %s: %s is missing or empty", cp.ID, key)
			}
		}
		if cp.Options != nil {
			items := valueOf(valueOf(n, "options"), "items")
			oseen := map[string]bool{}
			for j, o := range cp.Options.Items {
				if items == nil || j >= len(items.Content) {
					break
				}
				on := items.Content[j]
				if o.ID == "" || oseen[o.ID] {
					ps.Add(file, on, "registration: checkpoint %s: option id %q is missing or used twice", cp.ID, o.ID)
				}
				oseen[o.ID] = true
				if strings.TrimSpace(o.Label) == "" {
					ps.Add(file, on, "registration: checkpoint %s: option %s: label is missing or empty", cp.ID, o.ID)
				}
			}
		}
	}
	return ps
}

// stepCheckpoint reports whether id is the id of a checkpoint of the
// roadmap's steps.
func (l *Language) stepCheckpoint(id string) bool {
	for _, cp := range l.Checkpoints("all") {
		if cp.ID == id {
			return true
		}
	}
	return false
}

// compareRegistration checks the registration form of translation l
// against the source language's: the same checkpoints, in the same order,
// with the same options.
func compareRegistration(src *Language, l *Language, pos *positions) diag.List {
	var ps diag.List
	section, nodes := registrationNodes(pos.root)
	if section == nil {
		if len(src.Registration.Checkpoints) > 0 {
			ps.Add(pos.file, pos.root, "registration (the organisation directory's registration form) is missing; %s has it", src.Code)
		}
		return ps
	}
	want := make([]string, len(src.Registration.Checkpoints))
	for i, cp := range src.Registration.Checkpoints {
		want[i] = cp.ID
	}
	have := make([]string, len(l.Registration.Checkpoints))
	for i, cp := range l.Registration.Checkpoints {
		have[i] = cp.ID
	}
	if !slices.Equal(want, have) {
		ps.Add(pos.file, section, "registration: checkpoints are [%s]; %s has [%s] (same ids, same order)", strings.Join(have, ", "), src.Code, strings.Join(want, ", "))
		return ps
	}
	for i, cp := range l.Registration.Checkpoints {
		w := &src.Registration.Checkpoints[i]
		if wo, lo := w.OptionIDs(), cp.OptionIDs(); !slices.Equal(wo, lo) && i < len(nodes) {
			ps.Add(pos.file, nodes[i], "%s", fmt.Sprintf("registration: checkpoint %s: options are [%s]; %s has [%s] (same ids, same order)", cp.ID, strings.Join(lo, ", "), src.Code, strings.Join(wo, ", ")))
		}
	}
	return ps
}
