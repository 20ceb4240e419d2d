package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fastaead/fastaead/aead"
	"github.com/fastaead/fastaead/bench/internal/report"
	"github.com/fastaead/fastaead/bench/internal/suite"
)

// TestMain lets the test binary stand in for aeadbench: as a -tiers child
// process, or as the whole command (for environment-variable tests).
func TestMain(m *testing.M) {
	switch {
	case os.Getenv(childEnv) == "1":
		os.Exit(childMain(os.Stdin, os.Stdout))
	case os.Getenv("AEADBENCH_TEST_MAIN") == "1":
		var args []string
		json.Unmarshal([]byte(os.Getenv("AEADBENCH_TEST_ARGS")), &args)
		os.Exit(run(args, os.Stdout, os.Stderr, defaultHooks()))
	}
	os.Exit(m.Run())
}

// quick are flags that make a run take a fraction of a second.
var quick = []string{"-duration", "1ms", "-windows", "2", "-q"}

func runCmd(t *testing.T, h hooks, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(args, &o, &e, h)
	return code, o.String(), e.String()
}

func TestFlagErrors(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"-bogus"}, "flag provided but not defined: -bogus"},
		{[]string{"-sizes", "abc"}, `-sizes: bad size "abc"`},
		{[]string{"-sizes", "1G"}, `-sizes: bad size "1G"`},
		{[]string{"-sizes", "32M"}, "out of range"},
		{[]string{"-sizes", "-5"}, "out of range"},
		{[]string{"-constructions", "DES"}, `-constructions: unknown construction "DES"`},
		{[]string{"-constructions", "AESGCM-512"}, `unknown construction "AESGCM-512"`},
		{[]string{"-constructions", ""}, "-constructions: no construction named"},
		{[]string{"-ops", "encrypt"}, `-ops: unknown direction "encrypt"`},
		{[]string{"-duration", "0s"}, "-duration 0s: want a positive window"},
		{[]string{"-duration", "fast"}, `invalid value "fast" for flag -duration`},
		{[]string{"-windows", "0"}, "-windows 0: want 1 to 1000"},
		{[]string{"-ghz", "-1"}, "-ghz -1"},
		{[]string{"-ghz", "3,6"}, `invalid value "3,6" for flag -ghz`},
		{[]string{"extra"}, `unexpected argument "extra"`},
		{[]string{"-peers", "bogus", "-constructions", "ChaCha20Poly1305"}, `-peers: unknown peer "bogus"`},
		{[]string{"-json", "dir/"}, "is a directory"},
	}
	if !suite.OpenSSLAvailable {
		cases = append(cases, struct {
			args []string
			want string
		}{[]string{"-openssl"}, "rebuild with -tags openssl"})
	}
	for _, c := range cases {
		code, out, errOut := runCmd(t, defaultHooks(), c.args...)
		if code != 2 || !strings.Contains(errOut, c.want) || !strings.Contains(errOut, "aeadbench -h") || out != "" {
			t.Errorf("aeadbench %q: exit %d, stderr %q, stdout %q; want exit 2 and %q on stderr only", c.args, code, errOut, out, c.want)
		}
	}
	code, out, _ := runCmd(t, defaultHooks(), "-h")
	if code != 0 || !strings.Contains(out, "-constructions") || !strings.Contains(out, "-tiers") {
		t.Errorf("-h: exit %d, usage %q", code, out)
	}
}

func TestFlagParsing(t *testing.T) {
	c, err := parseFlags([]string{"-constructions", "aesgcm-256,ChaCha20Poly1305", "-sizes", "1k,0,1M", "-ops", "open",
		"-duration", "20ms", "-windows", "3", "-ghz", "3.6", "-peers", "stdlib", "-tiers", "-seed", "9"})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.variants) != 2 || c.variants[0].Name() != "AESGCM-256" || c.variants[1].Name() != "ChaCha20Poly1305" ||
		len(c.sizes) != 3 || c.sizes[2] != 1<<20 || len(c.ops) != 1 || c.ops[0] != "open" ||
		c.window.Milliseconds() != 20 || c.windows != 3 || c.ghz != 3.6 || len(c.peers) != 1 || !c.tiers || c.seed != 9 {
		t.Fatalf("parsed %+v", c)
	}
	c, err = parseFlags(nil)
	if err != nil || len(c.variants) != 7 || len(c.sizes) != 6 || len(c.ops) != 2 || c.peers != nil {
		t.Fatalf("defaults: %+v, %v", c, err)
	}
	if c, _ = parseFlags([]string{"-peers", "none"}); c.peers == nil || len(c.peers) != 0 {
		t.Fatal("-peers none must select no peer")
	}
}

