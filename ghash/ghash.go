// Package ghash implements GHASH, the universal hash of GCM (NIST SP 800-38D
// section 6.4), in constant time.
//
// GHASH works in GF(2^128) defined by x^128 + x^7 + x^2 + x + 1 with GCM's
// reflected bit order: bit 7 (the most significant) of byte 0 is the
// coefficient of x^0.
//
// Update is the multi-block entry point, the shape assembly kernels will
// take. The portable code (ghash_generic.go) uses the correspondence of RFC
// 8452 Appendix A between GHASH and POLYVAL: reading a GCM block as two
// big-endian 64-bit words (the block byte-reversed, read little-endian)
// gives the POLYVAL field element of the same block, and GHASH with key H
// is POLYVAL with key mulX_POLYVAL(ByteReverse(H)). It multiplies without
// tables: 64x64-bit carry-less products come from integer multiplications
// of operands with "holes" (only every fourth bit kept), combined by
// Karatsuba, and four blocks share one reduction. It has no
// secret-dependent branch or memory index.
package ghash

// BlockSize is the size in bytes of a GHASH block and of its result.
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
	// pow[i] is K_(NumPowers-i) as two 64-bit words (lo, hi) in POLYVAL's
	// representation (see ghash_generic.go): a GCM block X corresponds to
	// X' = ByteReverse(X) read as little-endian words, and X * H^n to
	// X' * K_n * x^-128 mod x^128 + x^127 + x^126 + x^121 + 1, where
	// K_1 = mulX_POLYVAL(ByteReverse(H)) and K_(n+1) = K_n * K_1 * x^-128.
	// The powers are stored highest first, so that a kernel absorbing a
	// group of g blocks with one reduction reads the factors of blocks
	// 0..g-1 from pow[NumPowers-g:] in order. This is the layout the
	// assembly kernels read (see Powers).
	pow [NumPowers][2]uint64

	// lo, hi and mid are the 64-bit Karatsuba multiplicands of the
	// powers, prepared for the generic multiplier (see operand): index i
	// holds the low word, the high word and their XOR of K_(aggregate-i),
	// the factor of block i of a full group.
	lo, hi, mid [aggregate]operand
}

// Init sets the hash key H (16 bytes, GCM byte order: H = E_K(0^128)) and
// precomputes H^2 .. H^NumPowers.
func (k *Key) Init(h *[16]byte) {
	// ByteReverse(H) read as little-endian words, then mulX_POLYVAL.
	lo, hi := be64(h[8:16]), be64(h[0:8])
	carry := -(hi >> 63)
	hi = hi<<1 | lo>>63
	lo <<= 1
	hi ^= carry & 0xc200000000000000
	lo ^= carry & 1
	k.init(lo, hi)
}

// Update absorbs src into the accumulator y: for each 16-byte block X of
// src, y = (y XOR X) * H in GF(2^128) with GCM's bit order. A partial final
// block is zero-padded to 16 bytes (as GCM pads A and C). Update does not
// allocate, and its time depends only on len(src).
//
// GHASH_H(X_1, ..., X_m) of SP 800-38D is Update over X_1 || ... || X_m
// starting from y = 0.
func (k *Key) Update(y *[16]byte, src []byte) {
	update(k, y, src)
}

// Powers returns the precomputed powers of the key in the layout the
// assembly kernels read, for stitched kernels in other packages (AES-GCM
// in package aesni): element i is K_(NumPowers-i), where K_n corresponds
// to H^n, as two 64-bit words (lo, hi) of the POLYVAL representation
// documented on Key. A GCM block X enters the same arithmetic as
// ByteReverse(X) read as two little-endian 64-bit words. The table must
// not be modified.
func (k *Key) Powers() *[NumPowers][2]uint64 { return &k.pow }
