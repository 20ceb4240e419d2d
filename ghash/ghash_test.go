package ghash

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"encoding/binary"
	"encoding/hex"
	"math/rand/v2"
	"testing"
)

// --- the reference: NIST SP 800-38D section 6.3, Algorithm 1 ---

// block is a GCM block as a 128-bit big-endian number (hi, lo): bit i of
// the block in SP 800-38D's numbering (i = 0 is the leftmost bit, the
// coefficient of x^0) is bit 127-i of the number.
type block struct{ hi, lo uint64 }

func loadBlock(b []byte) block {
	return block{binary.BigEndian.Uint64(b[0:8]), binary.BigEndian.Uint64(b[8:16])}
}

func (x block) bytes() [16]byte {
	var b [16]byte
	binary.BigEndian.PutUint64(b[0:8], x.hi)
	binary.BigEndian.PutUint64(b[8:16], x.lo)
	return b
}

// bit returns x_i, bit i of the block counted from the left.
func (x block) bit(i int) uint64 {
	if i < 64 {
		return x.hi >> (63 - i) & 1
	}
	return x.lo >> (127 - i) & 1
}

// refMul is Algorithm 1 of SP 800-38D: X * Y with R = 11100001 || 0^120.
func refMul(x, y block) block {
	var z block
	v := y
	for i := range 128 {
		if x.bit(i) == 1 {
			z.hi ^= v.hi
			z.lo ^= v.lo
		}
		lsb := v.lo & 1 // V_127
		v = block{v.hi >> 1, v.lo>>1 | v.hi<<63}
		if lsb == 1 {
			v.hi ^= 0xe1 << 56
		}
	}
	return z
}

// refUpdate is Key.Update over the reference: GHASH's Y_i = (Y_(i-1) XOR
// X_i) * H, with a zero-padded final block.
func refUpdate(h, y *[16]byte, src []byte) {
	he, ye := loadBlock(h[:]), loadBlock(y[:])
	for len(src) > 0 {
		var b [16]byte
		n := copy(b[:], src)
		src = src[n:]
		x := loadBlock(b[:])
		ye = refMul(block{ye.hi ^ x.hi, ye.lo ^ x.lo}, he)
	}
	*y = ye.bytes()
}

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func newRand(t testing.TB) *rand.Rand {
	seed := rand.Uint64()
	t.Logf("seed %#x", seed)
	return rand.New(rand.NewPCG(seed, 0x6768617368))
}

func randBytes(r *rand.Rand, b []byte) {
	for i := range b {
		b[i] = byte(r.Uint32())
	}
}

// ghashAC computes GHASH(H, A, C) of GCM: A and C each zero-padded to whole
// blocks, then the block len(A) || len(C) in bits, 64-bit big-endian each.
func ghashAC(h *[16]byte, a, c []byte, ref bool) [16]byte {
	var lens [16]byte
	binary.BigEndian.PutUint64(lens[0:8], uint64(len(a))*8)
	binary.BigEndian.PutUint64(lens[8:16], uint64(len(c))*8)
	var y [16]byte
	if ref {
		refUpdate(h, &y, a)
		refUpdate(h, &y, c)
		refUpdate(h, &y, lens[:])
		return y
	}
	var k Key
	k.Init(h)
	k.Update(&y, a)
	k.Update(&y, c)
	k.Update(&y, lens[:])
	return y
}

// --- tests ---

