package aead

import (
	"crypto/cipher"
	"encoding/binary"
	"fmt"

	"github.com/fastaead/fastaead/aesni"
	"github.com/fastaead/fastaead/polyval"
)

const (
	gcmsivNonceSize = 12
	gcmsivTagSize   = 16

	// gcmsivMaxPlaintext and gcmsivMaxAD are the RFC 8452 section 6 limits:
	// plaintext and associated data of at most 2^36 bytes each.
	gcmsivMaxPlaintext = 1 << 36
	gcmsivMaxAD        = 1 << 36
	// gcmsivMaxCiphertext is gcmsivMaxPlaintext plus the tag.
	gcmsivMaxCiphertext = gcmsivMaxPlaintext + gcmsivTagSize
)

// AESGCMSIV is AES-GCM-SIV, the nonce-misuse-resistant AEAD of RFC 8452.
//
// Key (the key-generating key): 16, 24 or 32 bytes. RFC 8452 defines
// AES-128 and AES-256; a 24-byte key is accepted as Python cryptography
// (OpenSSL) accepts it: the message-encryption key is then an AES-192 key,
// built like the others from the first 8 bytes of successive derivation
// blocks (counters 2, 3 and 4). Nonce: 12 bytes. Tag: 16 bytes, appended
// to the ciphertext. Limits (RFC 8452 section 6): a plaintext and
// associated data of at most 2^36 bytes each; longer inputs are
// ErrTooLarge.
//
// The per-nonce keys of RFC 8452 section 4 are derived on the stack for
// each message and wiped (best effort) afterwards. Decryption decrypts
// into dst and then authenticates the plaintext; on failure dst is zeroed.
// An AESGCMSIV holds its expanded key by value, is immutable after
// construction and is safe for concurrent use.
type AESGCMSIV struct {
	kgk    aesni.Key // the key-generating key
	keyLen int       // 16, 24 or 32: the message-encryption key length
}

var _ cipher.AEAD = (*AESGCMSIV)(nil)

// NewAESGCMSIV returns an AESGCMSIV keyed with key, which must be 16, 24 or
// 32 bytes (else an error wrapping ErrKeySize).
func NewAESGCMSIV(key []byte) (*AESGCMSIV, error) {
	switch len(key) {
	case 16, 24, 32:
	default:
		return nil, errKeySize(len(key), "16, 24 or 32")
	}
	if err := kernelErr(); err != nil {
		return nil, err
	}
	c := &AESGCMSIV{keyLen: len(key)}
	if err := c.kgk.Init(key); err != nil {
		return nil, errKeySize(len(key), "16, 24 or 32")
	}
	return c, nil
}

// GenerateAESGCMSIVKey returns a new random key of bitLength bits (128, 192
// or 256; anything else is an error wrapping ErrKeySize) read from
// crypto/rand, as Python's AESGCMSIV.generate_key does.
func GenerateAESGCMSIVKey(bitLength int) ([]byte, error) {
	return gcmGenerateAESKey(bitLength)
}

// NonceSize returns 12, the nonce size in bytes.
func (c *AESGCMSIV) NonceSize() int { return gcmsivNonceSize }

// Overhead returns 16, the tag size in bytes.
func (c *AESGCMSIV) Overhead() int { return gcmsivTagSize }

// gcmsivCheck validates the nonce size and the length limits on the message
// (plaintext or ciphertext, limit max) and the associated data.
func gcmsivCheck(nonce, msg, ad []byte, what string, max uint64) error {
	if len(nonce) != gcmsivNonceSize {
		return errNonceSize(len(nonce), "12")
	}
	if uint64(len(msg)) > max {
		return fmt.Errorf("%w: %s is %d bytes, the limit is %d", ErrTooLarge, what, len(msg), max)
	}
	if uint64(len(ad)) > gcmsivMaxAD {
		return fmt.Errorf("%w: associated data is %d bytes, the limit is %d", ErrTooLarge, len(ad), uint64(gcmsivMaxAD))
	}
	return nil
}

