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

// --- Single blocks and ECB ---

// ecbDirs are the two ECB directions with their generic reference and the
// dispatched method.
var ecbDirs = []struct {
	name    string
	generic func(k *Key, dst, src []byte)
	blocks  func(k *Key, dst, src []byte)
	one     func(k *Key, dst, src []byte)
	oneGen  func(k *Key, dst, src []byte)
}{
	{"Encrypt", encryptBlocksGeneric, (*Key).EncryptBlocks, (*Key).Encrypt, encryptBlockGeneric},
	{"Decrypt", decryptBlocksGeneric, (*Key).DecryptBlocks, (*Key).Decrypt, decryptBlockGeneric},
}

// testKeys returns one random key of each size, expanded.
func testKeys(t testing.TB, r *rand.Rand) []*Key {
	return []*Key{newKey(t, randBytes(r, 16)), newKey(t, randBytes(r, 24)), newKey(t, randBytes(r, 32))}
}

// checkECB compares the dispatch on tier with the generic code for one
// input: dst[:16*(len(src)/16)] (dst may alias src exactly), and dst's
// bytes after that, which must be left alone.
func checkECB(t *testing.T, tier cpu.Tier, k *Key, dir int, dst, src []byte) {
	t.Helper()
	d := ecbDirs[dir]
	n := len(src) &^ 15
	want := make([]byte, n)
	d.generic(k, want, src)
	after := append([]byte(nil), dst[n:]...)
	withTier(t, tier, func() { d.blocks(k, dst, src) })
	if !bytes.Equal(dst[:n], want) || !bytes.Equal(dst[n:], after) {
		t.Fatalf("%v ECB %s AES-%d, %d bytes: differs from generic\ngot  %x\nwant %x", tier, d.name, 32*(k.rounds-6), len(src), dst[:n], want)
	}
}

func TestKernelBlock(t *testing.T) {
	r := newRand(t)
	tiers := kernelTiers(t)
	back := make([]byte, 64)
	for _, k := range testKeys(t, r) {
		for _, d := range ecbDirs {
			for i := 0; i < 64; i++ {
				in := randBytes(r, 16)
				want := make([]byte, 16)
				d.oneGen(k, want, in)
				for _, tier := range tiers {
					// Unaligned separate buffers, longer than a block:
					// only 16 bytes may change.
					so, do := i%16, (i*7+3)%16
					src := back[so : so+16]
					copy(src, in)
					dst := make([]byte, 48)
					fillRand(r, dst)
					orig := append([]byte(nil), dst...)
					withTier(t, tier, func() { d.one(k, dst[do:], src) })
					if !bytes.Equal(dst[do:do+16], want) || !bytes.Equal(dst[:do], orig[:do]) || !bytes.Equal(dst[do+16:], orig[do+16:]) {
						t.Fatalf("%v %s AES-%d block %x: got %x want %x", tier, d.name, 32*(k.rounds-6), in, dst[do:do+16], want)
					}
					// In place.
					withTier(t, tier, func() { d.one(k, src, src) })
					if !bytes.Equal(src, want) {
						t.Fatalf("%v %s in place differs", tier, d.name)
					}
				}
			}
		}
	}
}

// TestKernelBlockShort checks that the dispatched single-block methods
// panic on a short buffer, as the generic ones do, before writing.
func TestKernelBlockShort(t *testing.T) {
	r := newRand(t)
	k := newKey(t, randBytes(r, 16))
	for _, tier := range append(kernelTiers(t), cpu.Generic) {
		for _, d := range ecbDirs {
			for _, c := range []struct{ dst, src int }{{15, 16}, {16, 15}, {0, 16}} {
				// The capacity goes past 16: only the length counts.
				back := make([]byte, 32)
				dst := back[:c.dst]
				panicked := func() (p bool) {
					defer func() { p = recover() != nil }()
					withTier(t, tier, func() { d.one(k, dst, make([]byte, c.src, 32)) })
					return
				}()
				if !panicked || !bytes.Equal(back, make([]byte, 32)) {
					t.Errorf("%v %s dst %d src %d: panicked %v, dst %x", tier, d.name, c.dst, c.src, panicked, dst)
				}
			}
			dst := make([]byte, 16)
			panicked := func() (p bool) {
				defer func() { p = recover() != nil }()
				withTier(t, tier, func() { d.blocks(k, dst, make([]byte, 32)) })
				return
			}()
			if !panicked || !bytes.Equal(dst, make([]byte, 16)) {
				t.Errorf("%v ECB %s short dst: panicked %v, dst %x", tier, d.name, panicked, dst)
			}
		}
	}
}

