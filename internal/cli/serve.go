package cli

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/partnership-roadmap/roadmap/internal/access"
	"github.com/partnership-roadmap/roadmap/internal/msg"
	"github.com/partnership-roadmap/roadmap/internal/qr"
	"github.com/partnership-roadmap/roadmap/internal/serve"
)

type serveOptions struct {
	Dir   string
	Addr  string
	Open  bool
	Paper string
	// PublicURL is the address people open (default: the folder's
	// remembered one).
	PublicURL string
	// TrustedProxies are addresses or CIDR ranges of reverse proxies.
	TrustedProxies []string
	// TLSCert and TLSKey serve HTTPS with this certificate.
	TLSCert, TLSKey string

	// listener, when set, is listened on instead of Addr.
	listener net.Listener
	// launched says roadmap was started by a double-click: the window
	// then says in plain words where the roadmaps are and how to stop.
	launched bool
}

func newServeCmd(app *App) *cobra.Command {
	opts := &serveOptions{}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Fill in roadmaps in a web browser; every change is saved to its answers file",
		Long: `Serve the roadmaps of a folder of answers files as web pages, to fill in
from a browser: the checkpoints with their status, options and answers, the
guidance and partner examples beside each, and the action, communication and
evaluation plans as tables. Every change is checked as "roadmap validate"
does and saved to the answers file within a second. The filled checklist
(PDF), the plans workbook and the answers file download from the page.

The server listens on this computer only (127.0.0.1) unless --addr names
another address. On any other address, such as 0.0.0.0:8080 for a workshop
on a shared network, it prints a link holding a random access key: only
browsers that opened that link can see or change the roadmaps.

A folder hosted for many organisations has access links instead, made with
"roadmap access": when the folder has any, every browser needs one of them,
whatever address the server listens on, and a person's link opens one
roadmap only.`,
		Example: "  roadmap serve\n  roadmap serve --dir answers --open\n  roadmap serve --addr 0.0.0.0:8080",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return serveRun(cmd.Context(), app, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Dir, "dir", "answers", "the `folder` of answers files (created when missing)")
	cmd.Flags().StringVar(&opts.Addr, "addr", "127.0.0.1:8080", "the `address` to listen on, host:port")
	cmd.Flags().BoolVar(&opts.Open, "open", false, "open the page in the default browser")
	cmd.Flags().StringVar(&opts.PublicURL, "public-url", "", "the `URL` people open, such as https://roadmaps.example.lv (default: the one the folder remembers)")
	cmd.Flags().StringSliceVar(&opts.TrustedProxies, "trusted-proxy", nil, "the `address` (or CIDR range) of a reverse proxy whose X-Forwarded-* headers count; repeatable")
	cmd.Flags().StringVar(&opts.TLSCert, "tls-cert", "", "serve HTTPS with this certificate `FILE` (PEM; with --tls-key)")
	cmd.Flags().StringVar(&opts.TLSKey, "tls-key", "", "the private key `FILE` of --tls-cert (PEM)")
	paperFlag(cmd, &opts.Paper)
	return cmd
}