// TestBadKernelEnv runs the command in a child process with a bad
// FASTAEAD_KERNEL, which the library reads at start-up.
func TestBadKernelEnv(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	args, _ := json.Marshal([]string{"-constructions", "ChaCha20Poly1305"})
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), "AEADBENCH_TEST_MAIN=1", "AEADBENCH_TEST_ARGS="+string(args), "FASTAEAD_KERNEL=sse9")
	var e bytes.Buffer
	cmd.Stderr = &e
	err = cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 2 || !strings.Contains(e.String(), "sse9") {
		t.Fatalf("FASTAEAD_KERNEL=sse9: %v, stderr %q; want exit 2 naming the value", err, e.String())
	}
}

// variantsForTest are constructions whose fastaead code runs (a
// construction whose primitive is still a stub is left out).
func variantsForTest(t *testing.T) string {
	t.Helper()
	fa, err := suite.Fastaead()
	if err != nil {
		t.Fatal(err)
	}
	var ok []string
	for _, name := range []string{"ChaCha20Poly1305", "AESOCB3-128", "AESGCM-128"} {
		vs, _ := suite.ParseVariants(name)
		if _, err := suite.Fingerprint(fa, vs[0], 1); err == nil {
			ok = append(ok, name)
		} else {
			t.Logf("leaving out %s: %v", name, err)
		}
	}
	if len(ok) == 0 {
		t.Skip("no fastaead construction runs")
	}
	return strings.Join(ok, ",")
}

func TestRunJSONAndSVG(t *testing.T) {
	dir := t.TempDir()
	jsonPath, svgPath := filepath.Join(dir, "out", "r.json"), filepath.Join(dir, "out", "r.svg")
	fmtPath := filepath.Join(dir, "r.txt")
	vs := variantsForTest(t)
	args := append([]string{"-constructions", vs, "-sizes", "0,64,1K", "-json", jsonPath, "-svg", svgPath, "-benchfmt", fmtPath, "-ghz", "3"}, quick...)
	code, out, errOut := runCmd(t, defaultHooks(), args...)
	if code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	for _, want := range []string{"cpu:", "kernels:", "clock:     3.00 GHz, given with -ghz 3", "cross-check: every peer agrees", "best peer", "c/B fastaead", "wrote " + jsonPath, "wrote " + svgPath} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}

	data, err := os.ReadFile(jsonPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := report.ValidateJSON(data); err != nil {
		t.Fatalf("the JSON does not follow schema.json: %v", err)
	}
	var rep report.Report
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rep); err != nil {
		t.Fatal(err)
	}
	variants, _ := suite.ParseVariants(vs)
	peers := suite.Peers(suite.Options{})
	wantCells := 0
	wantImpls := map[string][]string{}
	tier := aead.Kernels().Tier
	for _, v := range variants {
		wantImpls[v.Name()] = []string{"fastaead-" + tier}
		for _, p := range peers {
			if p.Supports(v) {
				wantImpls[v.Name()] = append(wantImpls[v.Name()], p.Name)
			}
		}
		wantCells += 3 * 2 * len(wantImpls[v.Name()])
	}
	if rep.Schema != report.SchemaID || len(rep.Results) != wantCells || len(rep.Summary) != 3*2*len(variants) {
		t.Fatalf("schema %q, %d results (want %d), %d rows", rep.Schema, len(rep.Results), wantCells, len(rep.Summary))
	}
	for _, r := range rep.Results {
		if r.NsPerOp <= 0 || len(r.WindowsNs) != 2 || (r.Size > 0) != (r.MBPerS > 0) || (r.Size > 0) != (r.CyclesPerByte != nil) {
			t.Errorf("bad result %+v", r)
		}
		if !r.Peer && (r.Kernel == "" || r.AllocsPerOp >= 0.5) { // ReadMemStats also counts the runtime's own allocations
			t.Errorf("fastaead result without a kernel or with allocations: %+v", r)
		}
	}
	for _, row := range rep.Summary {
		if row.BestPeer == nil || row.Ratio == nil || len(row.Fastaead) != 1 {
			t.Errorf("row %+v: want fastaead and a best peer", row)
		}
	}

	txt, err := os.ReadFile(fmtPath)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(txt), "\nBenchmark"); n != 2*wantCells {
		t.Errorf("benchfmt has %d benchmark lines, want one per window: %d", n, 2*wantCells)
	}

	svg, err := os.ReadFile(svgPath)
	if err != nil {
		t.Fatal(err)
	}
	panels := svgSeries(t, svg)
	for v, want := range wantImpls {
		if got := strings.Join(panels[v], ","); got != strings.Join(want, ",") {
			t.Errorf("SVG panel %s has series %q, want one per implementation: %q", v, got, strings.Join(want, ","))
		}
	}
}

