// Package polyval implements POLYVAL, the universal hash of AES-GCM-SIV
// (RFC 8452 section 3), in constant time.
package polyval

// Key holds the hash key H and whatever the kernels precompute from it.
// The zero value is not usable; call Init. A Key holds no pointers.
type Key struct {
	h [16]byte
}

// Init sets the hash key H (16 bytes, little-endian field element as RFC
// 8452 defines it).
func (k *Key) Init(h *[16]byte) {
	k.h = *h
	panic("TODO")
}

// Update absorbs src into the accumulator s: for each 16-byte block X of
// src, s = (s XOR X) * H * x^-128 (RFC 8452 dot). A partial final block is
// zero-padded to 16 bytes (as GCM-SIV pads AD and plaintext).
func (k *Key) Update(s *[16]byte, src []byte) {
	panic("TODO")
}
