// Command aeadbench measures fastaead's six AEAD constructions against the
// best Go peers (and OpenSSL when built with the openssl tag), side by side.
//
// It prints the CPU, the kernel tier and the kernel each construction runs,
// cross-checks every peer against fastaead on random inputs (a mismatch
// stops the run), then measures every construction x message size x
// direction x implementation: a warm-up window, then timed windows whose
// median it reports. A progress bar runs on stderr. At the end it prints a
// table (fastaead MB/s, best peer and its MB/s, the ratio, cycles per byte
// when the clock is known) and writes the JSON and SVG files asked for.
//
// Usage:
//
//	aeadbench [flags]
//
// Flags:
//
//	-constructions list  constructions to measure: names such as AESGCM (every
//	                     key size) or AESGCM-256, "default" or "all"
//	-sizes list          message sizes in bytes, with K or M suffixes
//	                     (default 0,64,1K,8K,16K,1M)
//	-ops list            seal, open or both (default seal,open)
//	-tiers               measure fastaead at every kernel tier this CPU supports,
//	                     each in a child process with FASTAEAD_KERNEL set
//	-duration d          length of one timed window (default 100ms)
//	-windows n           timed windows per measurement (default 6)
//	-peers list          peers to measure (default all; none for fastaead only)
//	-openssl             also measure OpenSSL (binaries built with -tags openssl)
//	-ghz f               the CPU clock in GHz for cycles per byte (default: detect)
//	-json file           write the results as JSON
//	-svg file            write a throughput-versus-size chart as SVG
//	-benchfmt file       write the results in Go benchmark format for benchstat
//	-seed n              seed of the random inputs (default 1)
//	-q                   no progress output
//
// Exit status: 0 on success, 1 if a peer disagrees with fastaead or a
// measurement fails, 2 for bad flags or a bad FASTAEAD_KERNEL.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/fastaead/fastaead/bench/internal/suite"
)

func main() {
	if os.Getenv(childEnv) == "1" {
		os.Exit(childMain(os.Stdin, os.Stdout))
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, defaultHooks()))
}

// config is the parsed command line.
type config struct {
	variants []suite.Variant
	sizes    []int
	ops      []string
	tiers    bool
	window   time.Duration
	windows  int
	peers    []string // nil: all
	openssl  bool
	ghz      float64
	jsonPath string
	svgPath  string
	fmtPath  string
	seed     uint64
	quiet    bool
	args     []string
}

const usageHead = `aeadbench measures fastaead's AEAD constructions against the best Go peers.

Usage: aeadbench [flags]

`

const usageTail = `
Constructions: AESGCM, ChaCha20Poly1305, AESGCMSIV, AESOCB3, AESSIV, AESCCM,
each alone (every key size) or with a key size in bits (AESGCM-256; AES-SIV
keys are two AES keys: AESSIV-256/384/512). "default" is AESGCM-128,
AESGCM-256, ChaCha20Poly1305, AESGCMSIV-256, AESOCB3-256, AESSIV-512,
AESCCM-256.

Every message has 13 bytes of associated data and a 12-byte nonce; AES-SIV
is measured as deterministic AEAD with one associated-data component.
Exit status: 0 success, 1 cross-check or measurement failure, 2 bad flags.
`