// Test cases 2 to 5 of McGrew and Viega, "The Galois/Counter Mode of
// Operation (GCM)" (revised, 2005; the NIST GCM submission, appendix B),
// which list H, A, C and GHASH(H, A, C). The C of test cases 4 and 5 is 60
// bytes and A is 20: both end in a partial block.
var paperVectors = []struct {
	name, h, a, c, ghash string
}{
	{
		"test case 2",
		"66e94bd4ef8a2c3b884cfa59ca342b2e",
		"",
		"0388dace60b6a392f328c2b971b2fe78",
		"f38cbb1ad69223dcc3457ae5b6b0f885",
	},
	{
		"test case 3",
		"b83b533708bf535d0aa6e52980d53b78",
		"",
		"42831ec2217774244b7221b784d0d49c" +
			"e3aa212f2c02a4e035c17e2329aca12e" +
			"21d514b25466931c7d8f6a5aac84aa05" +
			"1ba30b396a0aac973d58e091473f5985",
		"7f1b32b81b820d02614f8895ac1d4eac",
	},
	{
		"test case 4",
		"b83b533708bf535d0aa6e52980d53b78",
		"feedfacedeadbeeffeedfacedeadbeef" + "abaddad2",
		"42831ec2217774244b7221b784d0d49c" +
			"e3aa212f2c02a4e035c17e2329aca12e" +
			"21d514b25466931c7d8f6a5aac84aa05" +
			"1ba30b396a0aac973d58e091",
		"698e57f70e6ecc7fd9463b7260a9ae5f",
	},
	{
		"test case 5",
		"b83b533708bf535d0aa6e52980d53b78",
		"feedfacedeadbeeffeedfacedeadbeef" + "abaddad2",
		"61353b4c2806934a777ff51fa22a4755" +
			"699b2a714fcdc6f83766e5f97b6c7423" +
			"73806900e49f24b22b097544d4896b42" +
			"4989b5e1ebac0f07c23f4598",
		"df586bb4c249b92cb6922877e444d37b",
	},
}

func TestKnownAnswers(t *testing.T) {
	for _, tc := range paperVectors {
		h := (*[16]byte)(unhex(t, tc.h))
		a, c, want := unhex(t, tc.a), unhex(t, tc.c), unhex(t, tc.ghash)
		if got := ghashAC(h, a, c, false); !bytes.Equal(got[:], want) {
			t.Errorf("%s: GHASH = %x, want %x", tc.name, got, want)
		}
		if got := ghashAC(h, a, c, true); !bytes.Equal(got[:], want) {
			t.Errorf("%s: reference GHASH = %x, want %x", tc.name, got, want)
		}
	}
}

// GHASH as the standard library's GCM computes it: the tag of a 12-byte
// nonce is E_K(J0) XOR GHASH(H, A, C) with H = E_K(0) and J0 = nonce ||
// 0^31 || 1 (SP 800-38D section 7.1), so the tag XOR E_K(J0) is GHASH.
func TestAgainstStdlibGCM(t *testing.T) {
	r := newRand(t)
	for i := range 200 {
		key := make([]byte, 16)
		randBytes(r, key)
		blk, err := aes.NewCipher(key)
		if err != nil {
			t.Fatal(err)
		}
		aead, err := cipher.NewGCM(blk)
		if err != nil {
			t.Fatal(err)
		}
		nonce := make([]byte, 12)
		randBytes(r, nonce)
		a := make([]byte, r.IntN(100))
		p := make([]byte, i*7%600)
		randBytes(r, a)
		randBytes(r, p)
		sealed := aead.Seal(nil, nonce, p, a)
		c, tag := sealed[:len(p)], sealed[len(p):]

		var h, j0, ej0 [16]byte
		blk.Encrypt(h[:], h[:])
		copy(j0[:], nonce)
		j0[15] = 1
		blk.Encrypt(ej0[:], j0[:])
		want := make([]byte, 16)
		for j := range want {
			want[j] = tag[j] ^ ej0[j]
		}
		if got := ghashAC(&h, a, c, false); !bytes.Equal(got[:], want) {
			t.Fatalf("len(A)=%d len(C)=%d: GHASH = %x, stdlib GCM implies %x", len(a), len(c), got, want)
		}
	}
}

// check compares Key.Update with the reference for one input.
func check(t *testing.T, h *[16]byte, y0 *[16]byte, src []byte, what string) {
	t.Helper()
	var k Key
	k.Init(h)
	got, want := *y0, *y0
	saved := bytes.Clone(src)
	k.Update(&got, src)
	refUpdate(h, &want, src)
	if got != want {
		t.Fatalf("%s: H=%x y=%x len %d:\n got %x\nwant %x", what, *h, *y0, len(src), got, want)
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
		var h, y [16]byte
		randBytes(r, h[:])
		off := 1 + n%15
		src := buf[off : off+n]
		randBytes(r, src)
		check(t, &h, &y, src, "zero accumulator")
		randBytes(r, y[:])
		check(t, &h, &y, src, "random accumulator")
	}
}

