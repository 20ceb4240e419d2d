package chacha

// xorBlocks XORs len(src)/64 keystream blocks, numbered counter,
// counter+1, ... (mod 2^32), with src into dst. len(src) must be a multiple
// of 64 and len(dst) >= len(src); dst and src are equal or disjoint.
//
// No assembly kernel exists yet, so this always runs the generic code. When
// SIMD kernels are added, this file takes the build constraint that is the
// exact inverse of chacha_asm.go's (plus purego), per the DESIGN's triplet.
func xorBlocks(dst, src []byte, key *[32]byte, nonce *[12]byte, counter uint32) {
	xorBlocksGeneric(dst, src, key, nonce, counter)
}
