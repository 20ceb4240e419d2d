package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// BenchName returns the Go benchmark name of a result, the same one the go
// test benchmarks in package bench use:
// BenchmarkSeal/AESGCM-128/16384/impl=stdlib.
func BenchName(r Result) string {
	op := "Seal"
	if r.Op == "open" {
		op = "Open"
	}
	return fmt.Sprintf("Benchmark%s/%s/%d/impl=%s", op, r.Variant, r.Size, r.Impl)
}

// WriteBenchfmt writes the results in the Go benchmark format that
// benchstat reads, one line per timed window (so benchstat sees each
// window as a sample), with the GOMAXPROCS suffix go test adds. Two runs
// compare with "benchstat old.txt new.txt"; the implementations of one run
// with "benchstat -col /impl run.txt".
func WriteBenchfmt(w io.Writer, rep *Report, gomaxprocs int) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "goos: %s\ngoarch: %s\npkg: github.com/fastaead/fastaead/bench\n", rep.OS, rep.Arch)
	if rep.CPU.Brand != "" {
		fmt.Fprintf(bw, "cpu: %s\n", rep.CPU.Brand)
	}
	fmt.Fprintf(bw, "fastaead-tier: %s\n", rep.CPU.Tier)
	if rep.Clock.Known {
		fmt.Fprintf(bw, "clock-ghz: %g\n", rep.Clock.GHz)
	}
	suffix := ""
	if gomaxprocs > 1 {
		suffix = fmt.Sprintf("-%d", gomaxprocs)
	}
	for _, r := range rep.Results {
		name := strings.ReplaceAll(BenchName(r), " ", "_") + suffix
		for _, ns := range r.WindowsNs {
			fmt.Fprintf(bw, "%s\t%d\t%.2f ns/op", name, r.OpsPerWindow, ns)
			if r.Size > 0 && ns > 0 {
				fmt.Fprintf(bw, "\t%.2f MB/s", float64(r.Size)/ns*1e3)
			}
			fmt.Fprintf(bw, "\t%g allocs/op\n", r.AllocsPerOp)
		}
	}
	return bw.Flush()
}
