package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"time"

	"github.com/fastaead/fastaead/aead"
	"github.com/fastaead/fastaead/bench/internal/report"
	"github.com/fastaead/fastaead/bench/internal/suite"
)

// worker measures one implementation: in this process, or (fastaead at a
// given tier) in a child process.
type worker interface {
	info() report.Implementation
	supports(v suite.Variant) bool
	lacks(v suite.Variant, size int) string
	kernel(v suite.Variant) string
	measure(v suite.Variant, in suite.Inputs, seal bool, window time.Duration, windows int, seed uint64) (measured, error)
	close()
}

// measured is one cell's outcome: the sample, and either the last output
// (in process) or its SHA-256 (child).
type measured struct {
	sample   suite.Sample
	out      []byte
	digest   string
	prefixed bool
}

// inproc measures an implementation in this process.
type inproc struct {
	im      suite.Impl
	tier    string
	kernels map[string]string
	cache   map[suite.Variant]suite.AEAD
}

func newInproc(im suite.Impl, tier string, kernels map[string]string) *inproc {
	return &inproc{im: im, tier: tier, kernels: kernels, cache: map[suite.Variant]suite.AEAD{}}
}

func (w *inproc) info() report.Implementation {
	return report.Implementation{Name: w.im.Name, Package: w.im.Package, Peer: w.im.Peer, Tier: w.tier, Note: w.im.Note}
}

func (w *inproc) supports(v suite.Variant) bool          { return w.im.Supports(v) }
func (w *inproc) lacks(v suite.Variant, size int) string { return w.im.LacksReason(v, size) }
func (w *inproc) kernel(v suite.Variant) string          { return w.kernels[v.Construction] }
func (w *inproc) close()                                 {}
func (w *inproc) keyed(v suite.Variant, key []byte) (suite.AEAD, error) {
	if a, ok := w.cache[v]; ok {
		return a, nil
	}
	a, err := w.im.New(v, key)
	if err != nil {
		return nil, err
	}
	w.cache[v] = a
	return a, nil
}

func (w *inproc) measure(v suite.Variant, in suite.Inputs, seal bool, window time.Duration, windows int, _ uint64) (measured, error) {
	a, err := w.keyed(v, in.Key)
	if err != nil {
		return measured{}, err
	}
	s, out, err := suite.MeasureCell(a, in, seal, window, windows)
	return measured{sample: s, out: out, prefixed: suite.NoncePrefixed(a)}, err
}

// The child protocol: the parent starts this program with childEnv=1 and
// FASTAEAD_KERNEL=<tier>; the child writes a hello line, then answers one
// JSON request per line on stdin with one JSON response per line on
// stdout, until stdin closes.
const childEnv = "AEADBENCH_CHILD"

type request struct {
	Op           string `json:"op"` // "fingerprint" or "measure"
	Construction string `json:"construction"`
	KeyBits      int    `json:"key_bits"`
	Size         int    `json:"size"`
	Seal         bool   `json:"seal"`
	WindowNs     int64  `json:"window_ns"`
	Windows      int    `json:"windows"`
	Seed         uint64 `json:"seed"`
}

type response struct {
	Error string `json:"error,omitempty"`
	// hello
	Name    string            `json:"name,omitempty"`
	Tier    string            `json:"tier,omitempty"`
	Kernels map[string]string `json:"kernels,omitempty"`
	// fingerprint
	Fingerprint string `json:"fingerprint,omitempty"`
	// measure
	Sample suite.Sample `json:"sample"`
	Digest string       `json:"digest,omitempty"`
}

