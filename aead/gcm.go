package aead

import (
	"crypto/cipher"
	"crypto/rand"
	"encoding/binary"
	"fmt"

	"github.com/fastaead/fastaead/aesni"
	"github.com/fastaead/fastaead/ghash"
)

const (
	gcmStdNonceSize = 12
	gcmTagSize      = 16

	// gcmMaxPlaintext is the SP 800-38D section 5.2.1.1 limit on the
	// plaintext: len(P) <= 2^39 - 256 bits, that is 2^36 - 32 bytes (the
	// 32-bit counter that starts at inc32(J0) covers 2^32 - 2 blocks).
	gcmMaxPlaintext = 1<<36 - 32
	// gcmMaxCiphertext is gcmMaxPlaintext plus the tag.
	gcmMaxCiphertext = gcmMaxPlaintext + gcmTagSize
	// gcmMaxAD is the SP 800-38D limit on the associated data, len(A) <=
	// 2^64 - 1 bits: fewer than 2^61 bytes.
	gcmMaxAD = 1<<61 - 1
	// gcmMaxNonce is the SP 800-38D limit on the IV, len(IV) <= 2^64 - 1
	// bits: fewer than 2^61 bytes.
	gcmMaxNonce = 1<<61 - 1
)

// AESGCM is AES in Galois/Counter Mode, NIST SP 800-38D, with a 16-byte tag.
//
// Key: 16, 24 or 32 bytes (AES-128, AES-192, AES-256). Nonce: NonceSize()
// is 12, the recommended length and the fast path, and Seal and Open
// require exactly 12 bytes as crypto/cipher's GCM does; Encrypt,
// EncryptInto, Decrypt and DecryptInto take any nonce of at least one byte
// (other lengths are hashed with GHASH into the initial counter block, as
// SP 800-38D section 7.1 specifies). Tag: 16 bytes, appended to the
// ciphertext. Limits (SP 800-38D section 5.2.1.1): a plaintext of at most
// 2^36 - 32 bytes, associated data and nonce of fewer than 2^61 bytes;
// longer inputs are ErrTooLarge.
//
// Encryption and decryption each run in one pass over the data (AES-CTR
// and GHASH stitched in one kernel). Decryption releases no plaintext
// unless the tag matches: on a mismatch the destination is zeroed before
// the error returns. An AESGCM holds its expanded key and hash key by
// value, is immutable after construction and is safe for concurrent use.
type AESGCM struct {
	block aesni.Key
	hash  ghash.Key
}

var _ cipher.AEAD = (*AESGCM)(nil)

// NewAESGCM returns an AESGCM keyed with key, which must be 16, 24 or 32
// bytes (else an error wrapping ErrKeySize).
func NewAESGCM(key []byte) (*AESGCM, error) {
	switch len(key) {
	case 16, 24, 32:
	default:
		return nil, errKeySize(len(key), "16, 24 or 32")
	}
	if err := kernelErr(); err != nil {
		return nil, err
	}
	c := new(AESGCM)
	if err := c.block.Init(key); err != nil {
		return nil, errKeySize(len(key), "16, 24 or 32")
	}
	var h [16]byte
	c.block.Encrypt(h[:], h[:])
	c.hash.Init(&h)
	clear(h[:])
	return c, nil
}

// GenerateAESGCMKey returns a new random key of bitLength bits (128, 192 or
// 256; anything else is an error wrapping ErrKeySize) read from
// crypto/rand, as Python's AESGCM.generate_key does.
func GenerateAESGCMKey(bitLength int) ([]byte, error) {
	return gcmGenerateAESKey(bitLength)
}

// gcmGenerateAESKey returns bitLength/8 random bytes for bitLength 128, 192 or
// 256.
func gcmGenerateAESKey(bitLength int) ([]byte, error) {
	switch bitLength {
	case 128, 192, 256:
	default:
		return nil, fmt.Errorf("%w: bit length %d, want 128, 192 or 256", ErrKeySize, bitLength)
	}
	key := make([]byte, bitLength/8)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	return key, nil
}

// NonceSize returns 12, the nonce size Seal and Open take. Encrypt and
// Decrypt and their Into forms take any nonce length of at least one byte.
func (c *AESGCM) NonceSize() int { return gcmStdNonceSize }

// Overhead returns 16, the tag size in bytes.
func (c *AESGCM) Overhead() int { return gcmTagSize }

