package aesni

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"fmt"
	"testing"
)

// Straightforward per-block references built on crypto/aes.

type ctrVariant struct {
	name string
	xor  func(k *Key, dst, src []byte, ctr *[16]byte)
	inc  func(c *[16]byte) // byte-wise increment of the counter field only
}

var ctrVariants = []ctrVariant{
	{"CTR32BE", (*Key).XORKeyStreamCTR32BE, func(c *[16]byte) {
		for i := 15; i >= 12; i-- {
			if c[i]++; c[i] != 0 {
				return
			}
		}
	}},
	{"CTR32LE", (*Key).XORKeyStreamCTR32LE, func(c *[16]byte) {
		for i := 0; i < 4; i++ {
			if c[i]++; c[i] != 0 {
				return
			}
		}
	}},
	{"CTR64BE", (*Key).XORKeyStreamCTR64BE, func(c *[16]byte) {
		for i := 15; i >= 8; i-- {
			if c[i]++; c[i] != 0 {
				return
			}
		}
	}},
}

func refCTR(b cipher.Block, dst, src []byte, ctr *[16]byte, inc func(*[16]byte)) {
	var ks [16]byte
	for len(src) > 0 {
		b.Encrypt(ks[:], ctr[:])
		inc(ctr)
		n := min(len(src), 16)
		for i := 0; i < n; i++ {
			dst[i] = src[i] ^ ks[i]
		}
		dst, src = dst[n:], src[n:]
	}
}

func TestCTR(t *testing.T) {
	r := newRand(t)
	sizes := []int{16, 24, 32}
	for _, v := range ctrVariants {
		t.Run(v.name, func(t *testing.T) {
			for _, size := range sizes {
				key := randBytes(r, size)
				k := newKey(t, key)
				c, _ := aes.NewCipher(key)
				// Every length 0..1024 for every key size; under the race
				// detector (or -short) every third length, with the key
				// sizes starting at 0, 1 and 2 so that together they
				// still cover every length.
				first, step := 0, 1
				if raceEnabled || testing.Short() {
					first, step = (size-16)/8, 3
				}
				for n := first; n <= 1024; n += step {
					var ctr0 [16]byte
					copy(ctr0[:], randBytes(r, 16))
					src := randBytes(r, n)

					want := make([]byte, n)
					wantCtr := ctr0
					refCTR(c, want, src, &wantCtr, v.inc)

					got := make([]byte, n)
					ctr := ctr0
					v.xor(k, got, src, &ctr)
					if !bytes.Equal(got, want) || ctr != wantCtr {
						t.Fatalf("AES-%d len %d: mismatch\n got %x ctr %x\nwant %x ctr %x", 8*size, n, got, ctr, want, wantCtr)
					}

					// In place.
					buf := bytes.Clone(src)
					ctr = ctr0
					v.xor(k, buf, buf, &ctr)
					if !bytes.Equal(buf, want) || ctr != wantCtr {
						t.Fatalf("AES-%d len %d: in-place mismatch", 8*size, n)
					}

					// Unaligned src and dst (different offsets), dst longer
					// than src.
					so, do := 1+n%15, 1+(n/7)%15
					sbuf := make([]byte, so+n)
					dbuf := make([]byte, do+n+5)
					copy(sbuf[so:], src)
					ctr = ctr0
					v.xor(k, dbuf[do:], sbuf[so:], &ctr)
					if !bytes.Equal(dbuf[do:do+n], want) || ctr != wantCtr ||
						!bytes.Equal(dbuf[:do], make([]byte, do)) || !bytes.Equal(dbuf[do+n:], make([]byte, 5)) {
						t.Fatalf("AES-%d len %d offsets %d/%d: unaligned mismatch", 8*size, n, so, do)
					}

					// Split into a whole-block prefix and the rest: the
					// counter carries over between calls.
					cut := 16 * r.IntN(n/16+1)
					ctr = ctr0
					v.xor(k, got[:cut], src[:cut], &ctr)
					v.xor(k, got[cut:], src[cut:], &ctr)
					if !bytes.Equal(got, want) || ctr != wantCtr {
						t.Fatalf("AES-%d len %d split at %d: mismatch", 8*size, n, cut)
					}
				}
			}
		})
	}
}