// gcmsivCheckOpen is gcmsivCheck for decryption, which also needs a whole
// tag.
func gcmsivCheckOpen(nonce, ciphertext, ad []byte) error {
	if err := gcmsivCheck(nonce, ciphertext, ad, "ciphertext", gcmsivMaxCiphertext); err != nil {
		return err
	}
	if len(ciphertext) < gcmsivTagSize {
		return errShort(len(ciphertext), gcmsivTagSize)
	}
	return nil
}

// Encrypt encrypts and authenticates plaintext and authenticates ad, and
// returns a new slice holding the ciphertext followed by the 16-byte tag.
// The nonce must be 12 bytes; repeating it leaks only whether two messages
// (with their associated data) are equal.
func (c *AESGCMSIV) Encrypt(nonce, plaintext, ad []byte) ([]byte, error) {
	if err := gcmsivCheck(nonce, plaintext, ad, "plaintext", gcmsivMaxPlaintext); err != nil {
		return nil, err
	}
	dst := make([]byte, len(plaintext)+gcmsivTagSize)
	if _, err := c.EncryptInto(dst, nonce, plaintext, ad); err != nil {
		return nil, err
	}
	return dst, nil
}

// EncryptInto is Encrypt writing into dst, which must be exactly
// len(plaintext)+16 bytes (else ErrBufferSize). dst may start where
// plaintext starts (in place: the plaintext is hashed before it is
// overwritten) but must not otherwise overlap plaintext, nonce or ad
// (ErrOverlap). It returns the number of bytes written, len(dst), and
// allocates nothing.
func (c *AESGCMSIV) EncryptInto(dst, nonce, plaintext, ad []byte) (int, error) {
	if err := gcmsivCheck(nonce, plaintext, ad, "plaintext", gcmsivMaxPlaintext); err != nil {
		return 0, err
	}
	if err := checkDst(dst, len(plaintext)+gcmsivTagSize); err != nil {
		return 0, err
	}
	if err := checkOverlap(dst, plaintext, nonce, ad); err != nil {
		return 0, err
	}
	c.seal(dst, (*[gcmsivNonceSize]byte)(nonce), plaintext, ad)
	return len(dst), nil
}

// Decrypt authenticates ciphertext (the encrypted message followed by the
// 16-byte tag) and ad, and returns the plaintext in a new slice. Any
// mismatch is an error wrapping ErrInvalidTag, and no plaintext is
// returned.
func (c *AESGCMSIV) Decrypt(nonce, ciphertext, ad []byte) ([]byte, error) {
	if err := gcmsivCheckOpen(nonce, ciphertext, ad); err != nil {
		return nil, err
	}
	dst := make([]byte, len(ciphertext)-gcmsivTagSize)
	if _, err := c.DecryptInto(dst, nonce, ciphertext, ad); err != nil {
		return nil, err
	}
	return dst, nil
}

// DecryptInto is Decrypt writing into dst, which must be exactly
// len(ciphertext)-16 bytes (else ErrBufferSize). dst may start where
// ciphertext starts (in place) but must not otherwise overlap ciphertext,
// nonce or ad (ErrOverlap). GCM-SIV authenticates the plaintext, so the
// message is decrypted into dst first; if the tag does not match, dst is
// zeroed before the error returns. It returns the number of bytes written,
// len(dst), and allocates nothing.
func (c *AESGCMSIV) DecryptInto(dst, nonce, ciphertext, ad []byte) (int, error) {
	if err := gcmsivCheckOpen(nonce, ciphertext, ad); err != nil {
		return 0, err
	}
	if err := checkDst(dst, len(ciphertext)-gcmsivTagSize); err != nil {
		return 0, err
	}
	if err := checkOverlap(dst, ciphertext, nonce, ad); err != nil {
		return 0, err
	}
	if !c.open(dst, (*[gcmsivNonceSize]byte)(nonce), ciphertext, ad) {
		zero(dst)
		return 0, ErrInvalidTag
	}
	return len(dst), nil
}