// gcmCheck validates the nonce size and the length limits on the message
// (plaintext or ciphertext, limit max) and the associated data.
func gcmCheck(nonce, msg, ad []byte, what string, max uint64) error {
	if len(nonce) == 0 || uint64(len(nonce)) > gcmMaxNonce {
		return errNonceSize(len(nonce), "at least 1 (12 recommended)")
	}
	if uint64(len(msg)) > max {
		return fmt.Errorf("%w: %s is %d bytes, the limit is %d", ErrTooLarge, what, len(msg), max)
	}
	if uint64(len(ad)) > gcmMaxAD {
		return fmt.Errorf("%w: associated data is %d bytes, the limit is %d", ErrTooLarge, len(ad), uint64(gcmMaxAD))
	}
	return nil
}

// gcmCheckOpen is gcmCheck for decryption, which also needs a whole tag.
func gcmCheckOpen(nonce, ciphertext, ad []byte) error {
	if err := gcmCheck(nonce, ciphertext, ad, "ciphertext", gcmMaxCiphertext); err != nil {
		return err
	}
	if len(ciphertext) < gcmTagSize {
		return errShort(len(ciphertext), gcmTagSize)
	}
	return nil
}

// Encrypt encrypts and authenticates plaintext and authenticates ad, and
// returns a new slice holding the ciphertext followed by the 16-byte tag.
// The nonce may have any length of at least one byte (12 is recommended)
// and must never repeat under one key.
func (c *AESGCM) Encrypt(nonce, plaintext, ad []byte) ([]byte, error) {
	if err := gcmCheck(nonce, plaintext, ad, "plaintext", gcmMaxPlaintext); err != nil {
		return nil, err
	}
	dst := make([]byte, len(plaintext)+gcmTagSize)
	if _, err := c.EncryptInto(dst, nonce, plaintext, ad); err != nil {
		return nil, err
	}
	return dst, nil
}

// EncryptInto is Encrypt writing into dst, which must be exactly
// len(plaintext)+16 bytes (else ErrBufferSize). dst may start where
// plaintext starts (in place) but must not otherwise overlap plaintext,
// nonce or ad (ErrOverlap). It returns the number of bytes written,
// len(dst), and allocates nothing.
func (c *AESGCM) EncryptInto(dst, nonce, plaintext, ad []byte) (int, error) {
	if err := gcmCheck(nonce, plaintext, ad, "plaintext", gcmMaxPlaintext); err != nil {
		return 0, err
	}
	if err := checkDst(dst, len(plaintext)+gcmTagSize); err != nil {
		return 0, err
	}
	if err := checkOverlap(dst, plaintext, nonce, ad); err != nil {
		return 0, err
	}
	c.seal(dst, nonce, plaintext, ad)
	return len(dst), nil
}

// Decrypt authenticates ciphertext (the encrypted message followed by the
// 16-byte tag) and ad, and returns the plaintext in a new slice. Any
// mismatch is an error wrapping ErrInvalidTag, and no plaintext is
// returned.
func (c *AESGCM) Decrypt(nonce, ciphertext, ad []byte) ([]byte, error) {
	if err := gcmCheckOpen(nonce, ciphertext, ad); err != nil {
		return nil, err
	}
	dst := make([]byte, len(ciphertext)-gcmTagSize)
	if _, err := c.DecryptInto(dst, nonce, ciphertext, ad); err != nil {
		return nil, err
	}
	return dst, nil
}