// childMain serves the parent; it returns the exit status.
func childMain(stdin io.Reader, stdout io.Writer) int {
	enc := json.NewEncoder(stdout)
	kr := aead.Kernels()
	im, err := suite.Fastaead()
	if err != nil {
		enc.Encode(response{Error: err.Error()})
		return 1
	}
	enc.Encode(response{Name: im.Name, Tier: kr.Tier, Kernels: kernelMap(kr.Constructions)})
	w := newInproc(im, kr.Tier, nil)
	dec := json.NewDecoder(bufio.NewReader(stdin))
	for {
		var req request
		if err := dec.Decode(&req); err != nil {
			if err == io.EOF {
				return 0
			}
			fmt.Fprintf(os.Stderr, "aeadbench child: %v\n", err)
			return 1
		}
		v := suite.Variant{Construction: req.Construction, KeyBits: req.KeyBits}
		var resp response
		switch req.Op {
		case "fingerprint":
			resp.Fingerprint, err = suite.Fingerprint(im, v, req.Seed)
		case "measure":
			var m measured
			m, err = w.measure(v, suite.NewInputs(req.Seed, v, req.Size), req.Seal, time.Duration(req.WindowNs), req.Windows, req.Seed)
			resp.Sample = m.sample
			sum := sha256.Sum256(m.out)
			resp.Digest = hex.EncodeToString(sum[:])
		default:
			err = fmt.Errorf("unknown request %q", req.Op)
		}
		if err != nil {
			resp.Error = err.Error()
		}
		if err := enc.Encode(resp); err != nil {
			return 1
		}
	}
}

// child is fastaead at one tier, measured in a child process.
type child struct {
	tier    string
	name    string
	kernels map[string]string
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	dec     *json.Decoder
	enc     *json.Encoder
}

func startChild(exe, tier string, stderr io.Writer) (*child, error) {
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), childEnv+"=1", "FASTAEAD_KERNEL="+tier)
	cmd.Stderr = stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("-tiers: cannot start %s for tier %s: %v", exe, tier, err)
	}
	c := &child{tier: tier, cmd: cmd, stdin: in, dec: json.NewDecoder(bufio.NewReader(out)), enc: json.NewEncoder(in)}
	var hello response
	if err := c.dec.Decode(&hello); err != nil {
		c.close()
		return nil, fmt.Errorf("-tiers: the child process for tier %s did not answer: %v", tier, err)
	}
	if hello.Error != "" {
		c.close()
		return nil, fmt.Errorf("-tiers: tier %s: %s", tier, hello.Error)
	}
	if hello.Tier != tier {
		c.close()
		return nil, fmt.Errorf("-tiers: asked for tier %s, the child runs %s", tier, hello.Tier)
	}
	c.name, c.kernels = hello.Name, hello.Kernels
	return c, nil
}

func (c *child) call(req request) (response, error) {
	if err := c.enc.Encode(req); err != nil {
		return response{}, fmt.Errorf("tier %s child: %v", c.tier, err)
	}
	var resp response
	if err := c.dec.Decode(&resp); err != nil {
		return response{}, fmt.Errorf("tier %s child: %v", c.tier, err)
	}
	if resp.Error != "" {
		return resp, fmt.Errorf("tier %s child: %s", c.tier, resp.Error)
	}
	return resp, nil
}

func (c *child) info() report.Implementation {
	return report.Implementation{Name: c.name, Package: fmt.Sprintf("github.com/fastaead/fastaead/aead (this tree), child process with FASTAEAD_KERNEL=%s", c.tier), Tier: c.tier}
}

func (c *child) supports(suite.Variant) bool     { return true }
func (c *child) lacks(suite.Variant, int) string { return "" }
func (c *child) kernel(v suite.Variant) string   { return c.kernels[v.Construction] }

func (c *child) fingerprint(v suite.Variant, seed uint64) (string, error) {
	resp, err := c.call(request{Op: "fingerprint", Construction: v.Construction, KeyBits: v.KeyBits, Seed: seed})
	return resp.Fingerprint, err
}

func (c *child) measure(v suite.Variant, in suite.Inputs, seal bool, window time.Duration, windows int, seed uint64) (measured, error) {
	resp, err := c.call(request{Op: "measure", Construction: v.Construction, KeyBits: v.KeyBits, Size: len(in.Plaintext),
		Seal: seal, WindowNs: window.Nanoseconds(), Windows: windows, Seed: seed})
	if err != nil {
		return measured{}, err
	}
	return measured{sample: resp.Sample, digest: resp.Digest}, nil
}

func (c *child) close() {
	if c.cmd == nil {
		return
	}
	c.stdin.Close()
	done := make(chan struct{})
	go func() { c.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		c.cmd.Process.Kill()
		<-done
	}
	c.cmd = nil
}
