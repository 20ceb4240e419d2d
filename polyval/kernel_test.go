package polyval

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
// through the dispatch. The generic code itself is checked against
// bit-at-a-time arithmetic and RFC 8452's vectors in polyval_test.go. Where no
// kernel exists (other GOARCHes, purego) the tier list is just generic and
// the tests compare the generic code with itself.

const pkgName = "polyval"

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
// code's, and Init overwrites a dirty Key fully; InitFor's short tables
// (n = 8) equal the generic code's in the entries computed, leave the
// others alone, and serve every input they accept.
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
			var got Key
			dirty := func() {
				for i := range NumPowers {
					got.pow[i] = [2]uint64{r.Uint64(), r.Uint64()}
					got.pmid[i] = [2]uint64{r.Uint64(), r.Uint64()}
				}
				got.npow = 0
			}
			dirty()
			withTier(t, tier, func() { got.Init(&h) })
			if got.tables != want.tables || got.npow != NumPowers {
				t.Fatalf("%v H=%x: tables differ from generic Init\n got %x\nwant %x", tier, h, got.tables, want.tables)
			}
			var y, wy [16]byte
			updateGeneric(want, &wy, src)
			withTier(t, cpu.Generic, func() { got.Update(&y, src) })
			if y != wy {
				t.Fatalf("%v H=%x: generic Update after an assembly Init differs", tier, h)
			}

			// Short: only pow[8:] and pmid[8:] are written.
			dirty()
			before := got.tables
			withTier(t, tier, func() { got.InitFor(&h, 128) })
			if got.npow != 8 {
				t.Fatalf("%v: InitFor(128) computed %d powers, want 8", tier, got.npow)
			}
			if [8][2]uint64(got.pow[8:NumPowers]) != [8][2]uint64(want.pow[8:NumPowers]) || [8][2]uint64(got.pmid[8:NumPowers]) != [8][2]uint64(want.pmid[8:NumPowers]) {
				t.Fatalf("%v H=%x: short tables differ from generic", tier, h)
			}
			if [8][2]uint64(got.pow[:8]) != [8][2]uint64(before.pow[:8]) || [8][2]uint64(got.pmid[:8]) != [8][2]uint64(before.pmid[:8]) {
				t.Fatalf("%v H=%x: short init wrote entries above H_8", tier, h)
			}
			var gs [16]byte
			gk := new(Key)
			withTier(t, cpu.Generic, func() { gk.InitFor(&h, 128) })
			if [8][2]uint64(gk.pow[8:NumPowers]) != [8][2]uint64(want.pow[8:NumPowers]) || [8][2]uint64(gk.pmid[8:NumPowers]) != [8][2]uint64(want.pmid[8:NumPowers]) {
				t.Fatalf("H=%x: generic short tables differ from generic Init", h)
			}
			for _, n := range []int{0, 1, 15, 16, 17, 100, 127, 128} {
				y, wy = [16]byte{}, [16]byte{}
				updateGeneric(want, &wy, src[:min(n, len(src))])
				withTier(t, tier, func() { got.Update(&y, src[:min(n, len(src))]) })
				withTier(t, cpu.Generic, func() { gk.Update(&gs, src[:min(n, len(src))]) })
				if y != wy {
					t.Fatalf("%v H=%x len %d: Update with short tables differs", tier, h, n)
				}
			}
		}
	}
}