// usageError is a problem with the command line (exit status 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// newFlagSet defines the flags on a set that reports nothing itself.
func newFlagSet(c *config) (*flag.FlagSet, *rawFlags) {
	fs := flag.NewFlagSet("aeadbench", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	r := &rawFlags{}
	fs.StringVar(&r.constructions, "constructions", "default", "constructions to measure: `list` of AESGCM (every key size), AESGCM-256, ..., default or all")
	fs.StringVar(&r.sizes, "sizes", "0,64,1K,8K,16K,1M", "message sizes in bytes: `list`, K and M suffixes allowed")
	fs.StringVar(&r.ops, "ops", "seal,open", "directions to measure: `list` of seal, open")
	fs.BoolVar(&c.tiers, "tiers", false, "measure fastaead at every kernel tier the CPU supports, side by side (one child process per tier)")
	fs.DurationVar(&c.window, "duration", 100*time.Millisecond, "length of one timed window; each measurement runs a warm-up window, then -windows windows, and reports the median")
	fs.IntVar(&c.windows, "windows", 6, "timed windows per measurement (benchstat needs 6 or more for a confidence interval)")
	fs.StringVar(&r.peers, "peers", "all", "peers to measure: `list` of names, all, or none")
	fs.BoolVar(&c.openssl, "openssl", false, "also measure OpenSSL's libcrypto (needs a binary built with -tags openssl)")
	fs.Float64Var(&c.ghz, "ghz", 0, "CPU clock under load in `GHz`, for cycles per byte (default: detect from sysfs, the brand string or cpuid)")
	fs.StringVar(&c.jsonPath, "json", "", "write the results as JSON to `file`")
	fs.StringVar(&c.svgPath, "svg", "", "write the throughput-versus-size chart as SVG to `file`")
	fs.StringVar(&c.fmtPath, "benchfmt", "", "write the results in Go benchmark format (one line per window, for benchstat) to `file`")
	fs.Uint64Var(&c.seed, "seed", 1, "seed of the random keys and messages")
	fs.BoolVar(&c.quiet, "q", false, "no progress output on stderr")
	return fs, r
}

type rawFlags struct {
	constructions, sizes, ops, peers string
}

// parseFlags parses and validates the command line. It returns
// flag.ErrHelp for -h, and a usageError for anything wrong.
func parseFlags(args []string) (*config, error) {
	c := &config{args: args}
	fs, r := newFlagSet(c)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, err
		}
		return nil, usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return nil, usagef("unexpected argument %q (flags start with -)", fs.Arg(0))
	}
	var err error
	if c.variants, err = suite.ParseVariants(r.constructions); err != nil {
		return nil, usagef("-constructions: %v", err)
	}
	if c.sizes, err = suite.ParseSizes(r.sizes); err != nil {
		return nil, usagef("-sizes: %v", err)
	}
	seen := map[string]bool{}
	for _, op := range strings.Split(r.ops, ",") {
		op = strings.ToLower(strings.TrimSpace(op))
		switch op {
		case "":
			continue
		case "seal", "open":
		default:
			return nil, usagef("-ops: unknown direction %q (want seal, open or seal,open)", op)
		}
		if !seen[op] {
			seen[op] = true
		}
	}
	for _, op := range []string{"seal", "open"} {
		if seen[op] {
			c.ops = append(c.ops, op)
		}
	}
	if len(c.ops) == 0 {
		return nil, usagef("-ops: no direction given (want seal, open or seal,open)")
	}
	if c.window <= 0 || c.window > time.Minute {
		return nil, usagef("-duration %v: want a positive window of at most 1m (e.g. 100ms)", c.window)
	}
	if c.windows < 1 || c.windows > 1000 {
		return nil, usagef("-windows %d: want 1 to 1000", c.windows)
	}
	if c.ghz < 0 || c.ghz > 20 {
		return nil, usagef("-ghz %g: want the clock in GHz, e.g. 3.6", c.ghz)
	}
	if c.openssl && !suite.OpenSSLAvailable {
		return nil, usagef("-openssl: this aeadbench was built without OpenSSL; rebuild with -tags openssl (needs cgo and libssl-dev), e.g. make bench OPENSSL=1")
	}
	switch p := strings.TrimSpace(r.peers); strings.ToLower(p) {
	case "all":
	case "none", "":
		c.peers = []string{}
	default:
		for _, n := range strings.Split(p, ",") {
			if n = strings.TrimSpace(n); n != "" {
				c.peers = append(c.peers, n)
			}
		}
	}
	for _, path := range []string{c.jsonPath, c.svgPath, c.fmtPath} {
		if path != "" && strings.HasSuffix(path, string(os.PathSeparator)) {
			return nil, usagef("%q is a directory; give a file name", path)
		}
	}
	return c, nil
}

func printUsage(w io.Writer) {
	var c config
	fs, _ := newFlagSet(&c)
	fs.SetOutput(w)
	io.WriteString(w, usageHead)
	fs.PrintDefaults()
	io.WriteString(w, usageTail)
}

// hooks are what tests replace: the peers, and how a tier's child process
// is started.
type hooks struct {
	peers func(suite.Options) []suite.Impl
	// exe is the binary run for -tiers children (this program).
	exe func() (string, error)
	now func() time.Time
}

func defaultHooks() hooks {
	return hooks{peers: suite.Peers, exe: os.Executable, now: time.Now}
}

// run is the whole command; it returns the exit status.
func run(args []string, stdout, stderr io.Writer, h hooks) int {
	c, err := parseFlags(args)
	if errors.Is(err, flag.ErrHelp) {
		printUsage(stdout)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "aeadbench: %v\nRun 'aeadbench -h' for the flags.\n", err)
		return 2
	}
	b, err := newBench(c, stdout, stderr, h)
	if err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(stderr, "aeadbench: %v\nRun 'aeadbench -h' for the flags.\n", err)
			return 2
		}
		fmt.Fprintf(stderr, "aeadbench: %v\n", err)
		return 1
	}
	defer b.close()
	if err := b.run(); err != nil {
		var me *suite.MismatchError
		if errors.As(err, &me) {
			fmt.Fprintf(stderr, "\n%s\n%v\n%s\nNothing was timed: a peer that computes something else cannot be compared.\n", banner, err, banner)
			return 1
		}
		fmt.Fprintf(stderr, "aeadbench: %v\n", err)
		return 1
	}
	return 0
}

const banner = "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"

func itoa(n int) string { return strconv.Itoa(n) }
