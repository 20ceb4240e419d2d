package polyval

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"math/rand/v2"
	"testing"

	"github.com/fastaead/fastaead/ghash"
)

// --- the reference: bit-at-a-time arithmetic, independent of the kernel ---

// elem is a field element as little-endian words: bit j of lo is the
// coefficient of x^j, bit j of hi that of x^(64+j).
type elem struct{ lo, hi uint64 }

func loadElem(b []byte) elem {
	return elem{binary.LittleEndian.Uint64(b[0:8]), binary.LittleEndian.Uint64(b[8:16])}
}

func (e elem) bytes() [16]byte {
	var b [16]byte
	binary.LittleEndian.PutUint64(b[0:8], e.lo)
	binary.LittleEndian.PutUint64(b[8:16], e.hi)
	return b
}

func (e elem) bit(i int) uint64 {
	if i < 64 {
		return e.lo >> i & 1
	}
	return e.hi >> (i - 64) & 1
}

// qLow is x^128 + x^127 + x^126 + x^121 + 1 without its x^128 term: the
// coefficients 0, 121, 126 and 127.
var qLow = elem{lo: 1, hi: 1<<(121-64) | 1<<(126-64) | 1<<(127-64)}

// refMulX returns e * x mod Q.
func refMulX(e elem) elem {
	top := e.bit(127)
	e = elem{e.lo << 1, e.hi<<1 | e.lo>>63}
	if top == 1 { // x^128 = x^127 + x^126 + x^121 + 1
		e.lo ^= qLow.lo
		e.hi ^= qLow.hi
	}
	return e
}

// refDivX returns e * x^-1 mod Q: add Q when the constant term is set,
// then divide by x.
func refDivX(e elem) elem {
	var top uint64
	if e.bit(0) == 1 {
		e.lo ^= qLow.lo
		e.hi ^= qLow.hi
		top = 1 // Q's x^128 term, shifted down to x^127
	}
	return elem{e.lo>>1 | e.hi<<63, e.hi>>1 | top<<63}
}

// refDot returns a * b * x^-128 mod Q (RFC 8452 section 3): a * b mod Q by
// Horner's rule over the bits of b, then 128 divisions by x.
func refDot(a, b elem) elem {
	var r elem
	for i := 127; i >= 0; i-- {
		r = refMulX(r)
		if b.bit(i) == 1 {
			r.lo ^= a.lo
			r.hi ^= a.hi
		}
	}
	for range 128 {
		r = refDivX(r)
	}
	return r
}

// refUpdate is Key.Update over the reference arithmetic.
func refUpdate(h, s *[16]byte, src []byte) {
	he, se := loadElem(h[:]), loadElem(s[:])
	for len(src) > 0 {
		var b [16]byte
		n := copy(b[:], src)
		src = src[n:]
		x := loadElem(b[:])
		se = refDot(elem{se.lo ^ x.lo, se.hi ^ x.hi}, he)
	}
	*s = se.bytes()
}

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func unhex16(t testing.TB, s string) *[16]byte {
	t.Helper()
	b := unhex(t, s)
	if len(b) != 16 {
		t.Fatalf("%q is not 16 bytes", s)
	}
	return (*[16]byte)(b)
}

func newRand(t testing.TB) *rand.Rand {
	seed := rand.Uint64()
	t.Logf("seed %#x", seed)
	return rand.New(rand.NewPCG(seed, 0x706f6c7976616c))
}

func randBytes(r *rand.Rand, b []byte) {
	for i := range b {
		b[i] = byte(r.Uint32())
	}
}

// --- tests ---

// The reference itself, against RFC 8452 Appendix A: with H =
// 25629347589242761d31f826ba4b757b, POLYVAL(H, X1, X2) for the two blocks
// below is f7a3b47b846119fae5b7866cf5e5b77e.
func TestReferenceKnownAnswer(t *testing.T) {
	h := loadElem(unhex(t, "25629347589242761d31f826ba4b757b"))
	x1 := loadElem(unhex(t, "4f4f95668c83dfb6401762bb2d01a262"))
	x2 := loadElem(unhex(t, "d1a24ddd2721d006bbe45f20d3c9f362"))
	s := refDot(x1, h)
	s = refDot(elem{s.lo ^ x2.lo, s.hi ^ x2.hi}, h)
	if got, want := s.bytes(), unhex(t, "f7a3b47b846119fae5b7866cf5e5b77e"); !bytes.Equal(got[:], want) {
		t.Fatalf("reference POLYVAL = %x, want %x", got, want)
	}
}

