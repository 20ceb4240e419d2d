package aead

import (
	"crypto/cipher"
	"fmt"

	"github.com/fastaead/fastaead/aesni"
)

const (
	// sivTagSize is the size of the synthetic IV V, which is the tag.
	sivTagSize = 16
	// sivMaxAD is the largest number of associated-data components: RFC
	// 5297 sections 2.6 and 2.7 take "a vector of associated data AD[ ]
	// where the number of components in the vector is not greater than
	// 126", because S2V's security proof holds for at most n-1 = 127
	// components with a 128-bit block, and the plaintext is one of them
	// (section 7).
	sivMaxAD = 126
	// sivMinNonce and sivMaxNonce bound the nonce size of the
	// crypto/cipher.AEAD view. RFC 5297 section 6 has N_MIN = 1 and no
	// N_MAX; 64 bytes is ample for any nonce and keeps the view's
	// NonceSize sane.
	sivMinNonce = 1
	sivMaxNonce = 64
)

// AESSIV is AES-SIV (AES-CMAC-SIV), RFC 5297: deterministic, nonce-misuse
// resistant authenticated encryption.
//
// Key: 32, 48 or 64 bytes (AES-SIV-CMAC-256/384/512); the first half keys
// S2V (AES-CMAC), the second half keys CTR. There is no nonce argument: the
// associated data is a list of at most 126 components (RFC 5297 sections
// 2.6, 2.7 and 7; more is ErrTooLarge), authenticated separately and in
// order; for nonce-based use the nonce is its last component (section 3).
// The list may be nil or empty, and the plaintext may be empty. Tag: the
// 16-byte synthetic IV V, PREPENDED: Encrypt returns V || C. The AEAD
// method gives a crypto/cipher.AEAD view with an explicit nonce.
//
// Limits: no message limit is checked. CTR uses a 64-bit counter, which
// the two bits RFC 5297 section 2.5 clears make exact for 2^63 blocks, more
// than a Go slice holds; the RFC's own P_MAX is 2^132 bytes (section 6).
//
// AES-SIV decrypts before it can verify: DecryptInto writes the plaintext
// into dst, recomputes V with S2V and compares it in constant time, and
// zeroes dst if it does not match. An AESSIV holds both expanded keys and
// the CMAC subkeys by value, is immutable after construction and is safe
// for concurrent use.
type AESSIV struct {
	mac  aesni.Key // K1: the S2V (CMAC) key
	ctr  aesni.Key // K2: the CTR key
	sub1 [16]byte  // CMAC subkey K1 = dbl(E(K1, 0)) (SP 800-38B)
	sub2 [16]byte  // CMAC subkey K2 = dbl(sub1)
	d0   [16]byte  // AES-CMAC(K1, <zero>), the constant start of S2V
}

// NewAESSIV returns an AESSIV keyed with key, which must be 32, 48 or 64
// bytes (else an error wrapping ErrKeySize).
func NewAESSIV(key []byte) (*AESSIV, error) {
	switch len(key) {
	case 32, 48, 64:
	default:
		return nil, errKeySize(len(key), "32, 48 or 64")
	}
	if err := kernelErr(); err != nil {
		return nil, err
	}
	c := new(AESSIV)
	half := len(key) / 2
	if err := c.mac.Init(key[:half]); err != nil {
		return nil, errKeySize(len(key), "32, 48 or 64")
	}
	if err := c.ctr.Init(key[half:]); err != nil {
		return nil, errKeySize(len(key), "32, 48 or 64")
	}
	// CMAC subkeys (SP 800-38B section 6.1): L = E(K, 0^128), K1 = dbl(L),
	// K2 = dbl(K1). dbl is RFC 5297 section 2.3's doubling.
	c.mac.Encrypt(c.sub1[:], c.sub1[:])
	ocbDouble(&c.sub1)
	c.sub2 = c.sub1
	ocbDouble(&c.sub2)
	// D = AES-CMAC(K, <zero>) starts every S2V (RFC 5297 section 2.4);
	// it depends on the key only, so it is computed once (section 5
	// suggests caching invariant parts).
	var zeroBlock [16]byte
	c.cmac(&c.d0, zeroBlock[:])
	return c, nil
}

