package serve

import (
	"html/template"
	"net/http"

	"github.com/partnership-roadmap/roadmap/internal/qr"
)

// workshopPage shows the workshop's links as QR codes, for the projector:
// a phone on the room's network scans one and is in.
func (s *Server) workshopPage(w http.ResponseWriter, r *http.Request) {
	lang := s.uiLanguage(r)
	type link struct {
		URL string
		QR  template.HTML
	}
	var links []link
	for _, u := range s.opts.WorkshopLinks {
		c, err := qr.Encode(u)
		if err != nil {
			s.opts.Logf("serve: %v", err)
			continue
		}
		// The SVG is made here of the link's modules only; the title is
		// escaped by qr.SVG.
		links = append(links, link{u, template.HTML(c.SVG(lang.Label("serve.workshop")))})
	}
	if len(links) == 0 {
		s.refuse(w, r, http.StatusNotFound, "serve.error.notfound")
		return
	}
	s.render(w, http.StatusOK, "workshop.html", struct {
		page
		Links []link
	}{page{Lang: lang, Title: lang.Label("serve.workshop"), s: s}, links})
}