// TestKernelECBLengths runs every block count 0..64 (for AES-128 with each
// tail byte count 0..15 of ignored input too) and random counts up to
// 4096 blocks, for every key size, direction and tier.
func TestKernelECBLengths(t *testing.T) {
	r := newRand(t)
	tiers := kernelTiers(t)
	keys := testKeys(t, r)
	src := randBytes(r, 4096*16+15)
	dst := make([]byte, len(src)+32)
	for dir := range ecbDirs {
		for ki, k := range keys {
			step := 1
			if raceEnabled && ki > 0 {
				step = 3
			}
			for nb := 0; nb <= 64; nb += step {
				for _, extra := range []int{0, 1 + r.IntN(15)} {
					if ki > 0 && extra > 0 {
						continue
					}
					fillRand(r, dst)
					for _, tier := range tiers {
						checkECB(t, tier, k, dir, dst, src[:16*nb+extra])
					}
				}
			}
			count := 8
			if raceEnabled {
				count = 1
			}
			for i := 0; i < count; i++ {
				n := 16*r.IntN(4097) + r.IntN(16)
				for _, tier := range tiers {
					checkECB(t, tier, k, dir, dst, src[:n])
				}
			}
		}
	}
}

func TestKernelECBUnalignedInPlace(t *testing.T) {
	r := newRand(t)
	tiers := kernelTiers(t)
	back := make([]byte, 2048)
	for _, k := range testKeys(t, r) {
		for dir, d := range ecbDirs {
			for off := 0; off < 16; off++ {
				for _, nb := range []int{1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100} {
					n := 16 * nb
					orig := randBytes(r, n)
					for _, tier := range tiers {
						src := back[off : off+n]
						copy(src, orig)
						dst := make([]byte, n+16)[15-off:][:n]
						checkECB(t, tier, k, dir, dst, src)
						want := append([]byte(nil), dst...)
						withTier(t, tier, func() { d.blocks(k, src, src) })
						if !bytes.Equal(src, want) {
							t.Fatalf("%v ECB %s in place off %d, %d blocks differs", tier, d.name, off, nb)
						}
					}
				}
			}
		}
	}
}

// TestKernelECBGuardPages runs every block count 0..64 (0..1024 bytes) and
// single blocks with src and dst each ending right before, or starting
// right after, an inaccessible page.
func TestKernelECBGuardPages(t *testing.T) {
	r := newRand(t)
	tiers := kernelTiers(t)
	keys := testKeys(t, r)
	const max = 1024
	data := randBytes(r, max)
	for _, mode := range testutil.GuardModes {
		src := testutil.Guarded(t, max, mode)
		dst := testutil.Guarded(t, max, mode)
		place := func(b []byte, n int) []byte {
			if mode == testutil.GuardAfter {
				return b[max-n:]
			}
			return b[:n]
		}
		for dir, d := range ecbDirs {
			for n := 0; n <= max; n += 16 {
				k := keys[n/16%3]
				s, o := place(src, n), place(dst, n)
				copy(s, data)
				for _, tier := range tiers {
					checkECB(t, tier, k, dir, o, s)
					want := append([]byte(nil), o...)
					copy(o, s)
					withTier(t, tier, func() { d.blocks(k, o, o) })
					if !bytes.Equal(o, want) {
						t.Fatalf("%v ECB %s guard %v in place, %d bytes differs", tier, d.name, mode, n)
					}
				}
			}
			// Single blocks at the page edge.
			s, o := place(src, 16), place(dst, 16)
			copy(s, data)
			want := make([]byte, 16)
			d.oneGen(keys[2], want, s)
			for _, tier := range tiers {
				withTier(t, tier, func() { d.one(keys[2], o, s) })
				if !bytes.Equal(o, want) {
					t.Fatalf("%v %s guard %v single block differs", tier, d.name, mode)
				}
			}
		}
	}
}

