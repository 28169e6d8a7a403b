package pdftest

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// Field is an interactive form field as qpdf reads it.
type Field struct {
	// Name is the field's full name.
	Name string
	// Type is /Tx, /Btn or /Ch.
	Type string
	// Value is a text field's text, or a button's state name without the
	// slash ("Yes", "done"); "" when the field has none or is "Off".
	Value string
	// Tooltip is the field's /TU.
	Tooltip string
	// Page is the 1-based page of the field's first widget.
	Page int
	// Widgets is the number of its widgets (radio buttons: one per button).
	Widgets int
	// Flags are the widget's annotation flags.
	Flags int
}

// Fields returns the form fields of the PDF in the order qpdf lists them
// (the document's field order), a radio group once.
func Fields(t testing.TB, pdf []byte) []Field {
	t.Helper()
	out := run(t, "qpdf", "--json", "--json-key=acroform", file(t, pdf))
	var doc struct {
		Acroform struct {
			Fields []struct {
				Fullname        string `json:"fullname"`
				Fieldtype       string `json:"fieldtype"`
				Value           any    `json:"value"`
				Alternativename string `json:"alternativename"`
				Pageposfrom1    int    `json:"pageposfrom1"`
				Annotation      struct {
					Flags int `json:"annotationflags"`
				} `json:"annotation"`
			} `json:"fields"`
		} `json:"acroform"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	var fields []Field
	for _, f := range doc.Acroform.Fields {
		if n := len(fields); n > 0 && fields[n-1].Name == f.Fullname {
			fields[n-1].Widgets++
			continue
		}
		v, _ := f.Value.(string)
		switch {
		case strings.HasPrefix(v, "u:"), strings.HasPrefix(v, "b:"):
			v = v[2:]
		case v == "/Off":
			v = ""
		case strings.HasPrefix(v, "/"):
			v = v[1:]
		}
		tip := f.Alternativename
		if tip == f.Fullname {
			tip = "" // qpdf gives the name when there is no /TU
		}
		fields = append(fields, Field{Name: f.Fullname, Type: f.Fieldtype, Value: v, Tooltip: tip,
			Page: f.Pageposfrom1, Widgets: 1, Flags: f.Annotation.Flags})
	}
	return fields
}

// Flatten returns the PDF with the appearance of every form field drawn
// into its page, as a reader shows it, through qpdf.
func Flatten(t testing.TB, pdf []byte) []byte {
	t.Helper()
	in := file(t, pdf)
	out := in + ".flat.pdf"
	run(t, "qpdf", "--flatten-annotations=all", in, out)
	return readFile(t, out)
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Decompressed returns the PDF with its streams and object streams
// uncompressed, as qpdf --qdf writes it, for looking for what an object
// holds.
func Decompressed(t testing.TB, pdf []byte) []byte {
	t.Helper()
	in := file(t, pdf)
	out := in + ".qdf.pdf"
	run(t, "qpdf", "--qdf", "--object-streams=disable", in, out)
	return readFile(t, out)
}