// Seal encrypts and authenticates plaintext, authenticates ad, appends the
// ciphertext and tag to dst and returns the updated slice, as
// crypto/cipher.AEAD specifies. It panics if the nonce is not 12 bytes, if
// an input is over the limit, or if the appended region overlaps plaintext
// other than exactly, or overlaps nonce or ad.
func (c *AESGCMSIV) Seal(dst, nonce, plaintext, ad []byte) []byte {
	if len(nonce) != gcmsivNonceSize {
		panic("aead: incorrect nonce length given to AESGCMSIV")
	}
	if uint64(len(plaintext)) > gcmsivMaxPlaintext || uint64(len(ad)) > gcmsivMaxAD {
		panic("aead: message too large for AESGCMSIV")
	}
	ret, out := sliceForAppend(dst, len(plaintext)+gcmsivTagSize)
	if checkOverlap(out, plaintext, nonce, ad) != nil {
		panic("aead: invalid buffer overlap")
	}
	c.seal(out, (*[gcmsivNonceSize]byte)(nonce), plaintext, ad)
	return ret
}

// Open authenticates and decrypts ciphertext, appends the plaintext to dst
// and returns the updated slice, as crypto/cipher.AEAD specifies. On
// authentication failure the appended region is zeroed and the error wraps
// ErrInvalidTag. It panics if the nonce is not 12 bytes or if the appended
// region overlaps ciphertext other than exactly, or overlaps nonce or ad.
func (c *AESGCMSIV) Open(dst, nonce, ciphertext, ad []byte) ([]byte, error) {
	if len(nonce) != gcmsivNonceSize {
		panic("aead: incorrect nonce length given to AESGCMSIV")
	}
	if err := gcmsivCheckOpen(nonce, ciphertext, ad); err != nil {
		return nil, err
	}
	ret, out := sliceForAppend(dst, len(ciphertext)-gcmsivTagSize)
	if checkOverlap(out, ciphertext, nonce, ad) != nil {
		panic("aead: invalid buffer overlap")
	}
	if !c.open(out, (*[gcmsivNonceSize]byte)(nonce), ciphertext, ad) {
		zero(out)
		return nil, ErrInvalidTag
	}
	return ret, nil
}

// gcmsivShortMax is the most POLYVAL input (AD and plaintext each padded
// to whole blocks, plus the length block) that gcmsivTag hashes from one
// stack buffer with one Update: at most 8 blocks, so one reduction and
// the 8 powers of a short polyval key serve it on every tier.
const gcmsivShortMax = 128

// gcmsivHashLen returns the length of the POLYVAL input of RFC 8452 for
// a and p bytes of AD and plaintext: both padded to blocks, plus the
// length block. It computes in uint64 (no overflow where int has 32 bits).
func gcmsivHashLen(a, p int) uint64 {
	return (uint64(a)+15)&^15 + (uint64(p)+15)&^15 + 16
}

// deriveKeys derives the per-nonce message-authentication key (the POLYVAL
// key) and message-encryption key of RFC 8452 section 4 (block i is
// E_kgk(le32(i) || nonce); the keys are the concatenated first halves of
// blocks 0-1 and of blocks 2 onwards: 2, 3 or 4 blocks for a 16-, 24- or
// 32-byte key). aesni's DeriveGCMSIV does the derivation and the
// expansion of the encryption key in one kernel call, into an
// encryption-only EncKey (GCM-SIV never decrypts with AES). The POLYVAL
// key gets only the powers that gcmsivTag's Update calls for a and p bytes
// of AD and plaintext read (polyval.Key.InitFor).
func (c *AESGCMSIV) deriveKeys(enc *aesni.EncKey, auth *polyval.Key, nonce *[gcmsivNonceSize]byte, a, p int) {
	var h [16]byte
	c.kgk.DeriveGCMSIV(nonce, &h, enc)
	maxLen := max(a, p, 16)
	if n := gcmsivHashLen(a, p); n <= gcmsivShortMax {
		maxLen = int(n)
	}
	auth.InitFor(&h, maxLen)
	gcmsivWipeBytes(h[:])
}