func TestCTRUnalignedOffsets(t *testing.T) {
	r := newRand(t)
	key := randBytes(r, 16)
	k := newKey(t, key)
	c, _ := aes.NewCipher(key)
	for _, v := range ctrVariants {
		for off := 1; off < 16; off++ {
			for _, n := range []int{1, 15, 16, 17, 63, 64, 65, 100, 255, 256, 257} {
				var ctr0 [16]byte
				copy(ctr0[:], randBytes(r, 16))
				src := randBytes(r, n)
				want := make([]byte, n)
				wantCtr := ctr0
				refCTR(c, want, src, &wantCtr, v.inc)

				// In place at an unaligned offset.
				buf := make([]byte, off+n)
				copy(buf[off:], src)
				ctr := ctr0
				v.xor(k, buf[off:], buf[off:], &ctr)
				if !bytes.Equal(buf[off:], want) || ctr != wantCtr {
					t.Fatalf("%s offset %d len %d: mismatch", v.name, off, n)
				}
			}
		}
	}
}

func TestCTRWrap(t *testing.T) {
	r := newRand(t)
	key := randBytes(r, 32)
	k := newKey(t, key)
	c, _ := aes.NewCipher(key)
	// For each variant: the counter field [lo, hi) and starting values of
	// the field, written as stored (in the field's own byte order).
	fields := map[string]struct {
		lo, hi int
		starts [][]byte
		after3 []byte // the field after 3 blocks from starts[0]
	}{
		"CTR32BE": {12, 16, [][]byte{{0xff, 0xff, 0xff, 0xfe}, {0xff, 0xff, 0xff, 0xfb}, {0x00, 0xff, 0xff, 0xfe}},
			[]byte{0, 0, 0, 1}},
		"CTR32LE": {0, 4, [][]byte{{0xfe, 0xff, 0xff, 0xff}, {0xfb, 0xff, 0xff, 0xff}, {0xfe, 0xff, 0xff, 0x00}},
			[]byte{1, 0, 0, 0}},
		"CTR64BE": {8, 16, [][]byte{{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe}, {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfb}, {0x00, 0, 0, 0, 0xff, 0xff, 0xff, 0xfe}},
			[]byte{0, 0, 0, 0, 0, 0, 0, 1}},
	}
	for _, v := range ctrVariants {
		f := fields[v.name]
		// The bytes around the counter field are all ones or all zeros,
		// so that a carry (or an OR) out of the field shows either way.
		for _, pad := range []byte{0xff, 0x00} {
			for si, start := range f.starts {
				var ctr0 [16]byte
				for i := range ctr0 {
					ctr0[i] = pad
				}
				copy(ctr0[f.lo:f.hi], start)
				for n := 0; n <= 200; n++ {
					src := randBytes(r, n)
					want := make([]byte, n)
					wantCtr := ctr0
					refCTR(c, want, src, &wantCtr, v.inc)
					got := make([]byte, n)
					ctr := ctr0
					v.xor(k, got, src, &ctr)
					if !bytes.Equal(got, want) || ctr != wantCtr {
						t.Fatalf("%s from %x len %d: mismatch\n got ctr %x\nwant ctr %x", v.name, ctr0, n, ctr, wantCtr)
					}
					for i := range ctr {
						if (i < f.lo || i >= f.hi) && ctr[i] != pad {
							t.Fatalf("%s: carry left the counter field: %x -> %x", v.name, ctr0, ctr)
						}
					}
					if si == 0 && n == 48 && !bytes.Equal(ctr[f.lo:f.hi], f.after3) {
						t.Fatalf("%s: counter after wrap = %x, want field %x", v.name, ctr, f.after3)
					}
				}
			}
		}
	}
}

func TestCBCMAC(t *testing.T) {
	r := newRand(t)
	for _, size := range []int{16, 24, 32} {
		key := randBytes(r, size)
		k := newKey(t, key)
		c, _ := aes.NewCipher(key)
		for n := 0; n <= 40; n++ {
			var state [16]byte
			copy(state[:], randBytes(r, 16))
			src := randBytes(r, 16*n)
			want := state
			for i := 0; i < n; i++ {
				for j := range want {
					want[j] ^= src[16*i+j]
				}
				c.Encrypt(want[:], want[:])
			}
			k.CBCMAC(&state, src)
			if state != want {
				t.Fatalf("AES-%d CBCMAC(%d blocks) = %x, want %x", 8*size, n, state, want)
			}
		}
	}
}

// refNTZ counts trailing zeros, capped at 63 (the table size), bit by bit.
func refNTZ(x uint64) int {
	n := 0
	for x&1 == 0 && n < 63 {
		x >>= 1
		n++
	}
	return n
}

func xorBlock(a *[16]byte, b []byte) {
	for i := range a {
		a[i] ^= b[i]
	}
}

