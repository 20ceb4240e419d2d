package aesni

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/fastaead/fastaead/ghash"
	"github.com/fastaead/fastaead/internal/cpu"
	"github.com/fastaead/fastaead/internal/testutil"
)

// The GCM tests run every kernel tier the machine supports against the
// generic code (gcmSealGeneric, gcmOpenGeneric, gcmMessageGeneric, called
// directly so that the reference never goes through the dispatch), and the
// generic code itself against crypto/cipher's GCM (TestGCMStdlib).

// gcmInput is one case: a key, a hash key, the data and associated data,
// and the starting counter, accumulator and pre-counter block.
type gcmInput struct {
	k          *Key
	h          *ghash.Key
	src, ad    []byte
	ctr, y, j0 [16]byte
}

// newGCMInput returns a case with random keys of size bytes, src and ad
// of the given lengths, and random counter, accumulator and J0.
func newGCMInput(t testing.TB, r *rand.Rand, size, n, adLen int) *gcmInput {
	in := &gcmInput{k: new(Key), h: new(ghash.Key), src: randBytes(r, n), ad: randBytes(r, adLen)}
	expandKeyGeneric(in.k, randBytes(r, size))
	var hk [16]byte
	fillRand(r, hk[:])
	in.h.Init(&hk)
	fillRand(r, in.ctr[:])
	fillRand(r, in.y[:])
	fillRand(r, in.j0[:])
	return in
}

// gcmWant holds the reference results of the four operations on one case.
type gcmWant struct {
	seal, open             []byte
	sealCtr, sealY         [16]byte
	openCtr, openY         [16]byte
	sealMsg, openMsg       []byte
	sealTag, openTag       [16]byte
	sealMsgTag, openMsgTag [16]byte
}

func gcmReference(in *gcmInput) *gcmWant {
	w := &gcmWant{
		seal: make([]byte, len(in.src)), open: make([]byte, len(in.src)),
		sealMsg: make([]byte, len(in.src)), openMsg: make([]byte, len(in.src)),
		sealCtr: in.ctr, sealY: in.y, openCtr: in.ctr, openY: in.y,
	}
	gcmSealGeneric(in.k, w.seal, in.src, &w.sealCtr, in.h, &w.sealY)
	gcmOpenGeneric(in.k, w.open, in.src, &w.openCtr, in.h, &w.openY)
	gcmMessageGeneric(in.k, w.sealMsg, in.src, in.ad, &in.j0, in.h, &w.sealMsgTag, false)
	gcmMessageGeneric(in.k, w.openMsg, in.src, in.ad, &in.j0, in.h, &w.openMsgTag, true)
	return w
}

