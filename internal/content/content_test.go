package content_test

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	embedded "github.com/partnership-roadmap/roadmap/content"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/diag"
)

func load(t *testing.T) *content.Bundle {
	t.Helper()
	b, err := content.Load(embedded.FS, "content")
	if err != nil {
		t.Fatalf("loading embedded content: %v", err)
	}
	return b
}

// The content map of SPEC section 2: id, step, audience, Latvian title as in
// the seed, and the number of tick-box options.
var contentMap = []struct {
	id       string
	step     int
	audience content.Audience
	title    string
	options  int
}{
	{"target-group", 1, content.Both, "Definējiet savu mērķa grupu", 0},
	{"needs", 1, content.Both, "Izpētiet mērķa grupas vajadzības un izaicinājumus, vietējās pašvaldības vajadzības, lokālā mēroga izaicinājumus", 6},
	{"resources", 1, content.Both, "Analizējiet nepieciešamos resursus, lai pārvarētu šos izaicinājumus", 7},
	{"local-actors", 1, content.Both, "Izpētiet vietējās organizācijas un aktīvos iedzīvotājus, kas veic līdzīgu darbu", 4},
	{"pilot", 1, content.Community, "Atrodiet iespēju testēt savu pakalpojumu, pieeju, lai varētu pierādīt tā efektivitāti", 0},
	{"pitch", 1, content.Community, "Sagatavojiet prezentāciju par sevi, savu organizāciju un sadarbības piedāvājumu", 3},
	{"know-organisations", 2, content.Municipality, "Iepazīstiet organizācijas, kas darbojas vietējā teritorijā", 6},
	{"choose-municipality", 2, content.Community, "Izvēlieties pašvaldību, ar kuru vēlaties veidot sadarbību, nosakiet vispiemērotāko departamentu, nodaļu, kontaktpersonu", 0},
	{"collect-ideas", 2, content.Municipality, "Apkopojiet jauniešu organizāciju un sociālo uzņēmēju idejas un ierosinājumus", 3},
	{"municipal-programmes", 2, content.Community, "Uzziniet vairāk par pašvaldības piedāvātajām iespējām, programmām, konkursiem, kas atbilst jūsu vajadzībām", 4},
	{"contact-partners", 2, content.Municipality, "Sazinieties ar organizācijām un sociālajiem uzņēmējiem, ar ko vēlaties sadarboties", 0},
	{"mutual-benefits", 2, content.Both, "Nosakiet sadarbības priekšrocības abām pusēm", 6},
	{"action-plan", 3, content.Both, "Definējiet rīcības plānu ar skaidru mērķi, laika grafiku un atbildīgajām personām", 0},
	// The seed spells "iesaitītās"; the typo is fixed.
	{"communication-plan", 3, content.Both, "Izveidojiet komunikācijas plānu, lai visas iesaistītās puses būtu informētas par notiekošo", 5},
	{"evaluation-stages", 3, content.Both, "Nosakiet sadarbības posmus, kuros vēlaties veikt izvērtēšanu", 0},
	{"impact-methods", 3, content.Both, "Izvēlieties metodes, ar ko novērtēsiet sadarbības radīto ietekmi un sākotnējā mērķa sasniegšanu", 5},
}

func TestEmbeddedContentIsComplete(t *testing.T) {
	b := load(t)
	reports, problems := content.Check(b)
	for _, p := range problems {
		t.Errorf("content check: %v", p)
	}
	got := map[string]bool{}
	for _, r := range reports {
		got[r.Code] = r.Complete()
	}
	for _, code := range []string{"lv", "en"} {
		if !got[code] {
			t.Errorf("language %s is not complete: %+v", code, reports)
		}
	}
}

