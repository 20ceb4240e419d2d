package poly1305

// blocks absorbs the whole 16-byte blocks of p (len(p) must be a multiple of
// 16), each with the 2^128 bit set, into st.
//
// No assembly kernel exists yet, so this always runs the generic code. When
// kernels are added, this file takes the build constraint that is the exact
// inverse of poly1305_asm.go's (plus purego), per the DESIGN's triplet.
func blocks(st *state, p []byte) {
	blocksGeneric(st, p, 1)
}