// checkGCM runs the four operations on tier with dst (len(src) bytes;
// nil means in place, in a copy of src at the same alignment as src) and
// compares them with want.
func checkGCM(t *testing.T, tier cpu.Tier, in *gcmInput, want *gcmWant, dst, src []byte, desc string) {
	t.Helper()
	n := len(src)
	orig := append([]byte(nil), src...)
	defer copy(src, orig)
	inPlace := dst == nil
	run := func(op string, f func(d, s []byte)) []byte {
		copy(src, orig)
		d := dst
		if inPlace {
			d = src
		}
		for i := range d {
			d[i] = 0xa5
		}
		if inPlace {
			copy(src, orig)
		}
		withTier(t, tier, func() { f(d, src) })
		if !inPlace && !bytes.Equal(src, orig) {
			t.Fatalf("%v %s %s len %d: src modified", tier, op, desc, n)
		}
		return append([]byte(nil), d[:n]...)
	}
	fail := func(op string, got, wantB []byte) {
		i := 0
		for i < len(got) && got[i] == wantB[i] {
			i++
		}
		lo, hi := max(i-8, 0), min(i+24, len(got))
		t.Fatalf("%v %s %s len %d ad %d: differs from generic at byte %d of %d (data, then counter and y or the tag)\ngot  %x\nwant %x",
			tier, op, desc, n, len(in.ad), i, len(got), got[lo:hi], wantB[lo:hi])
	}

	ctr, y := in.ctr, in.y
	got := run("GCMSeal", func(d, s []byte) { in.k.GCMSeal(d, s, &ctr, in.h, &y) })
	if !bytes.Equal(got, want.seal) || ctr != want.sealCtr || y != want.sealY {
		fail("GCMSeal", append(append(got, ctr[:]...), y[:]...), append(append(want.seal, want.sealCtr[:]...), want.sealY[:]...))
	}
	ctr, y = in.ctr, in.y
	got = run("GCMOpen", func(d, s []byte) { in.k.GCMOpen(d, s, &ctr, in.h, &y) })
	if !bytes.Equal(got, want.open) || ctr != want.openCtr || y != want.openY {
		fail("GCMOpen", append(append(got, ctr[:]...), y[:]...), append(append(want.open, want.openCtr[:]...), want.openY[:]...))
	}
	var tag [16]byte
	j0 := in.j0
	defer func() {
		if in.j0 != j0 {
			t.Fatalf("%v %s len %d ad %d: the message kernels changed *j0", tier, desc, n, len(in.ad))
		}
	}()
	got = run("GCMSealMessage", func(d, s []byte) { in.k.GCMSealMessage(d, s, in.ad, &in.j0, in.h, &tag) })
	if !bytes.Equal(got, want.sealMsg) || tag != want.sealMsgTag {
		fail("GCMSealMessage", append(got, tag[:]...), append(want.sealMsg, want.sealMsgTag[:]...))
	}
	tag = [16]byte{}
	got = run("GCMOpenMessage", func(d, s []byte) { in.k.GCMOpenMessage(d, s, in.ad, &in.j0, in.h, &tag) })
	if !bytes.Equal(got, want.openMsg) || tag != want.openMsgTag {
		fail("GCMOpenMessage", append(got, tag[:]...), append(want.openMsg, want.openMsgTag[:]...))
	}
}

// gcmStep returns 1, or a larger stride under the race detector and for
// the key sizes after the first, to keep the exhaustive loops short.
func gcmStep(keyIndex int) int {
	switch {
	case raceEnabled && keyIndex > 0:
		return 29
	case raceEnabled || keyIndex > 0:
		return 7
	}
	return 1
}

// TestGCMKernelLengths compares every tier with the generic code at every
// length 0..1024 (AES-128; a stride for AES-192 and AES-256), with
// associated data of 0..80 bytes and random lengths, separate and in-place
// buffers.
func TestGCMKernelLengths(t *testing.T) {
	r := newRand(t)
	tiers := kernelTiers(t)
	for ki, size := range []int{16, 24, 32} {
		for n := 0; n <= 1024; n += gcmStep(ki) {
			adLen := n % 81
			if n%5 == 4 {
				adLen = r.IntN(1000)
			}
			in := newGCMInput(t, r, size, n, adLen)
			want := gcmReference(in)
			dst := make([]byte, n)
			for _, tier := range tiers {
				checkGCM(t, tier, in, want, dst, in.src, fmt.Sprintf("AES-%d", 8*size))
				if n%3 == 0 {
					checkGCM(t, tier, in, want, nil, in.src, fmt.Sprintf("AES-%d in place", 8*size))
				}
			}
		}
	}
}

// TestGCMKernelAD runs every associated-data length 0..300 (and a few
// large ones) with short and long messages.
func TestGCMKernelAD(t *testing.T) {
	r := newRand(t)
	tiers := kernelTiers(t)
	ads := []int{1000, 4095, 4096, 4097, 20000}
	for a := 0; a <= 300; a++ {
		ads = append(ads, a)
	}
	for i, adLen := range ads {
		n := []int{0, 1, 16, 100, 1024, 4100}[i%6]
		in := newGCMInput(t, r, 16, n, adLen)
		want := gcmReference(in)
		dst := make([]byte, n)
		for _, tier := range tiers {
			checkGCM(t, tier, in, want, dst, in.src, "")
		}
	}
}

