package aesni

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/fastaead/fastaead/internal/cpu"
	"github.com/fastaead/fastaead/internal/testutil"
)

// The tests in this file run every kernel tier the machine supports (see
// testutil.Tiers) against the generic Go code, which they call directly
// (expandKeyGeneric, ctrGeneric) so that the reference never goes through
// the dispatch. The generic code itself is checked against crypto/aes in
// block_test.go and modes_test.go.

const pkgName = "aesni"

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

// ctrModes are the kernel-backed counter layouts, with their generic
// reference.
var ctrModes = []struct {
	name string
	mode int
	xor  func(k *Key, dst, src []byte, ctr *[16]byte)
}{
	{"CTR32BE", ctr32BE, (*Key).XORKeyStreamCTR32BE},
	{"CTR32LE", ctr32LE, (*Key).XORKeyStreamCTR32LE},
}

func TestKernelsRegistered(t *testing.T) {
	ts := testutil.Tiers(t, pkgName)
	t.Logf("tiers under test: %v; selected %v", ts, cpu.Selected())
	cur, ok := cpu.Current(pkgName)
	if !ok {
		t.Fatal("aesni is not registered")
	}
	if lim, capped := cpu.Limit(); !capped && cpu.Err() == nil && len(ts) > 1 && cur != ts[0] && cur != cpu.Selected() {
		t.Errorf("running %v; want the best tier %v or the selected tier %v", cur, ts[0], cpu.Selected())
	} else if capped && cur > lim {
		t.Errorf("running %v above FASTAEAD_KERNEL=%v", cur, lim)
	}
}

func TestKernelKeyExpansion(t *testing.T) {
	r := newRand(t)
	for _, tier := range kernelTiers(t) {
		for _, size := range []int{16, 24, 32} {
			for i := 0; i < 200; i++ {
				key := randBytes(r, size)
				switch i {
				case 0:
					key = make([]byte, size)
				case 1:
					key = bytes.Repeat([]byte{0xff}, size)
				}
				var want, got Key
				expandKeyGeneric(&want, key)
				// Dirty the destination: Init must overwrite all of it.
				for j := range got.enc {
					got.enc[j], got.dec[j] = 0xa5, 0x5a
				}
				withTier(t, tier, func() {
					if err := got.Init(key); err != nil {
						t.Fatal(err)
					}
				})
				if got.rounds != want.rounds || got.enc != want.enc || got.dec != want.dec || got.sk != want.sk {
					t.Fatalf("%v AES-%d key %x:\nenc %x\nwant %x\ndec %x\nwant %x", tier, 8*size, key, got.enc, want.enc, got.dec, want.dec)
				}
			}
		}
	}
}

// checkCTR compares the dispatch on tier with ctrGeneric for one input:
// dst (which may alias src exactly) and the counter after.
func checkCTR(t *testing.T, tier cpu.Tier, k *Key, mode int, xor func(*Key, []byte, []byte, *[16]byte), dst, src []byte, ctr [16]byte) {
	t.Helper()
	want := make([]byte, len(src))
	wctr := ctr
	ctrGeneric(k, want, src, &wctr, mode)
	gctr := ctr
	withTier(t, tier, func() { xor(k, dst, src, &gctr) })
	if !bytes.Equal(dst[:len(src)], want) || gctr != wctr {
		t.Fatalf("%v mode %d len %d ctr %x: output or counter differs from generic\ngot  %x\nwant %x\nctr %x want %x", tier, mode, len(src), ctr, dst[:len(src)], want, gctr, wctr)
	}
}

func TestKernelCTRLengths(t *testing.T) {
	r := newRand(t)
	tiers := kernelTiers(t)
	keys := []*Key{newKey(t, randBytes(r, 16)), newKey(t, randBytes(r, 24)), newKey(t, randBytes(r, 32))}
	src := randBytes(r, 1024+16)
	dst := make([]byte, 1024+16)
	for _, m := range ctrModes {
		t.Run(m.name, func(t *testing.T) {
			for ki, k := range keys {
				step := 1
				if ki > 0 {
					step = 7 // every length for AES-128; a spread for the others
				}
				for n := 0; n <= 1024; n += step {
					var ctr [16]byte
					fillRand(r, ctr[:])
					for _, tier := range tiers {
						checkCTR(t, tier, k, m.mode, m.xor, dst, src[:n], ctr)
					}
				}
			}
		})
	}
}

func fillRand(r *rand.Rand, b []byte) {
	for i := range b {
		b[i] = byte(r.Uint32())
	}
}

