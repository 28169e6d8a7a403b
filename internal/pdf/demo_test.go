package pdf

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// demo lays out a sample of every primitive, in Latvian; the demo test, the
// benchmarks and a look at the result by eye use it.
func demo(t testing.TB, pages int, opts ...Option) *Doc {
	t.Helper()
	opts = append([]Option{
		WithTitle("Ceļa karte – pašvaldībām"),
		WithLanguage("lv"),
		WithDate(time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)),
		WithPageLabel(PageLabel("{page}. lpp. no {pages}")),
	}, opts...)
	d, err := New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	th := d.Theme()
	d.Heading(Heading{Level: 0, Text: "Ceļa karte veiksmīgas sadarbības veidošanai", Outline: true})
	d.Paragraph("Veidlapa pašvaldībām · LOCAL-Y-MPACT", ParaStyle{Size: th.Type.H3, Color: &th.Colors.Muted})
	d.Badges(Badge{"Pašvaldībām", th.Colors.Municipality}, Badge{"Kopienu organizācijām", th.Colors.Community})
	d.SetHeader("1. solis – Situācijas analīze un sagatavošanās")
	d.StepBand(1, "1. solis", "Situācijas analīze un sagatavošanās sadarbībai ar kopienu organizācijām")
	d.Bookmark("1. solis", 1)
	d.Heading(Heading{Level: 2, Text: "Izpētiet mērķa grupas vajadzības un izaicinājumus, vietējās pašvaldības vajadzības"})
	d.Paragraph("Lai to pārbaudītu, izmantojiet vairākus avotus: tiešu saziņu ar kopienu, aptaujas, ekspertu viedokli un esošos pētījumus.", ParaStyle{Size: th.Type.Small, Color: &th.Colors.Muted})
	d.Choices([]Choice{{"Nav sākts", false}, {"Procesā", true}, {"Paveikts", false}, {"Neattiecas", false}})
	for i, s := range []string{
		"Tieša saziņa ar kopienu un mērķa grupu",
		"Aptaujas, intervijas un fokusa grupas ar jauniešiem, viņu vecākiem un sociālajiem darbiniekiem, kas ikdienā strādā ar mērķa grupu",
		"Ekspertu viedoklis",
	} {
		d.Check(s, i == 1)
	}
	d.WriteIn(3)
	d.Text(ParaStyle{},
		Run{Text: "Piemērs: "}, Run{Text: "Talsu novada pašvaldība", Style: Bold},
		Run{Text: " sadarbojās ar biedrību "}, Run{Text: "„Brīnumiņš”", Style: Italic},
		Run{Text: "; vairāk: "}, Run{Text: "local-y-mpact.eu", URL: "https://example.org/local-y-mpact"},
		Run{Text: ". Kods: "}, Run{Text: "roadmap pack --lang lv", Style: Mono},
	)
	d.Text(ParaStyle{Indent: 6, Marker: "•", SpaceAfter: 1}, Run{Text: "Ieguvumi abām pusēm: kopīgi mērķi un ietekme."})
	d.Text(ParaStyle{Indent: 6, Marker: "•"}, Run{Text: "Kopīgi resursi un pieredzes apmaiņa starp pašvaldību, jauniešu organizācijām un sociālajiem uzņēmējiem."})
	shade, bar := th.Colors.Shade, th.Colors.Accent
	d.Box(Box{Background: &shade, Bar: &bar}, func() {
		d.Text(ParaStyle{Style: Bold, SpaceAfter: 1}, Run{Text: "Piemērs no Dalarnas (Zviedrija)"})
		d.Paragraph("Dalarnas reģionā jauniešu organizācijas kopā ar pašvaldību rīkoja tikšanās, kurās jaunieši paši izvēlējās tēmas. Tā radās idejas, kas vēlāk kļuva par pašvaldības programmām.", ParaStyle{SpaceAfter: -1})
	})
	long := strings.Repeat("Sadarbība starp pašvaldību un kopienu organizācijām prasa laiku, uzticību un skaidru rīcības plānu. ", 12)
	for p := 0; d.Page() < pages; p++ {
		if p%3 == 0 {
			d.SetHeader("3. solis – Īstenošana un izvērtēšana")
			d.StepBand(3, "3. solis", "Īstenošana un izvērtēšana")
			d.Table(Table{Columns: []Column{{"Aktivitāte / Darbība", 3, AlignLeft}, {"Atbildīgā persona", 2, AlignLeft}, {"Mērķi(s)", 3, AlignLeft}, {"Termiņš", 1.4, AlignLeft}}, Zebra: true, MinRowHeight: 11},
				[][]string{{"Tikšanās ar jauniešu organizācijām", "Anna Bērziņa", "Apzināt vajadzības", "01.03.2027."}, {long[:300], "Jānis Ozols", "Kopīgs plāns", "15.04.2027."}})
		}
		d.Paragraph(long, ParaStyle{})
	}
	return d
}