// DecryptInto is Decrypt writing into dst, which must be exactly
// len(ciphertext)-16 bytes (else ErrBufferSize). dst may start where
// ciphertext starts (in place) but must not otherwise overlap ciphertext,
// nonce or ad (ErrOverlap). Decryption and authentication run in one
// pass; if the tag does not match, dst is zeroed and nothing else is
// returned. It returns the number of bytes written, len(dst), and
// allocates nothing.
func (c *AESGCM) DecryptInto(dst, nonce, ciphertext, ad []byte) (int, error) {
	if err := gcmCheckOpen(nonce, ciphertext, ad); err != nil {
		return 0, err
	}
	if err := checkDst(dst, len(ciphertext)-gcmTagSize); err != nil {
		return 0, err
	}
	if err := checkOverlap(dst, ciphertext, nonce, ad); err != nil {
		return 0, err
	}
	if !c.open(dst, nonce, ciphertext, ad) {
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
func (c *AESGCM) Seal(dst, nonce, plaintext, ad []byte) []byte {
	if len(nonce) != gcmStdNonceSize {
		panic("aead: incorrect nonce length given to AESGCM")
	}
	if uint64(len(plaintext)) > gcmMaxPlaintext || uint64(len(ad)) > gcmMaxAD {
		panic("aead: message too large for AESGCM")
	}
	ret, out := sliceForAppend(dst, len(plaintext)+gcmTagSize)
	if checkOverlap(out, plaintext, nonce, ad) != nil {
		panic("aead: invalid buffer overlap")
	}
	c.seal(out, nonce, plaintext, ad)
	return ret
}

// Open authenticates and decrypts ciphertext, appends the plaintext to dst
// and returns the updated slice, as crypto/cipher.AEAD specifies. On
// authentication failure the appended region is zeroed and the error wraps
// ErrInvalidTag. It panics if the nonce is not 12 bytes or if the appended
// region overlaps ciphertext other than exactly, or overlaps nonce or ad.
func (c *AESGCM) Open(dst, nonce, ciphertext, ad []byte) ([]byte, error) {
	if len(nonce) != gcmStdNonceSize {
		panic("aead: incorrect nonce length given to AESGCM")
	}
	if err := gcmCheckOpen(nonce, ciphertext, ad); err != nil {
		return nil, err
	}
	ret, out := sliceForAppend(dst, len(ciphertext)-gcmTagSize)
	if checkOverlap(out, ciphertext, nonce, ad) != nil {
		panic("aead: invalid buffer overlap")
	}
	if !c.open(out, nonce, ciphertext, ad) {
		zero(out)
		return nil, ErrInvalidTag
	}
	return ret, nil
}

// deriveJ0 computes the pre-counter block J0 of SP 800-38D section 7.1:
// nonce || 0^31 || 1 for a 12-byte nonce, else GHASH(nonce || 0^s || 0^64 ||
// be64(bit length of nonce)).
func (c *AESGCM) deriveJ0(j0 *[16]byte, nonce []byte) {
	if len(nonce) == gcmStdNonceSize {
		// Two 8-byte stores, which the kernel reads back as two 8-byte
		// loads (store-forwarded; byte stores would stall the load).
		binary.LittleEndian.PutUint64(j0[:8], binary.LittleEndian.Uint64(nonce[:8]))
		binary.LittleEndian.PutUint64(j0[8:], uint64(binary.LittleEndian.Uint32(nonce[8:12]))|1<<56)
		return
	}
	*j0 = [16]byte{}
	c.hash.Update(j0, nonce)
	var lens [16]byte
	binary.BigEndian.PutUint64(lens[8:], uint64(len(nonce))*8)
	c.hash.Update(j0, lens[:])
}

// seal writes GCTR(plaintext) || tag to out (len(plaintext)+16 bytes) with
// one call of the stitched kernel (aesni.Key.GCMSealMessage: CTR from
// inc32(J0), GHASH of ad and the ciphertext, the length block and E(J0) in
// one pass). Sizes and overlap are checked by the caller.
func (c *AESGCM) seal(out, nonce, plaintext, ad []byte) {
	n := len(plaintext)
	var j0 [16]byte
	c.deriveJ0(&j0, nonce)
	c.block.GCMSealMessage(out[:n], plaintext, ad, &j0, &c.hash, (*[16]byte)(out[n:]))
}

// open decrypts the message part of ciphertext (the message then 16 bytes
// of tag) into out and computes its tag in the same pass
// (aesni.Key.GCMOpenMessage), then compares the tags in constant time. It
// reports whether they matched; when they do not, out holds
// unauthenticated plaintext and the caller (DecryptInto, Open) zeroes it.
func (c *AESGCM) open(out, nonce, ciphertext, ad []byte) bool {
	n := len(ciphertext) - gcmTagSize
	var j0, want [16]byte
	c.deriveJ0(&j0, nonce)
	c.block.GCMOpenMessage(out[:n], ciphertext[:n], ad, &j0, &c.hash, &want)
	return gcmTagEqual(&want, ciphertext[n:])
}

// gcmTagEqual reports whether got (16 bytes) equals *want, in constant
// time: both halves are XORed as 64-bit words and ORed together, with no
// early exit and no branch before the single final comparison (whose
// result is public). It costs a fraction of crypto/subtle's byte loop,
// which was a sixth of a 0-byte Open.
func gcmTagEqual(want *[16]byte, got []byte) bool {
	_ = got[15]
	d := binary.LittleEndian.Uint64(want[:8]) ^ binary.LittleEndian.Uint64(got[:8])
	d |= binary.LittleEndian.Uint64(want[8:]) ^ binary.LittleEndian.Uint64(got[8:16])
	return d == 0
}
