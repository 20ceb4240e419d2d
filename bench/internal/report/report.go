// Package report holds aeadbench's results: the JSON document (its schema
// is schema.json, embedded as Schema), the text table and the SVG chart.
package report

import (
	_ "embed"
	"encoding/json"
	"io"
	"math"
	"sort"
)

// SchemaID names the JSON format; it changes when a field changes meaning
// or goes away.
const SchemaID = "fastaead-bench/v1"

// SchemaJSON is the JSON Schema (draft 2020-12) of Report.
//
//go:embed schema.json
var SchemaJSON []byte

// Report is everything one aeadbench run measured.
type Report struct {
	Schema    string   `json:"schema"`    // SchemaID
	Generated string   `json:"generated"` // RFC 3339, UTC
	Command   []string `json:"command"`   // the arguments aeadbench ran with
	Go        string   `json:"go"`        // runtime.Version()
	OS        string   `json:"os"`
	Arch      string   `json:"arch"`
	CPU       CPU      `json:"cpu"`
	Clock     Clock    `json:"clock"`
	Settings  Settings `json:"settings"`
	// Implementations lists fastaead (one entry per tier measured) and
	// every peer measured.
	Implementations []Implementation `json:"implementations"`
	// Results has one entry per (variant, size, op, implementation).
	Results []Result `json:"results"`
	// Skipped lists the cells an implementation cannot do, with why.
	Skipped []Skip `json:"skipped"`
	// Summary is the table: per (variant, size, op), fastaead against the
	// best peer.
	Summary []Row `json:"summary"`
}

// CPU is the machine as fastaead sees it.
type CPU struct {
	Brand          string   `json:"brand"`
	Vendor         string   `json:"vendor"`
	Microarch      string   `json:"microarch"`
	LogicalCPUs    int      `json:"logical_cpus"`
	Features       []string `json:"features"`        // the features that matter to fastaead
	SupportedTiers []string `json:"supported_tiers"` // best first
	Tier           string   `json:"tier"`            // the tier in force in aeadbench's own process
	Policy         string   `json:"policy"`          // why a lower tier than the best was chosen, if so
	Kernels        []Kernel `json:"kernels"`         // the kernel each construction runs at that tier
}

// Kernel names the kernel a construction runs on.
type Kernel struct {
	Construction string `json:"construction"`
	Kernel       string `json:"kernel"`
}

// Clock is the clock used for cycles per byte.
type Clock struct {
	GHz    float64 `json:"ghz"` // 0 when unknown
	Known  bool    `json:"known"`
	Source string  `json:"source"` // where GHz came from, or why it is unknown
}

// Settings are the run's parameters.
type Settings struct {
	Variants   []string `json:"variants"`
	Sizes      []int    `json:"sizes"`
	Ops        []string `json:"ops"`
	WindowNs   int64    `json:"window_ns"` // length of one timed window
	Windows    int      `json:"windows"`   // timed windows per cell, after one warm-up window
	ADBytes    int      `json:"ad_bytes"`
	NonceBytes int      `json:"nonce_bytes"` // AES-SIV takes no nonce: one AD component
	Tiers      bool     `json:"tiers"`       // every supported tier measured, each in a child process
	OpenSSL    bool     `json:"openssl"`
	Seed       uint64   `json:"seed"`
}

// Implementation describes one implementation measured.
type Implementation struct {
	Name    string `json:"name"`
	Package string `json:"package"`
	Peer    bool   `json:"peer"`
	Tier    string `json:"tier"` // fastaead: the FASTAEAD_KERNEL tier; peers: ""
	Note    string `json:"note"`
}

// Result is one measured cell.
type Result struct {
	Variant      string  `json:"variant"`      // "AESGCM-128"
	Construction string  `json:"construction"` // "AESGCM"
	KeyBits      int     `json:"key_bits"`
	Size         int     `json:"size"` // plaintext bytes
	Op           string  `json:"op"`   // "seal" or "open"
	Impl         string  `json:"impl"`
	Peer         bool    `json:"peer"`
	Kernel       string  `json:"kernel"` // fastaead: the kernel that ran; peers: ""
	NsPerOp      float64 `json:"ns_per_op"`
	MBPerS       float64 `json:"mb_per_s"` // 10^6 bytes of plaintext per second; 0 for size 0
	// CyclesPerByte is null when the clock is unknown or the size is 0.
	CyclesPerByte *float64  `json:"cycles_per_byte"`
	AllocsPerOp   float64   `json:"allocs_per_op"`
	OpsPerWindow  int       `json:"ops_per_window"`
	WindowsNs     []float64 `json:"windows_ns_per_op"` // each window's mean, in run order
}

