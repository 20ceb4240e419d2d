//go:build unix

package testutil

import (
	"runtime/debug"
	"testing"
	"unsafe"
)

// poke reads (or writes) the byte at p + off, which must fault.
func mustFault(t *testing.T, what string, p unsafe.Pointer, off int, write bool) {
	t.Helper()
	old := debug.SetPanicOnFault(true)
	defer debug.SetPanicOnFault(old)
	defer func() {
		if recover() == nil {
			t.Errorf("%s: access at offset %d did not fault", what, off)
		}
	}()
	q := (*byte)(unsafe.Add(p, off))
	if write {
		*q = 1
	} else {
		sink = *q
	}
}

var sink byte

func TestGuarded(t *testing.T) {
	for _, n := range []int{0, 1, 15, 16, 17, 4095, 4096, 4097, 10000} {
		for _, mode := range GuardModes {
			b := Guarded(t, n, mode)
			if len(b) != n || cap(b) != n {
				t.Fatalf("Guarded(%d, %v): len %d cap %d", n, mode, len(b), cap(b))
			}
			for i := range b {
				if b[i] != 0 {
					t.Fatalf("Guarded(%d, %v): not zeroed", n, mode)
				}
				b[i] = byte(i)
			}
			base := unsafe.Pointer(unsafe.SliceData(b))
			if mode == GuardAfter {
				mustFault(t, "read after end", base, n, false)
				mustFault(t, "write after end", base, n, true)
			} else {
				mustFault(t, "read before start", base, -1, false)
				mustFault(t, "write before start", base, -1, true)
			}
		}
	}
}
