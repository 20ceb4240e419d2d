package poly1305

import (
	"encoding/binary"
	"math/bits"
)

// state is the part of a MAC that the block kernels read and write. Its
// layout is part of the contract with assembly kernels (including stitched
// ChaCha20-Poly1305 kernels in package chacha), in this order, 8 bytes each:
//
//	h[0], h[1], h[2]  the accumulator h = h[0] + h[1]*2^64 + h[2]*2^128,
//	                  kept partially reduced: h < 2^130 + 2^128, so h[2] <= 4
//	                  between blocks
//	r[0], r[1]        the clamped key half r = r[0] + r[1]*2^64
//
// Clamping clears the top 4 bits of both r limbs and the low 2 bits of r[1],
// which is what keeps every product and carry below within 64-bit words.
type state struct {
	h [3]uint64
	r [2]uint64
}

const (
	rMask0 = 0x0ffffffc0fffffff // clamp mask for r[0] (RFC 8439 section 2.5)
	rMask1 = 0x0ffffffc0ffffffc // clamp mask for r[1]
)

func le64(b []byte) uint64 { return binary.LittleEndian.Uint64(b) }

// init sets h = 0 and r = clamp(key[0:16]).
func (st *state) init(key *[32]byte) {
	st.h = [3]uint64{}
	st.r[0] = le64(key[0:8]) & rMask0
	st.r[1] = le64(key[8:16]) & rMask1
}

// blocksGeneric absorbs the 16-byte blocks of p (len(p) must be a multiple of
// 16): for each block m, h = (h + m + hibit*2^128) * r mod 2^130-5, partially
// reduced. hibit is 1 for message blocks and 0 for the padded final partial
// block. It runs in time independent of the data and the key.
func blocksGeneric(st *state, p []byte, hibit uint64) {
	h0, h1, h2 := st.h[0], st.h[1], st.h[2]
	r0, r1 := st.r[0], st.r[1]

	for len(p) >= BlockSize {
		// h += m. h < 5*2^128 and m < 2^129, so h < 7*2^128 (h2 <= 6).
		var c uint64
		h0, c = bits.Add64(h0, le64(p[0:8]), 0)
		h1, c = bits.Add64(h1, le64(p[8:16]), c)
		h2 += c + hibit

		// t = h * r, a 4-limb product. r0, r1 < 2^60 and h2 <= 6, so
		// h2*r0 and h2*r1 fit in 64 bits; h < 2^131 and r < 2^124, so
		// t < 2^255 and the top limb t3 cannot overflow.
		m00hi, m00lo := bits.Mul64(h0, r0)
		m01hi, m01lo := bits.Mul64(h0, r1)
		m10hi, m10lo := bits.Mul64(h1, r0)
		m11hi, m11lo := bits.Mul64(h1, r1)
		m20 := h2 * r0
		m21 := h2 * r1

		t0, t1, t2, t3 := m00lo, m00hi, m11lo, m11hi
		t1, c = bits.Add64(t1, m01lo, 0)
		t2, c = bits.Add64(t2, m01hi, c)
		t3 += c
		t1, c = bits.Add64(t1, m10lo, 0)
		t2, c = bits.Add64(t2, m10hi, c)
		t3 += c
		t2, c = bits.Add64(t2, m20, 0)
		t3 += c
		t3 += m21

		// Reduce with 2^130 = 5 (mod p): t = lo + hi*2^130 with lo the low
		// 130 bits, so t = lo + 5*hi = lo + 4*hi + hi (mod p). 4*hi is t
		// with the low 130 bits cleared, shifted down by 128: (t2&^3, t3).
		h0, h1, h2 = t0, t1, t2&3
		cc0, cc1 := t2&^3, t3
		h0, c = bits.Add64(h0, cc0, 0)
		h1, c = bits.Add64(h1, cc1, c)
		h2 += c
		cc0 = cc0>>2 | cc1<<62
		cc1 >>= 2
		h0, c = bits.Add64(h0, cc0, 0)
		h1, c = bits.Add64(h1, cc1, c)
		h2 += c
		// hi < 2^125, so 5*hi < 2^128 and now h < 2^130 + 2^128 (h2 <= 4).

		p = p[BlockSize:]
	}

	st.h[0], st.h[1], st.h[2] = h0, h1, h2
}

// finish fully reduces h modulo p = 2^130-5, adds s modulo 2^128 and writes
// the little-endian tag to out, all without branches on secret data.
func (st *state) finish(out *[16]byte, s *[2]uint64) {
	h0, h1, h2 := st.h[0], st.h[1], st.h[2]

	// h < 2^130 + 2^128 < 2p, so at most one subtraction of p is needed.
	// g = h + 5 = h - p + 2^130; h >= p exactly when g >= 2^130.
	g0, c := bits.Add64(h0, 5, 0)
	g1, c := bits.Add64(h1, 0, c)
	g2 := h2 + c
	// g2 <= 5, so g2>>2 is 1 when h >= p and 0 otherwise.
	mask := -(g2 >> 2)
	h0 ^= mask & (h0 ^ g0)
	h1 ^= mask & (h1 ^ g1)
	// Only the low 128 bits matter from here on: tag = (h + s) mod 2^128.

	h0, c = bits.Add64(h0, s[0], 0)
	h1, _ = bits.Add64(h1, s[1], c)

	binary.LittleEndian.PutUint64(out[0:8], h0)
	binary.LittleEndian.PutUint64(out[8:16], h1)
}
