package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"strings"
)

// Chart geometry, in SVG user units (pixels).
const (
	panelW    = 430
	panelH    = 270
	plotLeft  = 62 // inside a panel: room for the y labels
	plotRight = 14
	plotTop   = 30 // room for the panel title
	plotBot   = 52 // room for two rows of x labels and the axis title
	pageLeft  = 20
	pageRight = 20
)

// ChartInfo is the text the chart carries so that it reads without the
// table.
type ChartInfo struct {
	Title    string // first line
	Subtitle string // machine, Go version, date
	Footnote string // anything else (kernels, clock)
}

// WriteSVG draws throughput against message size: one panel per variant
// (log-scale x axis of message size, log-scale y axis of MB/s shared by
// every panel), one series per implementation in each panel with seal
// solid and open dashed. 0-byte messages cannot sit on a log axis and are
// left out (the footnote says so). Each series is an SVG group with
// class "series" and attributes data-impl and data-variant.
func WriteSVG(w io.Writer, results []Result, info ChartInfo) error {
	names := impls(results)
	var variants []string
	seenV := map[string]bool{}
	for _, r := range results {
		if !seenV[r.Variant] {
			seenV[r.Variant] = true
			variants = append(variants, r.Variant)
		}
	}
	var sizes []int
	for _, n := range sortedSizes(results) {
		if n > 0 {
			sizes = append(sizes, n)
		}
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, r := range results {
		if r.Size > 0 && r.MBPerS > 0 {
			lo, hi = math.Min(lo, r.MBPerS), math.Max(hi, r.MBPerS)
		}
	}
	if math.IsInf(lo, 1) {
		lo, hi = 1, 10
	}
	yLo := math.Pow(10, math.Floor(math.Log10(lo)))
	yHi := math.Pow(10, math.Ceil(math.Log10(hi)))
	if yHi <= yLo {
		yHi = yLo * 10
	}

	cols := 2
	if len(variants) == 1 {
		cols = 1
	} else if len(variants) > 8 {
		cols = 3
	}
	rowsN := (len(variants) + cols - 1) / cols
	if rowsN == 0 {
		rowsN = 1
	}
	width := pageLeft + cols*panelW + pageRight
	legendRows := 1
	for lx, i := pageLeft, 0; i < len(names); i++ {
		w := 32 + 7*len(legendLabel(names[i], results)) + 24
		if lx > pageLeft && lx+w > width-pageRight {
			lx = pageLeft
			legendRows++
		}
		lx += w
	}
	headH := 64 + 20*legendRows + 20
	footLines := wrap(info.Footnote, cols*panelW/7)
	footLines = append(footLines, "0-byte messages are not plotted (no place on a log axis): see the table or the JSON for the time per message.")
	height := headH + rowsN*panelH + 16*len(footLines) + 20

	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	p(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="Helvetica, Arial, sans-serif" font-size="12">`+"\n", width, height, width, height)
	p(`<title>%s</title>`+"\n", esc(info.Title))
	p(`<rect width="100%%" height="100%%" fill="white"/>` + "\n")
	p(`<text x="%d" y="26" font-size="18" font-weight="bold">%s</text>`+"\n", pageLeft, esc(info.Title))
	p(`<text x="%d" y="46" fill="#444">%s</text>`+"\n", pageLeft, esc(info.Subtitle))

	// Legend: one swatch per implementation, laid out by text width, then
	// the line styles.
	lx, ly := pageLeft, 70
	for _, n := range names {
		label := legendLabel(n, results)
		w := 32 + 7*len(label) + 24
		if lx > pageLeft && lx+w > width-pageRight {
			lx, ly = pageLeft, ly+20
		}
		p(`<g class="legend" data-impl="%s"><line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="%g"/><text x="%d" y="%d">%s</text></g>`+"\n",
			esc(n), lx, ly, lx+26, ly, color(n), strokeW(n, results), lx+32, ly+4, esc(label))
		lx += w
	}
	ly += 20
	p(`<g class="legend-style"><line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#999" stroke-width="2"/><text x="%d" y="%d">seal (encrypt)</text>`, pageLeft, ly, pageLeft+26, ly, pageLeft+32, ly+4)
	p(`<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#999" stroke-width="2" stroke-dasharray="6 4"/><text x="%d" y="%d">open (decrypt)</text></g>`+"\n", pageLeft+150, ly, pageLeft+176, ly, pageLeft+182, ly+4)

	for vi, v := range variants {
		ox := pageLeft + (vi%cols)*panelW
		oy := headH + (vi/cols)*panelH
		drawPanel(&b, v, results, names, sizes, yLo, yHi, ox, oy)
	}
	fy := headH + rowsN*panelH + 14
	for i, l := range footLines {
		p(`<text x="%d" y="%d" fill="#555" font-size="11">%s</text>`+"\n", pageLeft, fy+16*i, esc(l))
	}
	p("</svg>\n")
	_, err := w.Write(b.Bytes())
	return err
}

func drawPanel(b *bytes.Buffer, variant string, results []Result, names []string, sizes []int, yLo, yHi float64, ox, oy int) {
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	x0, x1 := float64(ox+plotLeft), float64(ox+panelW-plotRight)
	y0, y1 := float64(oy+panelH-plotBot), float64(oy+plotTop) // y0 bottom
	xOf := func(n int) float64 {
		if len(sizes) < 2 {
			return (x0 + x1) / 2
		}
		lmin, lmax := math.Log2(float64(sizes[0])), math.Log2(float64(sizes[len(sizes)-1]))
		return x0 + (math.Log2(float64(n))-lmin)/(lmax-lmin)*(x1-x0)
	}
	yOf := func(v float64) float64 {
		return y0 - (math.Log10(v)-math.Log10(yLo))/(math.Log10(yHi)-math.Log10(yLo))*(y0-y1)
	}
	p(`<g class="panel" data-variant="%s">`+"\n", esc(variant))
	p(`<text x="%g" y="%d" font-size="14" font-weight="bold">%s</text>`+"\n", x0, oy+20, esc(variant))
	// Grid and y labels: every decade, lighter lines at 2 and 5.
	for d := yLo; d <= yHi*1.0001; d *= 10 {
		y := yOf(d)
		p(`<line x1="%g" y1="%.1f" x2="%g" y2="%.1f" stroke="#ccc"/>`, x0, y, x1, y)
		p(`<text x="%g" y="%.1f" text-anchor="end" fill="#333">%s</text>`+"\n", x0-6, y+4, esc(mbLabel(d)))
		for _, m := range []float64{2, 5} {
			if d*m < yHi {
				ym := yOf(d * m)
				p(`<line x1="%g" y1="%.1f" x2="%g" y2="%.1f" stroke="#eee"/>`+"\n", x0, ym, x1, ym)
			}
		}
	}
	lastX, lastRow := math.Inf(-1), 1
	for _, n := range sizes {
		x := xOf(n)
		// Labels too close to the previous one go on the other row.
		row := 0
		if x-lastX < 48 && lastRow == 0 {
			row = 1
		}
		lastX, lastRow = x, row
		p(`<line x1="%.1f" y1="%g" x2="%.1f" y2="%g" stroke="#eee"/>`, x, y0, x, y1)
		p(`<text x="%.1f" y="%g" text-anchor="middle" fill="#333">%s</text>`+"\n", x, y0+15+12*float64(row), esc(sizeLabel(n)))
	}
	p(`<rect x="%g" y="%g" width="%g" height="%g" fill="none" stroke="#888"/>`+"\n", x0, y1, x1-x0, y0-y1)
	p(`<text x="%g" y="%g" text-anchor="middle" fill="#555">message size (log scale)</text>`+"\n", (x0+x1)/2, y0+42)
	p(`<text transform="translate(%d %g) rotate(-90)" text-anchor="middle" fill="#555">MB/s (log scale)</text>`+"\n", ox+14, (y0+y1)/2)

	for _, name := range names {
		var lines [2][]Result // seal, open
		for _, r := range results {
			if r.Variant == variant && r.Impl == name && r.Size > 0 && r.MBPerS > 0 {
				if r.Op == "open" {
					lines[1] = append(lines[1], r)
				} else {
					lines[0] = append(lines[0], r)
				}
			}
		}
		if len(lines[0])+len(lines[1]) == 0 {
			continue
		}
		col, sw := color(name), strokeW(name, results)
		p(`<g class="series" data-impl="%s" data-variant="%s">`+"\n", esc(name), esc(variant))
		for i, pts := range lines {
			if len(pts) == 0 {
				continue
			}
			op := [2]string{"seal", "open"}[i]
			dash := ""
			if i == 1 {
				dash = ` stroke-dasharray="6 4"`
			}
			var coords []string
			for _, r := range pts {
				coords = append(coords, fmt.Sprintf("%.1f,%.1f", xOf(r.Size), yOf(r.MBPerS)))
			}
			p(`<polyline class="%s" points="%s" fill="none" stroke="%s" stroke-width="%g"%s/>`+"\n", op, strings.Join(coords, " "), col, sw, dash)
			for _, r := range pts {
				p(`<circle cx="%.1f" cy="%.1f" r="2.5" fill="%s"><title>%s</title></circle>`+"\n",
					xOf(r.Size), yOf(r.MBPerS), col, esc(fmt.Sprintf("%s %s %s %s: %s MB/s", name, variant, op, sizeLabel(r.Size), fmtNum(r.MBPerS))))
			}
		}
		p("</g>\n")
	}
	p("</g>\n")
}

// legendLabel names an implementation in the legend; for a fastaead tier
// whose constructions all report one kernel other than the tier's name
// (aead.Kernels), it adds that kernel.
func legendLabel(name string, results []Result) string {
	kernels := map[string]bool{}
	for _, r := range results {
		if r.Impl == name && !r.Peer && r.Kernel != "" {
			kernels[r.Kernel] = true
		}
	}
	if len(kernels) == 1 {
		for k := range kernels {
			if !strings.HasSuffix(name, "-"+k) {
				return name + " (kernel reported: " + k + ")"
			}
		}
	}
	return name
}

func mbLabel(v float64) string {
	switch {
	case v >= 1e6:
		return fmt.Sprintf("%gM", v/1e6)
	case v >= 1e3:
		return fmt.Sprintf("%gk", v/1e3)
	}
	return fmt.Sprintf("%g", v)
}

// palette gives fixed colours to the known implementations: fastaead
// tiers warm, peers cool or neutral.
var palette = map[string]string{
	"fastaead-avx512":  "#d62728",
	"fastaead-vaes":    "#ff7f0e",
	"fastaead-avx2":    "#e377c2",
	"fastaead-aesni":   "#8c564b",
	"fastaead-generic": "#9467bd",
	"fastaead-armv8":   "#d62728",
	"stdlib":           "#1f77b4",
	"xcrypto":          "#17becf",
	"tink":             "#2ca02c",
	"protonmail":       "#bcbd22",
	"pion":             "#7f7f7f",
	"openssl":          "#000000",
}

var spare = []string{"#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d", "#31a354"}

func color(name string) string {
	if c, ok := palette[name]; ok {
		return c
	}
	h := fnv.New32a()
	h.Write([]byte(name))
	return spare[h.Sum32()%uint32(len(spare))]
}

// strokeW draws fastaead thicker than the peers.
func strokeW(name string, results []Result) float64 {
	for _, r := range results {
		if r.Impl == name {
			if r.Peer {
				return 1.6
			}
			return 2.6
		}
	}
	return 1.6
}

func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return strings.ReplaceAll(b.String(), `"`, "&quot;")
}

// wrap splits s into lines of at most n characters at spaces.
func wrap(s string, n int) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			if line != "" && len(line)+1+len(word) > n {
				out = append(out, line)
				line = ""
			}
			if line != "" {
				line += " "
			}
			line += word
		}
		if line != "" {
			out = append(out, line)
		}
	}
	return out
}
