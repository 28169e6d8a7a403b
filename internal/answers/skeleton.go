package answers

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/partnership-roadmap/roadmap/internal/content"
)

// commentWidth is where comment lines of a skeleton are wrapped.
const commentWidth = 100

// Skeleton returns a ready-to-fill answers file for form in language lang:
// a header saying what the file is and how to check and render it, every
// checkpoint of the form in order with its title, hint and options as
// comments, and one example row per plan. name is the file's name as the
// header's commands show it. The file is valid as it is.
func Skeleton(lang *content.Language, form content.Audience, name string) ([]byte, error) {
	if _, err := content.ParseAnyForm(string(form)); err != nil {
		return nil, err
	}
	w := &skeleton{lang: lang}
	label := func(key string, kv ...string) string { return lang.Format(key, kv...) }

	w.comment("", label("answers.title", "title", lang.Label("form.title."+string(form))))
	if form == content.Registration {
		w.comment("", label("answers.about.registration"))
	} else {
		w.comment("", label("answers.about"))
	}
	w.comment("", label("answers.how"))
	for _, cp := range lang.Checkpoints(form) {
		if ids := cp.OptionIDs(); len(ids) >= 2 {
			w.comment("", label("answers.options", "example", "options: ["+ids[0]+", "+ids[1]+"]"))
			break
		}
	}
	w.comment("", label("answers.comments"))
	w.line("#")
	file := shellQuote(name)
	w.comment("", label("answers.validate"))
	w.line("#   roadmap validate " + file)
	w.comment("", label("answers.render"))
	w.line("#   roadmap form " + string(form) + " --answers " + file)
	w.line("")
	w.line("form: " + string(form))
	w.line("language: " + scalar(lang.Code))
	w.field("", "date", `""`, label("answers.date", "example", "2026-11-27"))
	w.line("")
	w.line("organisation:")
	for _, k := range organisationKeys {
		key := "field." + k
		if k == "name" {
			key = "field.organisation"
		}
		if k == "partner" && form == content.Registration {
			continue
		}
		w.field("  ", k, `""`, lang.Label(key))
	}
	w.line("")
	if form == content.Registration {
		// a registration: the questions, no workshop, statuses or plans
		w.line("checkpoints:")
		for _, cp := range lang.Checkpoints(form) {
			w.checkpoint(cp, false)
		}
		return []byte(w.String()), nil
	}
	w.comment("", label("answers.workshop"))
	w.line("workshop:")
	for _, k := range workshopKeys {
		switch k {
		case "next_review":
			w.field("  ", k, `""`, label("answers.date", "example", "2027-05-01"))
		case "participants", "notes":
			// An empty block, like an answer: the names, or the notes, go
			// on the lines below. The notes are the form's closing page.
			note := lang.Label("field." + k)
			if k == "notes" {
				note = lang.Label("form.notes.title")
			}
			w.field("  ", k, "|", note)
			w.WriteString("    \n")
		default:
			w.field("  ", k, `""`, lang.Label("field."+k))
		}
	}
	w.line("")

	var statuses []string
	for _, s := range Statuses {
		statuses = append(statuses, string(s)+" = "+lang.Label("status."+string(s)))
	}
	w.comment("", label("answers.status")+" "+strings.Join(statuses, ", "))
	w.line("checkpoints:")
	step := 0
	for _, cp := range lang.Checkpoints(form) {
		if cp.Step != step {
			step = cp.Step
			w.line("")
			for _, st := range lang.Steps {
				if st.Number == step {
					heading := lang.Format("step.heading", "n", fmt.Sprint(st.Number), "title", st.Title)
					w.line("  # " + strings.Repeat("=", min(len([]rune(heading)), commentWidth-4)))
					w.comment("  ", heading)
					w.line("  # " + strings.Repeat("=", min(len([]rune(heading)), commentWidth-4)))
				}
			}
		}
		w.checkpoint(cp, true)
	}
	w.line("")

	w.comment("", label("answers.plan.action"))
	w.comment("", "  status: "+w.values("answers.allowed", "value.action-status.", ActionStatuses))
	w.line("action_plan:")
	for i, k := range actionKeys {
		if k == "id" {
			continue // given by roadmap when the row gets a date
		}
		value, note := `""`, ""
		switch k {
		case "deadline":
			note = label("answers.date", "example", "2027-03-01")
		case "status":
			value = ActionStatuses[0]
		}
		w.row(i, k, value, note)
	}
	w.line("")

	w.comment("", label("answers.plan.communication"))
	w.comment("", "  channel: "+w.values("answers.examples", "value.channel.", Channels))
	w.comment("", "  frequency: "+w.values("answers.examples", "value.frequency.", Frequencies))
	w.line("communication_plan:")
	for i, k := range communicationKeys {
		w.row(i, k, `""`, "")
	}
	w.line("")

	w.comment("", label("answers.plan.evaluation"))
	if methods := lang.Checkpoint(MethodsCheckpoint); methods != nil && methods.Options != nil {
		w.comment("", label("answers.methods"))
		for _, o := range methods.Options.Items {
			w.comment("", "  "+o.ID+": "+o.Label)
		}
	}
	w.line("evaluation_plan:")
	for i, k := range evaluationKeys {
		if k == "id" {
			continue
		}
		note := ""
		switch k {
		case "when":
			note = label("answers.date", "example", "2027-06-01")
		case "method":
			if methods := lang.Checkpoint(MethodsCheckpoint); methods != nil {
				note = lang.Format("answers.allowed", "values", strings.Join(methods.OptionIDs(), ", "))
			}
		}
		w.row(i, k, `""`, note)
	}
	return []byte(w.String()), nil
}

