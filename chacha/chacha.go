// Package chacha implements the ChaCha20 stream cipher of RFC 8439 section
// 2.4 (32-byte key, 96-bit nonce, 32-bit block counter).
package chacha

// XORKeyStream XORs src with the ChaCha20 keystream for key and nonce,
// starting at block counter, into dst (len(dst) >= len(src); exact overlap
// allowed; any length). The 32-bit counter wraps modulo 2^32; callers bound
// the length (RFC 8439 allows 2^32 blocks per nonce).
func XORKeyStream(dst, src []byte, key *[32]byte, nonce *[12]byte, counter uint32) {
	panic("TODO")
}

// Block writes keystream block number counter to out.
func Block(out *[64]byte, key *[32]byte, nonce *[12]byte, counter uint32) {
	panic("TODO")
}