// TestKernelECBStdlib checks the ECB kernels of every tier against
// crypto/aes directly (not only against the generic code).
func TestKernelECBStdlib(t *testing.T) {
	r := newRand(t)
	for _, size := range []int{16, 24, 32} {
		key := randBytes(r, size)
		blk, _ := aes.NewCipher(key)
		src := randBytes(r, 16*77)
		want := make([]byte, len(src))
		for i := 0; i < len(src); i += 16 {
			blk.Encrypt(want[i:], src[i:])
		}
		t.Run(fmt.Sprintf("AES-%d", 8*size), func(t *testing.T) {
			testutil.ForEachTier(t, pkgName, func(t *testing.T) {
				k := newKey(t, key)
				got := make([]byte, len(src))
				k.EncryptBlocks(got, src)
				if !bytes.Equal(got, want) {
					t.Fatalf("AES-%d EncryptBlocks differs from crypto/aes", 8*size)
				}
				k.DecryptBlocks(got, got)
				if !bytes.Equal(got, src) {
					t.Fatalf("AES-%d DecryptBlocks does not invert", 8*size)
				}
				one := make([]byte, 16)
				k.Encrypt(one, src[16*5:])
				if !bytes.Equal(one, want[16*5:16*6]) {
					t.Fatalf("AES-%d Encrypt differs from crypto/aes", 8*size)
				}
				k.Decrypt(one, one)
				if !bytes.Equal(one, src[16*5:16*6]) {
					t.Fatalf("AES-%d Decrypt does not invert", 8*size)
				}
			})
		})
	}
}

// --- AES-GCM-SIV key derivation ---

// refDeriveGCMSIV is RFC 8452 section 4 on crypto/aes: the authentication
// key and the raw message-encryption key.
func refDeriveGCMSIV(key []byte, nonce *[12]byte) (auth [16]byte, enc []byte) {
	blk, _ := aes.NewCipher(key)
	nb := 2 + len(key)/8
	for i := 0; i < nb; i++ {
		var in, out [16]byte
		binary.LittleEndian.PutUint32(in[:], uint32(i))
		copy(in[4:], nonce[:])
		blk.Encrypt(out[:], in[:])
		if i < 2 {
			copy(auth[8*i:], out[:8])
		} else {
			enc = append(enc, out[:8]...)
		}
	}
	return
}

// TestDeriveGCMSIVRFC8452 checks the derived keys of the RFC 8452
// appendix C examples (C.1, C.2: key 01 00.., nonce 03 00..) on every
// tier, and that the reference agrees with them.
func TestDeriveGCMSIVRFC8452(t *testing.T) {
	for _, v := range []struct{ key, nonce, auth, enc string }{
		{"01000000000000000000000000000000", "030000000000000000000000",
			"d9b360279694941ac5dbc6987ada7377", "4004a0dcd862f2a57360219d2d44ef6c"},
		{"0100000000000000000000000000000000000000000000000000000000000000", "030000000000000000000000",
			"b5d3c529dfafac43136d2d11be284d7f", "b914f4742be9e1d7a2f84addbf96dec3456e3c6c05ecc157cdbf0700fedad222"},
	} {
		key := mustHex(t, v.key)
		nonce := (*[12]byte)(mustHex(t, v.nonce))
		wantAuth, wantEnc := mustHex(t, v.auth), mustHex(t, v.enc)
		ra, re := refDeriveGCMSIV(key, nonce)
		if !bytes.Equal(ra[:], wantAuth) || !bytes.Equal(re, wantEnc) {
			t.Fatalf("reference derivation: auth %x enc %x", ra, re)
		}
		var encWant Key
		expandKeyGeneric(&encWant, wantEnc)
		t.Run(fmt.Sprintf("AES-%d", 8*len(key)), func(t *testing.T) {
			testutil.ForEachTier(t, pkgName, func(t *testing.T) {
				kgk := newKey(t, key)
				var auth [16]byte
				var enc EncKey
				kgk.DeriveGCMSIV(nonce, &auth, &enc)
				if !bytes.Equal(auth[:], wantAuth) || enc.rounds != encWant.rounds || enc.enc != encWant.enc {
					t.Fatalf("AES-%d: auth %x, enc round keys %x\nwant %x, %x", 8*len(key), auth, enc.enc, wantAuth, encWant.enc)
				}
			})
		})
	}
}

