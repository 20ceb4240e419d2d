// Package gen holds the constants that fastaead's Avo generators (the asm/
// module) and its portable Go code share, so that the assembly and the
// fallback cannot drift apart: AES round constants (FIPS 197) and the
// GF(2^128) reduction constant of GHASH and POLYVAL (NIST SP 800-38D,
// RFC 8452). It needs no Avo and is imported by both sides.
package gen

// AESRcon holds the AES key-expansion round constants: Rcon[i] = x^i in
// GF(2^8) mod x^8 + x^4 + x^3 + x + 1 (FIPS 197 section 5.2; its Rcon[i+1]).
// AES-128 uses all ten, AES-192 eight and AES-256 seven.
var AESRcon = [10]byte{0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0x1b, 0x36}

// POLYVAL's field is GF(2) mod x^128 + x^127 + x^126 + x^121 + 1 (RFC 8452
// section 3), elements stored little-endian. The kernels reduce with the
// 128-bit constant PolyHi:PolyLo (two little-endian 64-bit words), which is
// x^127 + x^126 + x^121 + 1: the low part of the polynomial shifted for the
// two-step Montgomery-style fold of a 256-bit product by x^-128. GHASH
// runs in the same field once each block is byte-reversed and the key is
// mulX_POLYVAL(ByteReverse(H)) (RFC 8452 Appendix A), and that mulX folds
// its carry back with the same PolyHi.
const (
	PolyLo uint64 = 0x0000000000000001
	PolyHi uint64 = 0xc200000000000000
)
