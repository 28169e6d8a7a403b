package pack

import (
	"fmt"
	"strings"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/document"
	"github.com/partnership-roadmap/roadmap/internal/form"
	"github.com/partnership-roadmap/roadmap/internal/guide"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/poster"
	"github.com/partnership-roadmap/roadmap/internal/proposal"
	"github.com/partnership-roadmap/roadmap/internal/sheets"
)

// Document is one kind of document the tool makes: the registry entry
// that the pack, render, the single-document commands and the web form
// all use, so a new document is one entry here (and its labels).
type Document struct {
	// ID names the document on the command line and in code:
	// "form-community", "guide", "action-plan", "plans", ...
	ID string
	// File is the default file name of the blank document.
	File string
	// Index is the label key of the document's line in the pack's
	// index.txt; empty for a document that is not in the blank pack.
	Index string
	// Answers says whether answers can fill the document in.
	Answers bool
	// Build makes the document in lang, filled in from a when a is not nil
	// (answers already validated).
	Build func(lang *content.Language, a *answers.File, opts BuildOptions) (*document.Result, error)
}

// BuildOptions are the settings every document is built with.
type BuildOptions struct {
	// Theme is the look of the document, paper size included.
	Theme pdf.Theme
	// Date is the creation date written into the document; never the clock.
	Date time.Time
	// Audience chooses the checkpoints of a guide: all, municipality or
	// community; empty means all. For a form it is the guidebook edition
	// its page references point to (form.Options.Edition).
	Audience content.Audience
	// Org, when set, is printed on a guide's cover.
	Org string
}

// FileName is the default file name of document d: File for a blank
// document, so that the blank pack's files are never replaced by one made
// for an organisation. A document filled in from a has the organisation's
// safe name (the answers file's name standing in for a missing one) before
// it, a form its form's name after: "Biedriba-Brinumins-community.pdf",
// "Biedriba-Brinumins-action-plan.xlsx"; a guide made for an organisation
// (opts.Org) has that organisation's name before it. A guide for one
// audience is "guide-municipality.pdf".
func (d Document) FileName(a *answers.File, opts BuildOptions) string {
	file := d.File
	if d.ID == "guide" && opts.Audience != "" && opts.Audience != "all" {
		file = "guide-" + string(opts.Audience) + ".pdf"
	}
	switch {
	case a != nil && strings.HasPrefix(d.ID, "form-"):
		return orgName(a) + "-" + strings.TrimPrefix(d.ID, "form-") + ".pdf"
	case a != nil:
		return orgName(a) + "-" + file
	case strings.TrimSpace(opts.Org) != "":
		return SafeName(opts.Org, "organisation") + "-" + file
	}
	return file
}