// svgSeries checks that data is well-formed XML and returns the series
// (their data-impl) of each panel.
func svgSeries(t *testing.T, data []byte) map[string][]string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	m := map[string][]string{}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return m
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "g" {
			attr := map[string]string{}
			for _, a := range se.Attr {
				attr[a.Name.Local] = a.Value
			}
			if attr["class"] == "series" {
				m[attr["data-variant"]] = append(m[attr["data-variant"]], attr["data-impl"])
			}
		}
	}
}

// corruptPeer is fastaead's ChaCha20-Poly1305 posing as a peer, with Seal
// damaged for plaintexts of exactly badLen bytes.
func corruptPeer(badLen int) suite.Impl {
	fa, _ := suite.Fastaead()
	return suite.Impl{
		Name:     "corrupt",
		Package:  "test",
		Peer:     true,
		Supports: func(v suite.Variant) bool { return v.Construction == "ChaCha20Poly1305" },
		New: func(v suite.Variant, key []byte) (suite.AEAD, error) {
			a, err := fa.New(v, key)
			return corruptAEAD{a, badLen}, err
		},
	}
}

type corruptAEAD struct {
	suite.AEAD
	badLen int
}

func (c corruptAEAD) Seal(dst, nonce, pt, ad []byte) []byte {
	out := c.AEAD.Seal(dst, nonce, pt, ad)
	if len(pt) == c.badLen {
		out[len(out)-len(pt)/2-1] ^= 0x10
	}
	return out
}

func withPeer(p suite.Impl) hooks {
	h := defaultHooks()
	h.peers = func(o suite.Options) []suite.Impl { return append(suite.Peers(o), p) }
	return h
}

// TestCorruptPeerCaught proves a peer that disagrees with fastaead stops
// the run loudly and writes nothing: caught by the cross-check before
// timing, and (for a size the cross-check does not cover) by the check of
// the timed loop's output.
func TestCorruptPeerCaught(t *testing.T) {
	if _, err := suite.Fingerprint(mustFastaead(t), suite.Variant{Construction: "ChaCha20Poly1305", KeyBits: 256}, 1); err != nil {
		t.Skip(err)
	}
	for _, c := range []struct {
		name   string
		badLen int
		sizes  string
		stage  string
	}{
		{"cross-check", 255, "64", "Seal output differs"},
		{"after timing", 100000, "100000", "measured with Seal differs"},
	} {
		jsonPath := filepath.Join(t.TempDir(), "r.json")
		args := append([]string{"-constructions", "ChaCha20Poly1305", "-sizes", c.sizes, "-json", jsonPath}, quick...)
		code, _, errOut := runCmd(t, withPeer(corruptPeer(c.badLen)), args...)
		if code != 1 || !strings.Contains(errOut, "CROSS-CHECK FAILED: corrupt ChaCha20Poly1305") || !strings.Contains(errOut, c.stage) ||
			!strings.Contains(errOut, banner) {
			t.Errorf("%s: exit %d, stderr:\n%s\nwant exit 1 and a loud CROSS-CHECK FAILED naming the peer", c.name, code, errOut)
		}
		if _, err := os.Stat(jsonPath); err == nil {
			t.Errorf("%s: results were written despite the mismatch", c.name)
		}
	}
	// The same peer, honest at every measured size, passes.
	code, _, errOut := runCmd(t, withPeer(corruptPeer(-1)), append([]string{"-constructions", "ChaCha20Poly1305", "-sizes", "64"}, quick...)...)
	if code != 0 {
		t.Errorf("an honest peer failed: %s", errOut)
	}
}

func mustFastaead(t *testing.T) suite.Impl {
	fa, err := suite.Fastaead()
	if err != nil {
		t.Fatal(err)
	}
	return fa
}

// TestTiers runs every supported tier in a child process.
func TestTiers(t *testing.T) {
	vs := variantsForTest(t)
	first := strings.Split(vs, ",")[0]
	jsonPath := filepath.Join(t.TempDir(), "r.json")
	code, out, errOut := runCmd(t, defaultHooks(), append([]string{"-tiers", "-constructions", first, "-sizes", "64", "-ops", "seal", "-peers", "none", "-json", jsonPath}, quick...)...)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	data, _ := os.ReadFile(jsonPath)
	var rep report.Report
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rep.Results {
		got = append(got, r.Impl)
	}
	var want []string
	for _, tier := range aead.Kernels().Supported {
		want = append(want, "fastaead-"+tier)
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("tiers measured: %v, want %v", got, want)
	}
	if len(rep.Summary) != 1 || len(rep.Summary[0].Fastaead) != len(want) {
		t.Fatalf("summary %+v: want every tier side by side", rep.Summary)
	}
}