func TestKernelCTRLong(t *testing.T) {
	r := newRand(t)
	tiers := kernelTiers(t)
	count := 4
	if testing.Short() || raceEnabled {
		count = 2
	}
	buf := randBytes(r, 256*1024)
	out := make([]byte, len(buf))
	for _, m := range ctrModes {
		for _, size := range []int{16, 24, 32} {
			k := newKey(t, randBytes(r, size))
			for i := 0; i < count; i++ {
				n := r.IntN(len(buf) + 1)
				var ctr [16]byte
				fillRand(r, ctr[:])
				for _, tier := range tiers {
					checkCTR(t, tier, k, m.mode, m.xor, out, buf[:n], ctr)
				}
			}
		}
	}
}

func TestKernelCTRUnalignedInPlace(t *testing.T) {
	r := newRand(t)
	tiers := kernelTiers(t)
	k := newKey(t, randBytes(r, 32))
	back := make([]byte, 2048)
	for _, m := range ctrModes {
		for off := 0; off < 16; off++ {
			for _, n := range []int{1, 15, 16, 17, 100, 255, 256, 511, 512, 513, 1000} {
				var ctr [16]byte
				fillRand(r, ctr[:])
				orig := randBytes(r, n)
				for _, tier := range tiers {
					// Unaligned, separate buffers: src at off, dst at 15-off.
					src := back[off : off+n]
					copy(src, orig)
					dst := make([]byte, n+16)[15-off:][:n]
					checkCTR(t, tier, k, m.mode, m.xor, dst, src, ctr)
					// In place.
					want := append([]byte(nil), dst...)
					c := ctr
					withTier(t, tier, func() { m.xor(k, src, src, &c) })
					if !bytes.Equal(src, want) {
						t.Fatalf("%v %s in place off %d len %d differs", tier, m.name, off, n)
					}
				}
			}
		}
	}
}

// TestKernelCTRWrap starts the counter just below 2^32 so that it wraps
// inside its four bytes, in both layouts, at every position of a batch.
func TestKernelCTRWrap(t *testing.T) {
	r := newRand(t)
	tiers := kernelTiers(t)
	k := newKey(t, randBytes(r, 16))
	src := randBytes(r, 40*16+5)
	dst := make([]byte, len(src))
	for _, m := range ctrModes {
		for below := 0; below <= 36; below++ {
			var ctr [16]byte
			fillRand(r, ctr[:])
			v := 0xffffffff - uint32(below)
			if m.mode == ctr32BE {
				binary.BigEndian.PutUint32(ctr[12:], v)
			} else {
				binary.LittleEndian.PutUint32(ctr[0:], v)
			}
			for _, n := range []int{len(src), 16 * (below + 1), 16*(below+1) + 3} {
				for _, tier := range tiers {
					checkCTR(t, tier, k, m.mode, m.xor, dst, src[:n], ctr)
				}
			}
		}
	}
	// Independent check of the wrap against crypto/aes: the counter field
	// goes ff ff ff ff -> 00 00 00 00 and no other byte changes.
	key := randBytes(r, 16)
	blk, _ := aes.NewCipher(key)
	kk := newKey(t, key)
	for _, v := range ctrVariants[:2] {
		for _, tier := range tiers {
			var ctr, rc [16]byte
			fillRand(r, ctr[:])
			if v.name == "CTR32BE" {
				binary.BigEndian.PutUint32(ctr[12:], 0xfffffffd)
			} else {
				binary.LittleEndian.PutUint32(ctr[0:], 0xfffffffd)
			}
			rc = ctr
			want := make([]byte, 200)
			refCTR(blk, want, src[:200], &rc, v.inc)
			got := make([]byte, 200)
			c := ctr
			withTier(t, tier, func() { v.xor(kk, got, src[:200], &c) })
			if !bytes.Equal(got, want) || c != rc {
				t.Errorf("%v %s: wrap differs from crypto/aes", tier, v.name)
			}
		}
	}
}