// checkDerive compares the dispatch on tier with the generic derivation
// and with the crypto/aes reference; enc is dirtied first (all its round
// key slots must be written).
func checkDerive(t *testing.T, tier cpu.Tier, key []byte, kgk *Key, nonce *[12]byte, auth *[16]byte) {
	t.Helper()
	var wantAuth [16]byte
	var want EncKey
	deriveGCMSIVGeneric(kgk, nonce, &wantAuth, &want)
	ra, re := refDeriveGCMSIV(key, nonce)
	var rk Key
	expandKeyGeneric(&rk, re)
	if wantAuth != ra || want.enc != rk.enc || want.rounds != rk.rounds {
		t.Fatalf("generic derivation differs from the crypto/aes reference (key %x nonce %x)", key, nonce)
	}
	var enc EncKey
	for i := range enc.enc {
		enc.enc[i] = 0xa5
	}
	*auth = [16]byte{}
	withTier(t, tier, func() { kgk.DeriveGCMSIV(nonce, auth, &enc) })
	if *auth != wantAuth || enc.rounds != want.rounds || enc.enc != want.enc {
		t.Fatalf("%v AES-%d key %x nonce %x:\nauth %x want %x\nenc %x\nwant %x", tier, 8*len(key), key, nonce, *auth, wantAuth, enc.enc, want.enc)
	}
	// The derived key encrypts like the full key.
	in := randBytes(rand.New(rand.NewPCG(uint64(nonce[0]), 1)), 16*9+5)
	got, ref := make([]byte, len(in)), make([]byte, len(in))
	var c0 [16]byte
	c1 := c0
	ctrGeneric(&rk, ref, in, &c0, ctr32LE)
	withTier(t, tier, func() { enc.XORKeyStreamCTR32LE(got, in, &c1) })
	if !bytes.Equal(got, ref) || c0 != c1 {
		t.Fatalf("%v: the derived key does not encrypt like the full one", tier)
	}
}

func TestKernelDeriveGCMSIV(t *testing.T) {
	r := newRand(t)
	tiers := kernelTiers(t)
	count := 100
	if raceEnabled {
		count = 10
	}
	var auth [16]byte
	for _, size := range []int{16, 24, 32} {
		for i := 0; i < count; i++ {
			key := randBytes(r, size)
			var nonce [12]byte
			fillRand(r, nonce[:])
			switch i {
			case 0:
				key, nonce = make([]byte, size), [12]byte{}
			case 1:
				key = bytes.Repeat([]byte{0xff}, size)
				nonce = [12]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}
			}
			kgk := newKey(t, key)
			for _, tier := range append(tiers, cpu.Generic) {
				checkDerive(t, tier, key, kgk, &nonce, &auth)
			}
		}
	}
}

// TestKernelDeriveGCMSIVGuardPages puts the nonce (read as exactly 12
// bytes) and the authentication key against an inaccessible page.
func TestKernelDeriveGCMSIVGuardPages(t *testing.T) {
	r := newRand(t)
	tiers := kernelTiers(t)
	for _, mode := range testutil.GuardModes {
		nb := testutil.Guarded(t, 12, mode)
		ab := testutil.Guarded(t, 16, mode)
		fillRand(r, nb)
		for _, size := range []int{16, 24, 32} {
			key := randBytes(r, size)
			kgk := newKey(t, key)
			for _, tier := range tiers {
				checkDerive(t, tier, key, kgk, (*[12]byte)(nb), (*[16]byte)(ab))
			}
		}
	}
}

func TestKernelBlockZeroAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	var k Key
	var enc EncKey
	key := make([]byte, 24)
	buf := make([]byte, 1024+7)
	var nonce [12]byte
	var auth, ctr [16]byte
	testutil.ForEachTier(t, pkgName, func(t *testing.T) {
		if err := k.Init(key); err != nil {
			t.Fatal(err)
		}
		k.DeriveGCMSIV(&nonce, &auth, &enc)
		for name, f := range map[string]func(){
			"Encrypt":        func() { k.Encrypt(buf, buf[3:]) },
			"Decrypt":        func() { k.Decrypt(buf[1:], buf[1:]) },
			"EncryptBlocks":  func() { k.EncryptBlocks(buf, buf[:1024-16*3+5]) },
			"DecryptBlocks":  func() { k.DecryptBlocks(buf[7:], buf[:1024]) },
			"DeriveGCMSIV":   func() { k.DeriveGCMSIV(&nonce, &auth, &enc) },
			"EncKey.Encrypt": func() { enc.Encrypt(buf, buf) },
			"EncKey.CTR32LE": func() { enc.XORKeyStreamCTR32LE(buf[1:], buf[:1000], &ctr) },
		} {
			if a := testing.AllocsPerRun(20, f); a != 0 {
				t.Errorf("%s: %v allocations per run, want 0", name, a)
			}
		}
	})
}

// FuzzECB compares every kernel tier with the generic code on arbitrary
// keys and data: the key schedule, ECB over the whole blocks of data in
// both directions (separately and in place), single blocks, and the
// GCM-SIV derivation with the first 12 bytes of data as the nonce. The first byte of the key
// input picks the key size.
func FuzzECB(f *testing.F) {
	f.Add([]byte("0123456789abcdef"), []byte("sixteen byte blk"))
	f.Add(bytes.Repeat([]byte{7}, 32), make([]byte, 16*33+5))
	f.Fuzz(func(t *testing.T, key, data []byte) {
		if len(key) == 0 {
			return
		}
		size := []int{16, 24, 32}[int(key[0])%3]
		key = append(key, make([]byte, 32)...)[:size]
		var k Key
		expandKeyGeneric(&k, key)
		n := len(data) &^ 15
		wantE, wantD := make([]byte, n), make([]byte, n)
		encryptBlocksGeneric(&k, wantE, data)
		decryptBlocksGeneric(&k, wantD, data)
		var nonce [12]byte
		copy(nonce[:], data)
		var wantAuth [16]byte
		var wantEnc EncKey
		deriveGCMSIVGeneric(&k, &nonce, &wantAuth, &wantEnc)
		for _, tier := range kernelTiers(t) {
			var kt Key
			var enc EncKey
			var auth [16]byte
			gotE, gotD := make([]byte, n), append([]byte(nil), data[:n]...)
			withTier(t, tier, func() {
				if err := kt.Init(key); err != nil {
					t.Fatal(err)
				}
				kt.EncryptBlocks(gotE, data)
				kt.DecryptBlocks(gotD, gotD)
				kt.DeriveGCMSIV(&nonce, &auth, &enc)
			})
			if kt.rounds != k.rounds || kt.enc != k.enc || kt.dec != k.dec {
				t.Fatalf("%v AES-%d key %x: key schedule differs from generic", tier, 8*size, key)
			}
			if !bytes.Equal(gotE, wantE) || !bytes.Equal(gotD, wantD) {
				t.Fatalf("%v AES-%d ECB, %d bytes: differs from generic", tier, 8*size, len(data))
			}
			if auth != wantAuth || enc.enc != wantEnc.enc || enc.rounds != wantEnc.rounds {
				t.Fatalf("%v AES-%d DeriveGCMSIV differs from generic", tier, 8*size)
			}
			if n > 0 {
				var e, d [16]byte
				withTier(t, tier, func() {
					kt.Encrypt(e[:], data)
					kt.Decrypt(d[:], data)
				})
				if !bytes.Equal(e[:], wantE[:16]) || !bytes.Equal(d[:], wantD[:16]) {
					t.Fatalf("%v AES-%d single block differs from generic", tier, 8*size)
				}
			}
		}
	})
}