// Skip is a cell an implementation cannot do.
type Skip struct {
	Variant string `json:"variant"`
	Size    int    `json:"size"`
	Impl    string `json:"impl"`
	Reason  string `json:"reason"`
}

// Row is one line of the table.
type Row struct {
	Variant  string `json:"variant"`
	Size     int    `json:"size"`
	Op       string `json:"op"`
	Fastaead []Cell `json:"fastaead"` // one per fastaead tier measured
	// BestPeer is the fastest peer; null when no peer has the variant.
	BestPeer *Cell `json:"best_peer"`
	// Ratio is the best fastaead's speed over the best peer's (peer time
	// over fastaead time): above 1 fastaead is faster. Null without a
	// peer.
	Ratio *float64 `json:"ratio"`
}

// Cell is one implementation's figure in a Row.
type Cell struct {
	Impl          string   `json:"impl"`
	NsPerOp       float64  `json:"ns_per_op"`
	MBPerS        float64  `json:"mb_per_s"`
	CyclesPerByte *float64 `json:"cycles_per_byte"`
}

// Fill computes MB/s and cycles per byte from ns per op, and rounds the
// figures to what the timing can tell (0.01 ns, 0.001 MB/s and c/B).
func (r *Result) Fill(ghz float64) {
	r.NsPerOp = round(r.NsPerOp, 2)
	for i, w := range r.WindowsNs {
		r.WindowsNs[i] = round(w, 2)
	}
	r.AllocsPerOp = round(r.AllocsPerOp, 3)
	if r.Size > 0 && r.NsPerOp > 0 {
		r.MBPerS = round(float64(r.Size)/r.NsPerOp*1e3, 3)
		if ghz > 0 {
			c := round(r.NsPerOp*ghz/float64(r.Size), 3)
			r.CyclesPerByte = &c
		}
	}
}

// Summarize builds the table rows from the results, in result order.
func Summarize(results []Result) []Row {
	type key struct {
		v  string
		n  int
		op string
	}
	var order []key
	rows := map[key]*Row{}
	for _, r := range results {
		k := key{r.Variant, r.Size, r.Op}
		row := rows[k]
		if row == nil {
			row = &Row{Variant: r.Variant, Size: r.Size, Op: r.Op, Fastaead: []Cell{}}
			rows[k] = row
			order = append(order, k)
		}
		c := Cell{Impl: r.Impl, NsPerOp: r.NsPerOp, MBPerS: r.MBPerS, CyclesPerByte: r.CyclesPerByte}
		if r.Peer {
			if row.BestPeer == nil || c.NsPerOp < row.BestPeer.NsPerOp {
				cc := c
				row.BestPeer = &cc
			}
		} else {
			row.Fastaead = append(row.Fastaead, c)
		}
	}
	out := make([]Row, 0, len(order))
	for _, k := range order {
		row := rows[k]
		if best := bestFastaead(row); best != nil && row.BestPeer != nil && best.NsPerOp > 0 {
			ratio := round(row.BestPeer.NsPerOp/best.NsPerOp, 4)
			row.Ratio = &ratio
		}
		out = append(out, *row)
	}
	return out
}

func bestFastaead(r *Row) *Cell {
	var best *Cell
	for i := range r.Fastaead {
		if best == nil || r.Fastaead[i].NsPerOp < best.NsPerOp {
			best = &r.Fastaead[i]
		}
	}
	return best
}

// WriteJSON writes the report, indented.
func (r *Report) WriteJSON(w io.Writer) error {
	if r.Results == nil {
		r.Results = []Result{}
	}
	if r.Skipped == nil {
		r.Skipped = []Skip{}
	}
	if r.Summary == nil {
		r.Summary = []Row{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// impls returns the implementation names in results, fastaead first, each
// group in first-seen order.
func impls(results []Result) []string {
	seen := map[string]bool{}
	var fa, peers []string
	for _, r := range results {
		if seen[r.Impl] {
			continue
		}
		seen[r.Impl] = true
		if r.Peer {
			peers = append(peers, r.Impl)
		} else {
			fa = append(fa, r.Impl)
		}
	}
	return append(fa, peers...)
}

func sortedSizes(results []Result) []int {
	seen := map[int]bool{}
	var s []int
	for _, r := range results {
		if !seen[r.Size] {
			seen[r.Size] = true
			s = append(s, r.Size)
		}
	}
	sort.Ints(s)
	return s
}

func round(x float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(x*p) / p
}
