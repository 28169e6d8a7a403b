package serve

import (
	"maps"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/msg"
	"github.com/partnership-roadmap/roadmap/internal/roadmap"
)

// A save keeps every change it can: a field with a problem (a date typed as
// 0207, an unknown status, a text over its limit) is written with the value
// the file has, and the others are written as sent. The refused value stays
// on the page, beside its problem, until it is corrected; it never holds
// back what was typed elsewhere.

// encodeValid returns the bytes to write for the answers f sent over the
// file as it is (base, whose bytes are prev): f encoded with each field that
// has a problem back at its value in base, and those answers (g). The problems of f are added to
// errs, by field. ok is false when a problem belongs to no field, or
// keeping a field's old value does not make the file valid: then nothing
// may be written. f is not changed.
func encodeValid(name string, f, base *answers.File, prev []byte, lang *content.Language, b *content.Bundle, errs *fieldErrors) (g *answers.File, data []byte, ok bool) {
	g = cloneFile(f)
	reverted := map[string]bool{}
	for round := 0; ; round++ {
		if len(errs.General) > 0 {
			return g, nil, false
		}
		for field := range errs.ByField {
			if reverted[field] {
				continue
			}
			if !keepOld(g, base, field, errs.ByField) {
				return g, nil, false
			}
			reverted[field] = true
		}
		data, err := answers.Encode(g, lang, prev)
		if err != nil {
			errs.add("", msg.In(err, lang.Code))
			return g, nil, false
		}
		_, err = answers.Parse(name, data, b)
		if err == nil {
			return g, data, true
		}
		var more fieldErrors
		placeProblems(err, data, &more, lang.Code)
		errs.General = append(errs.General, more.General...)
		progress := false
		for field, msg := range more.ByField {
			if reverted[field] {
				continue // its old value is refused too: nothing can be kept
			}
			errs.add(field, msg)
			progress = true
		}
		if !progress || round == 3 {
			return g, nil, false
		}
	}
}

// withoutOp returns the fields v without the row operation "op".
func withoutOp(v url.Values) url.Values {
	if !v.Has("op") {
		return v
	}
	v = maps.Clone(v)
	v.Del("op")
	return v
}

// applyRowOp applies the row operation op to the answers f and, when not
// nil, kept, and moves the problems and typed dates of the rows it moves
// with them; those of a row it removes go.
func applyRowOp(op string, f, kept *answers.File, errs *fieldErrors, raw map[string]string) {
	parts := strings.Split(op, ":")
	if len(parts) < 2 {
		return
	}
	kind, at := parts[0], -1
	if len(parts) == 3 {
		at, _ = strconv.Atoi(parts[2])
	}
	n := 0
	for _, p := range plans {
		if p.Key == parts[1] {
			n = len(p.Rows(f))
		}
	}
	// where returns the place row i has after the operation; false for the
	// row removed.
	where := func(i int) (int, bool) {
		switch {
		case at < 0 || at >= n:
		case kind == "del" && i == at:
			return 0, false
		case kind == "del" && i > at:
			return i - 1, true
		case kind == "up" && at > 0 && (i == at || i == at-1):
			return 2*at - 1 - i, true
		case kind == "down" && at+1 < n && (i == at || i == at+1):
			return 2*at + 1 - i, true
		}
		return i, true
	}
	move := func(m map[string]string) map[string]string {
		out := make(map[string]string, len(m))
		for k, v := range m {
			if p := strings.Split(k, "."); len(p) == 3 && p[0] == parts[1] {
				if i, err := strconv.Atoi(p[1]); err == nil {
					j, ok := where(i)
					if !ok {
						continue
					}
					k = p[0] + "." + strconv.Itoa(j) + "." + p[2]
				}
			}
			out[k] = v
		}
		return out
	}
	rowOp(f, op)
	if kept != nil {
		rowOp(kept, op)
	}
	if len(errs.ByField) > 0 {
		errs.ByField = move(errs.ByField)
	}
	moved := move(raw)
	clear(raw)
	maps.Copy(raw, moved)
}

