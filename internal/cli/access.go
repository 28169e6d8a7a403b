package cli

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/partnership-roadmap/roadmap/internal/access"
	"github.com/partnership-roadmap/roadmap/internal/msg"
	"github.com/partnership-roadmap/roadmap/internal/serve"
)

type accessOptions struct {
	Dir         string
	Roadmap     string
	ReadOnly    bool
	Expires     string
	Label       string
	Coordinator bool
	List        bool
	Revoke      string
	PublicURL   string
	// Now is the clock (nil: the system's).
	Now func() time.Time
}

func newAccessCmd(app *App, runF func(*accessOptions) error) *cobra.Command {
	opts := &accessOptions{}
	cmd := &cobra.Command{
		Use:   "access DIR",
		Short: "Make, list and revoke the access links of a hosted serve",
		Long: `Manage who may open the roadmaps of the answers folder DIR when it is
served by "roadmap serve" for many organisations. Each person gets a link of
their own:

  --roadmap FILE      a link that opens that roadmap only (add --read-only to
                      let it be read but not changed)
  --coordinator       a link for the municipality's coordinator: every
                      roadmap, the overview, the calendar, the blank pack,
                      new roadmaps
  --list              one line per link: its ID, what it opens, its label,
                      until when, and whether it works
  --revoke ID         withdraw a link; a running server refuses it at once

A link is printed once, whole, and cannot be shown again: only a hash of its
secret is kept, in DIR/.roadmap/access.json. It is built on the address
people open (--public-url), which DIR remembers once given. When DIR has
links, "roadmap serve" asks every browser for one, whatever address it
listens on.`,
		Example: "  roadmap access answers --public-url https://roadmaps.example.lv --coordinator --label \"Anna (coordinator)\"\n" +
			"  roadmap access answers --roadmap brinumins-community-lv.yaml --label \"Brīnumiņš\" --expires 2027-12-31\n" +
			"  roadmap access answers --list\n  roadmap access answers --revoke 3f9a2c1e",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usage(cmd, "usage.access-args")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = args[0]
			n := 0
			for _, set := range []bool{opts.Roadmap != "", opts.Coordinator, opts.List, opts.Revoke != ""} {
				if set {
					n++
				}
			}
			if n > 1 || (n == 0 && opts.PublicURL == "") {
				return usage(cmd, "usage.access-one")
			}
			if (opts.ReadOnly || opts.Expires != "" || opts.Label != "") && opts.Roadmap == "" && !opts.Coordinator {
				return usage(cmd, "usage.access-with")
			}
			if opts.ReadOnly && opts.Coordinator {
				return usage(cmd, "usage.access-read-only")
			}
			if runF != nil {
				return runF(opts)
			}
			return accessRun(app, cmd.CommandPath(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Roadmap, "roadmap", "", "make a link that opens the answers `FILE` of DIR only")
	f.BoolVar(&opts.ReadOnly, "read-only", false, "the link shows the roadmap but saves nothing")
	f.StringVar(&opts.Expires, "expires", "", "the link works until the end of `DATE` (YYYY-MM-DD)")
	f.StringVar(&opts.Label, "label", "", "whose link it is (`TEXT`), shown by --list and in the audit log")
	f.BoolVar(&opts.Coordinator, "coordinator", false, "make a link for the coordinator: every roadmap and the folder's documents")
	f.BoolVar(&opts.List, "list", false, "list the links, one a line")
	f.StringVar(&opts.Revoke, "revoke", "", "withdraw the link `ID`")
	f.StringVar(&opts.PublicURL, "public-url", "", "the `URL` people open, such as https://roadmaps.example.lv (remembered in DIR)")
	return cmd
}

// checkPublicURL returns the public address u without a trailing slash,
// or a usage error saying what is allowed.
func checkPublicURL(u, cmd string) (string, error) {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" || p.User != nil || p.RawQuery != "" || p.Fragment != "" || strings.Trim(p.Path, "/") != "" {
		return "", usageError{msg.New("usage.public-url", "value", msg.Value(u)), cmd}
	}
	return p.Scheme + "://" + p.Host, nil
}

func accessRun(app *App, cmdPath string, opts *accessOptions) error {
	now := time.Now()
	if opts.Now != nil {
		now = opts.Now()
	}
	if fi, err := os.Stat(opts.Dir); err != nil || !fi.IsDir() {
		return msg.New("cli.not-answers-folder", "dir", opts.Dir)
	}
	st, err := access.LoadSettings(opts.Dir)
	if err != nil {
		return err
	}
	if opts.PublicURL != "" {
		u, err := checkPublicURL(opts.PublicURL, cmdPath)
		if err != nil {
			return err
		}
		if u != st.PublicURL {
			st.PublicURL = u
			if err := access.SaveSettings(opts.Dir, st); err != nil {
				return msg.New("cli.remember-url", "reason", err)
			}
			fmt.Fprintln(app.Out, msg.New("cli.public-url-saved", "url", u, "folder", filepath.Join(opts.Dir, access.Folder)).In(app.ReaderLang()))
		}
	}
	store := access.Open(opts.Dir)
	switch {
	case opts.List:
		links, err := store.Links()
		if err != nil {
			return err
		}
		if len(links) == 0 {
			fmt.Fprintln(app.Out, msg.New("cli.no-access-links", "dir", opts.Dir).In(app.ReaderLang()))
		}
		for _, l := range links {
			fmt.Fprintln(app.Out, linkLine(l, now, app.ReaderLang()))
		}
		return nil
	case opts.Revoke != "":
		l, err := store.Revoke(opts.Revoke, now)
		if errors.Is(err, access.ErrNoLink) {
			return msg.New("cli.no-link", "id", msg.Value(opts.Revoke), "dir", opts.Dir)
		}
		if err != nil {
			return err
		}
		fmt.Fprintln(app.Out, msg.New("cli.revoked", "link", linkLine(l, now, app.ReaderLang())).In(app.ReaderLang()))
		return nil
	case opts.Roadmap == "" && !opts.Coordinator:
		return nil // --public-url alone
	}
	if st.PublicURL == "" {
		return usageError{msg.New("usage.no-public-url", "dir", opts.Dir), cmdPath}
	}
	l := access.Link{Coordinator: opts.Coordinator, ReadOnly: opts.ReadOnly, Label: strings.TrimSpace(opts.Label)}
	if opts.Roadmap != "" {
		name := opts.Roadmap
		if !serve.ValidName(name) {
			return usageError{msg.New("usage.access-roadmap-name", "value", msg.Value(name), "dir", opts.Dir), cmdPath}
		}
		if fi, err := os.Lstat(filepath.Join(opts.Dir, name)); err != nil || !fi.Mode().IsRegular() {
			return msg.New("cli.no-answers-file", "value", msg.Value(name), "dir", opts.Dir)
		}
		l.Roadmap = name
	}
	if opts.Expires != "" {
		d, err := time.ParseInLocation("2006-01-02", opts.Expires, time.Local)
		if err != nil {
			return usageError{msg.New("usage.expires", "value", msg.Value(opts.Expires)), cmdPath}
		}
		l.Expires = d.AddDate(0, 0, 1)
		if !now.Before(l.Expires) {
			return usageError{msg.New("usage.expires-past", "value", msg.Value(opts.Expires)), cmdPath}
		}
	}
	l, token, err := store.Add(l, now)
	if err != nil {
		return msg.New("cli.add-link", "file", filepath.Join(opts.Dir, access.Folder), "reason", err)
	}
	link := st.PublicURL + "/?token=" + token
	if l.Roadmap != "" {
		link = st.PublicURL + "/r/" + url.PathEscape(l.Roadmap) + "?token=" + token
	}
	fmt.Fprintf(app.Out, "%s\n%s\n", linkLine(l, now, app.ReaderLang()), link)
	fmt.Fprintln(app.Out, msg.New("cli.link-once").In(app.ReaderLang()))
	return nil
}

// linkLine is one link as --list prints it, in language lang.
func linkLine(l access.Link, now time.Time, lang string) string {
	say := func(key string, kv ...any) string { return msg.New(key, kv...).In(lang) }
	what := say("cli.link-coordinator")
	switch {
	case l.Coordinator:
	case l.ReadOnly:
		what = say("cli.link-roadmap-read-only", "file", msg.Plain(l.Roadmap))
	default:
		what = say("cli.link-roadmap", "file", msg.Plain(l.Roadmap))
	}
	until := say("cli.link-no-expiry")
	if !l.Expires.IsZero() {
		until = say("cli.link-until", "date", l.Expires.Add(-time.Second).Format("2006-01-02"))
	}
	label := l.Label
	if label == "" {
		label = "-"
	}
	state := map[access.State]string{access.Active: "cli.link-active", access.Expired: "cli.link-expired", access.Revoked: "cli.link-revoked"}[l.State(now)]
	return fmt.Sprintf("%s  %s  %q  %s  %s", l.ID, what, label, until, say(state))
}
