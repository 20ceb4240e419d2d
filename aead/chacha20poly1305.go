package aead

import (
	"crypto/cipher"
	"crypto/rand"
	"encoding/binary"
	"fmt"

	"github.com/fastaead/fastaead/chacha"
	"github.com/fastaead/fastaead/poly1305"
)

const (
	chachaKeySize   = 32
	chachaNonceSize = 12
	chachaTagSize   = 16

	// chachaMaxPlaintext is the RFC 8439 section 2.8 limit: the 32-bit block
	// counter starts at 1 for the message, so at most 2^32 - 1 blocks of 64
	// bytes can be encrypted: 2^38 - 64 bytes.
	chachaMaxPlaintext = 1<<38 - 64
	// chachaMaxCiphertext is chachaMaxPlaintext plus the tag.
	chachaMaxCiphertext = chachaMaxPlaintext + chachaTagSize
)

// chachaZeros pads the associated data and the ciphertext to 16 bytes for
// Poly1305.
var chachaZeros [16]byte

// ChaCha20Poly1305 is the ChaCha20-Poly1305 AEAD of RFC 8439 section 2.8.
//
// Key: 32 bytes. Nonce: 12 bytes. Tag: 16 bytes, appended to the
// ciphertext. Limit (RFC 8439 section 2.8): a plaintext of at most
// 2^38 - 64 bytes (274,877,906,880), as the 32-bit block counter starts at 1;
// longer inputs are ErrTooLarge. The associated data is unbounded (the RFC
// allows 2^64 - 1 bytes, more than a slice can hold).
//
// Decryption authenticates the ciphertext before it decrypts anything.
// A ChaCha20Poly1305 holds its key by value, is immutable after
// construction and is safe for concurrent use.
type ChaCha20Poly1305 struct {
	key [chachaKeySize]byte
}

var _ cipher.AEAD = (*ChaCha20Poly1305)(nil)

// NewChaCha20Poly1305 returns a ChaCha20Poly1305 keyed with a copy of key,
// which must be 32 bytes (else an error wrapping ErrKeySize).
func NewChaCha20Poly1305(key []byte) (*ChaCha20Poly1305, error) {
	if len(key) != chachaKeySize {
		return nil, errKeySize(len(key), "32")
	}
	if err := kernelErr(); err != nil {
		return nil, err
	}
	c := new(ChaCha20Poly1305)
	copy(c.key[:], key)
	return c, nil
}

// GenerateChaCha20Poly1305Key returns a new random 32-byte key read from
// crypto/rand, as Python's ChaCha20Poly1305.generate_key does.
func GenerateChaCha20Poly1305Key() ([]byte, error) {
	key := make([]byte, chachaKeySize)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	return key, nil
}

// NonceSize returns 12, the nonce size in bytes.
func (c *ChaCha20Poly1305) NonceSize() int { return chachaNonceSize }

// Overhead returns 16, the tag size in bytes.
func (c *ChaCha20Poly1305) Overhead() int { return chachaTagSize }

// chachaCheckNonce returns ErrNonceSize (wrapped) unless nonce is 12 bytes.
func chachaCheckNonce(nonce []byte) error {
	if len(nonce) != chachaNonceSize {
		return errNonceSize(len(nonce), "12")
	}
	return nil
}

// chachaTooLarge reports a plaintext or ciphertext over the limit.
func chachaTooLarge(what string, got, limit uint64) error {
	return fmt.Errorf("%w: %s is %d bytes, the limit is %d", ErrTooLarge, what, got, limit)
}