// cloneFile returns a copy of f that can be changed without changing f.
func cloneFile(f *answers.File) *answers.File {
	g := *f
	g.Checkpoints = maps.Clone(f.Checkpoints)
	g.ActionPlan = slices.Clone(f.ActionPlan)
	g.CommunicationPlan = slices.Clone(f.CommunicationPlan)
	g.EvaluationPlan = slices.Clone(f.EvaluationPlan)
	return &g
}

// keepOld sets the field of the editing page named field ("date",
// "org.name", "ws.next_review", "cp.<id>.status", "ap.2.deadline", ...) in f
// to its value in base. A plan row's cell takes the value of the row at the
// same place in base only when that is the same row (its other cells, but
// those refused too, are equal); else the cell is left empty. It reports
// false for a field it does not know.
func keepOld(f, base *answers.File, field string, refused map[string]string) bool {
	parts := strings.Split(field, ".")
	switch {
	case field == "date":
		f.Date = base.Date
		return true
	case len(parts) == 2 && parts[0] == "org":
		return copyTagged(reflect.ValueOf(&f.Organisation).Elem(), reflect.ValueOf(base.Organisation), parts[1])
	case len(parts) == 2 && parts[0] == "ws":
		return copyTagged(reflect.ValueOf(&f.Workshop).Elem(), reflect.ValueOf(base.Workshop), parts[1])
	case len(parts) == 3 && parts[0] == "cp":
		id := parts[1]
		c, old := f.Checkpoint(id), base.Checkpoint(id)
		switch parts[2] {
		case "status":
			c.Status = old.Status
		case "opt":
			c.Options = old.Options
		case "answer":
			c.Answer = old.Answer
		default:
			return false
		}
		if f.Checkpoints == nil {
			f.Checkpoints = map[string]answers.Checkpoint{}
		}
		f.Checkpoints[id] = c
		return true
	case len(parts) == 3:
		i, err := strconv.Atoi(parts[1])
		if err != nil {
			return false
		}
		for _, p := range plans {
			if p.Key == parts[0] {
				skip := func(col string) bool {
					_, ok := refused[parts[0]+"."+parts[1]+"."+col]
					return ok || col == parts[2]
				}
				return keepOldCell(f, base, p.Plan, i, parts[2], skip)
			}
		}
	}
	return false
}

// keepOldCell sets cell col of row i of plan p in f to its value in base's
// row i, when that is the same row (equal in every cell but those
// skipped); else to empty.
func keepOldCell(f, base *answers.File, p *roadmap.Plan, i int, col string, skip func(string) bool) bool {
	rows, c := p.Rows(f), p.Column(col)
	if c < 0 || i < 0 || i >= len(rows) {
		return false
	}
	var v roadmap.Value
	if old := p.Rows(base); i < len(old) && sameRow(p, rows[i], old[i], skip) {
		v = old[i][c]
	}
	rows[i][c] = v
	p.SetRows(f, rows)
	return true
}

// sameRow reports whether the rows a and b of plan p are equal in every
// cell but those of the columns skipped.
func sameRow(p *roadmap.Plan, a, b roadmap.Row, skip func(string) bool) bool {
	for i, c := range p.Columns {
		if !skip(c.ID) && a[i] != b[i] {
			return false
		}
	}
	return true
}

// copyTagged sets the field of struct dst whose YAML key is key to that
// field of src.
func copyTagged(dst, src reflect.Value, key string) bool {
	d := tagged(dst, key)
	if !d.IsValid() {
		return false
	}
	d.Set(tagged(src, key))
	return true
}

// tagged returns the field of struct v whose YAML key is key, or the zero
// Value.
func tagged(v reflect.Value, key string) reflect.Value {
	for i := range v.NumField() {
		if yamlName(v.Type().Field(i)) == key {
			return v.Field(i)
		}
	}
	return reflect.Value{}
}

func yamlName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	return name
}
