// Package content owns the roadmap model: steps, checkpoints, audiences,
// tick-box options, partner examples, links and the labels every document
// needs, in every language. It loads the model from a file system (the
// embedded content or a folder on disk) and checks each language against the
// source language.
package content

import (
	"strings"

	"github.com/partnership-roadmap/roadmap/internal/msg"
)

// SourceLanguage is the language every other language is checked against.
const SourceLanguage = "lv"

// Audience says which checklist form a checkpoint belongs to.
type Audience string

// The audiences of a checkpoint.
const (
	Both         Audience = "both"
	Municipality Audience = "municipality"
	Community    Audience = "community"
	// Registration is the organisation directory's registration form: the
	// short checklist an organisation fills in to be listed in a
	// municipality's directory (checkpoint 2.1), apart from the roadmap's
	// steps. Its checkpoints are Language.Registration's.
	Registration Audience = "registration"
)

// Forms lists the two checklist forms in the order documents show them.
var Forms = []Audience{Municipality, Community}

// AllForms lists every form an answers file may fill in: the two checklists
// and the registration form.
var AllForms = []Audience{Municipality, Community, Registration}

// Includes reports whether a checkpoint for audience a belongs to form f.
// The form "all" (or "") includes every checkpoint.
func (a Audience) Includes(f Audience) bool {
	switch f {
	case "", "all":
		return true
	case Both:
		return a == Both
	case Registration:
		// the registration form shares no checkpoint with the checklists
		return a == Registration
	}
	return a == Both || a == f
}

// ParseForm parses the name of a checklist form: municipality or community.
func ParseForm(s string) (Audience, error) {
	switch a := Audience(s); a {
	case Municipality, Community:
		return a, nil
	}
	return "", msg.New("usage.unknown-value", "what", msg.New("usage.what.form"), "value", msg.Value(s), "allowed", "municipality, community")
}

// ParseAnyForm parses the name of any form an answers file may fill in:
// municipality, community or registration.
func ParseAnyForm(s string) (Audience, error) {
	if a := Audience(s); a == Registration {
		return a, nil
	}
	a, err := ParseForm(s)
	if err != nil {
		return "", msg.New("usage.unknown-value", "what", msg.New("usage.what.form"), "value", msg.Value(s), "allowed", "municipality, community, registration")
	}
	return a, nil
}

// Language is the whole roadmap in one language.
type Language struct {
	// Code is the language code, the name of the language's folder (lv, en).
	Code string `yaml:"language"`
	// Name is the language's own name for itself (Latviešu, English).
	Name string `yaml:"name"`
	// Title is the roadmap's full title.
	Title string `yaml:"title"`
	// Subtitle names the guideline booklet.
	Subtitle string `yaml:"subtitle"`
	// Project is the project's name (LOCAL-Y-MPACT).
	Project string `yaml:"project"`
	// Status says whether a native speaker has reviewed the translation:
	// "reviewed" or "draft". Documents and `content check` show it.
	Status Status `yaml:"status"`
	// StatusNote says, in the language itself, what the status means for a
	// reader (who translated it, what remains to be checked).
	StatusNote string `yaml:"status_note,omitempty"`
	// Preface is the Markdown text that opens the booklet, before the introduction.
	Preface string `yaml:"preface"`
	// Introduction is "about the roadmap", how to use it and the legend of the markers.
	Introduction Introduction `yaml:"introduction"`
	// Steps are the three steps of the roadmap, in order.
	Steps []Step `yaml:"steps" item:"step"`
	// Registration is the registration form of the organisation directory.
	Registration RegistrationForm `yaml:"registration"`
	// About is the closing "about the project" section.
	About Section `yaml:"about_project"`
	// Disclaimer is the EU funding disclaimer, in Markdown.
	Disclaimer string `yaml:"disclaimer"`

	// Labels holds every short text the documents need, by dotted key. A
	// label with plural forms holds its "other" form here.
	Labels Labels `yaml:"-"`
	// Plurals holds the plural forms of labels that hold a count, by dotted
	// key and CLDR plural category (zero, one, two, few, many, other).
	Plurals map[string]map[string]string `yaml:"-"`

	// Dir is the folder the language was loaded from, for messages.
	Dir string `yaml:"-"`
	// Digest identifies the text the language was read from: a hash of its
	// files (roadmap.yaml and the label files) and, for a translation, of
	// the source language's, whose fields it inherits. Results computed
	// once from the built-in content (the booklet's page numbers) are kept
	// under it; it is empty for a language made some other way.
	Digest string `yaml:"-"`
}

// Introduction opens the guideline.
type Introduction struct {
	Title    string    `yaml:"title"`
	Sections []Section `yaml:"sections" item:"section"`
	// Markers is the legend of the two form markers.
	Markers Markers `yaml:"markers"`
}

// Section is a titled piece of Markdown text.
type Section struct {
	Title string `yaml:"title"`
	Body  string `yaml:"body"`
}

// Markers explains the marker that tells which form a checkpoint belongs to.
type Markers struct {
	// Lead introduces the legend, in Markdown.
	Lead string `yaml:"lead"`
	// Municipality describes the municipality form's marker.
	Municipality string `yaml:"municipality"`
	// Community describes the community-organisation form's marker.
	Community string `yaml:"community"`
}

// RegistrationForm is the short checklist an organisation fills in to be listed
// in a municipality's directory of organisations. Its checkpoints have no
// guidance and no status: each is a question with, perhaps, options to
// tick; their audience is Registration and their step 1 (the colour they
// are drawn in).
type RegistrationForm struct {
	Title       string       `yaml:"title"`
	Checkpoints []Checkpoint `yaml:"checkpoints" item:"checkpoint"`
}

