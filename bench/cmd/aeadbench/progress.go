package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// progress shows how far a phase has got on stderr: a redrawn bar on a
// terminal, otherwise a line every tenth of the way.
type progress struct {
	w        io.Writer
	off      bool
	tty      bool
	phase    string
	total    int
	done     int
	start    time.Time
	lastTen  int
	finished bool
}

func newProgress(w io.Writer, quiet bool, phase string, total int) *progress {
	p := &progress{w: w, off: quiet || total == 0, phase: phase, total: total, start: time.Now()}
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.tty = true
		}
	}
	return p
}

// step announces the item about to run.
func (p *progress) step(label string) {
	if p.off || p.finished {
		return
	}
	eta := ""
	if p.done > 0 {
		el := time.Since(p.start)
		left := time.Duration(float64(el) / float64(p.done) * float64(p.total-p.done))
		eta = " eta " + left.Round(time.Second).String()
	}
	if p.tty {
		const width = 30
		fill := width * p.done / p.total
		bar := strings.Repeat("=", fill) + strings.Repeat(" ", width-fill)
		line := fmt.Sprintf("%s [%s] %3d%% %d/%d%s  %s", p.phase, bar, 100*p.done/p.total, p.done, p.total, eta, label)
		if len(line) > 110 {
			line = line[:110]
		}
		fmt.Fprintf(p.w, "\r\033[K%s", line)
	} else if ten := 10 * p.done / p.total; p.done == 0 || ten > p.lastTen {
		p.lastTen = ten
		fmt.Fprintf(p.w, "%s: %3d%% (%d/%d)%s  %s\n", p.phase, 100*p.done/p.total, p.done, p.total, eta, label)
	}
	p.done++
}

// finish ends the display; it may be called more than once.
func (p *progress) finish() {
	if p.off || p.finished {
		return
	}
	p.finished = true
	el := time.Since(p.start).Round(100 * time.Millisecond)
	if p.tty {
		fmt.Fprintf(p.w, "\r\033[K")
	}
	fmt.Fprintf(p.w, "%s: done, %d items in %v\n", p.phase, p.total, el)
}
