// Package ghash implements GHASH, the universal hash of GCM (NIST SP 800-38D
// section 6.4), in constant time.
package ghash

// Key holds the hash key H and whatever the kernels precompute from it.
// The zero value is not usable; call Init. A Key holds no pointers.
type Key struct {
	h [16]byte
}

// Init sets the hash key H (16 bytes, GCM byte order: H = E_K(0^128)).
func (k *Key) Init(h *[16]byte) {
	k.h = *h
	panic("TODO")
}

// Update absorbs src into the accumulator y: for each 16-byte block X of
// src, y = (y XOR X) * H in GF(2^128) with GCM's bit order. A partial final
// block is zero-padded to 16 bytes (as GCM pads A and C).
func (k *Key) Update(y *[16]byte, src []byte) {
	panic("TODO")
}