// Step is one of the three steps of the roadmap.
type Step struct {
	Number      int          `yaml:"number"`
	Title       string       `yaml:"title"`
	Checkpoints []Checkpoint `yaml:"checkpoints" item:"checkpoint"`
}

// Checkpoint is one statement of the checklist forms, with its guidance.
type Checkpoint struct {
	// ID is stable across languages; answers files use it.
	ID       string   `yaml:"id"`
	Audience Audience `yaml:"audience"`
	Title    string   `yaml:"title"`
	// Hint is one line printed under the statement on the form.
	Hint string `yaml:"hint"`
	// Guidance is the booklet's text before the option list, in Markdown.
	Guidance string `yaml:"guidance"`
	// Options are the tick-box options, if the checkpoint has a list.
	Options *OptionList `yaml:"options,omitempty"`
	// Closing is the booklet's text after the option list, in Markdown.
	Closing string `yaml:"closing,omitempty"`
	// Examples are partner examples, each in Markdown, set apart in a box.
	Examples []string `yaml:"examples,omitempty" item:"example"`
	// Links are further reading, shown as clickable links.
	Links []Link `yaml:"links,omitempty" item:"link"`
	// Table names a table the checkpoint carries ("action-plan").
	Table string `yaml:"table,omitempty"`
	// WriteIn is the number of ruled lines a blank form gives the
	// checkpoint to write on; 0 means the default (see WriteInLines). It
	// does not depend on the language: the source language's value is the
	// one every language uses, so translations need not repeat it.
	WriteIn int `yaml:"writein,omitempty"`

	// Step is the number of the step the checkpoint is in.
	Step int `yaml:"-"`
}

// OptionList is a list of tick-box options with the sentence that leads in.
type OptionList struct {
	// Lead is the sentence that introduces the list, in Markdown.
	Lead  string   `yaml:"lead"`
	Items []Option `yaml:"items" item:"option"`
}

// Option is one tick-box option.
type Option struct {
	ID string `yaml:"id"`
	// Label is the short text beside the tick box on the form.
	Label string `yaml:"label"`
	// Text is the option's full guidance in the booklet, in Markdown.
	Text string `yaml:"text,omitempty"`
}

// Link is a titled absolute URL.
type Link struct {
	Title string `yaml:"title"`
	URL   string `yaml:"url"`
}

// Labels maps dotted keys (form.title.municipality) to short texts.
type Labels map[string]string

// Label returns the label for key. A missing label returns the key itself in
// brackets, so a gap is visible in a document rather than silently blank;
// `roadmap content check` reports such gaps before they reach a document.
func (l *Language) Label(key string) string {
	if s, ok := l.Labels[key]; ok {
		return s
	}
	return "[" + key + "]"
}

// Format returns the label for key with each {name} placeholder replaced by
// the value that follows name in kv: Format("page", "page", "2", "pages", "7").
func (l *Language) Format(key string, kv ...string) string {
	return format(l.Label(key), kv...)
}

// format replaces each {name} placeholder of s by the value that follows name
// in kv; a placeholder kv does not name is left as it is. (It is called for
// every tooltip of a fillable form: a strings.Replacer built per call cost
// more than the rest of the label's work.)
func format(s string, kv ...string) string {
	if len(kv) < 2 || !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 32)
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i+1:], '}')
		if j < 0 {
			break
		}
		name, value, ok := s[i+1:i+1+j], "", false
		for k := 0; k+1 < len(kv); k += 2 {
			if kv[k] == name {
				value, ok = kv[k+1], true
				break
			}
		}
		if !ok {
			// not a placeholder: keep the brace, look again after it
			b.WriteString(s[:i+1])
			s = s[i+1:]
			continue
		}
		b.WriteString(s[:i])
		b.WriteString(value)
		s = s[i+2+j:]
	}
	b.WriteString(s)
	return b.String()
}

// Checkpoints returns the checkpoints of form f in document order; f "all"
// returns every checkpoint of the roadmap's steps (not the registration
// form's, which Registration returns).
func (l *Language) Checkpoints(f Audience) []*Checkpoint {
	var out []*Checkpoint
	if f == Registration {
		for ci := range l.Registration.Checkpoints {
			out = append(out, &l.Registration.Checkpoints[ci])
		}
		return out
	}
	for si := range l.Steps {
		for ci := range l.Steps[si].Checkpoints {
			cp := &l.Steps[si].Checkpoints[ci]
			if cp.Audience.Includes(f) {
				out = append(out, cp)
			}
		}
	}
	return out
}

// Checkpoint returns the checkpoint with the given id, or nil.
func (l *Language) Checkpoint(id string) *Checkpoint {
	for si := range l.Steps {
		for ci := range l.Steps[si].Checkpoints {
			if cp := &l.Steps[si].Checkpoints[ci]; cp.ID == id {
				return cp
			}
		}
	}
	for ci := range l.Registration.Checkpoints {
		if cp := &l.Registration.Checkpoints[ci]; cp.ID == id {
			return cp
		}
	}
	return nil
}

// Option returns the option with the given id, or nil.
func (c *Checkpoint) Option(id string) *Option {
	if c.Options == nil {
		return nil
	}
	for i := range c.Options.Items {
		if c.Options.Items[i].ID == id {
			return &c.Options.Items[i]
		}
	}
	return nil
}

// OptionIDs returns the ids of the checkpoint's options, in order.
func (c *Checkpoint) OptionIDs() []string {
	if c.Options == nil {
		return nil
	}
	ids := make([]string, len(c.Options.Items))
	for i, o := range c.Options.Items {
		ids[i] = o.ID
	}
	return ids
}