func serveRun(ctx context.Context, app *App, opts *serveOptions) error {
	b, err := app.Content()
	if err != nil {
		return err
	}
	theme, err := app.Theme(opts.Paper)
	if err != nil {
		return err
	}
	host, _, err := net.SplitHostPort(opts.Addr)
	if err != nil {
		return usageError{msg.New("usage.addr", "value", msg.Value(opts.Addr)), "roadmap serve"}
	}
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return msg.New("cli.cannot-create-folder", "dir", opts.Dir, "reason", err)
	}
	so := serve.Options{Dir: opts.Dir, Content: b, Theme: theme, DocDate: DocDate,
		Logf: func(format string, args ...any) { fmt.Fprintf(app.Err, format+"\n", args...) }}
	if (opts.TLSCert == "") != (opts.TLSKey == "") {
		return usageError{msg.New("usage.tls"), "roadmap serve"}
	}
	var tlsConf *tls.Config
	if opts.TLSCert != "" {
		cert, err := tls.LoadX509KeyPair(opts.TLSCert, opts.TLSKey)
		if err != nil {
			return msg.New("cli.tls-read", "cert", opts.TLSCert, "key", opts.TLSKey, "reason", err)
		}
		tlsConf = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	}
	for _, p := range opts.TrustedProxies {
		pr, err := netip.ParsePrefix(p)
		if err != nil {
			a, aerr := netip.ParseAddr(p)
			if aerr != nil {
				return usageError{msg.New("usage.trusted-proxy", "value", msg.Value(p)), "roadmap serve"}
			}
			pr = netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen())
		}
		so.TrustedProxies = append(so.TrustedProxies, pr.Masked())
	}
	settings, err := access.LoadSettings(opts.Dir)
	if err != nil {
		return err
	}
	so.PublicURL = settings.PublicURL
	if opts.PublicURL != "" {
		if so.PublicURL, err = checkPublicURL(opts.PublicURL, "roadmap serve"); err != nil {
			return err
		}
	}
	links := access.Open(opts.Dir)
	hasLinks, err := links.Any()
	if err != nil {
		return err
	}
	hosted := hasLinks || so.PublicURL != "" || len(so.TrustedProxies) > 0
	if hosted {
		// The folder is hosted: every browser shows a link of its own,
		// whatever address the server listens on. Behind a proxy every
		// request comes from the proxy's address, often 127.0.0.1, so the
		// address the server listens on says nothing of who may reach it.
		so.Access = links
	}
	loopback := isLoopback(host)
	if !loopback {
		// A network address: anyone on the network could reach the pages,
		// so a random key is required, shown once in the printed link and
		// kept by the browser in a cookie. One key for the whole folder
		// (not a link per roadmap) is what a workshop can hand out: it is
		// on the projector, and whoever has it may work on any roadmap of
		// the folder, as they could on paper.
		if !hosted {
			key := make([]byte, 16)
			if _, err := rand.Read(key); err != nil {
				return err
			}
			so.Token = hex.EncodeToString(key)
		}
		so.AnyIPHost = true
		so.Hosts = []string{"localhost"}
		if h, err := os.Hostname(); err == nil {
			so.Hosts = append(so.Hosts, h, h+".local")
		}
		if host != "" && net.ParseIP(host) == nil {
			so.Hosts = append(so.Hosts, host)
		}
	}
	ln := opts.listener
	if ln == nil {
		if ln, err = net.Listen("tcp", opts.Addr); err != nil {
			return msg.New("cli.cannot-listen-on", "addr", opts.Addr, "reason", err)
		}
	}
	defer ln.Close()
	scheme := "http"
	if opts.TLSCert != "" {
		scheme = "https"
	}
	var lan []string
	if so.Token != "" {
		// A phone in the room cannot resolve this computer's name: the
		// links name its addresses on each network.
		for _, a := range networkAddrs(ln.Addr().String()) {
			lan = append(lan, scheme+"://"+a+"/?token="+so.Token)
		}
		so.WorkshopLinks = lan
	}
	srv, err := serve.New(so)
	if err != nil {
		return err
	}
	defer srv.Close()

	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		TLSConfig:         tlsConf,
	}
	url := scheme + "://" + displayAddr(ln.Addr().String(), host) + "/"
	if so.PublicURL != "" {
		url = so.PublicURL + "/"
	}
	switch {
	case opts.launched:
		fmt.Fprintln(app.Out, launchMessage(opts.Dir, url))
	case so.Token != "":
		url += "?token=" + so.Token
		if len(lan) > 0 {
			url = lan[0]
		}
		fmt.Fprintln(app.Out, msg.New("cli.serving-network", "dir", opts.Dir, "addr", ln.Addr().String()).In(app.ReaderLang()))
		fmt.Fprintln(app.Out, msg.New("cli.serving-links").In(app.ReaderLang()))
		for _, l := range lan {
			fmt.Fprintf(app.Out, "  %s\n", l)
		}
		if len(lan) == 0 {
			fmt.Fprintf(app.Out, "  %s\n", url)
		}
		if c, err := qr.Encode(url); err == nil {
			page := strings.Replace(url, "/?token=", "/workshop?token=", 1)
			fmt.Fprintf(app.Out, "%s\n%s", msg.New("cli.serving-code", "url", page).In(app.ReaderLang()), c.Terminal(app.IsStdoutTTY()))
		}
	case hosted:
		fmt.Fprintln(app.Out, msg.New("cli.serving-hosted", "dir", opts.Dir, "url", url, "addr", ln.Addr().String()).In(app.ReaderLang()))
		if !hasLinks {
			app.WarnText(msg.New("cli.no-links", "dir", opts.Dir))
		}
	default:
		fmt.Fprintln(app.Out, msg.New("cli.serving", "dir", opts.Dir, "url", url).In(app.ReaderLang()))
	}
	if !opts.launched {
		fmt.Fprintln(app.Out, msg.New("cli.ctrl-c").In(app.ReaderLang()))
	}
	if opts.Open {
		if err := app.launcher().open(url); err != nil {
			app.WarnText(msg.New("cli.no-browser", "reason", err))
		}
	}

	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() {
		if opts.TLSCert != "" {
			errc <- hs.ServeTLS(ln, "", "")
			return
		}
		errc <- hs.Serve(ln)
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// Let saves under way finish: they are what must not be lost.
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shut); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Fprintln(app.Out, msg.New("cli.stopped").In(app.ReaderLang()))
	return nil
}

// networkAddrs returns the addresses (host:port) by which other machines
// reach a listener on addr: for an unspecified address (0.0.0.0, ::) one
// per network this computer is on, IPv4 first, without loopback and
// link-local ones; else addr itself.
func networkAddrs(addr string) []string {
	h, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil
	}
	ip := net.ParseIP(h)
	if ip == nil || !ip.IsUnspecified() {
		return []string{addr}
	}
	ifs, err := net.InterfaceAddrs()
	if err != nil {
		return nil
	}
	return lanAddrs(ifs, port, ip.To4() != nil)
}

// lanAddrs picks from addrs those other machines can reach, as host:port;
// v4only keeps IPv4 ones only (a listener on 0.0.0.0).
func lanAddrs(addrs []net.Addr, port string, v4only bool) []string {
	var v4, v6 []string
	for _, a := range addrs {
		n, ok := a.(*net.IPNet)
		if !ok || n.IP.IsLoopback() || n.IP.IsLinkLocalUnicast() || n.IP.IsUnspecified() || n.IP.IsMulticast() {
			continue
		}
		if n.IP.To4() != nil {
			v4 = append(v4, net.JoinHostPort(n.IP.String(), port))
		} else if !v4only {
			v6 = append(v6, net.JoinHostPort(n.IP.String(), port))
		}
	}
	return append(v4, v6...)
}

// isLoopback reports whether host names this computer only.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// displayAddr is the address to print: the listener's, with a name that
// opens in a browser when it listens on every address.
func displayAddr(addr, host string) string {
	h, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if ip := net.ParseIP(h); ip != nil && ip.IsUnspecified() {
		if name, err := os.Hostname(); err == nil {
			return net.JoinHostPort(name, port)
		}
	}
	if host == "localhost" {
		h = "localhost"
	}
	return net.JoinHostPort(h, port)
}

// openBrowser opens url in the default browser.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}
