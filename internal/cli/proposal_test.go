package cli

import (
	"reflect"
	"strings"
	"testing"
)

func TestNewProposalCmd(t *testing.T) {
	tests := []struct {
		argv    string
		want    proposalOptions
		wantErr string
	}{
		{argv: "proposal --answers a.yaml", want: proposalOptions{Answers: "a.yaml", Format: "pdf"}},
		{argv: "proposal -a a.yaml --lang en --paper Letter -o p.pdf", want: proposalOptions{Answers: "a.yaml", Format: "pdf", Lang: "en", Paper: "letter", Output: "p.pdf"}},
		{argv: "proposal", wantErr: "give the answers file the proposal is written from: --answers FILE\nRun 'roadmap proposal --help' for usage."},
		{argv: "proposal a.yaml", wantErr: "proposal takes no arguments; give the answers file with --answers FILE\nRun 'roadmap proposal --help' for usage."},
		{argv: "proposal --answers a.yaml --format pptx", wantErr: "--format: unknown format \"pptx\"; allowed: " + strings.Join(proposalFormatNames, ", ") + "\nRun 'roadmap proposal --help' for usage."},
		{argv: "proposal --answers a.yaml -o p.txt", wantErr: "output file p.txt: a PDF's name must end in .pdf\nRun 'roadmap proposal --help' for usage."},
	}
	for _, tt := range tests {
		t.Run(tt.argv, func(t *testing.T) {
			app := testApp()
			var got *proposalOptions
			err := parse(t, app, newProposalCmd(app, func(o *proposalOptions) error { got = o; return nil }), strings.Fields(tt.argv))
			checkParsed(t, err, tt.wantErr, got != nil)
			if got != nil {
				got.IO = nil
				if !reflect.DeepEqual(*got, tt.want) {
					t.Errorf("options %+v, want %+v", *got, tt.want)
				}
			}
		})
	}
}

func TestNewPosterCmd(t *testing.T) {
	tests := []struct {
		argv    string
		want    posterOptions
		wantErr string
	}{
		{argv: "poster", want: posterOptions{}},
		{argv: "poster --answers a.yaml --a3 --lang en -o w.pdf", want: posterOptions{Answers: "a.yaml", A3: true, Lang: "en", Output: "w.pdf"}},
		{argv: "poster --paper letter", want: posterOptions{Paper: "letter"}},
		{argv: "poster municipality", wantErr: "poster takes no arguments; it has a page for each checklist, or give --answers FILE\nRun 'roadmap poster --help' for usage."},
		{argv: "poster --a3 --paper a4", wantErr: "give --a3 or --paper, not both\nRun 'roadmap poster --help' for usage."},
	}
	for _, tt := range tests {
		t.Run(tt.argv, func(t *testing.T) {
			app := testApp()
			var got *posterOptions
			err := parse(t, app, newPosterCmd(app, func(o *posterOptions) error { got = o; return nil }), strings.Fields(tt.argv))
			checkParsed(t, err, tt.wantErr, got != nil)
			if got != nil {
				got.IO = nil
				if !reflect.DeepEqual(*got, tt.want) {
					t.Errorf("options %+v, want %+v", *got, tt.want)
				}
			}
		})
	}
}