func refOCBEncrypt(b cipher.Block, dst, src []byte, offset, checksum *[16]byte, l *OCBTable, start uint64) {
	var t [16]byte
	for i := 0; i+16 <= len(src); i += 16 {
		start++
		xorBlock(offset, l[refNTZ(start)][:])
		xorBlock(checksum, src[i:])
		copy(t[:], src[i:i+16])
		xorBlock(&t, offset[:])
		b.Encrypt(t[:], t[:])
		xorBlock(&t, offset[:])
		copy(dst[i:], t[:])
	}
}

func refOCBDecrypt(b cipher.Block, dst, src []byte, offset, checksum *[16]byte, l *OCBTable, start uint64) {
	var t [16]byte
	for i := 0; i+16 <= len(src); i += 16 {
		start++
		xorBlock(offset, l[refNTZ(start)][:])
		copy(t[:], src[i:i+16])
		xorBlock(&t, offset[:])
		b.Decrypt(t[:], t[:])
		xorBlock(&t, offset[:])
		xorBlock(checksum, t[:])
		copy(dst[i:], t[:])
	}
}

func refOCBHash(b cipher.Block, sum, offset *[16]byte, src []byte, l *OCBTable, start uint64) {
	var t [16]byte
	for i := 0; i+16 <= len(src); i += 16 {
		start++
		xorBlock(offset, l[refNTZ(start)][:])
		copy(t[:], src[i:i+16])
		xorBlock(&t, offset[:])
		b.Encrypt(t[:], t[:])
		xorBlock(sum, t[:])
	}
}

func TestOCB(t *testing.T) {
	r := newRand(t)
	starts := []uint64{0, 1, 2, 3, 4, 5, 7, 8, 15, 31, 1000, 1<<32 - 3, 1<<63 - 2, 1<<64 - 3, r.Uint64()}
	for _, size := range []int{16, 24, 32} {
		key := randBytes(r, size)
		k := newKey(t, key)
		c, _ := aes.NewCipher(key)
		var l OCBTable
		for i := range l {
			copy(l[i][:], randBytes(r, 16))
		}
		for _, start := range starts {
			for n := 0; n <= 20; n++ {
				name := fmt.Sprintf("AES-%d start %d blocks %d", 8*size, start, n)
				var off0, ck0, sum0 [16]byte
				copy(off0[:], randBytes(r, 16))
				copy(ck0[:], randBytes(r, 16))
				copy(sum0[:], randBytes(r, 16))
				pt := randBytes(r, 16*n)

				// Encrypt.
				wantCT := make([]byte, 16*n)
				wOff, wCk := off0, ck0
				refOCBEncrypt(c, wantCT, pt, &wOff, &wCk, &l, start)
				ct := make([]byte, 16*n)
				gOff, gCk := off0, ck0
				k.OCBEncrypt(ct, pt, &gOff, &gCk, &l, start)
				if !bytes.Equal(ct, wantCT) || gOff != wOff || gCk != wCk {
					t.Fatalf("%s: OCBEncrypt mismatch", name)
				}
				buf := bytes.Clone(pt)
				gOff, gCk = off0, ck0
				k.OCBEncrypt(buf, buf, &gOff, &gCk, &l, start)
				if !bytes.Equal(buf, wantCT) || gOff != wOff || gCk != wCk {
					t.Fatalf("%s: in-place OCBEncrypt mismatch", name)
				}

				// Decrypt: the reference and the round trip.
				wantPT := make([]byte, 16*n)
				dOff, dCk := off0, ck0
				refOCBDecrypt(c, wantPT, wantCT, &dOff, &dCk, &l, start)
				if !bytes.Equal(wantPT, pt) || dOff != wOff || dCk != wCk {
					t.Fatalf("%s: reference OCB round trip failed", name)
				}
				got := make([]byte, 16*n)
				gOff, gCk = off0, ck0
				k.OCBDecrypt(got, wantCT, &gOff, &gCk, &l, start)
				if !bytes.Equal(got, pt) || gOff != wOff || gCk != wCk {
					t.Fatalf("%s: OCBDecrypt mismatch", name)
				}
				buf = bytes.Clone(wantCT)
				gOff, gCk = off0, ck0
				k.OCBDecrypt(buf, buf, &gOff, &gCk, &l, start)
				if !bytes.Equal(buf, pt) || gOff != wOff || gCk != wCk {
					t.Fatalf("%s: in-place OCBDecrypt mismatch", name)
				}

				// Hash.
				wSum, wOff := sum0, off0
				refOCBHash(c, &wSum, &wOff, pt, &l, start)
				gSum, gOff := sum0, off0
				k.OCBHash(&gSum, &gOff, pt, &l, start)
				if gSum != wSum || gOff != wOff {
					t.Fatalf("%s: OCBHash mismatch", name)
				}
			}
		}
	}
}