// GenerateAESSIVKey returns a new random key of bitLength bits (256, 384 or
// 512; anything else is an error wrapping ErrKeySize) read from
// crypto/rand, as Python's AESSIV.generate_key does.
func GenerateAESSIVKey(bitLength int) ([]byte, error) {
	return ocbGenerateKey(bitLength, 256, 384, 512)
}

// Overhead returns 16, the size of the prepended synthetic IV.
func (c *AESSIV) Overhead() int { return sivTagSize }

// sivCheckAD enforces the RFC 5297 limit on the number of AD components.
func sivCheckAD(ad [][]byte) error {
	if len(ad) > sivMaxAD {
		return fmt.Errorf("%w: %d associated-data components, the limit is %d (RFC 5297 section 7)", ErrTooLarge, len(ad), sivMaxAD)
	}
	return nil
}

// Encrypt encrypts and authenticates plaintext and authenticates the
// components of ad (nil or empty for none, at most 126), and returns a new
// slice holding V || C: the 16-byte synthetic IV, then the ciphertext.
// The same inputs always give the same output.
func (c *AESSIV) Encrypt(plaintext []byte, ad [][]byte) ([]byte, error) {
	if err := sivCheckAD(ad); err != nil {
		return nil, err
	}
	dst := make([]byte, len(plaintext)+sivTagSize)
	if _, err := c.EncryptInto(dst, plaintext, ad); err != nil {
		return nil, err
	}
	return dst, nil
}

// EncryptInto is Encrypt writing V || C into dst, which must be exactly
// len(plaintext)+16 bytes (else ErrBufferSize). In place is supported in
// the same sense as for the other constructions: dst may start where
// plaintext starts (the ciphertext then lands 16 bytes further on, after
// V); dst must not otherwise overlap plaintext or any component of ad
// (ErrOverlap), so in particular dst[16:] aliasing plaintext is refused.
// It returns the number of bytes written, len(dst), and allocates nothing
// (the ad list is only read, never copied).
func (c *AESSIV) EncryptInto(dst, plaintext []byte, ad [][]byte) (int, error) {
	if err := sivCheckAD(ad); err != nil {
		return 0, err
	}
	if err := checkDst(dst, len(plaintext)+sivTagSize); err != nil {
		return 0, err
	}
	if err := checkOverlap(dst, plaintext, ad...); err != nil {
		return 0, err
	}
	c.seal(dst, plaintext, ad)
	return len(dst), nil
}

// Decrypt decrypts ciphertext (V || C, as Encrypt returns it),
// authenticates it and the components of ad, and returns the plaintext in
// a new slice. Any mismatch is an error wrapping ErrInvalidTag, and no
// plaintext is returned.
func (c *AESSIV) Decrypt(ciphertext []byte, ad [][]byte) ([]byte, error) {
	if err := sivCheckAD(ad); err != nil {
		return nil, err
	}
	if len(ciphertext) < sivTagSize {
		return nil, errShort(len(ciphertext), sivTagSize)
	}
	dst := make([]byte, len(ciphertext)-sivTagSize)
	if _, err := c.DecryptInto(dst, ciphertext, ad); err != nil {
		return nil, err
	}
	return dst, nil
}

// DecryptInto is Decrypt writing into dst, which must be exactly
// len(ciphertext)-16 bytes (else ErrBufferSize). dst may start where
// ciphertext starts (in place; the plaintext then lands where V was) but
// must not otherwise overlap ciphertext or any component of ad
// (ErrOverlap). SIV decrypts before it verifies: on failure dst is zeroed
// before the error returns. It returns the number of bytes written,
// len(dst), and allocates nothing.
func (c *AESSIV) DecryptInto(dst, ciphertext []byte, ad [][]byte) (int, error) {
	if err := sivCheckAD(ad); err != nil {
		return 0, err
	}
	if len(ciphertext) < sivTagSize {
		return 0, errShort(len(ciphertext), sivTagSize)
	}
	if err := checkDst(dst, len(ciphertext)-sivTagSize); err != nil {
		return 0, err
	}
	if err := checkOverlap(dst, ciphertext, ad...); err != nil {
		return 0, err
	}
	if !c.open(dst, ciphertext, ad) {
		zero(dst)
		return 0, ErrInvalidTag
	}
	return len(dst), nil
}