// tag computes the RFC 8452 tag over plaintext pt and associated data ad:
// S = POLYVAL(H, ad, pt, le64(bits(ad)) || le64(bits(pt))), S[0:12] ^=
// nonce, S[15] &= 0x7f, tag = E_enc(S). A short input (at most
// gcmsivShortMax bytes, padded) is assembled in a stack buffer, hashed
// with one Update (one reduction) and wiped; longer ones take three.
func gcmsivTag(out *[16]byte, enc *aesni.EncKey, auth *polyval.Key, nonce *[gcmsivNonceSize]byte, pt, ad []byte) {
	var s, lens [16]byte
	binary.LittleEndian.PutUint64(lens[0:], uint64(len(ad))*8)
	binary.LittleEndian.PutUint64(lens[8:], uint64(len(pt))*8)
	if hl := gcmsivHashLen(len(ad), len(pt)); hl <= gcmsivShortMax {
		n := int(hl)
		var buf [gcmsivShortMax]byte
		copy(buf[:], ad)
		copy(buf[(len(ad)+15)&^15:], pt)
		copy(buf[n-16:n], lens[:])
		auth.Update(&s, buf[:n])
		gcmsivWipeBytes(buf[:n]) // the plaintext
	} else {
		auth.Update(&s, ad)
		auth.Update(&s, pt)
		auth.Update(&s, lens[:])
	}
	binary.LittleEndian.PutUint64(s[0:8], binary.LittleEndian.Uint64(s[0:8])^binary.LittleEndian.Uint64(nonce[0:8]))
	binary.LittleEndian.PutUint32(s[8:12], binary.LittleEndian.Uint32(s[8:12])^binary.LittleEndian.Uint32(nonce[8:12]))
	s[15] &= 0x7f
	enc.Encrypt(out[:], s[:])
	gcmsivWipeBytes(s[:]) // S and the key give forgeries under this nonce
}

// seal writes CTR(plaintext) || tag to out (len(plaintext)+16 bytes). The
// tag is computed over the plaintext before any of out is written, so out
// may start where plaintext starts. Sizes and overlap are checked by the
// caller.
func (c *AESGCMSIV) seal(out []byte, nonce *[gcmsivNonceSize]byte, plaintext, ad []byte) {
	n := len(plaintext)
	var enc aesni.EncKey
	var auth polyval.Key
	c.deriveKeys(&enc, &auth, nonce, len(ad), n)

	var tag, ctr [16]byte
	gcmsivTag(&tag, &enc, &auth, nonce, plaintext, ad)
	ctr = tag
	ctr[15] |= 0x80
	enc.XORKeyStreamCTR32LE(out[:n], plaintext, &ctr)
	copy(out[n:], tag[:])

	gcmsivWipeKeys(&enc, &auth)
}

// open decrypts the message part of ciphertext into out with the counter
// taken from its tag, recomputes the tag over the plaintext and compares
// the two in constant time. It reports whether they matched; the caller
// zeroes out when they did not.
func (c *AESGCMSIV) open(out []byte, nonce *[gcmsivNonceSize]byte, ciphertext, ad []byte) bool {
	n := len(ciphertext) - gcmsivTagSize
	var enc aesni.EncKey
	var auth polyval.Key
	c.deriveKeys(&enc, &auth, nonce, len(ad), n)

	var tag, ctr, want [16]byte
	copy(tag[:], ciphertext[n:])
	ctr = tag
	ctr[15] |= 0x80
	enc.XORKeyStreamCTR32LE(out, ciphertext[:n], &ctr)
	gcmsivTag(&want, &enc, &auth, nonce, out, ad)

	gcmsivWipeKeys(&enc, &auth)
	ok := tagEqual(want[:], tag[:])
	gcmsivWipeBytes(want[:]) // on a mismatch, the valid tag for this input
	return ok
}

// gcmsivWipeKeys zeroes the per-nonce keys. It is not inlined so that the
// stores are not removed as dead; the wipe is best effort (copies the
// compiler made, in registers or spilled, are out of reach).
//
//go:noinline
func gcmsivWipeKeys(enc *aesni.EncKey, auth *polyval.Key) {
	enc.Wipe()
	auth.Wipe()
}

// gcmsivWipeBytes zeroes b; not inlined for the same reason as
// gcmsivWipeKeys.
//
//go:noinline
func gcmsivWipeBytes(b []byte) {
	clear(b)
}
