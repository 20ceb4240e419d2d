package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/fastaead/fastaead/aead"
	"github.com/fastaead/fastaead/bench/internal/report"
	"github.com/fastaead/fastaead/bench/internal/suite"
	"github.com/fastaead/fastaead/bench/internal/sysinfo"
	"github.com/klauspost/cpuid/v2"
)

// bench is one run.
type bench struct {
	c       *config
	out     io.Writer // the report
	errw    io.Writer // progress and diagnostics
	h       hooks
	kr      aead.KernelReport
	clock   sysinfo.Clock
	ref     suite.Impl // fastaead in this process: the reference
	refA    map[suite.Variant]suite.AEAD
	workers []worker
	started time.Time
}

func newBench(c *config, out, errw io.Writer, h hooks) (*bench, error) {
	if _, ok := errw.(*os.File); !ok {
		// Child processes copy their stderr into errw from goroutines
		// of their own (an *os.File is handed to them directly).
		errw = &lockedWriter{w: errw}
	}
	b := &bench{c: c, out: out, errw: errw, h: h, refA: map[suite.Variant]suite.AEAD{}, started: h.now()}
	b.kr = aead.Kernels()
	if b.kr.Err != nil {
		return nil, usagef("%v", b.kr.Err)
	}
	var err error
	if b.ref, err = suite.Fastaead(); err != nil {
		return nil, usagef("%v", err)
	}
	b.clock = sysinfo.DetectClock(c.ghz, sysinfo.Env{
		FS:      os.DirFS("/"),
		Brand:   b.kr.Brand,
		BaseHz:  cpuid.CPU.Hz,
		BoostHz: cpuid.CPU.BoostFreq,
	})

	// fastaead first: in process, or one child per tier.
	if c.tiers {
		exe, err := h.exe()
		if err != nil {
			return nil, fmt.Errorf("-tiers: cannot find this program to run per tier: %v", err)
		}
		for _, t := range b.kr.Supported {
			w, err := startChild(exe, t, b.errw)
			if err != nil {
				b.close()
				return nil, err
			}
			b.workers = append(b.workers, w)
		}
	} else {
		b.workers = append(b.workers, newInproc(b.ref, b.kr.Tier, kernelMap(b.kr.Constructions)))
	}

	peers := h.peers(suite.Options{OpenSSL: c.openssl})
	if c.peers != nil {
		byName := map[string]suite.Impl{}
		var names []string
		for _, p := range peers {
			byName[strings.ToLower(p.Name)] = p
			names = append(names, p.Name)
		}
		var chosen []suite.Impl
		for _, n := range c.peers {
			p, ok := byName[strings.ToLower(n)]
			if !ok {
				b.close()
				hint := ""
				if strings.EqualFold(n, "openssl") {
					hint = " (OpenSSL needs -openssl)"
				}
				return nil, usagef("-peers: unknown peer %q%s; the peers are: %s, all, none", n, hint, strings.Join(names, ", "))
			}
			chosen = append(chosen, p)
		}
		peers = chosen
	}
	for _, p := range peers {
		b.workers = append(b.workers, newInproc(p, "", nil))
	}
	return b, nil
}

func (b *bench) close() {
	for _, w := range b.workers {
		w.close()
	}
}

func kernelMap(cs []aead.ConstructionKernel) map[string]string {
	m := map[string]string{}
	for _, c := range cs {
		m[c.Name] = c.Kernel
	}
	return m
}

// refAEAD returns the in-process fastaead keyed for v.
func (b *bench) refAEAD(v suite.Variant) (suite.AEAD, error) {
	if a, ok := b.refA[v]; ok {
		return a, nil
	}
	a, err := b.ref.New(v, suite.NewInputs(b.c.seed, v, 0).Key)
	if err != nil {
		return nil, err
	}
	b.refA[v] = a
	return a, nil
}

