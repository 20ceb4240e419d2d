package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// WriteTable prints the summary as an aligned text table: per variant,
// size and direction, each fastaead tier's throughput, the best peer and
// its throughput, the ratio, and cycles per byte when the clock is known.
// Rows for 0-byte messages show the time per message instead of MB/s.
func WriteTable(w io.Writer, rows []Row, clockKnown bool) error {
	var faNames []string
	seen := map[string]bool{}
	for _, r := range rows {
		for _, c := range r.Fastaead {
			if !seen[c.Impl] {
				seen[c.Impl] = true
				faNames = append(faNames, c.Impl)
			}
		}
	}
	head := []string{"construction", "size", "op"}
	right := []bool{false, true, false}
	for _, n := range faNames {
		head = append(head, n)
		right = append(right, true)
	}
	head = append(head, "best peer", "peer", "ratio")
	right = append(right, false, true, true)
	if clockKnown {
		head = append(head, "c/B fastaead", "c/B peer")
		right = append(right, true, true)
	}
	table := [][]string{head}
	prevVariant := ""
	for _, r := range rows {
		v := r.Variant
		if v == prevVariant {
			v = ""
		}
		prevVariant = r.Variant
		line := []string{v, sizeLabel(r.Size), r.Op}
		var best *Cell
		for _, n := range faNames {
			c := findCell(r.Fastaead, n)
			line = append(line, speed(c, r.Size))
			if c != nil && (best == nil || c.NsPerOp < best.NsPerOp) {
				best = c
			}
		}
		if r.BestPeer != nil {
			line = append(line, r.BestPeer.Impl, speed(r.BestPeer, r.Size))
		} else {
			line = append(line, "(none)", "-")
		}
		if r.Ratio != nil {
			line = append(line, ratio(*r.Ratio))
		} else {
			line = append(line, "-")
		}
		if clockKnown {
			line = append(line, cpb(best), cpb(r.BestPeer))
		}
		table = append(table, line)
	}
	return writeAligned(w, table, right)
}

// Legend is the explanation printed above the table.
const Legend = `MB/s = 10^6 plaintext bytes per second (median of the timed windows); 0 B rows give the time per message.
ratio = best fastaead speed / best peer speed: above 1x fastaead is faster. c/B = CPU cycles per plaintext byte.`

func sizeLabel(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.Itoa(n>>20) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.Itoa(n>>10) + " KiB"
	}
	return strconv.Itoa(n) + " B"
}

func findCell(cs []Cell, impl string) *Cell {
	for i := range cs {
		if cs[i].Impl == impl {
			return &cs[i]
		}
	}
	return nil
}

func speed(c *Cell, size int) string {
	if c == nil {
		return "n/a"
	}
	if size == 0 {
		return fmtNum(c.NsPerOp) + " ns"
	}
	return fmtNum(c.MBPerS)
}

func ratio(x float64) string {
	if x >= 10 {
		return fmt.Sprintf("%.0fx", x)
	}
	if x >= 0.1 {
		return fmt.Sprintf("%.2fx", x)
	}
	return fmt.Sprintf("%.3fx", x)
}

func cpb(c *Cell) string {
	if c == nil || c.CyclesPerByte == nil {
		return "-"
	}
	return fmtNum(*c.CyclesPerByte)
}

// fmtNum prints about three significant digits.
func fmtNum(x float64) string {
	switch {
	case x >= 100:
		return strconv.FormatFloat(x, 'f', 0, 64)
	case x >= 10:
		return strconv.FormatFloat(x, 'f', 1, 64)
	case x >= 1:
		return strconv.FormatFloat(x, 'f', 2, 64)
	}
	return strconv.FormatFloat(x, 'f', 3, 64)
}

func writeAligned(w io.Writer, table [][]string, right []bool) error {
	width := make([]int, len(table[0]))
	for _, line := range table {
		for i, s := range line {
			width[i] = max(width[i], utf8.RuneCountInString(s))
		}
	}
	var b strings.Builder
	for _, line := range table {
		for i, s := range line {
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(s))
			if i > 0 {
				b.WriteString("  ")
			}
			if right[i] {
				b.WriteString(pad + s)
			} else if i == len(line)-1 {
				b.WriteString(s)
			} else {
				b.WriteString(s + pad)
			}
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
