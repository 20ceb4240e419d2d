// Package chacha implements the ChaCha20 stream cipher of RFC 8439 section
// 2.4 (32-byte key, 96-bit nonce, 32-bit block counter).
//
// All the work is done by a multi-block kernel that XORs whole 64-byte
// blocks per call (xorBlocks); the exported functions only split off the
// final partial block. Today the kernel is the portable Go code in
// chacha_generic.go; SIMD kernels will sit behind the same function.
package chacha

// BlockSize is the size in bytes of one ChaCha20 keystream block.
const BlockSize = 64

// XORKeyStream XORs src with the ChaCha20 keystream for key and nonce,
// starting at block counter, into dst (len(dst) >= len(src); exact overlap
// allowed; any length). The 32-bit counter wraps modulo 2^32; callers bound
// the length (RFC 8439 allows 2^32 blocks per nonce).
//
// It panics if dst is shorter than src. dst and src must either be the same
// memory (in place) or not overlap at all; inexact overlap gives unspecified
// output. It does not allocate.
func XORKeyStream(dst, src []byte, key *[32]byte, nonce *[12]byte, counter uint32) {
	if len(dst) < len(src) {
		panic("chacha: output smaller than input")
	}
	full := len(src) &^ (BlockSize - 1)
	if full > 0 {
		xorBlocks(dst[:full], src[:full], key, nonce, counter)
		counter += uint32(full / BlockSize)
	}
	if rest := src[full:]; len(rest) > 0 {
		var ks [BlockSize]byte
		Block(&ks, key, nonce, counter)
		d := dst[full:][:len(rest)]
		for i, b := range rest {
			d[i] = b ^ ks[i]
		}
		ks = [BlockSize]byte{}
	}
}

// Block writes keystream block number counter to out (the serialized state
// of the RFC 8439 section 2.3 block function). With counter 0 its first 32
// bytes are the Poly1305 one-time key of RFC 8439 section 2.6.
func Block(out *[64]byte, key *[32]byte, nonce *[12]byte, counter uint32) {
	*out = [64]byte{}
	xorBlocks(out[:], out[:], key, nonce, counter)
}
