package aesni

import (
	"encoding/binary"

	"github.com/fastaead/fastaead/ghash"
)

// AES-GCM (NIST SP 800-38D) in one pass: CTR with the 32-bit big-endian
// counter of section 6.2 (inc32) and GHASH of the ciphertext (section
// 6.4), and the whole-message form that also hashes the associated data
// and the length block and masks the hash with E(J0) (section 7.1 step 5
// to 8, section 7.2 step 3 to 8).
//
// The kernels (gcm_asm.go) compute the same bytes in one pass over the
// data; this file is the reference they are tested against and the code
// that runs on the generic tier and without assembly.

// GCMSeal encrypts src into dst with CTR (the 32-bit big-endian counter in
// bytes 12..15 of *ctr, which advances by ceil(len(src)/16) blocks modulo
// 2^32, as XORKeyStreamCTR32BE) and absorbs the ciphertext into the GHASH
// accumulator *y (GCM byte order, as ghash.Key.Update takes it) under the
// hash key h, in one pass. A partial final block is zero-padded for
// GHASH, so a call whose length is not a multiple of 16 ends the hashed
// stream (as Update does). len(dst) must be at least len(src); dst may be
// exactly src (in place) but must not otherwise overlap it.
func (k *Key) GCMSeal(dst, src []byte, ctr *[16]byte, h *ghash.Key, y *[16]byte) {
	gcmSeal(k, dst, src, ctr, h, y)
}

// GCMOpen absorbs src (ciphertext) into the GHASH accumulator *y and
// decrypts it into dst with CTR, in one pass; the contract is GCMSeal's
// with the roles of src and dst in GHASH exchanged. In place, every block
// is hashed before its plaintext is written.
func (k *Key) GCMOpen(dst, src []byte, ctr *[16]byte, h *ghash.Key, y *[16]byte) {
	gcmOpen(k, dst, src, ctr, h, y)
}

// GCMSealMessage encrypts a whole GCM message in one call: with the
// pre-counter block *j0 (SP 800-38D section 7.1 step 2; for a 12-byte
// nonce, nonce || 0^31 || 1), it encrypts src into dst with the counter
// blocks inc32(J0), inc32(inc32(J0)), ..., computes S = GHASH_H(ad ||
// 0^u || C || 0^v || [8 len(ad)]_64 || [8 len(C)]_64) and writes the full
// 16-byte tag E(J0) XOR S to *tag. h must be the hash key of k (H =
// E(0^128)). len(dst) must be at least len(src); dst may be exactly src
// but must not otherwise overlap src, ad, j0 or tag; tag may be j0.
func (k *Key) GCMSealMessage(dst, src, ad []byte, j0 *[16]byte, h *ghash.Key, tag *[16]byte) {
	gcmSealMessage(k, dst, src, ad, j0, h, tag)
}

// GCMOpenMessage decrypts a whole GCM message src (the ciphertext without
// its tag) into dst and writes the tag the ciphertext should carry to
// *tag, in one pass; the arguments are GCMSealMessage's. The caller
// compares *tag with the received tag in constant time and, if they
// differ, must discard (zero) dst: it holds unauthenticated plaintext.
func (k *Key) GCMOpenMessage(dst, src, ad []byte, j0 *[16]byte, h *ghash.Key, tag *[16]byte) {
	gcmOpenMessage(k, dst, src, ad, j0, h, tag)
}

// gcmSealGeneric is GCMSeal on the generic code.
func gcmSealGeneric(k *Key, dst, src []byte, ctr *[16]byte, h *ghash.Key, y *[16]byte) {
	ctrGeneric(k, dst, src, ctr, ctr32BE)
	h.Update(y, dst[:len(src)])
}

// gcmOpenGeneric is GCMOpen on the generic code: hash first, so that in
// place the ciphertext is read before it is overwritten.
func gcmOpenGeneric(k *Key, dst, src []byte, ctr *[16]byte, h *ghash.Key, y *[16]byte) {
	checkLen(dst, len(src))
	h.Update(y, src)
	ctrGeneric(k, dst, src, ctr, ctr32BE)
}

// gcmMessageGeneric is GCMSealMessage (open false) or GCMOpenMessage
// (open true) on the generic code.
func gcmMessageGeneric(k *Key, dst, src, ad []byte, j0 *[16]byte, h *ghash.Key, tag *[16]byte, open bool) {
	checkLen(dst, len(src))
	var y, ctr, lens, mask [16]byte
	h.Update(&y, ad)
	ctr = *j0
	binary.BigEndian.PutUint32(ctr[12:], binary.BigEndian.Uint32(ctr[12:])+1)
	if open {
		gcmOpenGeneric(k, dst, src, &ctr, h, &y)
	} else {
		gcmSealGeneric(k, dst, src, &ctr, h, &y)
	}
	binary.BigEndian.PutUint64(lens[0:], uint64(len(ad))*8)
	binary.BigEndian.PutUint64(lens[8:], uint64(len(src))*8)
	h.Update(&y, lens[:])
	encryptBlockGeneric(k, mask[:], j0[:])
	for i := range tag {
		tag[i] = mask[i] ^ y[i]
	}
	clear(mask[:])
}
