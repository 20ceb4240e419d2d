// Package polyval implements POLYVAL, the universal hash of AES-GCM-SIV
// (RFC 8452 section 3), in constant time.
//
// POLYVAL works in GF(2^128) defined by x^128 + x^127 + x^126 + x^121 + 1,
// with field elements stored little-endian (byte 0, bit 0 is the
// coefficient of x^0), and its product is dot(a, b) = a * b * x^-128.
//
// Update is the multi-block entry point, the shape assembly kernels will
// take. The portable code (polyval_generic.go) multiplies without tables:
// 64x64-bit carry-less products come from integer multiplications of
// operands with "holes" (only every fourth bit kept), combined by
// Karatsuba, and four blocks share one reduction. It has no secret-dependent
// branch or memory index.
package polyval

// BlockSize is the size in bytes of a POLYVAL block and of its result.
const BlockSize = 16

// NumPowers is the number of powers of the hash key that Init precomputes
// for the kernels, and so the largest group of blocks a kernel can absorb
// with one reduction.
const NumPowers = 16

// Key holds the hash key H and what is precomputed from it. The zero value
// is not usable; call Init. A Key holds no pointers, so it embeds by value
// and copies without allocation; it is safe for concurrent use once
// initialised (Update only reads it).
type Key struct {
	// pow[i] is H_(NumPowers-i) as two little-endian 64-bit words (lo, hi),
	// where H_1 = H and H_(n+1) = dot(H_n, H) = H^(n+1) * x^(-128n): in a
	// group of g blocks absorbed with one reduction, block i (from 0) is
	// multiplied by H_(g-i), which is pow[NumPowers-g+i]. This is the
	// layout the assembly kernels read (see Powers).
	pow [NumPowers][2]uint64

	// lo, hi and mid are the 64-bit Karatsuba multiplicands of the
	// powers, prepared for the generic multiplier (see operand): index i
	// holds the low word, the high word and their XOR of H_(aggregate-i),
	// the factor of block i of a full group.
	lo, hi, mid [aggregate]operand
}

// Init sets the hash key H (16 bytes, little-endian field element as RFC
// 8452 defines it) and precomputes H_2 .. H_NumPowers.
func (k *Key) Init(h *[16]byte) {
	k.init(le64(h[0:8]), le64(h[8:16]))
}

// Update absorbs src into the accumulator s: for each 16-byte block X of
// src, s = (s XOR X) * H * x^-128 (RFC 8452 dot). A partial final block is
// zero-padded to 16 bytes (as GCM-SIV pads AD and plaintext). Update does
// not allocate, and its time depends only on len(src).
//
// POLYVAL(H, X_1, ..., X_n) is Update over X_1 || ... || X_n starting from
// s = 0.
func (k *Key) Update(s *[16]byte, src []byte) {
	update(k, s, src)
}

// Powers returns the precomputed powers of the key in the layout the
// assembly kernels read, for stitched kernels in other packages: element i
// is H_(NumPowers-i) (see Key) as two little-endian 64-bit words (lo, hi).
// The table must not be modified.
func (k *Key) Powers() *[NumPowers][2]uint64 { return &k.pow }