// Known answers of RFC 8452: Appendix A (the POLYVAL example) and, from
// Appendix C, the "Record authentication key" (H), "POLYVAL input" and
// "POLYVAL result" of four AEAD_AES_*_GCM_SIV test vectors (5 and 6
// blocks, so both the 4-block groups and the shorter tail are used).
var knownAnswers = []struct {
	h, in, want string
}{
	{ // Appendix A
		"25629347589242761d31f826ba4b757b",
		"4f4f95668c83dfb6401762bb2d01a262" +
			"d1a24ddd2721d006bbe45f20d3c9f362",
		"f7a3b47b846119fae5b7866cf5e5b77e",
	},
	{ // C.1, plaintext 01..04 (64 bytes), no AAD
		"d9b360279694941ac5dbc6987ada7377",
		"01000000000000000000000000000000" +
			"02000000000000000000000000000000" +
			"03000000000000000000000000000000" +
			"04000000000000000000000000000000" +
			"00000000000000000002000000000000",
		"1e39b6d3344d348f6044f89935d1cf78",
	},
	{ // C.1, plaintext 02..05 (64 bytes), AAD 01
		"d9b360279694941ac5dbc6987ada7377",
		"01000000000000000000000000000000" +
			"02000000000000000000000000000000" +
			"03000000000000000000000000000000" +
			"04000000000000000000000000000000" +
			"05000000000000000000000000000000" +
			"08000000000000000002000000000000",
		"ffcd05d5770f34ad9267f0a59994b15a",
	},
	{ // C.2, plaintext 18 bytes, AAD 30 bytes
		"670b98154076ddb59b7a9137d0dcc0f0",
		"9c2159058b1f0fe91433a5bdc20e214e" +
			"ab7fecef4454a10ef0657df21ac70000" +
			"b202b370ef9768ec6561c4fe6b7e7296" +
			"fa850000000000000000000000000000" +
			"f0000000000000009000000000000000",
		"4e4108f09f41d797dc9256f8da8d58c7",
	},
	{ // C.2, plaintext 21 bytes, AAD 35 bytes
		"cb8c3aa3f8dbaeb4b28a3e86ff6625f8",
		"734320ccc9d9bbbb19cb81b2af4ecbc3" +
			"e72834321f7aa0f70b7282b4f33df23f" +
			"16754100000000000000000000000000" +
			"ced532ce4159b035277d4dfbb7db6296" +
			"8b13cd4eec0000000000000000000000" +
			"1801000000000000a800000000000000",
		"ffd503c7dd712eb3791b7114b17bb0cf",
	},
}

func TestKnownAnswers(t *testing.T) {
	for i, tc := range knownAnswers {
		var k Key
		k.Init(unhex16(t, tc.h))
		in := unhex(t, tc.in)
		want := unhex(t, tc.want)

		var s [16]byte
		k.Update(&s, in)
		if !bytes.Equal(s[:], want) {
			t.Errorf("vector %d: POLYVAL = %x, want %x", i, s, want)
		}
		// one block per call: no aggregation across calls
		s = [16]byte{}
		for j := 0; j < len(in); j += 16 {
			k.Update(&s, in[j:j+16])
		}
		if !bytes.Equal(s[:], want) {
			t.Errorf("vector %d, block by block: POLYVAL = %x, want %x", i, s, want)
		}
		var r [16]byte
		refUpdate(unhex16(t, tc.h), &r, in)
		if !bytes.Equal(r[:], want) {
			t.Errorf("vector %d: reference POLYVAL = %x, want %x", i, r, want)
		}
	}
}

// check compares Key.Update with the reference for one input.
func check(t *testing.T, h *[16]byte, s0 *[16]byte, src []byte, what string) {
	t.Helper()
	var k Key
	k.Init(h)
	got, want := *s0, *s0
	saved := bytes.Clone(src)
	k.Update(&got, src)
	refUpdate(h, &want, src)
	if got != want {
		t.Fatalf("%s: H=%x s=%x len %d:\n got %x\nwant %x", what, *h, *s0, len(src), got, want)
	}
	if !bytes.Equal(src, saved) {
		t.Fatalf("%s: Update modified its input", what)
	}
}

// Every length 0..1024, src at an unaligned offset, with a zero and with a
// random starting accumulator.
func TestAgainstReference(t *testing.T) {
	r := newRand(t)
	buf := make([]byte, 1024+16)
	for n := 0; n <= 1024; n++ {
		var h, s [16]byte
		randBytes(r, h[:])
		off := 1 + n%15
		src := buf[off : off+n]
		randBytes(r, src)
		check(t, &h, &s, src, "zero accumulator")
		randBytes(r, s[:])
		check(t, &h, &s, src, "random accumulator")
	}
}

// Larger random lengths and offsets.
func TestLargeAgainstReference(t *testing.T) {
	r := newRand(t)
	buf := make([]byte, 20000)
	for range 6 {
		var h, s [16]byte
		randBytes(r, h[:])
		randBytes(r, s[:])
		n := 1025 + r.IntN(16*1024)
		off := r.IntN(16)
		src := buf[off : off+n]
		randBytes(r, src)
		check(t, &h, &s, src, "large")
	}
}