func TestContentMap(t *testing.T) {
	b := load(t)
	for _, lang := range b.Languages {
		cps := lang.Checkpoints("all")
		if len(cps) != len(contentMap) {
			t.Fatalf("%s: %d checkpoints, want %d", lang.Code, len(cps), len(contentMap))
		}
		for i, want := range contentMap {
			cp := cps[i]
			if cp.ID != want.id || cp.Step != want.step || cp.Audience != want.audience {
				t.Errorf("%s: checkpoint %d is %s (step %d, %s), want %s (step %d, %s)",
					lang.Code, i+1, cp.ID, cp.Step, cp.Audience, want.id, want.step, want.audience)
			}
			if got := len(cp.OptionIDs()); got != want.options {
				t.Errorf("%s: %s has %d options, want %d", lang.Code, cp.ID, got, want.options)
			}
			if lang.Code == "lv" && cp.Title != want.title {
				t.Errorf("lv: %s title\n got %q\nwant %q", cp.ID, cp.Title, want.title)
			}
		}
		if n := len(lang.Checkpoints(content.Municipality)); n != 12 {
			t.Errorf("%s: municipality form has %d checkpoints, want 12", lang.Code, n)
		}
		if n := len(lang.Checkpoints(content.Community)); n != 13 {
			t.Errorf("%s: community form has %d checkpoints, want 13", lang.Code, n)
		}
		if len(lang.Steps) != 3 {
			t.Errorf("%s: %d steps, want 3", lang.Code, len(lang.Steps))
		}
	}
}

func TestLinksKept(t *testing.T) {
	b := load(t)
	want := map[string]string{
		"know-organisations": "https://sua.lv/sadarbiba-starp-pasvaldibam-un-kopienas-balstitam-organizacijam/",
		"impact-methods":     "https://sua.lv/6-metode-ietekmes-indikatoru-saraksts/",
	}
	for _, lang := range b.Languages {
		for id, url := range want {
			cp := lang.Checkpoint(id)
			if len(cp.Links) != 1 || cp.Links[0].URL != url {
				t.Errorf("%s: %s links = %+v, want %s", lang.Code, id, cp.Links, url)
			}
		}
	}
}

// seedFixes are the typos fixed in the content, applied to the seed before
// comparing; page furniture and lines the content turns into structure are
// dropped.
var (
	seedFixes = strings.NewReplacer(
		"nepieciešamapilnvērtīga", "nepieciešama pilnvērtīga",
		"tetēšana", "testēšana",
		"1.un2.solī", "1. un 2. solī",
		"iesaitītās", "iesaistītās",
		"daži piemērus", "daži piemēri",
		"SE- FORUM", "SE-FORUM",
		" blablabla", "",
		// certain errors of the source, fixed (content-review.md, A)
		"ietver arī balvu", "ietvert arī balvu",
		"lai satikties", "lai satiktos",
		"Trāķu pašvaldība", "Traķu rajona pašvaldība",
		"Aglantijas pašvaldība, piemēram", "Aglandzijas (Aglantzia) pašvaldība, piemēram",
		"Aglantijas", "Aglandzijas",
		"Aglandijas (Aglantzia)", "Aglandzijas",
		"Izvēlaties metodes", "Izvēlieties metodes",
		"pozitīvajās", "pozitīvās",
		"kas sadalīta", "kas sadalīts",
		"Veicināt konstruktīvu", "Veiciniet konstruktīvu",
		"saņēmušas", "saņēmuši",
		"(1.solis)", "(1. solis)", "(2.solis)", "(2. solis)", "(3.solis)", "(3. solis)",
		"uzņēmumiem, utt.", "uzņēmumiem utt.",
		"papildus atsauksmes", "papildu atsauksmes",
		"interesi šādām", "interesi par šādām",
		"mājas lapā", "tīmekļvietnē",
		"mājas lapa", "tīmekļvietne",
		"idejas kā strukturēt", "idejas, kā strukturēt",
		"grupas/ tiešajiem", "grupas/tiešajiem",
	)
	seedDropped = []string{
		"Ceļa kartes vadlīnijas",
		"6 --CEĻA KARTE: 1.SOLIS",
		"CEĻA KARTE: 2.SOLIS",
		"Aktivitāte / Darbība Atbildīgā persona Mērķi(s) Termiņš",
		"https://sua.lv/sadarbiba-starp-pasvaldibam-un-kopienas-balstitam-organizacijam/",
		"https://sua.lv/6-metode-ietekmes-indikatoru-saraksts/",
	}
	mdLink  = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	spaces  = regexp.MustCompile(`\s+`)
	sentEnd = regexp.MustCompile(`([.!?:])\s+`)
)

