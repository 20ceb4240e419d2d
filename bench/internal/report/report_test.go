package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

func f(x float64) *float64 { return &x }

// sample returns a report with every field set, pointers both nil and not.
func sample() *Report {
	res := []Result{
		{Variant: "AESGCM-128", Construction: "AESGCM", KeyBits: 128, Size: 0, Op: "seal", Impl: "fastaead-avx2", Kernel: "generic", NsPerOp: 400, OpsPerWindow: 10, WindowsNs: []float64{400, 410}},
		{Variant: "AESGCM-128", Construction: "AESGCM", KeyBits: 128, Size: 0, Op: "seal", Impl: "stdlib", Peer: true, NsPerOp: 100, OpsPerWindow: 10, WindowsNs: []float64{100}},
		{Variant: "AESGCM-128", Construction: "AESGCM", KeyBits: 128, Size: 1024, Op: "seal", Impl: "fastaead-avx2", Kernel: "generic", NsPerOp: 10240, OpsPerWindow: 10, WindowsNs: []float64{10240}},
		{Variant: "AESGCM-128", Construction: "AESGCM", KeyBits: 128, Size: 1024, Op: "seal", Impl: "stdlib", Peer: true, NsPerOp: 1024, AllocsPerOp: 0, OpsPerWindow: 10, WindowsNs: []float64{1024}},
		{Variant: "AESGCM-128", Construction: "AESGCM", KeyBits: 128, Size: 1024, Op: "seal", Impl: "openssl", Peer: true, NsPerOp: 512, OpsPerWindow: 10, WindowsNs: []float64{512}},
		{Variant: "AESGCM-128", Construction: "AESGCM", KeyBits: 128, Size: 65536, Op: "open", Impl: "fastaead-avx2", Kernel: "generic", NsPerOp: 65536, OpsPerWindow: 10, WindowsNs: []float64{65536}},
		{Variant: "AESSIV-256", Construction: "AESSIV", KeyBits: 256, Size: 1024, Op: "seal", Impl: "fastaead-avx2", Kernel: "generic", NsPerOp: 2048, OpsPerWindow: 10, WindowsNs: []float64{2048}},
	}
	for i := range res {
		res[i].Fill(2)
	}
	return &Report{
		Schema: SchemaID, Generated: "2025-01-01T00:00:00Z", Command: []string{"aeadbench"},
		Go: "go1.26", OS: "linux", Arch: "amd64",
		CPU: CPU{Brand: "b", Vendor: "v", LogicalCPUs: 2, Features: []string{"aes"}, SupportedTiers: []string{"avx2", "generic"},
			Tier: "avx2", Kernels: []Kernel{{"AESGCM", "generic"}}},
		Clock:           Clock{GHz: 2, Known: true, Source: "test"},
		Settings:        Settings{Variants: []string{"AESGCM-128"}, Sizes: []int{0, 1024}, Ops: []string{"seal", "open"}, WindowNs: 1e6, Windows: 3, ADBytes: 13, NonceBytes: 12, Seed: 1<<64 - 1},
		Implementations: []Implementation{{Name: "fastaead-avx2", Package: "p", Tier: "avx2"}, {Name: "stdlib", Package: "crypto/cipher", Peer: true}},
		Results:         res,
		Skipped:         []Skip{{Variant: "AESSIV-256", Size: 0, Impl: "openssl", Reason: "r"}},
		Summary:         Summarize(res),
	}
}

func TestFill(t *testing.T) {
	r := Result{Size: 1000, NsPerOp: 500}
	r.Fill(3)
	if r.MBPerS != 2000 || r.CyclesPerByte == nil || *r.CyclesPerByte != 1.5 {
		t.Fatalf("Fill: %v MB/s, %v c/B", r.MBPerS, r.CyclesPerByte)
	}
	z := Result{Size: 0, NsPerOp: 500}
	z.Fill(3)
	if z.MBPerS != 0 || z.CyclesPerByte != nil {
		t.Fatal("size 0 must have no MB/s and no cycles per byte")
	}
	u := Result{Size: 10, NsPerOp: 5}
	u.Fill(0)
	if u.CyclesPerByte != nil {
		t.Fatal("an unknown clock must give no cycles per byte")
	}
}

func TestSummarize(t *testing.T) {
	rows := sample().Summary
	if len(rows) != 4 {
		t.Fatalf("%d rows, want 4", len(rows))
	}
	r := rows[1] // AESGCM-128 1024 seal
	if r.Size != 1024 || r.BestPeer == nil || r.BestPeer.Impl != "openssl" || r.Ratio == nil || *r.Ratio != 0.05 {
		t.Fatalf("row %+v: want openssl best and ratio 0.05", r)
	}
	if rows[2].BestPeer != nil || rows[2].Ratio != nil {
		t.Fatal("a row without peers must have null best_peer and ratio")
	}
}

