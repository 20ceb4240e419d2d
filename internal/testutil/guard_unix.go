//go:build unix

package testutil

import (
	"testing"

	"golang.org/x/sys/unix"
)

// GuardMode says on which side of a Guarded buffer the inaccessible page
// lies.
type GuardMode int

const (
	// GuardAfter places the buffer's last byte right before a PROT_NONE
	// page: reading or writing past the end faults.
	GuardAfter GuardMode = iota
	// GuardBefore places the buffer's first byte right after a PROT_NONE
	// page: reading or writing before the start faults.
	GuardBefore
)

// GuardModes lists both modes, for loops.
var GuardModes = [...]GuardMode{GuardAfter, GuardBefore}

// String names the mode.
func (m GuardMode) String() string {
	if m == GuardBefore {
		return "before"
	}
	return "after"
}

// Guarded returns a zeroed n-byte buffer outside the Go heap (mmap) that
// touches a PROT_NONE page on the side mode says; len and cap are n. The
// mapping is released by a tb.Cleanup, so the buffer must not be used
// after tb ends. With GuardAfter the buffer ends on a page boundary, so its
// start has alignment n mod 16 from the end; callers wanting other
// alignments vary n.
func Guarded(tb testing.TB, n int, mode GuardMode) []byte {
	tb.Helper()
	if n < 0 {
		tb.Fatalf("testutil: Guarded(%d)", n)
	}
	page := unix.Getpagesize()
	data := (n + page - 1) / page * page
	mem, err := unix.Mmap(-1, 0, data+page, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_ANON|unix.MAP_PRIVATE)
	if err != nil {
		tb.Fatalf("testutil: mmap: %v", err)
	}
	tb.Cleanup(func() {
		if err := unix.Munmap(mem); err != nil {
			tb.Errorf("testutil: munmap: %v", err)
		}
	})
	if mode == GuardBefore {
		if err := unix.Mprotect(mem[:page], unix.PROT_NONE); err != nil {
			tb.Fatalf("testutil: mprotect: %v", err)
		}
		return mem[page : page+n : page+n]
	}
	if err := unix.Mprotect(mem[data:], unix.PROT_NONE); err != nil {
		tb.Fatalf("testutil: mprotect: %v", err)
	}
	return mem[data-n : data : data]
}