// The hole multiplier's weak spot is dense operands: a count of 16 pairs
// at one bit position would carry into the next position of its class.
// All-ones, top-heavy and near-all-ones keys and data must be exact.
func TestDenseOperands(t *testing.T) {
	r := newRand(t)
	words := []uint64{
		0, ^uint64(0), 1 << 63, 0xf000000000000000, 0x0fffffffffffffff,
		0x8888888888888888, 0x1111111111111111, 0xffffffff00000000,
		0x00000000ffffffff, 0x7fffffffffffffff, 0xfffffffffffffffe,
	}
	var vals []elem
	for _, a := range words {
		for _, b := range words {
			vals = append(vals, elem{a, b})
		}
	}
	for range 20 { // random dense values: the OR of three random words
		vals = append(vals, elem{r.Uint64() | r.Uint64() | r.Uint64(), r.Uint64() | r.Uint64() | r.Uint64()})
	}
	for _, he := range vals {
		h := he.bytes()
		var k Key
		k.Init(&h)
		for _, xe := range vals {
			var src [4 * 16]byte // the same block 4 times: a full group
			for i := 0; i < len(src); i += 16 {
				b := xe.bytes()
				copy(src[i:], b[:])
			}
			for _, n := range []int{16, 64} {
				var got, want [16]byte
				k.Update(&got, src[:n])
				refUpdate(&h, &want, src[:n])
				if got != want {
					t.Fatalf("H=%x X=%x len %d: got %x, want %x", h, xe.bytes(), n, got, want)
				}
			}
		}
	}
}

// The precomputed powers are H_(n+1) = dot(H_n, H), stored highest first.
func TestPowers(t *testing.T) {
	r := newRand(t)
	for range 50 {
		var h [16]byte
		randBytes(r, h[:])
		var k Key
		k.Init(&h)
		he := loadElem(h[:])
		p := he
		pw := k.Powers()
		for n := range NumPowers {
			e := pw[NumPowers-1-n]
			if got := (elem{e[0], e[1]}); got != p {
				t.Fatalf("H=%x: H_%d = %x, want %x", h, n+1, got.bytes(), p.bytes())
			}
			p = refDot(p, he)
		}
	}
}

// Feeding a message in block-aligned pieces gives the same result as one
// call (the streaming use of GCM-SIV: AD, then plaintext, then lengths).
func TestSplitUpdates(t *testing.T) {
	r := newRand(t)
	msg := make([]byte, 700)
	randBytes(r, msg)
	var h [16]byte
	randBytes(r, h[:])
	var k Key
	k.Init(&h)
	var want [16]byte
	k.Update(&want, msg)
	for range 200 {
		var s [16]byte
		rest := msg
		for len(rest) > 0 {
			n := 16 * r.IntN(10)
			n = min(n, len(rest))
			if n == 0 && r.IntN(2) == 0 {
				n = len(rest) // sometimes end with a partial block
			}
			k.Update(&s, rest[:n])
			rest = rest[n:]
		}
		if s != want {
			t.Fatalf("split updates: got %x, want %x", s, want)
		}
	}
}

// RFC 8452 Appendix A:
//
//	POLYVAL(H, X_1, ..., X_n) = ByteReverse(GHASH(mulX_GHASH(ByteReverse(H)),
//	    ByteReverse(X_1), ..., ByteReverse(X_n)))
//
// checked between this package and package ghash on random inputs.
func TestGHASHRelation(t *testing.T) {
	r := newRand(t)
	reverse := func(b []byte) {
		for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
			b[i], b[j] = b[j], b[i]
		}
	}
	// mulX_GHASH: multiplication by x in GCM's bit order (SP 800-38D's
	// rightshift, with R = 11100001 || 0^120 when the last bit falls out).
	mulXGHASH := func(b *[16]byte) {
		hi, lo := binary.BigEndian.Uint64(b[0:8]), binary.BigEndian.Uint64(b[8:16])
		carry := lo & 1
		lo = lo>>1 | hi<<63
		hi >>= 1
		if carry == 1 {
			hi ^= 0xe1 << 56
		}
		binary.BigEndian.PutUint64(b[0:8], hi)
		binary.BigEndian.PutUint64(b[8:16], lo)
	}
	for _, blocks := range []int{0, 1, 2, 3, 4, 5, 7, 8, 9, 16, 33, 100} {
		for range 10 {
			var h [16]byte
			randBytes(r, h[:])
			x := make([]byte, 16*blocks)
			randBytes(r, x)

			var k Key
			k.Init(&h)
			var pv [16]byte
			k.Update(&pv, x)

			gh := h
			reverse(gh[:])
			mulXGHASH(&gh)
			gx := bytes.Clone(x)
			for i := 0; i < len(gx); i += 16 {
				reverse(gx[i : i+16])
			}
			var gk ghash.Key
			gk.Init(&gh)
			var g [16]byte
			gk.Update(&g, gx)
			reverse(g[:])
			if g != pv {
				t.Fatalf("%d blocks: POLYVAL %x, ByteReverse(GHASH(...)) %x", blocks, pv, g)
			}
		}
	}
}

func TestZeroAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector's instrumentation allocates")
	}
	var h, s [16]byte
	h[0] = 1
	src := make([]byte, 1000)
	var k Key
	if n := testing.AllocsPerRun(100, func() {
		k.Init(&h)
		k.Update(&s, src)
		k.Update(&s, src[:7])
	}); n != 0 {
		t.Fatalf("Init+Update: %v allocations per run, want 0", n)
	}
}