func TestSchema(t *testing.T) {
	var buf bytes.Buffer
	if err := sample().WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	if err := ValidateJSON(buf.Bytes()); err != nil {
		t.Fatalf("a complete report fails the schema: %v\n%s", err, buf.Bytes())
	}
	// Empty lists must be [] not null.
	var empty bytes.Buffer
	(&Report{Schema: SchemaID}).WriteJSON(&empty)
	if strings.Contains(empty.String(), `"results": null`) {
		t.Fatal("results must encode as []")
	}
	// The validator must reject what the schema forbids.
	var doc map[string]any
	json.Unmarshal(buf.Bytes(), &doc)
	mutate := func(fn func(map[string]any)) []byte {
		var d map[string]any
		json.Unmarshal(buf.Bytes(), &d)
		fn(d)
		b, _ := json.Marshal(d)
		return b
	}
	first := func(d map[string]any, k string) map[string]any { return d[k].([]any)[0].(map[string]any) }
	for name, bad := range map[string][]byte{
		"missing field":   mutate(func(d map[string]any) { delete(d, "clock") }),
		"extra field":     mutate(func(d map[string]any) { d["extra"] = 1 }),
		"wrong schema":    mutate(func(d map[string]any) { d["schema"] = "other/v9" }),
		"string for num":  mutate(func(d map[string]any) { first(d, "results")["ns_per_op"] = "fast" }),
		"fraction as int": mutate(func(d map[string]any) { first(d, "results")["size"] = 1.5 }),
		"bad op":          mutate(func(d map[string]any) { first(d, "results")["op"] = "encrypt" }),
		"nested extra":    mutate(func(d map[string]any) { d["cpu"].(map[string]any)["ghz"] = 1 }),
		"bad best_peer":   mutate(func(d map[string]any) { first(d, "summary")["best_peer"] = 3 }),
		"not json":        []byte("{"),
	} {
		if err := ValidateJSON(bad); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// parseSVG checks that the chart is well-formed XML and returns, per
// panel, the implementations of its series.
func parseSVG(t *testing.T, data []byte) map[string][]string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	panels := map[string][]string{}
	sawSVG := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		attr := map[string]string{}
		for _, a := range se.Attr {
			attr[a.Name.Local] = a.Value
		}
		if se.Name.Local == "svg" && se.Name.Space == "http://www.w3.org/2000/svg" {
			sawSVG = true
		}
		if se.Name.Local == "g" && attr["class"] == "series" {
			panels[attr["data-variant"]] = append(panels[attr["data-variant"]], attr["data-impl"])
		}
	}
	if !sawSVG {
		t.Fatal("no <svg> root in the SVG namespace")
	}
	return panels
}

func TestSVG(t *testing.T) {
	var buf bytes.Buffer
	r := sample()
	r.Results[0].Impl = `fast<"&'>` // escaping
	if err := WriteSVG(&buf, r.Results, ChartInfo{Title: "t & <t>", Subtitle: "s", Footnote: strings.Repeat("word ", 80)}); err != nil {
		t.Fatal(err)
	}
	panels := parseSVG(t, buf.Bytes())
	if got := strings.Join(panels["AESGCM-128"], ","); got != "fastaead-avx2,stdlib,openssl" {
		t.Errorf("AESGCM-128 series = %s, want fastaead-avx2,stdlib,openssl (size-0 only series are not plotted)", got)
	}
	if got := strings.Join(panels["AESSIV-256"], ","); got != "fastaead-avx2" {
		t.Errorf("AESSIV-256 series = %s", got)
	}
	if !strings.Contains(buf.String(), "fastaead-avx2 (kernel reported: generic)") {
		t.Error("the legend does not say the tier ran generic code")
	}
	// No results at all still makes a valid document.
	buf.Reset()
	WriteSVG(&buf, nil, ChartInfo{})
	parseSVG(t, buf.Bytes())
}

func TestTable(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTable(&buf, sample().Summary, true); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"construction", "fastaead-avx2", "best peer", "c/B fastaead", "400 ns", "100 ns", "0.25x", "openssl", "0.050x", "(none)", "1 KiB", "64 KiB"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 5 {
		t.Errorf("%d lines, want header + 4", len(lines))
	}
	buf.Reset()
	WriteTable(&buf, sample().Summary, false)
	if strings.Contains(buf.String(), "c/B") {
		t.Error("cycles per byte shown with an unknown clock")
	}
}

func TestBenchfmt(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteBenchfmt(&buf, sample(), 2); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"goos: linux\n", "cpu: b\n", "fastaead-tier: avx2\n",
		"BenchmarkSeal/AESGCM-128/0/impl=fastaead-avx2-2\t10\t400.00 ns/op\t0 allocs/op\n",
		"BenchmarkSeal/AESGCM-128/0/impl=fastaead-avx2-2\t10\t410.00 ns/op\t0 allocs/op\n",
		"BenchmarkSeal/AESGCM-128/1024/impl=openssl-2\t10\t512.00 ns/op\t2000.00 MB/s\t0 allocs/op\n",
		"BenchmarkOpen/AESGCM-128/65536/impl=fastaead-avx2-2\t",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("benchfmt lacks %q:\n%s", want, out)
		}
	}
}
