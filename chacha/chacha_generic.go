package chacha

import (
	"encoding/binary"
	"math/bits"
)

// The ChaCha20 constant words, "expand 32-byte k" read as four little-endian
// uint32 values (RFC 8439 section 2.3).
const (
	sigma0 = 0x61707865
	sigma1 = 0x3320646e
	sigma2 = 0x79622d32
	sigma3 = 0x6b206574
)

// quarterRound is the ChaCha quarter round of RFC 8439 section 2.1.
func quarterRound(a, b, c, d uint32) (uint32, uint32, uint32, uint32) {
	a += b
	d = bits.RotateLeft32(d^a, 16)
	c += d
	b = bits.RotateLeft32(b^c, 12)
	a += b
	d = bits.RotateLeft32(d^a, 8)
	c += d
	b = bits.RotateLeft32(b^c, 7)
	return a, b, c, d
}

// xorBlocksGeneric is the portable multi-block kernel: it XORs len(src)/64
// keystream blocks (counter, counter+1, ... mod 2^32) with src into dst.
// len(src) must be a multiple of 64 and len(dst) >= len(src). Every output
// word is written after the input word at the same offset is read, so
// dst == src (in place) works.
func xorBlocksGeneric(dst, src []byte, key *[32]byte, nonce *[12]byte, counter uint32) {
	le := binary.LittleEndian
	k0, k1, k2, k3 := le.Uint32(key[0:]), le.Uint32(key[4:]), le.Uint32(key[8:]), le.Uint32(key[12:])
	k4, k5, k6, k7 := le.Uint32(key[16:]), le.Uint32(key[20:]), le.Uint32(key[24:]), le.Uint32(key[28:])
	n0, n1, n2 := le.Uint32(nonce[0:]), le.Uint32(nonce[4:]), le.Uint32(nonce[8:])

	for len(src) >= BlockSize {
		s := src[:BlockSize]
		d := dst[:BlockSize]

		x0, x1, x2, x3 := uint32(sigma0), uint32(sigma1), uint32(sigma2), uint32(sigma3)
		x4, x5, x6, x7 := k0, k1, k2, k3
		x8, x9, x10, x11 := k4, k5, k6, k7
		x12, x13, x14, x15 := counter, n0, n1, n2

		for range 10 {
			// Column round.
			x0, x4, x8, x12 = quarterRound(x0, x4, x8, x12)
			x1, x5, x9, x13 = quarterRound(x1, x5, x9, x13)
			x2, x6, x10, x14 = quarterRound(x2, x6, x10, x14)
			x3, x7, x11, x15 = quarterRound(x3, x7, x11, x15)
			// Diagonal round.
			x0, x5, x10, x15 = quarterRound(x0, x5, x10, x15)
			x1, x6, x11, x12 = quarterRound(x1, x6, x11, x12)
			x2, x7, x8, x13 = quarterRound(x2, x7, x8, x13)
			x3, x4, x9, x14 = quarterRound(x3, x4, x9, x14)
		}

		le.PutUint32(d[0:], le.Uint32(s[0:])^(x0+sigma0))
		le.PutUint32(d[4:], le.Uint32(s[4:])^(x1+sigma1))
		le.PutUint32(d[8:], le.Uint32(s[8:])^(x2+sigma2))
		le.PutUint32(d[12:], le.Uint32(s[12:])^(x3+sigma3))
		le.PutUint32(d[16:], le.Uint32(s[16:])^(x4+k0))
		le.PutUint32(d[20:], le.Uint32(s[20:])^(x5+k1))
		le.PutUint32(d[24:], le.Uint32(s[24:])^(x6+k2))
		le.PutUint32(d[28:], le.Uint32(s[28:])^(x7+k3))
		le.PutUint32(d[32:], le.Uint32(s[32:])^(x8+k4))
		le.PutUint32(d[36:], le.Uint32(s[36:])^(x9+k5))
		le.PutUint32(d[40:], le.Uint32(s[40:])^(x10+k6))
		le.PutUint32(d[44:], le.Uint32(s[44:])^(x11+k7))
		le.PutUint32(d[48:], le.Uint32(s[48:])^(x12+counter))
		le.PutUint32(d[52:], le.Uint32(s[52:])^(x13+n0))
		le.PutUint32(d[56:], le.Uint32(s[56:])^(x14+n1))
		le.PutUint32(d[60:], le.Uint32(s[60:])^(x15+n2))

		counter++
		src = src[BlockSize:]
		dst = dst[BlockSize:]
	}
}