// Encrypt encrypts and authenticates plaintext and authenticates ad, and
// returns a new slice holding the ciphertext followed by the 16-byte tag.
// The nonce must be 12 bytes and must never repeat under one key.
func (c *ChaCha20Poly1305) Encrypt(nonce, plaintext, ad []byte) ([]byte, error) {
	if err := chachaCheckNonce(nonce); err != nil {
		return nil, err
	}
	if uint64(len(plaintext)) > chachaMaxPlaintext {
		return nil, chachaTooLarge("plaintext", uint64(len(plaintext)), chachaMaxPlaintext)
	}
	dst := make([]byte, len(plaintext)+chachaTagSize)
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
func (c *ChaCha20Poly1305) EncryptInto(dst, nonce, plaintext, ad []byte) (int, error) {
	if err := chachaCheckNonce(nonce); err != nil {
		return 0, err
	}
	if uint64(len(plaintext)) > chachaMaxPlaintext {
		return 0, chachaTooLarge("plaintext", uint64(len(plaintext)), chachaMaxPlaintext)
	}
	if err := checkDst(dst, len(plaintext)+chachaTagSize); err != nil {
		return 0, err
	}
	if err := checkOverlap(dst, plaintext, nonce, ad); err != nil {
		return 0, err
	}
	c.seal(dst, (*[chachaNonceSize]byte)(nonce), plaintext, ad)
	return len(dst), nil
}

// Decrypt authenticates ciphertext (the encrypted message followed by the
// 16-byte tag) and ad, and returns the plaintext in a new slice. Any
// mismatch is an error wrapping ErrInvalidTag, and no plaintext is
// returned.
func (c *ChaCha20Poly1305) Decrypt(nonce, ciphertext, ad []byte) ([]byte, error) {
	if err := c.checkOpen(nonce, ciphertext); err != nil {
		return nil, err
	}
	dst := make([]byte, len(ciphertext)-chachaTagSize)
	if _, err := c.DecryptInto(dst, nonce, ciphertext, ad); err != nil {
		return nil, err
	}
	return dst, nil
}

// DecryptInto is Decrypt writing into dst, which must be exactly
// len(ciphertext)-16 bytes (else ErrBufferSize). dst may start where
// ciphertext starts (in place) but must not otherwise overlap ciphertext,
// nonce or ad (ErrOverlap). The tag is checked before anything is
// decrypted; on failure dst is zeroed. It returns the number of bytes
// written, len(dst), and allocates nothing.
func (c *ChaCha20Poly1305) DecryptInto(dst, nonce, ciphertext, ad []byte) (int, error) {
	if err := c.checkOpen(nonce, ciphertext); err != nil {
		return 0, err
	}
	if err := checkDst(dst, len(ciphertext)-chachaTagSize); err != nil {
		return 0, err
	}
	if err := checkOverlap(dst, ciphertext, nonce, ad); err != nil {
		return 0, err
	}
	if !c.open(dst, (*[chachaNonceSize]byte)(nonce), ciphertext, ad) {
		zero(dst)
		return 0, ErrInvalidTag
	}
	return len(dst), nil
}

// checkOpen validates the nonce size, the length limit and the presence of
// a whole tag, in the package's error order.
func (c *ChaCha20Poly1305) checkOpen(nonce, ciphertext []byte) error {
	if err := chachaCheckNonce(nonce); err != nil {
		return err
	}
	if uint64(len(ciphertext)) > chachaMaxCiphertext {
		return chachaTooLarge("ciphertext", uint64(len(ciphertext)), chachaMaxCiphertext)
	}
	if len(ciphertext) < chachaTagSize {
		return errShort(len(ciphertext), chachaTagSize)
	}
	return nil
}

// Seal encrypts and authenticates plaintext, authenticates ad, appends the
// ciphertext and tag to dst and returns the updated slice, as
// crypto/cipher.AEAD specifies. It panics if the nonce is not 12 bytes, if
// the plaintext is over the limit, or if the appended region overlaps
// plaintext other than exactly, or overlaps nonce or ad.
func (c *ChaCha20Poly1305) Seal(dst, nonce, plaintext, ad []byte) []byte {
	if len(nonce) != chachaNonceSize {
		panic("aead: incorrect nonce length given to ChaCha20Poly1305")
	}
	if uint64(len(plaintext)) > chachaMaxPlaintext {
		panic("aead: plaintext too large for ChaCha20Poly1305")
	}
	ret, out := sliceForAppend(dst, len(plaintext)+chachaTagSize)
	if checkOverlap(out, plaintext, nonce, ad) != nil {
		panic("aead: invalid buffer overlap")
	}
	c.seal(out, (*[chachaNonceSize]byte)(nonce), plaintext, ad)
	return ret
}

// Open authenticates and decrypts ciphertext, appends the plaintext to dst
// and returns the updated slice, as crypto/cipher.AEAD specifies. On
// authentication failure the appended region is zeroed and the error wraps
// ErrInvalidTag. It panics if the nonce is not 12 bytes or if the appended
// region overlaps ciphertext other than exactly, or overlaps nonce or ad.
func (c *ChaCha20Poly1305) Open(dst, nonce, ciphertext, ad []byte) ([]byte, error) {
	if len(nonce) != chachaNonceSize {
		panic("aead: incorrect nonce length given to ChaCha20Poly1305")
	}
	if err := c.checkOpen(nonce, ciphertext); err != nil {
		return nil, err
	}
	ret, out := sliceForAppend(dst, len(ciphertext)-chachaTagSize)
	if checkOverlap(out, ciphertext, nonce, ad) != nil {
		panic("aead: invalid buffer overlap")
	}
	if !c.open(out, (*[chachaNonceSize]byte)(nonce), ciphertext, ad) {
		zero(out)
		return nil, ErrInvalidTag
	}
	return ret, nil
}

// seal writes ChaCha20(plaintext) || tag to out (len(plaintext)+16 bytes).
// Sizes and overlap are checked by the caller.
func (c *ChaCha20Poly1305) seal(out []byte, nonce *[chachaNonceSize]byte, plaintext, ad []byte) {
	n := len(plaintext)
	var tag [chachaTagSize]byte
	ct := out[:n]
	chacha.XORKeyStream(ct, plaintext, &c.key, nonce, 1)
	c.tag(&tag, nonce, ct, ad)
	copy(out[n:], tag[:])
}

// open checks the tag of ciphertext (the message then 16 bytes of tag) and,
// only if it matches, decrypts the message into out. It reports whether the
// tag matched; out is left untouched when it does not.
func (c *ChaCha20Poly1305) open(out []byte, nonce *[chachaNonceSize]byte, ciphertext, ad []byte) bool {
	n := len(ciphertext) - chachaTagSize
	var want [chachaTagSize]byte
	c.tag(&want, nonce, ciphertext[:n], ad)
	if !tagEqual(want[:], ciphertext[n:]) {
		return false
	}
	chacha.XORKeyStream(out, ciphertext[:n], &c.key, nonce, 1)
	return true
}

// tag computes the RFC 8439 section 2.8 tag: Poly1305 keyed with the first
// 32 bytes of ChaCha20 block 0, over ad || pad16 || ct || pad16 ||
// le64(len(ad)) || le64(len(ct)).
func (c *ChaCha20Poly1305) tag(out *[chachaTagSize]byte, nonce *[chachaNonceSize]byte, ct, ad []byte) {
	var block [64]byte
	chacha.Block(&block, &c.key, nonce, 0)
	var m poly1305.MAC
	m.Init((*[32]byte)(block[:32]))
	gcmsivWipeBytes(block[:])

	m.Write(ad)
	if r := len(ad) % 16; r != 0 {
		m.Write(chachaZeros[:16-r])
	}
	m.Write(ct)
	if r := len(ct) % 16; r != 0 {
		m.Write(chachaZeros[:16-r])
	}
	var lens [16]byte
	binary.LittleEndian.PutUint64(lens[0:], uint64(len(ad)))
	binary.LittleEndian.PutUint64(lens[8:], uint64(len(ct)))
	m.Write(lens[:])
	m.Sum(out)
	chachaWipeMAC(&m)
}

// chachaWipeMAC zeroes a Poly1305 state, which holds the one-time key. It
// is not inlined so that the stores are not removed as dead; the wipe is
// best effort.
//
//go:noinline
func chachaWipeMAC(m *poly1305.MAC) {
	*m = poly1305.MAC{}
}