// Larger random lengths and offsets.
func TestLargeAgainstReference(t *testing.T) {
	r := newRand(t)
	buf := make([]byte, 20000)
	for range 6 {
		var h, y [16]byte
		randBytes(r, h[:])
		randBytes(r, y[:])
		n := 1025 + r.IntN(16*1024)
		off := r.IntN(16)
		src := buf[off : off+n]
		randBytes(r, src)
		check(t, &h, &y, src, "large")
	}
}

// The hole multiplier's weak spot is dense operands: a count of 16 pairs
// at one bit position would carry into the next position of its class.
// All-ones, top-heavy and near-all-ones keys and data must be exact.
func TestDenseOperands(t *testing.T) {
	r := newRand(t)
	words := []uint64{
		0, ^uint64(0), 1 << 63, 1, 0xf000000000000000, 0x000000000000000f,
		0x0fffffffffffffff, 0xfffffffffffffff0, 0x8888888888888888,
		0x1111111111111111, 0xffffffff00000000, 0x00000000ffffffff,
		0x7fffffffffffffff, 0xfffffffffffffffe,
	}
	var vals []block
	for _, a := range words {
		for _, b := range words {
			vals = append(vals, block{a, b})
		}
	}
	for range 20 { // random dense values: the OR of three random words
		vals = append(vals, block{r.Uint64() | r.Uint64() | r.Uint64(), r.Uint64() | r.Uint64() | r.Uint64()})
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

// Feeding a message in block-aligned pieces gives the same result as one
// call (the streaming use of GCM: A, then C, then the lengths).
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
		var y [16]byte
		rest := msg
		for len(rest) > 0 {
			n := 16 * r.IntN(10)
			n = min(n, len(rest))
			if n == 0 && r.IntN(2) == 0 {
				n = len(rest) // sometimes end with a partial block
			}
			k.Update(&y, rest[:n])
			rest = rest[n:]
		}
		if y != want {
			t.Fatalf("split updates: got %x, want %x", y, want)
		}
	}
}

// The precomputed powers: a block times H^n equals the block pushed
// through n one-block updates of a zero message after it.
func TestPowers(t *testing.T) {
	r := newRand(t)
	for range 50 {
		var h, x [16]byte
		randBytes(r, h[:])
		randBytes(r, x[:])
		var k Key
		k.Init(&h)
		for n := 1; n <= aggregate; n++ {
			// Update over X || 0^(16(n-1)) is X * H^n.
			src := make([]byte, 16*n)
			copy(src, x[:])
			var got [16]byte
			k.Update(&got, src)
			want := loadBlock(x[:])
			for range n {
				want = refMul(want, loadBlock(h[:]))
			}
			if got != want.bytes() {
				t.Fatalf("H=%x X=%x: X*H^%d = %x, want %x", h, x, n, got, want.bytes())
			}
		}
	}
}

// The kernels' table: Powers()[NumPowers-n] is K_n, the POLYVAL-form key
// of H^n, so it equals K_1 of a key initialised with H^n.
func TestPowersTable(t *testing.T) {
	r := newRand(t)
	for range 20 {
		var h [16]byte
		randBytes(r, h[:])
		var k Key
		k.Init(&h)
		hn := loadBlock(h[:])
		for n := 1; n <= NumPowers; n++ {
			b := hn.bytes()
			var kn Key
			kn.Init(&b)
			if got, want := k.Powers()[NumPowers-n], kn.Powers()[NumPowers-1]; got != want {
				t.Fatalf("H=%x: table entry for H^%d = %x, want %x", h, n, got, want)
			}
			hn = refMul(hn, loadBlock(h[:]))
		}
	}
}

func TestZeroAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector's instrumentation allocates")
	}
	var h, y [16]byte
	h[0] = 1
	src := make([]byte, 1000)
	var k Key
	if n := testing.AllocsPerRun(100, func() {
		k.Init(&h)
		k.Update(&y, src)
		k.Update(&y, src[:7])
	}); n != 0 {
		t.Fatalf("Init+Update: %v allocations per run, want 0", n)
	}
}