func normalize(s string) string {
	s = mdLink.ReplaceAllString(s, "$1")
	s = strings.NewReplacer("**", "", "“", `"`, "”", `"`, "„", `"`).Replace(s)
	return strings.TrimSpace(spaces.ReplaceAllString(s, " "))
}

// allText is every text of a language, in one string.
func allText(l *content.Language) string {
	var sb strings.Builder
	add := func(s ...string) {
		for _, x := range s {
			sb.WriteString(x)
			sb.WriteString("\n")
		}
	}
	add(l.Title, l.Subtitle, l.Preface, l.Introduction.Title, l.Introduction.Markers.Lead,
		l.Introduction.Markers.Community, l.Introduction.Markers.Municipality, l.About.Title, l.About.Body, l.Disclaimer)
	for _, s := range l.Introduction.Sections {
		add(s.Title, s.Body)
	}
	for _, st := range l.Steps {
		add(st.Title)
		for _, cp := range st.Checkpoints {
			add(cp.Title, cp.Guidance, cp.Closing)
			add(cp.Examples...)
			if cp.Options != nil {
				add(cp.Options.Lead)
				for _, o := range cp.Options.Items {
					add(o.Text)
				}
			}
		}
	}
	return normalize(sb.String())
}

// TestSeedSentencesInContent checks that every sentence of the source
// guideline is in the Latvian content, in any order (lead-ins were moved
// before their lists), allowing only for the fixed typos and dropped page
// furniture.
func TestSeedSentencesInContent(t *testing.T) {
	seed, err := os.ReadFile("testdata/seed-lv.txt")
	if err != nil {
		t.Fatal(err)
	}
	lv, err := load(t).Language("lv")
	if err != nil {
		t.Fatal(err)
	}
	have := allText(lv)

	// Split the seed into fragments: at sentence ends, and at line breaks
	// before a capital letter (titles and list items carry no full stop).
	// Every fragment must appear in the content.
	stepHeading := regexp.MustCompile(`^\d\.solis – `)
	var kept []string
	for _, line := range strings.Split(string(seed), "\n") {
		line = strings.TrimSpace(line)
		if slices.Contains(seedDropped, line) || stepHeading.MatchString(line) {
			continue
		}
		kept = append(kept, line)
	}
	joined := regexp.MustCompile(`\n+([\p{Lu}"“])`).ReplaceAllString(strings.Join(kept, "\n"), "\x00$1")
	joined = sentEnd.ReplaceAllString(seedFixes.Replace(joined), "$1\x00")
	n := 0
	for _, s := range strings.Split(joined, "\x00") {
		s = normalize(s)
		if len([]rune(s)) < 12 {
			continue
		}
		n++
		if !strings.Contains(have, s) {
			t.Errorf("seed sentence not found in the lv content:\n  %s", s)
		}
	}
	if n < 200 {
		t.Fatalf("only %d seed sentences compared; the seed was not read as expected", n)
	}
}