// checkpoint writes checkpoint cp's entry: its number, title and hint as
// comments, its status (if status), its options as comments and an empty
// answer.
func (w *skeleton) checkpoint(cp *content.Checkpoint, status bool) {
	lang := w.lang
	w.line("")
	w.comment("  ", lang.Number(cp)+" "+cp.Title) // numbered as in the forms and the booklet
	w.comment("  ", "   "+cp.Hint)
	w.line("  " + scalar(cp.ID) + ":")
	if status {
		w.line("    status: " + string(NotStarted))
	}
	if cp.Options != nil && len(cp.Options.Items) > 0 {
		w.comment("    ", lang.Label("show.options")+":")
		for _, o := range cp.Options.Items {
			w.comment("    ", "  "+o.ID+": "+o.Label)
		}
		w.line("    options: []")
	}
	// An empty block, with the place of its first line indented below.
	w.line("    answer: |")
	w.WriteString("      \n")
}

// skeleton builds the text of an answers file line by line.
type skeleton struct {
	strings.Builder
	lang *content.Language
}

func (w *skeleton) line(s string) {
	w.WriteString(strings.TrimRight(s, " "))
	w.WriteString("\n")
}

// comment writes text as comment lines indented by indent, wrapped.
func (w *skeleton) comment(indent, text string) {
	if text == "" {
		return
	}
	lead := ""
	if t := strings.TrimLeft(text, " "); t != text {
		lead, text = text[:len(text)-len(t)], t
	}
	for _, l := range wrap(strings.Join(strings.Fields(text), " "), commentWidth-len(indent)-2-len(lead)) {
		w.line(indent + "# " + lead + l)
	}
}

// field writes key: value with a comment after it.
func (w *skeleton) field(indent, key, value, note string) {
	s := indent + key + ": " + value
	if note != "" {
		s += strings.Repeat(" ", max(1, 24-len([]rune(s)))) + "# " + strings.Join(strings.Fields(note), " ")
	}
	w.line(s)
}

// row writes field i of the one example row of a plan.
func (w *skeleton) row(i int, key, value, note string) {
	indent := "    "
	if i == 0 {
		indent = "  - "
	}
	w.field(indent, key, value, note)
}

// values formats a list of ids with their labels (prefix+id) where the
// content has them, inside the label key's {values}.
func (w *skeleton) values(key, prefix string, ids []string) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = id
		if l, ok := w.lang.Labels[prefix+id]; ok {
			parts[i] += " (" + l + ")"
		}
	}
	return w.lang.Format(key, "values", strings.Join(parts, ", "))
}

// wrap splits text into lines of at most width runes, at spaces.
func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		switch {
		case line == "":
			line = word
		case len([]rune(line))+1+len([]rune(word)) > width:
			lines = append(lines, line)
			line = word
		default:
			line += " " + word
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// scalar returns s as a plain YAML scalar, quoted only when it must be.
func scalar(s string) string {
	out, err := yaml.Marshal(s)
	if err != nil {
		return fmt.Sprintf("%q", s)
	}
	return strings.TrimSuffix(string(out), "\n")
}

// shellQuote returns name as a shell word.
func shellQuote(name string) string {
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._/-+:@", r)) {
			return "'" + strings.ReplaceAll(name, "'", `'\''`) + "'"
		}
	}
	return name
}