// BenchmarkKernelECB measures AES-128 ECB encryption and decryption on
// every tier.
func BenchmarkKernelECB(b *testing.B) {
	key := bytes.Repeat([]byte{0x42}, 16)
	for _, d := range ecbDirs {
		for _, n := range []int{1024, 16 * 1024} {
			b.Run(fmt.Sprintf("%s/%dK", d.name, n/1024), func(b *testing.B) {
				buf := make([]byte, n)
				testutil.ForEachTierB(b, pkgName, func(b *testing.B) {
					k := newKey(b, key)
					b.SetBytes(int64(n))
					for b.Loop() {
						d.blocks(k, buf, buf)
					}
				})
			})
		}
	}
}

// BenchmarkKernelBlock measures one AES-128 block encryption per tier,
// next to crypto/aes.
func BenchmarkKernelBlock(b *testing.B) {
	key := bytes.Repeat([]byte{0x42}, 16)
	buf := make([]byte, 16)
	testutil.ForEachTierB(b, pkgName, func(b *testing.B) {
		k := newKey(b, key)
		for b.Loop() {
			k.Encrypt(buf, buf)
		}
	})
	b.Run("stdlib", func(b *testing.B) {
		blk, _ := aes.NewCipher(key)
		for b.Loop() {
			blk.Encrypt(buf, buf)
		}
	})
}

// BenchmarkKernelDeriveGCMSIV measures the per-nonce key derivation with
// the derived key's expansion, per tier and key size.
func BenchmarkKernelDeriveGCMSIV(b *testing.B) {
	for _, size := range []int{16, 32} {
		b.Run(fmt.Sprintf("AES-%d", 8*size), func(b *testing.B) {
			key := bytes.Repeat([]byte{0x42}, size)
			testutil.ForEachTierB(b, pkgName, func(b *testing.B) {
				k := newKey(b, key)
				var nonce [12]byte
				var auth [16]byte
				var enc EncKey
				for b.Loop() {
					k.DeriveGCMSIV(&nonce, &auth, &enc)
				}
			})
		})
		// Latency: each call's nonce depends on the previous call's
		// output (round keys included), as on the path of a message.
		b.Run(fmt.Sprintf("AES-%d/chained", 8*size), func(b *testing.B) {
			key := bytes.Repeat([]byte{0x42}, size)
			testutil.ForEachTierB(b, pkgName, func(b *testing.B) {
				k := newKey(b, key)
				var nonce [12]byte
				var auth [16]byte
				var enc EncKey
				for b.Loop() {
					k.DeriveGCMSIV(&nonce, &auth, &enc)
					nonce[0] = auth[0] ^ enc.enc[16*enc.rounds]
				}
			})
		})
	}
}

