package ghash

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/fastaead/fastaead/internal/cpu"
	"github.com/fastaead/fastaead/internal/testutil"
)

// The tests in this file run every kernel tier the machine supports (see
// testutil.Tiers) against the generic Go code, which they call directly
// (updateGeneric, initPowersGeneric) so that the reference never goes
// through the dispatch. The generic code itself is checked against SP
// 800-38D's Algorithm 1 and the standard library in ghash_test.go. Where no
// kernel exists (other GOARCHes, purego) the tier list is just generic and
// the tests compare the generic code with itself.

const pkgName = "ghash"

// withTier runs f with the package switched to tier.
func withTier(t testing.TB, tier cpu.Tier, f func()) {
	t.Helper()
	restore, err := cpu.SetKernel(pkgName, tier)
	if err != nil {
		t.Fatal(err)
	}
	defer restore()
	f()
}

// kernelTiers returns the assembly tiers to test (generic excluded).
func kernelTiers(t testing.TB) []cpu.Tier {
	ts := testutil.Tiers(t, pkgName)
	return ts[:len(ts)-1]
}

// genericKey returns a Key that the generic code initialised.
func genericKey(t testing.TB, h *[16]byte) *Key {
	k := new(Key)
	withTier(t, cpu.Generic, func() { k.Init(h) })
	return k
}

// checkUpdate compares Key.Update on tier with updateGeneric for one
// input, starting from the accumulator y0.
func checkUpdate(t *testing.T, tier cpu.Tier, k *Key, y0 [16]byte, src []byte, what string) {
	t.Helper()
	want, got := y0, y0
	updateGeneric(k, &want, src)
	saved := bytes.Clone(src)
	withTier(t, tier, func() { k.Update(&got, src) })
	if got != want {
		t.Fatalf("%v %s: len %d y0 %x:\n got %x\nwant %x", tier, what, len(src), y0, got, want)
	}
	if !bytes.Equal(src, saved) {
		t.Fatalf("%v %s: Update modified its input", tier, what)
	}
}

func TestKernelsRegistered(t *testing.T) {
	ts := testutil.Tiers(t, pkgName)
	t.Logf("tiers under test: %v; selected %v", ts, cpu.Selected())
	cur, ok := cpu.Current(pkgName)
	if !ok {
		t.Fatalf("%s is not registered", pkgName)
	}
	if lim, capped := cpu.Limit(); !capped && cpu.Err() == nil && len(ts) > 1 && cur != ts[0] && cur != cpu.Selected() {
		t.Errorf("running %v; want the best tier %v or the selected tier %v", cur, ts[0], cpu.Selected())
	} else if capped && cur > lim {
		t.Errorf("running %v above FASTAEAD_KERNEL=%v", cur, lim)
	}
}

// specialKeys are keys with extreme bit patterns, next to random ones.
func specialKeys() [][16]byte {
	var ks [][16]byte
	for _, b := range []byte{0, 0xff, 0x80, 0x01, 0x55} {
		var h [16]byte
		for i := range h {
			h[i] = b
		}
		ks = append(ks, h)
	}
	var one, top [16]byte
	one[15] = 1
	top[0] = 0x80
	return append(ks, one, top)
}

// TestKernelInit: the tables an init kernel computes equal the generic
// code's, Init overwrites a dirty Key fully, and the generic multiplicands
// are prepared exactly when the generic code runs Init (a Key with stale
// ones marked ready must not survive an assembly Init: the generic Update
// would use them).
func TestKernelInit(t *testing.T) {
	r := newRand(t)
	keys := specialKeys()
	for range 300 {
		var h [16]byte
		randBytes(r, h[:])
		keys = append(keys, h)
	}
	src := make([]byte, 100)
	randBytes(r, src)
	for _, tier := range kernelTiers(t) {
		for _, h := range keys {
			want := genericKey(t, &h)
			if !want.genReady {
				t.Fatal("generic Init left the generic multiplicands unprepared")
			}
			var got Key
			for i := range NumPowers {
				got.pow[i] = [2]uint64{r.Uint64(), r.Uint64()}
				got.pmid[i] = [2]uint64{r.Uint64(), r.Uint64()}
			}
			got.gen.Lo[0].Set(r.Uint64())
			got.genReady = true
			withTier(t, tier, func() { got.Init(&h) })
			if got.tables != want.tables {
				t.Fatalf("%v H=%x: tables differ from generic Init\n got %x\nwant %x", tier, h, got.tables, want.tables)
			}
			if got.genReady {
				t.Fatalf("%v: Init marked the stale generic multiplicands ready", tier)
			}
			var y, wy [16]byte
			updateGeneric(want, &wy, src)
			withTier(t, cpu.Generic, func() { got.Update(&y, src) })
			if y != wy {
				t.Fatalf("%v H=%x: generic Update after an assembly Init differs", tier, h)
			}
		}
	}
}

