package cli

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/access"
)

// startServe runs serveRun with opts until the test ends and returns the
// address it prints (matched by re's first group) and its output.
func startServe(t *testing.T, opts *serveOptions, re string) (string, *syncBuffer, *syncBuffer) {
	t.Helper()
	var out, errb syncBuffer
	app := &App{IO: IO{In: strings.NewReader(""), Out: &out, Err: &errb}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serveRun(ctx, app, opts) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve: %v", err)
			}
		case <-time.After(15 * time.Second):
			t.Error("serve did not stop")
		}
	})
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := regexp.MustCompile(re).FindStringSubmatch(out.String()); m != nil {
			return m[1], &out, &errb
		}
		select {
		case err := <-done:
			t.Fatalf("serve stopped: %v\n%s", err, errb.String())
		default:
		}
	}
	t.Fatalf("serve printed no address:\n%s%s", out.String(), errb.String())
	return "", nil, nil
}

// TestServeHosted checks that a public address switches access control on
// even on 127.0.0.1 (where a reverse proxy reaches the server), and that
// the server warns while the folder has no link.
func TestServeHosted(t *testing.T) {
	dir := t.TempDir()
	url, _, errb := startServe(t, &serveOptions{Dir: dir, Addr: "127.0.0.1:0", PublicURL: "https://roadmaps.example.lv",
		TrustedProxies: []string{"127.0.0.1"}}, `\(listening on (127\.0\.0\.1:\d+)\)`)
	if !strings.Contains(errb.String(), "has no access links yet, so no browser can open a page: make one with roadmap access") {
		t.Errorf("no warning of a folder without links:\n%s", errb.String())
	}
	res, err := http.Get("http://" + url + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 401 {
		t.Errorf("a hosted server on 127.0.0.1 without a link = %d, want 401", res.StatusCode)
	}
}

// TestServeTLS serves HTTPS with --tls-cert/--tls-key: the link printed is
// https, a coordinator's link opens the list, the cookie is Secure.
func TestServeTLS(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile := selfSigned(t)
	_, tok, err := access.Open(dir).Add(access.Link{Coordinator: true}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	base, _, _ := startServe(t, &serveOptions{Dir: dir, Addr: "127.0.0.1:0", TLSCert: certFile, TLSKey: keyFile},
		` at (https://127\.0\.0\.1:\d+/) `)
	client := &http.Client{
		Transport:     &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	res, err := client.Get(base + "?token=" + tok)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	c := res.Cookies()
	if res.StatusCode != 303 || len(c) != 1 || !c[0].Secure || !c[0].HttpOnly {
		t.Fatalf("the coordinator's link over HTTPS = %d %v", res.StatusCode, c)
	}
	req, _ := http.NewRequest("GET", base+"?lang=en", nil)
	req.AddCookie(c[0])
	res, err = client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), "There is no roadmap in this folder yet.") {
		t.Errorf("the list over HTTPS = %d", res.StatusCode)
	}
}

func TestServeBadHosting(t *testing.T) {
	app := &App{IO: IO{In: strings.NewReader(""), Out: io.Discard, Err: io.Discard}}
	for _, c := range []struct {
		opts serveOptions
		want string
	}{
		{serveOptions{TLSCert: "c.pem"}, "--tls-cert and --tls-key go together: give both"},
		{serveOptions{TrustedProxies: []string{"proxy.lan"}}, `--trusted-proxy "proxy.lan": give an address (127.0.0.1) or a range (10.0.0.0/8)`},
		{serveOptions{PublicURL: "roadmaps.example.lv"}, `--public-url "roadmaps.example.lv": give the address people open`},
		{serveOptions{TLSCert: "none.pem", TLSKey: "none.key"}, "reading the certificate none.pem and key none.key:"},
	} {
		o := c.opts
		o.Dir, o.Addr = t.TempDir(), "127.0.0.1:0"
		if err := serveRun(context.Background(), app, &o); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.opts, err, c.want)
		}
	}
}

// selfSigned writes a certificate for 127.0.0.1 and its key.
func selfSigned(t *testing.T) (certFile, keyFile string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kb, _ := x509.MarshalECPrivateKey(key)
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600)
	return certFile, keyFile
}

// TestLanAddrs checks the addresses a workshop's links are printed with:
// every network's, IPv4 first, never loopback or link-local.
func TestLanAddrs(t *testing.T) {
	cidr := func(s string) net.Addr {
		ip, n, err := net.ParseCIDR(s)
		if err != nil {
			t.Fatal(err)
		}
		n.IP = ip
		return n
	}
	addrs := []net.Addr{cidr("127.0.0.1/8"), cidr("::1/128"), cidr("fe80::1/64"), cidr("2001:db8::5/64"),
		cidr("192.168.1.5/24"), cidr("169.254.3.4/16"), cidr("10.0.0.7/8")}
	if got := strings.Join(lanAddrs(addrs, "8080", false), " "); got != "192.168.1.5:8080 10.0.0.7:8080 [2001:db8::5]:8080" {
		t.Errorf("on ::, the links name %s", got)
	}
	if got := strings.Join(lanAddrs(addrs, "8080", true), " "); got != "192.168.1.5:8080 10.0.0.7:8080" {
		t.Errorf("on 0.0.0.0, the links name %s", got)
	}
	if got := networkAddrs("192.168.1.5:8080"); len(got) != 1 || got[0] != "192.168.1.5:8080" {
		t.Errorf("a listener on one address: %v", got)
	}
}

// TestServeHostedLanguage checks that serve's start-up line is in the
// reader's language (here LC_ALL), while its address stays as it is.
func TestServeHostedLanguage(t *testing.T) {
	t.Setenv("LC_ALL", "lv_LV.UTF-8")
	dir := t.TempDir()
	_, out, _ := startServe(t, &serveOptions{Dir: dir, Addr: "127.0.0.1:0", PublicURL: "https://roadmaps.example.lv",
		TrustedProxies: []string{"127.0.0.1"}}, `\(savienojumus gaida adresē (127\.0\.0\.1:\d+)\)`)
	want := regexp.MustCompile(`(?m)^tiek rādītas mapes ` + regexp.QuoteMeta(dir) + ` ceļa kartes adresē https://roadmaps\.example\.lv/ \(savienojumus gaida adresē 127\.0\.0\.1:\d+\); katrai pārlūkprogrammai vajag savu piekļuves saiti \(roadmap access ` + regexp.QuoteMeta(dir) + ` --list\)$`)
	if !want.MatchString(out.String()) {
		t.Errorf("the start-up line is not in Latvian:\n%s", out.String())
	}
}

// TestServeNetworkLanguage checks serve's start-up lines on the network (a
// workshop) in the reader's language: where it serves, the links to open
// and the code to scan.
func TestServeNetworkLanguage(t *testing.T) {
	t.Setenv("LC_ALL", "pt_PT.UTF-8")
	dir := t.TempDir()
	_, out, _ := startServe(t, &serveOptions{Dir: dir, Addr: "0.0.0.0:0"}, `(?m)^(a servir os roteiros de .* na rede em \S+)$`)
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), "Ctrl+C") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	got := out.String()
	for _, want := range []string{
		"a servir os roteiros de " + dir + " na rede em ",
		"\nabra uma destas ligações (contêm a chave de acesso; dê-as apenas a quem pode editar):\n  http",
		"\nou leia este código com um telemóvel na mesma rede (também na página http",
		"/workshop?token=",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the start-up lines lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "serving") || strings.Contains(got, "open one") || strings.Contains(got, "scan this") {
		t.Errorf("English in the start-up lines:\n%s", got)
	}
}