// TestGCMKernelADOnly runs every associated-data length 0..600 with no
// plaintext and with 1..64 bytes: the message kernels absorb the length
// block together with the last partial group of the associated data (no
// plaintext) or of the ciphertext when that group has at most 15 blocks
// (remainders mod 256 of 1..240 bytes), and separately otherwise.
func TestGCMKernelADOnly(t *testing.T) {
	r := newRand(t)
	tiers := kernelTiers(t)
	step := 1
	if raceEnabled {
		step = 7
	}
	for adLen := 0; adLen <= 600; adLen += step {
		for _, n := range []int{0, 1 + r.IntN(64)} {
			in := newGCMInput(t, r, 16, n, adLen)
			want := gcmReference(in)
			dst := make([]byte, n)
			for _, tier := range tiers {
				checkGCM(t, tier, in, want, dst, in.src, "AD only")
			}
		}
	}
}

// TestGCMKernelLong runs random lengths up to 256 KiB with every key
// size.
func TestGCMKernelLong(t *testing.T) {
	r := newRand(t)
	tiers := kernelTiers(t)
	count := 3
	if testing.Short() || raceEnabled {
		count = 1
	}
	for _, size := range []int{16, 24, 32} {
		for i := 0; i < count; i++ {
			n := r.IntN(256*1024 + 1)
			in := newGCMInput(t, r, size, n, r.IntN(2000))
			want := gcmReference(in)
			dst := make([]byte, n)
			for _, tier := range tiers {
				checkGCM(t, tier, in, want, dst, in.src, "long")
				checkGCM(t, tier, in, want, nil, in.src, "long in place")
			}
		}
	}
}

// TestGCMKernelUnaligned places src, dst and ad at offsets 1..15.
func TestGCMKernelUnaligned(t *testing.T) {
	r := newRand(t)
	tiers := kernelTiers(t)
	back := make([]byte, 4096)
	dback := make([]byte, 4096)
	adback := make([]byte, 4096)
	for off := 0; off < 16; off++ {
		for _, n := range []int{1, 15, 16, 17, 63, 64, 65, 100, 255, 256, 257, 511, 512, 513, 1000, 2049} {
			in := newGCMInput(t, r, 32, n, 0)
			adLen := (off*37 + n) % 300
			ad := adback[(off*7)%16:][:adLen]
			fillRand(r, ad)
			in.ad = ad
			src := back[off : off+n]
			copy(src, in.src)
			in.src = src
			want := gcmReference(in)
			dst := dback[15-off:][:n]
			for _, tier := range tiers {
				checkGCM(t, tier, in, want, dst, src, fmt.Sprintf("offset %d", off))
				checkGCM(t, tier, in, want, nil, src, fmt.Sprintf("offset %d in place", off))
			}
		}
	}
}

// TestGCMKernelWrap starts the 32-bit counter just below 2^32, for the
// streaming operations (ctr) and the message ones (J0, whose successor
// starts the keystream), so that it wraps at every position of a batch.
func TestGCMKernelWrap(t *testing.T) {
	r := newRand(t)
	tiers := kernelTiers(t)
	for below := 0; below <= 40; below++ {
		for _, n := range []int{16 * (below + 1), 16*(below+1) + 3, 70 * 16, 70*16 + 9} {
			in := newGCMInput(t, r, 16, n, below)
			binary.BigEndian.PutUint32(in.ctr[12:], 0xffffffff-uint32(below))
			binary.BigEndian.PutUint32(in.j0[12:], 0xffffffff-uint32(below))
			want := gcmReference(in)
			dst := make([]byte, n)
			for _, tier := range tiers {
				checkGCM(t, tier, in, want, dst, in.src, fmt.Sprintf("wrap %d below", below))
			}
		}
	}
}

