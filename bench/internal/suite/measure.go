package suite

import (
	"fmt"
	"runtime"
	"sort"
	"time"
)

// Sample is one timed measurement.
type Sample struct {
	// NsPerOp is the median over the timed windows of the mean time of one
	// operation in the window.
	NsPerOp float64
	// Windows holds each window's mean ns per operation, in run order.
	Windows []float64
	// OpsPerWindow is the number of operations in each timed window.
	OpsPerWindow int
	// AllocsPerOp is heap allocations per operation over the timed
	// windows.
	AllocsPerOp float64
}

// Measure times op: a warm-up of about one window (which also sizes the
// batches), then windows timed windows of about window each; it reports the
// median. A window always runs at least one operation, so an operation
// longer than window stretches it.
func Measure(op func(), window time.Duration, windows int) Sample {
	if windows < 1 {
		windows = 1
	}
	runtime.GC()
	// Warm up, doubling the batch until a batch is long enough to time
	// reliably, for at least one window in all.
	n := 1
	var per time.Duration
	start := time.Now()
	for {
		t0 := time.Now()
		run(op, n)
		el := time.Since(t0)
		per = el / time.Duration(n)
		if time.Since(start) >= window && el >= window/16 {
			break
		}
		if el < window/8 && n < 1<<30 {
			n *= 2
		}
	}
	if per <= 0 {
		per = 1
	}
	ops := int(window / per)
	if ops < 1 {
		ops = 1
	}
	s := Sample{OpsPerWindow: ops, Windows: make([]float64, windows)}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for i := range s.Windows {
		t0 := time.Now()
		run(op, ops)
		s.Windows[i] = float64(time.Since(t0).Nanoseconds()) / float64(ops)
	}
	runtime.ReadMemStats(&after)
	s.AllocsPerOp = float64(after.Mallocs-before.Mallocs) / float64(ops*windows)
	s.NsPerOp = Median(s.Windows)
	return s
}

func run(op func(), n int) {
	for i := 0; i < n; i++ {
		op()
	}
}

// Median returns the median of xs (the mean of the middle two for an even
// count), without changing xs.
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	m := len(s) / 2
	if len(s)%2 == 1 {
		return s[m]
	}
	return (s[m-1] + s[m]) / 2
}

// MeasureCell times a's Seal (seal true) or Open on the inputs and returns
// the sample and the output of the last operation, to be checked with
// CheckOutput. Open is measured on a's own ciphertext. Seal and Open
// append to a buffer with room to spare, as a caller reusing buffers does;
// an implementation that allocates anyway shows it in AllocsPerOp. A
// panic or an Open error is returned as an error.
func MeasureCell(a AEAD, in Inputs, seal bool, window time.Duration, windows int) (s Sample, out []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	room := len(in.Plaintext) + 64
	dst := make([]byte, 0, room)
	var op func()
	if seal {
		op = func() { out = a.Seal(dst[:0], in.Nonce, in.Plaintext, in.AD) }
	} else {
		ct := a.Seal(nil, in.Nonce, in.Plaintext, in.AD)
		var openErr error
		op = func() {
			var e error
			out, e = a.Open(dst[:0], in.Nonce, ct, in.AD)
			if e != nil {
				openErr = e
			}
		}
		defer func() {
			if err == nil && openErr != nil {
				err = fmt.Errorf("Open failed on its own ciphertext: %v", openErr)
			}
		}()
	}
	s = Measure(op, window, windows)
	return s, out, nil
}