// AEAD returns a crypto/cipher.AEAD view of c for nonces of nonceSize bytes
// (1 to 64; else an error wrapping ErrNonceSize). Its Seal(dst, nonce,
// plaintext, ad) appends V || C computed with the associated-data list
// [ad, nonce], the nonce last as RFC 5297 section 3 specifies (this is
// Wycheproof's AEAD-AES-SIV-CMAC convention), and Open inverts it;
// Overhead is 16. Seal and Open panic if the nonce is not nonceSize bytes
// or if the appended region overlaps the input other than exactly (the
// appended region starting where the input starts), or overlaps nonce or
// ad; given a dst with enough capacity they allocate nothing. On
// authentication failure Open zeroes the appended region and returns an
// error wrapping ErrInvalidTag. The view shares c's immutable keys and is
// safe for concurrent use.
func (c *AESSIV) AEAD(nonceSize int) (cipher.AEAD, error) {
	if nonceSize < sivMinNonce || nonceSize > sivMaxNonce {
		return nil, fmt.Errorf("%w: got %d bytes, want 1 to 64", ErrNonceSize, nonceSize)
	}
	return &sivAEAD{c: c, nonceSize: nonceSize}, nil
}

// sivAEAD is the crypto/cipher.AEAD view AESSIV.AEAD returns.
type sivAEAD struct {
	c         *AESSIV
	nonceSize int
}

// NonceSize returns the nonce size the view was made with.
func (a *sivAEAD) NonceSize() int { return a.nonceSize }

// Overhead returns 16, the size of the prepended synthetic IV.
func (a *sivAEAD) Overhead() int { return sivTagSize }

// Seal appends V || C for the AD list [ad, nonce] to dst.
func (a *sivAEAD) Seal(dst, nonce, plaintext, ad []byte) []byte {
	if len(nonce) != a.nonceSize {
		panic("aead: incorrect nonce length given to AESSIV")
	}
	ret, out := sliceForAppend(dst, len(plaintext)+sivTagSize)
	if checkOverlap(out, plaintext, nonce, ad) != nil {
		panic("aead: invalid buffer overlap")
	}
	list := [2][]byte{ad, nonce}
	a.c.seal(out, plaintext, list[:])
	return ret
}

// Open checks and decrypts V || C for the AD list [ad, nonce] and appends
// the plaintext to dst.
func (a *sivAEAD) Open(dst, nonce, ciphertext, ad []byte) ([]byte, error) {
	if len(nonce) != a.nonceSize {
		panic("aead: incorrect nonce length given to AESSIV")
	}
	if len(ciphertext) < sivTagSize {
		return nil, errShort(len(ciphertext), sivTagSize)
	}
	ret, out := sliceForAppend(dst, len(ciphertext)-sivTagSize)
	if checkOverlap(out, ciphertext, nonce, ad) != nil {
		panic("aead: invalid buffer overlap")
	}
	list := [2][]byte{ad, nonce}
	if !a.c.open(out, ciphertext, list[:]) {
		zero(out)
		return nil, ErrInvalidTag
	}
	return ret, nil
}

// seal writes V || C to out (len(plaintext)+16 bytes; out either starts
// where plaintext starts or does not overlap it).
func (c *AESSIV) seal(out, plaintext []byte, ad [][]byte) {
	var v [16]byte
	c.s2v(&v, ad, plaintext) // reads the plaintext before anything is written
	q := sivCounter(&v)
	body := out[sivTagSize:]
	if len(plaintext) > 0 && &out[0] == &plaintext[0] {
		// In place: move the plaintext 16 bytes on (copy is a memmove),
		// then run CTR with exact overlap, the only overlap the CTR
		// kernels promise to handle.
		copy(body, plaintext)
		c.ctr.XORKeyStreamCTR64BE(body, body, &q)
	} else {
		c.ctr.XORKeyStreamCTR64BE(body, plaintext, &q)
	}
	copy(out, v[:])
}