// TestGCMKernelGuardPages runs every length 0..1024 with src, dst and ad
// each ending right before, or starting right after, an inaccessible
// page, so that a kernel touching one byte outside any of them faults.
func TestGCMKernelGuardPages(t *testing.T) {
	r := newRand(t)
	tiers := kernelTiers(t)
	const max = 1024
	step := 1
	if raceEnabled {
		step = 5
	}
	for _, mode := range testutil.GuardModes {
		src := testutil.Guarded(t, max, mode)
		dst := testutil.Guarded(t, max, mode)
		adBuf := testutil.Guarded(t, max, mode)
		for n := 0; n <= max; n += step {
			adLen := (n * 7) % 97
			if n%2 == 1 {
				adLen = n
			}
			s, d, a := src[:n], dst[:n], adBuf[:adLen]
			if mode == testutil.GuardAfter {
				s, d, a = src[max-n:], dst[max-n:], adBuf[max-adLen:]
			}
			in := newGCMInput(t, r, 16, n, adLen)
			copy(s, in.src)
			copy(a, in.ad)
			in.src, in.ad = s, a
			want := gcmReference(in)
			for _, tier := range tiers {
				checkGCM(t, tier, in, want, d, s, "guard "+mode.String())
				checkGCM(t, tier, in, want, nil, s, "guard "+mode.String()+" in place")
			}
		}
	}
}

// TestGCMStdlib checks GCMSealMessage and GCMOpenMessage on every tier,
// generic included, against crypto/cipher's GCM: J0 from a 12-byte nonce,
// H = E(0^128).
func TestGCMStdlib(t *testing.T) {
	r := newRand(t)
	testutil.ForEachTier(t, pkgName, func(t *testing.T) {
		for _, size := range []int{16, 24, 32} {
			key := randBytes(r, size)
			blk, err := aes.NewCipher(key)
			if err != nil {
				t.Fatal(err)
			}
			ref, err := cipher.NewGCM(blk)
			if err != nil {
				t.Fatal(err)
			}
			k := newKey(t, key)
			var hk [16]byte
			blk.Encrypt(hk[:], hk[:])
			var h ghash.Key
			h.Init(&hk)
			for _, n := range []int{0, 1, 15, 16, 17, 64, 255, 256, 257, 1000, 4096, 5000} {
				nonce := randBytes(r, 12)
				pt := randBytes(r, n)
				ad := randBytes(r, r.IntN(100))
				sealed := ref.Seal(nil, nonce, pt, ad)
				var j0, tag [16]byte
				copy(j0[:], nonce)
				j0[15] = 1
				ct := make([]byte, n)
				k.GCMSealMessage(ct, pt, ad, &j0, &h, &tag)
				if !bytes.Equal(ct, sealed[:n]) || !bytes.Equal(tag[:], sealed[n:]) {
					t.Fatalf("AES-%d len %d: GCMSealMessage differs from crypto/cipher", 8*size, n)
				}
				back := make([]byte, n)
				tag = [16]byte{}
				k.GCMOpenMessage(back, ct, ad, &j0, &h, &tag)
				if !bytes.Equal(back, pt) || !bytes.Equal(tag[:], sealed[n:]) {
					t.Fatalf("AES-%d len %d: GCMOpenMessage differs from crypto/cipher", 8*size, n)
				}
				// tag may alias j0.
				j := j0
				k.GCMSealMessage(ct, pt, ad, &j, &h, &j)
				if !bytes.Equal(j[:], sealed[n:]) {
					t.Fatalf("AES-%d len %d: GCMSealMessage with tag == j0 differs", 8*size, n)
				}
			}
		}
	})
}

func TestGCMZeroAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	var k Key
	var h ghash.Key
	key := make([]byte, 32)
	buf := make([]byte, 1024+7)
	ad := make([]byte, 13)
	var ctr, y, j0, tag [16]byte
	testutil.ForEachTier(t, pkgName, func(t *testing.T) {
		if err := k.Init(key); err != nil {
			t.Fatal(err)
		}
		h.Init(&y)
		for name, f := range map[string]func(){
			"GCMSeal":        func() { k.GCMSeal(buf, buf, &ctr, &h, &y) },
			"GCMOpen":        func() { k.GCMOpen(buf[1:], buf[1:1000], &ctr, &h, &y) },
			"GCMSealMessage": func() { k.GCMSealMessage(buf[:64], buf[:64], ad, &j0, &h, &tag) },
			"GCMOpenMessage": func() { k.GCMOpenMessage(buf, buf, ad, &j0, &h, &tag) },
		} {
			if a := testing.AllocsPerRun(20, f); a != 0 {
				t.Errorf("%s: %v allocations per run, want 0", name, a)
			}
		}
	})
}