// TestInitFor: InitFor computes 8 powers exactly when the current tier
// reads no more for inputs of maxLen bytes, and Update panics on an input
// that would read powers the Key lacks (never silently hashing with zero
// powers), also after a tier switch.
func TestInitFor(t *testing.T) {
	var h [16]byte
	h[0] = 3
	src := make([]byte, 4096)
	for _, tier := range testutil.Tiers(t, pkgName) {
		withTier(t, tier, func() {
			for _, maxLen := range []int{0, 1, 64, 127, 128, 129, 255, 256, 1024, 4096} {
				var k Key
				k.InitFor(&h, maxLen)
				wantN := NumPowers
				if maxGroup(maxLen) <= 8 {
					wantN = 8
				}
				if k.npow != wantN {
					t.Fatalf("%v InitFor(%d): %d powers, want %d", tier, maxLen, k.npow, wantN)
				}
				var full Key
				full.Init(&h)
				for _, n := range []int{0, 1, 16, 100, 128, 129, 256, 1000, 4096} {
					var y, wy [16]byte
					full.Update(&wy, src[:n])
					panicked := func() (p bool) {
						defer func() { p = recover() != nil }()
						k.Update(&y, src[:n])
						return false
					}()
					if need := maxGroup(n); need > k.npow {
						if !panicked {
							t.Fatalf("%v InitFor(%d): Update of %d bytes needs %d powers, has %d, and did not panic", tier, maxLen, n, need, k.npow)
						}
					} else if panicked || y != wy {
						t.Fatalf("%v InitFor(%d): Update of %d bytes: panicked %v, got %x want %x", tier, maxLen, n, panicked, y, wy)
					}
					if n <= maxLen && panicked {
						t.Fatalf("%v InitFor(%d): Update of %d bytes panicked", tier, maxLen, n)
					}
				}
			}
		})
	}
	// A short Key from an 8-block tier, used on a 16-block tier.
	ts := testutil.Tiers(t, pkgName)
	if len(ts) > 1 && ts[0] == cpu.AVX512 {
		var k Key
		withTier(t, cpu.AESNI, func() { k.InitFor(&h, 4096) })
		defer func() {
			if recover() == nil {
				t.Fatal("a short Key from aesni hashed 4096 bytes on avx512")
			}
		}()
		var y [16]byte
		withTier(t, cpu.AVX512, func() { k.Update(&y, src) })
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
// src (the only "in place" a hash has: s is read before src and written
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
	kasm.Init(&h) // on the package's tier
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

// FuzzUpdate compares every kernel tier (Init or InitFor, and Update) with the generic
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
			var ks Key // InitFor: only the powers len(data) needs
			got = y0
			withTier(t, tier, func() {
				ks.InitFor(&h, len(data))
				ks.Update(&got, data)
			})
			if got != want {
				t.Fatalf("%v InitFor: differs from generic (H %x, len %d): got %x, want %x", tier, h, len(data), got, want)
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

// BenchmarkKernelInit measures Init (all NumPowers powers) per tier.
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

// TestWipe: Wipe zeroes everything Init and InitFor wrote (the whole Key
// compares equal to a zero Key), and the wiped Key refuses input.
func TestWipe(t *testing.T) {
	h := [16]byte{1, 2, 3, 4, 5}
	for _, tier := range testutil.Tiers(t, pkgName) {
		withTier(t, tier, func() {
			for _, maxLen := range []int{64, 128, 4096} {
				var k Key
				k.InitFor(&h, maxLen)
				if k == (Key{}) {
					t.Fatal("InitFor left the Key zero")
				}
				k.Wipe()
				if k != (Key{}) {
					t.Fatalf("%v InitFor(%d) then Wipe: Key not zero", tier, maxLen)
				}
				k.Init(&h)
				k.Wipe()
				if k != (Key{}) {
					t.Fatalf("%v Init then Wipe: Key not zero", tier)
				}
				func() {
					defer func() {
						if recover() == nil {
							t.Fatalf("%v: a wiped Key hashed input", tier)
						}
					}()
					var y [16]byte
					k.Update(&y, h[:])
				}()
			}
		})
	}
}

// BenchmarkKernelInitFor measures InitFor(h, 128) (8 powers) per tier.
func BenchmarkKernelInitFor(b *testing.B) {
	testutil.ForEachTierB(b, pkgName, func(b *testing.B) {
		var h [16]byte
		h[3] = 0x42
		var k Key
		for b.Loop() {
			k.InitFor(&h, 128)
			h[0]++
		}
	})
}