func (b *bench) run() error {
	b.header()
	if err := b.crossCheck(); err != nil {
		return err
	}
	rep, err := b.measure()
	if err != nil {
		return err
	}
	fmt.Fprintln(b.out)
	fmt.Fprintln(b.out, report.Legend)
	fmt.Fprintln(b.out)
	if err := report.WriteTable(b.out, rep.Summary, b.clock.Known()); err != nil {
		return err
	}
	b.notes(rep)
	if b.c.jsonPath != "" {
		var buf bytes.Buffer
		if err := rep.WriteJSON(&buf); err != nil {
			return err
		}
		if err := writeFile(b.c.jsonPath, buf.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(b.out, "wrote %s\n", abs(b.c.jsonPath))
	}
	if b.c.fmtPath != "" {
		var buf bytes.Buffer
		if err := report.WriteBenchfmt(&buf, rep, runtime.GOMAXPROCS(0)); err != nil {
			return err
		}
		if err := writeFile(b.c.fmtPath, buf.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(b.out, "wrote %s\n", abs(b.c.fmtPath))
	}
	if b.c.svgPath != "" {
		var buf bytes.Buffer
		if err := report.WriteSVG(&buf, rep.Results, b.chartInfo(rep)); err != nil {
			return err
		}
		if err := writeFile(b.c.svgPath, buf.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(b.out, "wrote %s\n", abs(b.c.svgPath))
	}
	return nil
}

// lockedWriter serialises writes to w.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func abs(path string) string {
	if a, err := filepath.Abs(path); err == nil {
		return a
	}
	return path
}

func writeFile(path string, data []byte) error {
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	return os.WriteFile(path, data, 0o644)
}

// header prints the machine, the kernels and the plan.
func (b *bench) header() {
	kr := b.kr
	p := func(format string, args ...any) { fmt.Fprintf(b.out, format, args...) }
	micro := kr.Microarch
	if micro == "" {
		micro = "microarchitecture not identified"
	}
	p("aeadbench: fastaead against its peers\n")
	p("cpu:       %s (%s, %s), %d logical CPUs, %s/%s, %s\n", orUnknown(kr.Brand), orUnknown(kr.Vendor), micro, runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version())
	p("features:  %s\n", strings.Join(kr.Features, " "))
	p("tiers:     supported %s; in force %s", strings.Join(kr.Supported, " "), kr.Tier)
	if os.Getenv("FASTAEAD_KERNEL") != "" {
		p(" (FASTAEAD_KERNEL=%s)", os.Getenv("FASTAEAD_KERNEL"))
	}
	if kr.Policy != "" {
		p("; policy: %s", kr.Policy)
	}
	p("\n")
	var ks []string
	allGeneric := true
	for _, c := range kr.Constructions {
		ks = append(ks, c.Name+"="+c.Kernel)
		if c.Kernel != "generic" {
			allGeneric = false
		}
	}
	p("kernels:   %s\n", strings.Join(ks, " "))
	if allGeneric && kr.Tier != "generic" {
		p("           (aead.Kernels() reports the generic kernel for every construction at tier %s)\n", kr.Tier)
	}
	if b.clock.Known() {
		p("clock:     %.2f GHz, %s\n", b.clock.GHz, b.clock.Source)
	} else {
		p("clock:     %s\n", b.clock.Source)
	}
	p("measured:\n")
	for _, w := range b.workers {
		if !b.used(w) {
			continue
		}
		im := w.info()
		p("  %-17s %s\n", im.Name, im.Package)
		if im.Note != "" {
			p("  %-17s note: %s\n", "", im.Note)
		}
	}
	var vs []string
	for _, v := range b.c.variants {
		vs = append(vs, v.Name())
	}
	var ss []string
	for _, n := range b.c.sizes {
		ss = append(ss, suite.FormatSize(n))
	}
	p("plan:      %s\n", strings.Join(vs, " "))
	p("           sizes %s; %s; %d windows of %v after a warm-up window, median reported\n",
		strings.Join(ss, ", "), strings.Join(b.c.ops, " and "), b.c.windows, b.c.window)
	p("           %d-byte AD, %d-byte nonce (AES-SIV: no nonce, one AD component)\n", suite.ADSize, suite.NonceSize)
}

// used reports whether w has any of the variants measured.
func (b *bench) used(w worker) bool {
	for _, v := range b.c.variants {
		if w.supports(v) {
			return true
		}
	}
	return false
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// crossCheck proves, before anything is timed, that fastaead runs, that
// every tier gives the same bytes, and that every peer agrees with it.
func (b *bench) crossCheck() error {
	prog := newProgress(b.errw, b.c.quiet, "cross-check", b.countChecks())
	defer prog.finish()
	messages := 0
	for _, v := range b.c.variants {
		want, err := suite.Fingerprint(b.ref, v, b.c.seed)
		if err != nil {
			return fmt.Errorf("fastaead cannot run %s: %v", v, err)
		}
		for _, w := range b.workers {
			if !w.supports(v) {
				continue
			}
			prog.step(v.Name() + " " + w.info().Name)
			if ch, ok := w.(*child); ok {
				got, err := ch.fingerprint(v, b.c.seed)
				if err != nil {
					return err
				}
				if got != want {
					return &suite.MismatchError{Impl: ch.info().Name, Variant: v.Name(),
						Detail: fmt.Sprintf("tier %s seals different bytes from tier %s in this process (SHA-256 of the outputs %s..., want %s...)", ch.tier, b.kr.Tier, got[:12], want[:12])}
				}
				continue
			}
			in := w.(*inproc)
			if !in.im.Peer {
				continue // the reference itself
			}
			if err := suite.CrossCheck(v, b.ref, in.im, b.c.seed, b.c.sizes); err != nil {
				return err
			}
			messages++
		}
	}
	prog.finish()
	if messages > 0 {
		fmt.Fprintf(b.out, "cross-check: every peer agrees with fastaead (byte-identical output, each opens the other's, both reject tampering; %d checks of 60+ random messages)\n", messages)
	}
	return nil
}

func (b *bench) countChecks() int {
	n := 0
	for _, v := range b.c.variants {
		for _, w := range b.workers {
			if w.supports(v) {
				n++
			}
		}
	}
	return n
}

// measure runs every cell and builds the report.
func (b *bench) measure() (*report.Report, error) {
	type cell struct {
		v    suite.Variant
		size int
		seal bool
		w    worker
	}
	var cells []cell
	var skipped []report.Skip
	for _, v := range b.c.variants {
		for _, n := range b.c.sizes {
			for _, op := range b.c.ops {
				for _, w := range b.workers {
					if !w.supports(v) {
						continue
					}
					if why := w.lacks(v, n); why != "" {
						if op == b.c.ops[0] {
							skipped = append(skipped, report.Skip{Variant: v.Name(), Size: n, Impl: w.info().Name, Reason: why})
						}
						continue
					}
					cells = append(cells, cell{v, n, op == "seal", w})
				}
			}
		}
	}
	prog := newProgress(b.errw, b.c.quiet, "measuring", len(cells))
	defer prog.finish()
	var results []report.Result
	var want []byte
	var wantFor struct {
		v    suite.Variant
		size int
	}
	for i, c := range cells {
		op := "open"
		if c.seal {
			op = "seal"
		}
		name := c.w.info().Name
		prog.step(fmt.Sprintf("%s %s %s %s", c.v.Name(), suite.FormatSize(c.size), op, name))
		in := suite.NewInputs(b.c.seed, c.v, c.size)
		ref, err := b.refAEAD(c.v)
		if err != nil {
			return nil, err
		}
		if i == 0 || wantFor.v != c.v || wantFor.size != c.size {
			want = ref.Seal(nil, in.Nonce, in.Plaintext, in.AD)
			wantFor.v, wantFor.size = c.v, c.size
		}
		m, err := c.w.measure(c.v, in, c.seal, b.c.window, b.c.windows, b.c.seed)
		if err != nil {
			return nil, fmt.Errorf("%s %s %s %s: %v", name, c.v, suite.FormatSize(c.size), op, err)
		}
		// The last output of the timed loop must be right.
		if m.digest == "" { // in process: compare the bytes
			if err := suite.CheckOutput(c.v, ref, name, m.prefixed, in, c.seal, m.out, want); err != nil {
				return nil, err
			}
		} else {
			expect := want
			if !c.seal {
				expect = in.Plaintext
			}
			if sum := sha256.Sum256(expect); hex.EncodeToString(sum[:]) != m.digest {
				return nil, &suite.MismatchError{Impl: name, Variant: c.v.Name(),
					Detail: fmt.Sprintf("the %d-byte message measured with %s came out different from fastaead's in this process", c.size, op)}
			}
		}
		r := report.Result{
			Variant: c.v.Name(), Construction: c.v.Construction, KeyBits: c.v.KeyBits,
			Size: c.size, Op: op, Impl: name, Peer: c.w.info().Peer, Kernel: c.w.kernel(c.v),
			NsPerOp: m.sample.NsPerOp, AllocsPerOp: m.sample.AllocsPerOp,
			OpsPerWindow: m.sample.OpsPerWindow, WindowsNs: m.sample.Windows,
		}
		r.Fill(b.clock.GHz)
		results = append(results, r)
	}
	prog.finish()

	rep := &report.Report{
		Schema:    report.SchemaID,
		Generated: b.started.UTC().Format(time.RFC3339),
		Command:   append([]string{"aeadbench"}, b.c.args...),
		Go:        runtime.Version(),
		OS:        runtime.GOOS,
		Arch:      runtime.GOARCH,
		CPU: report.CPU{
			Brand: b.kr.Brand, Vendor: b.kr.Vendor, Microarch: b.kr.Microarch,
			LogicalCPUs: runtime.NumCPU(), Features: nonNil(b.kr.Features),
			SupportedTiers: nonNil(b.kr.Supported), Tier: b.kr.Tier, Policy: b.kr.Policy,
			Kernels: []report.Kernel{},
		},
		Clock: report.Clock{GHz: b.clock.GHz, Known: b.clock.Known(), Source: b.clock.Source},
		Settings: report.Settings{
			Sizes: b.c.sizes, Ops: b.c.ops, WindowNs: b.c.window.Nanoseconds(), Windows: b.c.windows,
			ADBytes: suite.ADSize, NonceBytes: suite.NonceSize, Tiers: b.c.tiers, OpenSSL: b.c.openssl, Seed: b.c.seed,
		},
		Results: results,
		Skipped: skipped,
		Summary: report.Summarize(results),
	}
	for _, c := range b.kr.Constructions {
		rep.CPU.Kernels = append(rep.CPU.Kernels, report.Kernel{Construction: c.Name, Kernel: c.Kernel})
	}
	for _, v := range b.c.variants {
		rep.Settings.Variants = append(rep.Settings.Variants, v.Name())
	}
	for _, w := range b.workers {
		if b.used(w) {
			rep.Implementations = append(rep.Implementations, w.info())
		}
	}
	return rep, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// notes prints what the table leaves out: skipped cells and allocations.
func (b *bench) notes(rep *report.Report) {
	for _, s := range rep.Skipped {
		fmt.Fprintf(b.out, "n/a: %s %s %s: %s\n", s.Impl, s.Variant, suite.FormatSize(s.Size), s.Reason)
	}
	allocs := map[string]float64{}
	for _, r := range rep.Results {
		if r.AllocsPerOp >= 0.5 {
			allocs[r.Impl] = max(allocs[r.Impl], r.AllocsPerOp)
		}
	}
	var names []string
	for n := range allocs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(b.out, "allocations: %s allocates up to %.0f times per message (the others allocate nothing given a buffer)\n", n, allocs[n])
	}
	if !b.clock.Known() {
		fmt.Fprintln(b.out, "cycles per byte: clock unknown; pass -ghz (e.g. make bench GHZ=3.6)")
	}
}

func (b *bench) chartInfo(rep *report.Report) report.ChartInfo {
	var ks []string
	for _, k := range rep.CPU.Kernels {
		ks = append(ks, k.Construction+"="+k.Kernel)
	}
	foot := fmt.Sprintf("Kernels at tier %s: %s. Each point is the median of %d windows of %v; %d-byte AD, %d-byte nonce; MB/s = 10^6 plaintext bytes per second.",
		rep.CPU.Tier, strings.Join(ks, " "), rep.Settings.Windows, b.c.window, suite.ADSize, suite.NonceSize)
	if rep.Clock.Known {
		foot += fmt.Sprintf(" Clock %.2f GHz (%s).", rep.Clock.GHz, rep.Clock.Source)
	}
	return report.ChartInfo{
		Title:    "fastaead vs peers: AEAD throughput by message size (higher is better)",
		Subtitle: fmt.Sprintf("%s, %d logical CPUs, %s/%s, %s, %s", orUnknown(rep.CPU.Brand), rep.CPU.LogicalCPUs, rep.OS, rep.Arch, rep.Go, rep.Generated),
		Footnote: foot,
	}
}