func TestDemo(t *testing.T) {
	d := demo(t, 3)
	b, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	if out := os.Getenv("PDF_DEMO_OUT"); out != "" {
		if err := os.WriteFile(out, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// demoGuide lays out a booklet-like document: a cover without frame, a
// table of contents, chapters with headings, badges, lists, quotes and boxes.
func demoGuide(t testing.TB) *Doc {
	t.Helper()
	d, err := New(WithTitle("Ceļa karte – vadlīnijas"), WithLanguage("lv"), WithDate(time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)),
		WithPageLabel(PageLabel("{page}. lpp. no {pages}")))
	if err != nil {
		t.Fatal(err)
	}
	th := d.Theme()
	d.HideFrame()
	d.SetY(80)
	d.Heading(Heading{Level: 0, Text: "Ceļa karte veiksmīgas sadarbības veidošanai starp pašvaldībām un kopienas organizācijām", Outline: true})
	d.Paragraph("Vadlīnijas · LOCAL-Y-MPACT", ParaStyle{Size: th.Type.H2, Color: &th.Colors.Muted})
	d.AddPage()
	d.Heading(Heading{Level: 1, Text: "Saturs", Outline: true})
	steps := []string{"Situācijas analīze un sagatavošanās", "Kontakta veidošana ar otru pusi", "Sadarbības īstenošana un izvērtēšana"}
	links := make([]Link, len(steps))
	sub := make([][]Link, len(steps))
	for i, s := range steps {
		links[i] = d.NewLink()
		d.TOCEntry(fmt.Sprintf("%d. solis – %s", i+1, s), 0, links[i])
		for j := range 3 {
			l := d.NewLink()
			sub[i] = append(sub[i], l)
			d.TOCEntry(fmt.Sprintf("Pārbaudes punkts %d.%d: izpētiet vietējās organizācijas un aktīvos iedzīvotājus", i+1, j+1), 1, l)
		}
	}
	long := strings.Repeat("Sadarbība starp pašvaldību un kopienu organizācijām prasa laiku, uzticību un skaidru rīcības plānu. ", 4)
	shade, bar, muted := th.Colors.Shade, th.Colors.Accent, th.Colors.Rule
	for i, s := range steps {
		d.AddPage()
		d.SetHeader(fmt.Sprintf("%d. solis – %s", i+1, s))
		d.StepBand(i+1, fmt.Sprintf("%d. solis", i+1), s)
		d.Anchor(links[i])
		d.Bookmark(fmt.Sprintf("%d. solis – %s", i+1, s), 0)
		for j := range 3 {
			d.Heading(Heading{Level: 2, Text: fmt.Sprintf("%d.%d. Izpētiet vietējās organizācijas un aktīvos iedzīvotājus, kas veic līdzīgu darbu", i+1, j+1), Outline: true, Dest: sub[i][j]})
			d.Badges(Badge{"Pašvaldībām", th.Colors.Municipality}, Badge{"Kopienu organizācijām", th.Colors.Community})
			d.Text(ParaStyle{}, Run{Text: long}, Run{Text: "Svarīgi: ", Style: Bold}, Run{Text: "vispirms noskaidrojiet vajadzības.", Style: Italic})
			d.Text(ParaStyle{SpaceAfter: 1}, Run{Text: "Tas jums ļaus:"})
			for k, it := range []string{"atrast nepilnības pakalpojumos;", "izvairīties no dublēšanās un lieka darba, ko jau dara citi;", "mācīties no labās prakses."} {
				d.Text(ParaStyle{Indent: 6, Marker: fmt.Sprintf("%d.", k+1), SpaceAfter: 0.8}, Run{Text: it})
			}
			d.Space(2)
			d.Box(Box{Bar: &muted, Padding: 3}, func() {
				d.Text(ParaStyle{Style: Italic, SpaceAfter: -1}, Run{Text: "„Sadarbība sākas ar sarunu.” — citāts no Trakai pašvaldības pieredzes."})
			})
			d.Box(Box{Background: &shade, Bar: &bar}, func() {
				d.Text(ParaStyle{Style: Bold, SpaceAfter: 1, Color: &th.Colors.Accent}, Run{Text: "Piemērs: Aglantzia (Kipra)"})
				d.Text(ParaStyle{SpaceAfter: -1}, Run{Text: long + " Vairāk: "}, Run{Text: "https://example.org/aglantzia/youth-council", URL: "https://example.org/aglantzia/youth-council"})
			})
		}
	}
	return d
}

func TestDemoGuide(t *testing.T) {
	d := demoGuide(t)
	b, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	if out := os.Getenv("PDF_DEMO_GUIDE"); out != "" {
		if err := os.WriteFile(out, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