func TestNTZ(t *testing.T) {
	for _, x := range []uint64{0, 1, 2, 3, 4, 6, 8, 1 << 40, 3 << 62, 1 << 63, 1<<64 - 1} {
		if ntz(x) != refNTZ(x) {
			t.Errorf("ntz(%#x) = %d, want %d", x, ntz(x), refNTZ(x))
		}
	}
}

func TestZeroAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	var k Key
	key := make([]byte, 32)
	buf := make([]byte, 1024+7)
	var ctr, off, ck [16]byte
	var l OCBTable
	if err := k.Init(key); err != nil {
		t.Fatal(err)
	}
	fns := map[string]func(){
		"Init":          func() { _ = k.Init(key) },
		"Encrypt":       func() { k.Encrypt(buf, buf) },
		"Decrypt":       func() { k.Decrypt(buf, buf) },
		"EncryptBlocks": func() { k.EncryptBlocks(buf, buf[:1024-16*3]) },
		"DecryptBlocks": func() { k.DecryptBlocks(buf, buf[:1024-16*3]) },
		"CTR32BE":       func() { k.XORKeyStreamCTR32BE(buf, buf, &ctr) },
		"CTR32LE":       func() { k.XORKeyStreamCTR32LE(buf, buf, &ctr) },
		"CTR64BE":       func() { k.XORKeyStreamCTR64BE(buf, buf, &ctr) },
		"CBCMAC":        func() { k.CBCMAC(&ctr, buf[:1024]) },
		"OCBEncrypt":    func() { k.OCBEncrypt(buf, buf[:1024-16], &off, &ck, &l, 5) },
		"OCBDecrypt":    func() { k.OCBDecrypt(buf, buf[:1024-16], &off, &ck, &l, 5) },
		"OCBHash":       func() { k.OCBHash(&ck, &off, buf[:1024-16], &l, 5) },
	}
	for name, f := range fns {
		if a := testing.AllocsPerRun(20, f); a != 0 {
			t.Errorf("%s: %v allocations per run, want 0", name, a)
		}
	}
}

// The benchmarks measure the generic (bitsliced) code.

var benchSizes = []int{1024, 16 * 1024}

func benchKey(b *testing.B) *Key {
	return newKey(b, bytes.Repeat([]byte{0x42}, 16))
}

func BenchmarkEncryptBlocks(b *testing.B) {
	k := benchKey(b)
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("%dK", n/1024), func(b *testing.B) {
			buf := make([]byte, n)
			b.SetBytes(int64(n))
			for b.Loop() {
				k.EncryptBlocks(buf, buf)
			}
		})
	}
}

func BenchmarkDecryptBlocks(b *testing.B) {
	k := benchKey(b)
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("%dK", n/1024), func(b *testing.B) {
			buf := make([]byte, n)
			b.SetBytes(int64(n))
			for b.Loop() {
				k.DecryptBlocks(buf, buf)
			}
		})
	}
}

func BenchmarkCTR(b *testing.B) {
	k := benchKey(b)
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("%dK", n/1024), func(b *testing.B) {
			buf := make([]byte, n)
			var ctr [16]byte
			b.SetBytes(int64(n))
			for b.Loop() {
				k.XORKeyStreamCTR32BE(buf, buf, &ctr)
			}
		})
	}
}

func BenchmarkOCBEncrypt(b *testing.B) {
	k := benchKey(b)
	var l OCBTable
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("%dK", n/1024), func(b *testing.B) {
			buf := make([]byte, n)
			var off, ck [16]byte
			b.SetBytes(int64(n))
			for b.Loop() {
				k.OCBEncrypt(buf, buf, &off, &ck, &l, 0)
			}
		})
	}
}

func BenchmarkCBCMAC(b *testing.B) {
	k := benchKey(b)
	buf := make([]byte, 1024)
	var state [16]byte
	b.SetBytes(int64(len(buf)))
	for b.Loop() {
		k.CBCMAC(&state, buf)
	}
}

func BenchmarkInit(b *testing.B) {
	var k Key
	key := make([]byte, 16)
	for b.Loop() {
		_ = k.Init(key)
	}
}