func TestCheckReportsProblemsWithPositions(t *testing.T) {
	lv := `language: lv
name: Latviešu
title: T
subtitle: S
preface: P
disclaimer: D
steps:
  - number: 1
    title: Solis
    checkpoints:
      - id: a
        audience: both
        title: A
        hint: H
        guidance: G
        options:
          lead: L
          items:
            - {id: x, label: X}
            - {id: y, label: Y}
`
	en := `language: en
name: English
title: T
subtitle: S
preface: P
disclaimer: "See [here](www.example.com)."
steps:
  - number: 1
    title: Step
    checkpoints:
      - id: b
        audience: everyone
        title: B
        hint: H
        guidance: G
`
	fsys := fstest.MapFS{
		"lv/roadmap.yaml":       {Data: []byte(lv)},
		"lv/labels/common.yaml": {Data: []byte("form.title: Veidlapa\npage: \"{page} no {pages}\"\n")},
		"en/roadmap.yaml":       {Data: []byte(en)},
		"en/labels/common.yaml": {Data: []byte("page: \"Page {page}\"\nfrom.title: Form\n")},
	}
	b, err := content.Load(fsys, "c")
	if err != nil {
		t.Fatal(err)
	}
	_, problems := content.Check(b)
	var got []string
	for _, p := range problems {
		got = append(got, p.Error())
	}
	want := []string{
		`c/en/roadmap.yaml:6:13: Markdown link "www.example.com" is not an absolute http(s) URL; write it as https://host/path`,
		`c/en/roadmap.yaml:12:19: checkpoint b: audience "everyone" is not valid; allowed: both, municipality, community`,
		`c/en/roadmap.yaml:11:13: unknown checkpoint id "b" (did you mean "a"?); the ids are those of c/lv/roadmap.yaml`,
		`c/en/roadmap.yaml:8:3: checkpoint a (step 1) is missing; lv has it`,
		`c/en/labels/common.yaml:1:1: label "form.title" is missing; lv has it at c/lv/labels/common.yaml:1:1`,
		`c/en/labels/common.yaml:1:7: label "page" has placeholders [{page}]; it must have [{pages} {page}] as in lv`,
		`c/en/labels/common.yaml:2:1: unknown label "from.title" (did you mean "form.title"?); the labels are those of lv`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestLoadRejectsBrokenFiles(t *testing.T) {
	for _, tc := range []struct {
		name, file, data, want string
	}{
		{"syntax", "lv/roadmap.yaml", "language: lv\nsteps: [\n", "c/lv/roadmap.yaml:2:1: invalid YAML: did not find expected node content" + diag.SyntaxHint},
		{"unclosed quote", "lv/roadmap.yaml", "language: lv\ntitle: \"Ceļvedis\nsubtitle: S\nproject: P\n", `c/lv/roadmap.yaml:2:8: invalid YAML: the quote " opened here is not closed on its line, so the lines below are read as part of the text; allowed: a closing " on the same line, or a longer text in a | block`},
		{"label syntax", "lv/labels/common.yaml", "form.title: Veidlapa\npage: {page}: no\n", `c/lv/labels/common.yaml:2:13: invalid YAML: a text holding ": " must be in quotes; allowed: the whole text in quotes, such as page: "{page}: no"`},
		{"escape in a label", "lv/labels/common.yaml", "form.title: \"Veid\x1blapa\"\n", `c/lv/labels/common.yaml:1:18: the file holds the invisible character U+001B ESCAPE; allowed: text without control characters, so delete it (it often comes with copied text)`},
		{"every problem at once", "lv/roadmap.yaml", "language: lv\ntitel: T\nsteps:\n  - number: one\n    titl: x\n", `c/lv/roadmap.yaml:2:1: unknown key "titel" (did you mean "title"?); allowed: language, name, title, subtitle, project, status, status_note, preface, introduction, steps, registration, about_project, disclaimer
c/lv/roadmap.yaml:4:13: wrong type for "number": found the text "one"; allowed: a whole number
c/lv/roadmap.yaml:5:5: unknown key "titl" (did you mean "title"?); allowed: number, title, checkpoints`},
		{"unknown key", "lv/roadmap.yaml", "language: lv\ntitel: T\n", `c/lv/roadmap.yaml:2:1: unknown key "titel" (did you mean "title"?); allowed: language, name, title, subtitle, project, status, status_note, preface, introduction, steps, registration, about_project, disclaimer`},
		{"wrong kind", "lv/roadmap.yaml", "language: lv\nsteps: many\n", `c/lv/roadmap.yaml:2:8: wrong type for "steps": found the text "many"; allowed: a list of steps, each a map of number, title, checkpoints`},
		{"wrong type", "lv/roadmap.yaml", "language: lv\nsteps:\n  - number: one\n", `c/lv/roadmap.yaml:3:13: wrong type for "number": found the text "one"; allowed: a whole number`},
		{"folder mismatch", "lv/roadmap.yaml", "language: lt\n", `c/lv/roadmap.yaml:1:11: language is "lt" but the folder is "lv"; they must be the same code`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{"lv/roadmap.yaml": {Data: []byte("language: lv\n")}}
			fsys[tc.file] = &fstest.MapFile{Data: []byte(tc.data)}
			_, err := content.Load(fsys, "c")
			if err == nil || err.Error() != tc.want {
				t.Errorf("error\n got %v\nwant %s", err, tc.want)
			}
		})
	}
}