// Every length 0..1024 on every tier, src at an unaligned offset, with a
// random key and accumulator (lighter under the race detector).
func TestKernelLengths(t *testing.T) {
	r := newRand(t)
	tiers := kernelTiers(t)
	buf := make([]byte, 1024+16)
	step := 1
	if raceEnabled {
		step = 5
	}
	for n := 0; n <= 1024; n += step {
		var h, y [16]byte
		randBytes(r, h[:])
		randBytes(r, y[:])
		k := genericKey(t, &h)
		off := 1 + n%15
		src := buf[off : off+n]
		randBytes(r, src)
		for _, tier := range tiers {
			checkUpdate(t, tier, k, y, src, "lengths")
		}
	}
}

// Random lengths up to 256 KiB.
func TestKernelLong(t *testing.T) {
	r := newRand(t)
	tiers := kernelTiers(t)
	count := 8
	if testing.Short() || raceEnabled {
		count = 2
	}
	buf := make([]byte, 256*1024+16)
	randBytes(r, buf)
	for range count {
		var h, y [16]byte
		randBytes(r, h[:])
		randBytes(r, y[:])
		k := genericKey(t, &h)
		n := r.IntN(256*1024 + 1)
		off := r.IntN(16)
		for _, tier := range tiers {
			checkUpdate(t, tier, k, y, buf[off:off+n], "long")
		}
	}
}

// Every offset 0..15, and the accumulator aliasing the first block of
// src (the only "in place" a hash has: y is read before src and written
// after it).
func TestKernelUnalignedAliased(t *testing.T) {
	r := newRand(t)
	tiers := kernelTiers(t)
	back := make([]byte, 4096)
	var h [16]byte
	randBytes(r, h[:])
	k := genericKey(t, &h)
	for off := range 16 {
		for _, n := range []int{16, 17, 31, 63, 64, 100, 127, 128, 129, 255, 256, 257, 511, 1000, 2049} {
			src := back[off : off+n]
			randBytes(r, src)
			var y0 [16]byte
			randBytes(r, y0[:])
			for _, tier := range tiers {
				checkUpdate(t, tier, k, y0, src, "unaligned")
				// Aliased: *y is src[:16].
				copy(src, y0[:])
				orig := bytes.Clone(src)
				want := y0
				updateGeneric(k, &want, orig)
				y := (*[16]byte)(src[:16])
				withTier(t, tier, func() { k.Update(y, src) })
				if *y != want || !bytes.Equal(src[16:], orig[16:]) {
					t.Fatalf("%v aliased off %d len %d: got %x, want %x", tier, off, n, *y, want)
				}
			}
		}
	}
}

// TestKernelGuardPages runs every length 0..1024 with src, and y, each
// ending right before, or starting right after, an inaccessible page, so
// that a kernel reading one byte outside either faults.
func TestKernelGuardPages(t *testing.T) {
	r := newRand(t)
	tiers := kernelTiers(t)
	var h [16]byte
	randBytes(r, h[:])
	k := genericKey(t, &h)
	const max = 1024
	data := make([]byte, max)
	randBytes(r, data)
	for _, mode := range testutil.GuardModes {
		buf := testutil.Guarded(t, max, mode)
		y := (*[16]byte)(testutil.Guarded(t, 16, mode))
		for n := 0; n <= max; n++ {
			src := buf[:n]
			if mode == testutil.GuardAfter {
				src = buf[max-n:]
			}
			copy(src, data)
			var y0 [16]byte
			randBytes(r, y0[:])
			want := y0
			updateGeneric(k, &want, src)
			for _, tier := range tiers {
				*y = y0
				withTier(t, tier, func() { k.Update(y, src) })
				if *y != want {
					t.Fatalf("%v guard %v len %d: got %x, want %x", tier, mode, n, *y, want)
				}
			}
		}
	}
}

// Feeding a message in pieces (whole blocks, then possibly a partial one
// at the end) gives the same result as the generic code in one call.
func TestKernelSplitUpdates(t *testing.T) {
	r := newRand(t)
	msg := make([]byte, 3000)
	randBytes(r, msg)
	var h [16]byte
	randBytes(r, h[:])
	k := genericKey(t, &h)
	var want [16]byte
	updateGeneric(k, &want, msg)
	testutil.ForEachTier(t, pkgName, func(t *testing.T) {
		for range 100 {
			var y [16]byte
			rest := msg
			for len(rest) > 0 {
				n := min(16*r.IntN(40), len(rest))
				if n == 0 && r.IntN(2) == 0 {
					n = len(rest)
				}
				k.Update(&y, rest[:n])
				rest = rest[n:]
			}
			if y != want {
				t.Fatalf("split updates: got %x, want %x", y, want)
			}
		}
	})
}