// TestKernelCTRGuardPages runs every length 0..1024 with src and dst each
// ending right before, or starting right after, an inaccessible page, so
// that a kernel touching one byte outside either buffer faults.
func TestKernelCTRGuardPages(t *testing.T) {
	r := newRand(t)
	tiers := kernelTiers(t)
	k := newKey(t, randBytes(r, 16))
	const max = 1024
	data := randBytes(r, max)
	for _, mode := range testutil.GuardModes {
		src := testutil.Guarded(t, max, mode)
		dst := testutil.Guarded(t, max, mode)
		want := make([]byte, max)
		for _, m := range ctrModes {
			for n := 0; n <= max; n++ {
				// GuardAfter: the buffers end at the guard page;
				// GuardBefore: they start right after it.
				s, d := src[:n], dst[:n]
				if mode == testutil.GuardAfter {
					s, d = src[max-n:], dst[max-n:]
				}
				copy(s, data)
				var ctr [16]byte
				fillRand(r, ctr[:])
				wc := ctr
				ctrGeneric(k, want[:n], s, &wc, m.mode)
				for _, tier := range tiers {
					c := ctr
					withTier(t, tier, func() { m.xor(k, d, s, &c) })
					if !bytes.Equal(d, want[:n]) || c != wc {
						t.Fatalf("%v %s guard %v len %d differs", tier, m.name, mode, n)
					}
					// In place, in the guarded buffer.
					copy(d, s)
					c = ctr
					withTier(t, tier, func() { m.xor(k, d, d, &c) })
					if !bytes.Equal(d, want[:n]) {
						t.Fatalf("%v %s guard %v in place len %d differs", tier, m.name, mode, n)
					}
				}
			}
		}
	}
}

func TestKernelZeroAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	var k Key
	key := make([]byte, 32)
	buf := make([]byte, 1024+7)
	var ctr [16]byte
	testutil.ForEachTier(t, pkgName, func(t *testing.T) {
		if err := k.Init(key); err != nil {
			t.Fatal(err)
		}
		for name, f := range map[string]func(){
			"Init":    func() { _ = k.Init(key) },
			"CTR32BE": func() { k.XORKeyStreamCTR32BE(buf, buf, &ctr) },
			"CTR32LE": func() { k.XORKeyStreamCTR32LE(buf[1:], buf[:1000], &ctr) },
		} {
			if a := testing.AllocsPerRun(20, f); a != 0 {
				t.Errorf("%s: %v allocations per run, want 0", name, a)
			}
		}
	})
}

// FuzzCTR compares every kernel tier with the generic code on arbitrary
// keys, counters and data. The first byte of the key input picks the key
// size, mode the counter layout.
func FuzzCTR(f *testing.F) {
	f.Add([]byte("0123456789abcdef"), []byte("counter block 16"), []byte("hello"), false)
	f.Add(bytes.Repeat([]byte{7}, 32), bytes.Repeat([]byte{0xff}, 16), make([]byte, 1000), true)
	f.Fuzz(func(t *testing.T, key, ctrIn, data []byte, le bool) {
		if len(key) == 0 {
			return
		}
		size := []int{16, 24, 32}[int(key[0])%3]
		key = append(key, make([]byte, 32)...)[:size]
		var ctr [16]byte
		copy(ctr[:], ctrIn)
		m := ctrModes[0]
		if le {
			m = ctrModes[1]
		}
		var k Key
		expandKeyGeneric(&k, key)
		want := make([]byte, len(data))
		wc := ctr
		ctrGeneric(&k, want, data, &wc, m.mode)
		for _, tier := range kernelTiers(t) {
			got := make([]byte, len(data))
			c := ctr
			var kt Key
			withTier(t, tier, func() {
				if err := kt.Init(key); err != nil {
					t.Fatal(err)
				}
				m.xor(&kt, got, data, &c)
			})
			if !bytes.Equal(got, want) || c != wc || kt != k {
				t.Fatalf("%v %s: differs from generic (len %d)", tier, m.name, len(data))
			}
		}
	})
}

// BenchmarkKernelCTR32BE measures AES-128-CTR (32-bit big-endian counter,
// as GCM uses it) on every tier, next to the standard library's
// cipher.NewCTR over crypto/aes.
func BenchmarkKernelCTR32BE(b *testing.B) {
	key := bytes.Repeat([]byte{0x42}, 16)
	for _, n := range []int{1024, 16 * 1024} {
		b.Run(fmt.Sprintf("%dK", n/1024), func(b *testing.B) {
			buf := make([]byte, n)
			testutil.ForEachTierB(b, pkgName, func(b *testing.B) {
				k := newKey(b, key)
				var ctr [16]byte
				b.SetBytes(int64(n))
				for b.Loop() {
					k.XORKeyStreamCTR32BE(buf, buf, &ctr)
				}
			})
			b.Run("stdlib", func(b *testing.B) {
				blk, _ := aes.NewCipher(key)
				iv := make([]byte, 16)
				b.SetBytes(int64(n))
				for b.Loop() {
					cipher.NewCTR(blk, iv).XORKeyStream(buf, buf)
				}
			})
		})
	}
}

// BenchmarkKernelInit measures key expansion per tier.
func BenchmarkKernelInit(b *testing.B) {
	key := make([]byte, 16)
	testutil.ForEachTierB(b, pkgName, func(b *testing.B) {
		var k Key
		for b.Loop() {
			_ = k.Init(key)
		}
	})
}