// TestEncKey checks EncKey against a full Key of the same key on every
// tier, including keys derived on one tier and used on another (the
// generic tier rebuilds its bitsliced keys from the round keys): CTR32LE
// at every length 0..1024 (AES-128; a spread for the others) and single
// blocks, with src and dst against guard pages, in place and unaligned;
// the zero EncKey and a wiped one panic, as short buffers do.
func TestEncKey(t *testing.T) {
	r := newRand(t)
	tiers := append(kernelTiers(t), cpu.Generic)
	const max = 1024
	data := randBytes(r, max)
	for _, size := range []int{16, 24, 32} {
		kgk := newKey(t, randBytes(r, size))
		var nonce [12]byte
		fillRand(r, nonce[:])
		var auth [16]byte
		var ref EncKey
		deriveGCMSIVGeneric(kgk, &nonce, &auth, &ref)
		var full Key
		fullKey(&full, &ref)
		for _, made := range tiers {
			var enc EncKey
			withTier(t, made, func() { kgk.DeriveGCMSIV(&nonce, &auth, &enc) })
			if enc != ref {
				t.Fatalf("AES-%d: EncKey made on %v differs", 8*size, made)
			}
		}
		step := 1
		if size > 16 || raceEnabled {
			step = 13
		}
		for _, mode := range testutil.GuardModes {
			src := testutil.Guarded(t, max, mode)
			dst := testutil.Guarded(t, max, mode)
			place := func(b []byte, n int) []byte {
				if mode == testutil.GuardAfter {
					return b[max-n:]
				}
				return b[:n]
			}
			for n := 0; n <= max; n += step {
				s, d := place(src, n), place(dst, n)
				copy(s, data)
				var ctr [16]byte
				fillRand(r, ctr[:])
				want := make([]byte, n)
				wc := ctr
				ctrGeneric(&full, want, s, &wc, ctr32LE)
				for _, tier := range tiers {
					c := ctr
					withTier(t, tier, func() { ref.XORKeyStreamCTR32LE(d, s, &c) })
					if !bytes.Equal(d, want) || c != wc {
						t.Fatalf("%v AES-%d EncKey CTR32LE guard %v len %d differs", tier, 8*size, mode, n)
					}
					copy(d, s)
					c = ctr
					withTier(t, tier, func() { ref.XORKeyStreamCTR32LE(d, d, &c) })
					if !bytes.Equal(d, want) {
						t.Fatalf("%v AES-%d EncKey CTR32LE in place len %d differs", tier, 8*size, n)
					}
				}
			}
			s, d := place(src, 16), place(dst, 16)
			want := make([]byte, 16)
			encryptBlockGeneric(&full, want, s)
			for _, tier := range tiers {
				withTier(t, tier, func() { ref.Encrypt(d, s) })
				if !bytes.Equal(d, want) {
					t.Fatalf("%v AES-%d EncKey Encrypt guard %v differs", tier, 8*size, mode)
				}
				// Unaligned, and in place.
				b := make([]byte, 40)
				copy(b[7:], s)
				withTier(t, tier, func() { ref.Encrypt(b[3:], b[7:]) })
				if !bytes.Equal(b[3:19], want) {
					t.Fatalf("%v AES-%d EncKey Encrypt unaligned differs", tier, 8*size)
				}
				copy(b[5:], s)
				withTier(t, tier, func() { ref.Encrypt(b[5:], b[5:]) })
				if !bytes.Equal(b[5:21], want) {
					t.Fatalf("%v AES-%d EncKey Encrypt in place differs", tier, 8*size)
				}
			}
		}
	}
	mustPanic := func(what string, f func()) {
		t.Helper()
		defer func() {
			if recover() == nil {
				t.Errorf("%s did not panic", what)
			}
		}()
		f()
	}
	kgk := newKey(t, randBytes(r, 16))
	buf := make([]byte, 32)
	var ctr [16]byte
	for _, tier := range tiers {
		withTier(t, tier, func() {
			var zero EncKey
			mustPanic(tier.String()+" zero EncKey Encrypt", func() { zero.Encrypt(buf, buf) })
			mustPanic(tier.String()+" zero EncKey CTR32LE", func() { zero.XORKeyStreamCTR32LE(buf, buf, &ctr) })
			var nonce [12]byte
			var auth [16]byte
			var enc EncKey
			kgk.DeriveGCMSIV(&nonce, &auth, &enc)
			mustPanic(tier.String()+" short dst", func() { enc.Encrypt(buf[:15], buf) })
			mustPanic(tier.String()+" short src", func() { enc.Encrypt(buf, buf[:15]) })
			mustPanic(tier.String()+" short CTR dst", func() { enc.XORKeyStreamCTR32LE(buf[:15], buf[:16], &ctr) })
			enc.Wipe()
			if enc != (EncKey{}) {
				t.Errorf("%v: Wipe left %x", tier, enc.enc)
			}
			mustPanic(tier.String()+" wiped EncKey", func() { enc.Encrypt(buf, buf) })
		})
	}
}