// orgName is the safe name of the organisation answers a are for, the
// answers file's name standing in for a missing one.
func orgName(a *answers.File) string {
	fallback := strings.TrimSuffix(a.Path, extOf(a.Path))
	if i := strings.LastIndexAny(fallback, `/\`); i >= 0 {
		fallback = fallback[i+1:]
	}
	return SafeName(a.Organisation.Name, SafeName(fallback, "answers"))
}

func extOf(path string) string {
	i := strings.LastIndexAny(path, `./\`)
	if i < 0 || path[i] != '.' {
		return ""
	}
	return path[i:]
}

// Documents returns every document, the blank pack's in the order of its
// index first.
func Documents() []Document {
	docs := []Document{
		formDocument(content.Municipality, "pack.index.form.municipality", false),
		formDocument(content.Municipality, "pack.index.form-fillable.municipality", true),
		formDocument(content.Community, "pack.index.form.community", false),
		formDocument(content.Community, "pack.index.form-fillable.community", true),
		formDocument(content.Registration, "pack.index.form.registration", false),
		formDocument(content.Registration, "pack.index.form-fillable.registration", true),
		{ID: "guide", File: "guide.pdf", Index: "pack.index.guide", Build: buildGuide},
		posterDocument(GlanceID, "pack.index.at-a-glance", false),
		posterDocument(GlanceA3ID, "pack.index.at-a-glance-a3", true),
	}
	for _, p := range sheets.Plans() {
		docs = append(docs, sheetDocument(p.ID, p.ID+".xlsx", "pack.index."+p.ID, p))
	}
	// The workbook of every plan at once, as render makes it.
	docs = append(docs, sheetDocument("plans", "plans.xlsx", "", sheets.Plans()...))
	// The partnership proposal, made only from answers.
	docs = append(docs,
		Document{ID: ProposalID, File: "proposal.pdf", Answers: true, Build: buildProposal},
		Document{ID: ProposalSlidesID, File: "proposal-slides.pdf", Answers: true, Build: buildProposalSlides},
		Document{ID: ProposalDOCXID, File: "proposal.docx", Answers: true, Build: buildProposalDOCX})
	return docs
}

// Lookup returns the document id, or an error naming the ids there are.
func Lookup(id string) (Document, error) {
	for _, d := range Documents() {
		if d.ID == id {
			return d, nil
		}
	}
	return Document{}, fmt.Errorf("unknown document %q; allowed: %s", id, strings.Join(IDs(), ", "))
}

// IDs returns the id of every document, in order.
func IDs() []string {
	var ids []string
	for _, d := range Documents() {
		ids = append(ids, d.ID)
	}
	return ids
}

// Blank returns the documents of a language's blank pack, in index order.
func Blank() []Document {
	var docs []Document
	for _, d := range Documents() {
		if d.Index != "" {
			docs = append(docs, d)
		}
	}
	return docs
}

// Roadmap returns the documents of one organisation's completed roadmap,
// as render makes them: the filled form f, the workbook of every plan and
// the partnership proposal's handout; of a registration, its form alone.
func Roadmap(f content.Audience) []Document {
	if f == content.Registration {
		return []Document{mustLookup("form-" + string(f))}
	}
	return []Document{mustLookup("form-" + string(f)), mustLookup("plans"), mustLookup(ProposalID)}
}

// FormID returns the id of form f's document.
func FormID(f content.Audience) string { return "form-" + string(f) }

// FillableID returns the id of the fillable copy of form f's document, the
// same form with fields to fill in on screen.
func FillableID(f content.Audience) string { return FormID(f) + "-fillable" }

func mustLookup(id string) Document {
	d, err := Lookup(id)
	if err != nil {
		panic(err)
	}
	return d
}

func formDocument(f content.Audience, index string, fillable bool) Document {
	id := FormID(f)
	if fillable {
		id = FillableID(f)
	}
	return Document{
		ID: id, File: id + ".pdf", Index: index, Answers: true,
		Build: func(lang *content.Language, a *answers.File, opts BuildOptions) (*document.Result, error) {
			return form.Render(lang, f, a, form.Options{Theme: opts.Theme, Date: opts.Date, Fillable: fillable, Edition: opts.Audience})
		},
	}
}

func buildGuide(lang *content.Language, _ *answers.File, opts BuildOptions) (*document.Result, error) {
	aud := opts.Audience
	if aud == "" {
		aud = "all"
	}
	return guide.Render(lang, guide.Options{Audience: aud, Theme: opts.Theme, Date: opts.Date, Org: opts.Org})
}

// The ids of the partnership proposal's handout and slides.
const (
	ProposalID       = "proposal"
	ProposalSlidesID = "proposal-slides"
	ProposalDOCXID   = "proposal-docx"
)

func buildProposalDOCX(lang *content.Language, a *answers.File, opts BuildOptions) (*document.Result, error) {
	return proposal.DOCX(lang, a, proposal.Options{Theme: opts.Theme, Date: opts.Date})
}

func buildProposalSlides(lang *content.Language, a *answers.File, opts BuildOptions) (*document.Result, error) {
	return proposal.Slides(lang, a, proposal.Options{Theme: opts.Theme, Date: opts.Date})
}

func buildProposal(lang *content.Language, a *answers.File, opts BuildOptions) (*document.Result, error) {
	return proposal.Handout(lang, a, proposal.Options{Theme: opts.Theme, Date: opts.Date})
}

// The ids of the roadmap at a glance, on the theme's paper and on A3.
const (
	GlanceID   = "at-a-glance"
	GlanceA3ID = "at-a-glance-a3"
)

func posterDocument(id, index string, a3 bool) Document {
	return Document{
		ID: id, File: id + ".pdf", Index: index, Answers: true,
		Build: func(lang *content.Language, a *answers.File, opts BuildOptions) (*document.Result, error) {
			return poster.Render(lang, a, poster.Options{Theme: opts.Theme, Date: opts.Date, A3: a3})
		},
	}
}

func sheetDocument(id, file, index string, plans ...sheets.Plan) Document {
	return Document{
		ID: id, File: file, Index: index, Answers: true,
		Build: func(lang *content.Language, a *answers.File, opts BuildOptions) (*document.Result, error) {
			data, err := sheets.Build(lang, plans, a, sheets.WithTheme(opts.Theme), sheets.WithPaper(opts.Theme.Paper), sheets.WithDate(opts.Date))
			if err != nil {
				return nil, err
			}
			return &document.Result{Data: data, Sheets: sheets.VisibleSheets(plans)}, nil
		},
	}
}