// TestGCMShortDst checks that a dst shorter than src panics before
// anything is written, on every tier.
func TestGCMShortDst(t *testing.T) {
	r := newRand(t)
	in := newGCMInput(t, r, 16, 100, 5)
	testutil.ForEachTier(t, pkgName, func(t *testing.T) {
		for name, f := range map[string]func(dst []byte){
			"GCMSeal":        func(d []byte) { in.k.GCMSeal(d, in.src, &in.ctr, in.h, &in.y) },
			"GCMOpen":        func(d []byte) { in.k.GCMOpen(d, in.src, &in.ctr, in.h, &in.y) },
			"GCMSealMessage": func(d []byte) { in.k.GCMSealMessage(d, in.src, in.ad, &in.j0, in.h, &in.y) },
			"GCMOpenMessage": func(d []byte) { in.k.GCMOpenMessage(d, in.src, in.ad, &in.j0, in.h, &in.y) },
		} {
			dst := make([]byte, 99)
			func() {
				defer func() {
					if recover() == nil {
						t.Errorf("%s: no panic with a short dst", name)
					}
				}()
				f(dst)
			}()
			if !bytes.Equal(dst, make([]byte, 99)) {
				t.Errorf("%s: wrote to dst before panicking", name)
			}
		}
	})
}

// FuzzGCM compares every kernel tier with the generic code. The first
// byte of key picks the key size; iv fills the counter, accumulator and
// J0.
func FuzzGCM(f *testing.F) {
	f.Add([]byte("0123456789abcdef"), []byte("some iv material"), []byte("ad"), []byte("hello, world"))
	f.Add(bytes.Repeat([]byte{2}, 32), bytes.Repeat([]byte{0xff}, 48), make([]byte, 17), make([]byte, 1000))
	f.Fuzz(func(t *testing.T, key, iv, ad, data []byte) {
		if len(key) == 0 {
			return
		}
		size := []int{16, 24, 32}[int(key[0])%3]
		key = append(key, make([]byte, 32)...)[:size]
		iv = append(iv, make([]byte, 64)...)
		in := &gcmInput{k: new(Key), h: new(ghash.Key), src: data, ad: ad}
		expandKeyGeneric(in.k, key)
		var hk [16]byte
		copy(hk[:], iv[48:])
		in.h.Init(&hk)
		copy(in.ctr[:], iv)
		copy(in.y[:], iv[16:])
		copy(in.j0[:], iv[32:])
		want := gcmReference(in)
		dst := make([]byte, len(data))
		for _, tier := range kernelTiers(t) {
			var kt Key
			withTier(t, tier, func() {
				if err := kt.Init(key); err != nil {
					t.Fatal(err)
				}
			})
			in.k = &kt
			checkGCM(t, tier, in, want, dst, data, "fuzz")
			checkGCM(t, tier, in, want, nil, data, "fuzz in place")
		}
	})
}

// BenchmarkGCMKernel measures the whole-message kernels (AES-128, 16
// bytes of associated data) per tier, sealing and opening.
func BenchmarkGCMKernel(b *testing.B) {
	key := bytes.Repeat([]byte{0x42}, 16)
	for _, op := range []string{"Seal", "Open"} {
		for _, n := range []int{64, 1024, 16 * 1024} {
			b.Run(fmt.Sprintf("%s/%d", op, n), func(b *testing.B) {
				buf := make([]byte, n)
				ad := make([]byte, 16)
				testutil.ForEachTierB(b, pkgName, func(b *testing.B) {
					k := newKey(b, key)
					var h ghash.Key
					var j0, tag [16]byte
					h.Init(&j0)
					b.SetBytes(int64(n))
					if op == "Seal" {
						for b.Loop() {
							k.GCMSealMessage(buf, buf, ad, &j0, &h, &tag)
						}
					} else {
						for b.Loop() {
							k.GCMOpenMessage(buf, buf, ad, &j0, &h, &tag)
						}
					}
				})
			})
		}
	}
}
