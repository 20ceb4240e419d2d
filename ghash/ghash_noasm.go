package ghash

// update absorbs src into y with key k (Key.Update).
//
// No assembly kernel exists yet, so this always runs the generic code. When
// kernels are added, this file takes the build constraint that is the exact
// inverse of ghash_asm.go's (plus purego), per the DESIGN's triplet.
func update(k *Key, y *[16]byte, src []byte) {
	updateGeneric(k, y, src)
}