// A Key initialised on one tier works on every other (the package's tier
// can change after Init: tests, FASTAEAD_KERNEL), extreme keys and data
// included.
func TestKernelTierSwitch(t *testing.T) {
	r := newRand(t)
	tiers := testutil.Tiers(t, pkgName)
	src := make([]byte, 777)
	for _, h := range append(specialKeys(), [16]byte{1, 2, 3}) {
		for _, fill := range []byte{0xff, 0} {
			for i := range src {
				src[i] = fill
			}
			if fill == 0 {
				randBytes(r, src)
			}
			var want [16]byte
			updateGeneric(genericKey(t, &h), &want, src)
			for _, a := range tiers {
				var k Key
				withTier(t, a, func() { k.Init(&h) })
				for _, b := range tiers {
					var y [16]byte
					withTier(t, b, func() { k.Update(&y, src) })
					if y != want {
						t.Fatalf("H=%x Init on %v, Update on %v: got %x, want %x", h, a, b, y, want)
					}
				}
			}
		}
	}
}

func TestKernelZeroAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector's instrumentation allocates")
	}
	var h, y [16]byte
	h[0] = 1
	src := make([]byte, 1000)
	var k, kasm Key
	kasm.Init(&h) // on the package's tier: without generic multiplicands if that is a kernel
	testutil.ForEachTier(t, pkgName, func(t *testing.T) {
		k.Init(&h)
		for _, c := range []struct {
			name string
			f    func()
		}{
			{"Init", func() { k.Init(&h) }},
			{"Update", func() { k.Update(&y, src) }},
			{"tail", func() { k.Update(&y, src[1:8]) }},
			{"Update with a Key from the default tier", func() { kasm.Update(&y, src) }},
		} {
			if a := testing.AllocsPerRun(50, c.f); a != 0 {
				t.Errorf("%s: %v allocations per run, want 0", c.name, a)
			}
		}
	})
}

// FuzzUpdate compares every kernel tier (Init and Update) with the generic
// code on arbitrary keys, accumulators and data.
func FuzzUpdate(f *testing.F) {
	f.Add([]byte("0123456789abcdef"), []byte("accumulator y 16"), []byte("hello"))
	f.Add(bytes.Repeat([]byte{0xff}, 16), bytes.Repeat([]byte{0xff}, 16), bytes.Repeat([]byte{0xff}, 300))
	f.Fuzz(func(t *testing.T, hIn, yIn, data []byte) {
		var h, y0 [16]byte
		copy(h[:], hIn)
		copy(y0[:], yIn)
		k := genericKey(t, &h)
		want := y0
		updateGeneric(k, &want, data)
		for _, tier := range kernelTiers(t) {
			var kt Key
			got := y0
			withTier(t, tier, func() {
				kt.Init(&h)
				kt.Update(&got, data)
			})
			if got != want || kt.tables != k.tables {
				t.Fatalf("%v: differs from generic (H %x, len %d): got %x, want %x", tier, h, len(data), got, want)
			}
		}
	})
}

// BenchmarkKernelUpdate measures Update per tier at the sizes the issue
// names; MB/s at 16 KiB is the steady-state rate.
func BenchmarkKernelUpdate(b *testing.B) {
	for _, n := range []int{64, 1024, 16 * 1024} {
		name := fmt.Sprintf("%dB", n)
		if n >= 1024 {
			name = fmt.Sprintf("%dKiB", n/1024)
		}
		b.Run(name, func(b *testing.B) {
			src := make([]byte, n)
			testutil.ForEachTierB(b, pkgName, func(b *testing.B) {
				var h, y [16]byte
				h[3] = 0x42
				var k Key
				k.Init(&h)
				b.SetBytes(int64(n))
				for b.Loop() {
					k.Update(&y, src)
				}
			})
		})
	}
}

// BenchmarkKernelInit measures Init (the powers and the generic
// multiplicands) per tier.
func BenchmarkKernelInit(b *testing.B) {
	testutil.ForEachTierB(b, pkgName, func(b *testing.B) {
		var h [16]byte
		h[3] = 0x42
		var k Key
		for b.Loop() {
			k.Init(&h)
			h[0]++
		}
	})
}