// open decrypts V || C from ciphertext into out (len(ciphertext)-16 bytes;
// out either starts where ciphertext starts or does not overlap it) and
// reports whether S2V over the result matches V, in constant time. It does
// not clear out on failure; the callers do.
func (c *AESSIV) open(out, ciphertext []byte, ad [][]byte) bool {
	var v [16]byte
	copy(v[:], ciphertext) // before an in-place write can reach it
	q := sivCounter(&v)
	body := ciphertext[sivTagSize:]
	if len(out) > 0 && &out[0] == &ciphertext[0] {
		copy(out, body) // memmove 16 bytes back, then CTR in place
		c.ctr.XORKeyStreamCTR64BE(out, out, &q)
	} else {
		c.ctr.XORKeyStreamCTR64BE(out, body, &q)
	}
	var t [16]byte
	c.s2v(&t, ad, out)
	return tagEqual(t[:], v[:])
}

// sivCounter returns Q = V bitand (1^64 || 0^1 || 1^31 || 0^1 || 1^31)
// (RFC 5297 section 2.6): V with the top bits of bytes 8 and 12 cleared.
func sivCounter(v *[16]byte) [16]byte {
	q := *v
	q[8] &= 0x7f
	q[12] &= 0x7f
	return q
}

// s2v computes V = S2V(K1, AD_1, ..., AD_n, P) (RFC 5297 section 2.4) into
// v. The plaintext is always the last string, so S2V's n = 0 case (which
// returns AES-CMAC(K, <one>)) cannot arise here.
//
//	D = AES-CMAC(K, <zero>)
//	for each AD_i: D = dbl(D) xor AES-CMAC(K, AD_i)
//	if len(P) >= 128 bits: V = AES-CMAC(K, P xorend D)
//	else:                  V = AES-CMAC(K, dbl(D) xor pad(P))
func (c *AESSIV) s2v(v *[16]byte, ad [][]byte, p []byte) {
	d := c.d0
	var t [16]byte
	for _, s := range ad {
		ocbDouble(&d)
		c.cmac(&t, s)
		ocbXor16(&d, &t)
	}
	if len(p) >= 16 {
		// P xorend D changes only the last 16 bytes of P, so the whole
		// blocks before them go to CBC-MAC straight from P, and the last
		// 16 to 31 bytes are copied, xored with D and finished.
		h := (len(p) - 16) &^ 15
		var state [16]byte
		if h > 0 {
			c.mac.CBCMAC(&state, p[:h])
		}
		var tail [32]byte
		r := copy(tail[:], p[h:])
		for i := 0; i < 16; i++ {
			tail[r-16+i] ^= d[i]
		}
		c.cmacFinish(v, &state, tail[:r])
		clear(tail[:])
	} else {
		// T = dbl(D) xor pad(P), one complete block, whose CMAC is
		// E(K, T xor subkey1).
		ocbDouble(&d)
		var b [16]byte
		copy(b[:], p)
		b[len(p)] = 0x80
		ocbXor16(&d, &b)
		ocbXor16(&d, &c.sub1)
		c.mac.Encrypt(v[:], d[:])
		clear(b[:])
	}
}

// cmac computes AES-CMAC(K1, msg) (SP 800-38B, RFC 4493) into out.
func (c *AESSIV) cmac(out *[16]byte, msg []byte) {
	var state [16]byte
	c.cmacFinish(out, &state, msg)
}

// cmacFinish completes a CMAC whose state has absorbed whole blocks before
// msg, the rest of the message (it holds the final block; empty only for
// the empty message): the whole blocks before the final one go to the
// CBC-MAC kernel, then the final block is xored with subkey 1 if complete,
// else padded with 10* and xored with subkey 2, and enciphered.
func (c *AESSIV) cmacFinish(out, state *[16]byte, msg []byte) {
	nb := 0
	if len(msg) > 0 {
		nb = (len(msg) - 1) / 16
	}
	if nb > 0 {
		c.mac.CBCMAC(state, msg[:16*nb])
	}
	last := msg[16*nb:]
	var b [16]byte
	copy(b[:], last)
	if len(last) == 16 {
		ocbXor16(&b, &c.sub1)
	} else {
		b[len(last)] = 0x80
		ocbXor16(&b, &c.sub2)
	}
	ocbXor16(state, &b)
	c.mac.Encrypt(out[:], state[:])
}
