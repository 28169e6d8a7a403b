package cli

import (
	"os"

	"github.com/partnership-roadmap/roadmap/internal/esc"
	"github.com/partnership-roadmap/roadmap/internal/msg"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
)

// Theme returns the PDF theme of this run, loaded once: from --templates DIR
// when given, else the embedded templates. paper, when not empty, overrides
// the theme's paper size ("a4" or "letter").
func (a *App) Theme(paper string) (pdf.Theme, error) {
	a.themeOnce.Do(func() {
		if a.TemplatesDir != "" {
			if st, err := os.Stat(a.TemplatesDir); err != nil || !st.IsDir() {
				a.themeErr = msg.New("cli.templates-folder", "dir", esc.Name(a.TemplatesDir))
				return
			}
			a.theme, a.themeErr = pdf.LoadThemeFrom(os.DirFS(a.TemplatesDir), a.TemplatesDir)
			return
		}
		// The embedded templates are the default theme itself, already
		// read once by pdf: reading the file over it again changes nothing.
		a.theme = pdf.DefaultTheme()
	})
	if a.themeErr != nil {
		return pdf.Theme{}, a.themeErr
	}
	t := a.theme
	if paper != "" {
		p, err := pdf.ParsePaper(paper)
		if err != nil {
			return pdf.Theme{}, err
		}
		t.Paper = p
	}
	return t, nil
}
