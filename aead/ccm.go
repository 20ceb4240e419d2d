package aead

import (
	"crypto/cipher"
	"encoding/binary"
	"fmt"

	"github.com/fastaead/fastaead/aesni"
)

const (
	// ccmStdNonceSize is the nonce size Seal and Open take: 13 bytes
	// (L = 2), the RFC 3610 test vectors' and Python's documented choice.
	ccmStdNonceSize = 13
	// ccmMinNonceSize and ccmMaxNonceSize bound the nonce n: RFC 3610
	// section 2 has 2 <= L <= 8 with n = 15 - L.
	ccmMinNonceSize = 7
	ccmMaxNonceSize = 13
)

// AESCCM is AES in Counter with CBC-MAC mode, RFC 3610 and NIST SP 800-38C.
//
// Key: 16, 24 or 32 bytes. Tag: 4, 6, 8, 10, 12, 14 or 16 bytes (the M of
// RFC 3610, chosen at construction; Python's default is 16), appended to
// the ciphertext. Nonce: 7 to 13 bytes through Encrypt, EncryptInto,
// Decrypt and DecryptInto (as Python's AESCCM); NonceSize() is 13, and Seal
// and Open require exactly 13 bytes.
//
// Limits (RFC 3610 section 2): the length field is L = 15 - len(nonce)
// bytes, so the plaintext must be shorter than 2^(8L) bytes, else
// ErrTooLarge: under 64 KiB with a 13-byte nonce (so also through Seal),
// under 16 MiB with 12 bytes, no practical limit with 7 or 8. Associated
// data may be up to 2^64-1 bytes, more than a Go slice holds.
//
// CCM decrypts before it can verify: DecryptInto and Open write the
// plaintext into dst, compute the CBC-MAC over it, compare the tag in
// constant time, and zero dst if it does not match. An AESCCM holds its
// expanded key by value, is immutable after construction and is safe for
// concurrent use.
type AESCCM struct {
	block   aesni.Key
	tagSize int
}

var _ cipher.AEAD = (*AESCCM)(nil)

// NewAESCCM returns an AESCCM keyed with key, which must be 16, 24 or 32
// bytes (else an error wrapping ErrKeySize), producing tags of tagSize
// bytes, which must be 4, 6, 8, 10, 12, 14 or 16 (else an error wrapping
// ErrTagSize).
func NewAESCCM(key []byte, tagSize int) (*AESCCM, error) {
	switch len(key) {
	case 16, 24, 32:
	default:
		return nil, errKeySize(len(key), "16, 24 or 32")
	}
	switch tagSize {
	case 4, 6, 8, 10, 12, 14, 16:
	default:
		return nil, fmt.Errorf("%w: got %d bytes, want 4, 6, 8, 10, 12, 14 or 16", ErrTagSize, tagSize)
	}
	if err := kernelErr(); err != nil {
		return nil, err
	}
	c := &AESCCM{tagSize: tagSize}
	if err := c.block.Init(key); err != nil {
		return nil, errKeySize(len(key), "16, 24 or 32")
	}
	return c, nil
}

// GenerateAESCCMKey returns a new random key of bitLength bits (128, 192 or
// 256; anything else is an error wrapping ErrKeySize) read from
// crypto/rand, as Python's AESCCM.generate_key does.
func GenerateAESCCMKey(bitLength int) ([]byte, error) {
	return ocbGenerateKey(bitLength, 128, 192, 256)
}

// NonceSize returns 13, the nonce size Seal and Open take. Encrypt and
// Decrypt and their Into forms take 7 to 13 bytes.
func (c *AESCCM) NonceSize() int { return ccmStdNonceSize }

// Overhead returns the tag size in bytes given to NewAESCCM.
func (c *AESCCM) Overhead() int { return c.tagSize }

// ccmCheck validates the nonce size and the RFC 3610 limit on a message of
// msgLen bytes (negative for a ciphertext shorter than the tag, which the
// callers report afterwards).
func ccmCheck(nonce []byte, msgLen int) error {
	if len(nonce) < ccmMinNonceSize || len(nonce) > ccmMaxNonceSize {
		return errNonceSize(len(nonce), "7 to 13")
	}
	if l := 15 - len(nonce); l < 8 && msgLen > 0 && uint64(msgLen) >= 1<<(8*l) {
		return fmt.Errorf("%w: message is %d bytes, a %d-byte nonce allows fewer than 2^%d", ErrTooLarge, msgLen, len(nonce), 8*l)
	}
	return nil
}

// Encrypt encrypts and authenticates plaintext and authenticates ad, and
// returns a new slice holding the ciphertext followed by the tag. The
// nonce is 7 to 13 bytes and must never repeat under one key.
func (c *AESCCM) Encrypt(nonce, plaintext, ad []byte) ([]byte, error) {
	if err := ccmCheck(nonce, len(plaintext)); err != nil {
		return nil, err
	}
	dst := make([]byte, len(plaintext)+c.tagSize)
	if _, err := c.EncryptInto(dst, nonce, plaintext, ad); err != nil {
		return nil, err
	}
	return dst, nil
}

// EncryptInto is Encrypt writing into dst, which must be exactly
// len(plaintext)+Overhead() bytes (else ErrBufferSize). dst may start where
// plaintext starts (in place) but must not otherwise overlap plaintext,
// nonce or ad (ErrOverlap). It returns the number of bytes written,
// len(dst), and allocates nothing.
func (c *AESCCM) EncryptInto(dst, nonce, plaintext, ad []byte) (int, error) {
	if err := ccmCheck(nonce, len(plaintext)); err != nil {
		return 0, err
	}
	if err := checkDst(dst, len(plaintext)+c.tagSize); err != nil {
		return 0, err
	}
	if err := checkOverlap(dst, plaintext, nonce, ad); err != nil {
		return 0, err
	}
	c.seal(dst, nonce, plaintext, ad)
	return len(dst), nil
}

// Decrypt decrypts ciphertext (the encrypted message followed by the tag),
// authenticates it and ad, and returns the plaintext in a new slice. Any
// mismatch is an error wrapping ErrInvalidTag, and no plaintext is
// returned.
func (c *AESCCM) Decrypt(nonce, ciphertext, ad []byte) ([]byte, error) {
	if err := ccmCheck(nonce, len(ciphertext)-c.tagSize); err != nil {
		return nil, err
	}
	if len(ciphertext) < c.tagSize {
		return nil, errShort(len(ciphertext), c.tagSize)
	}
	dst := make([]byte, len(ciphertext)-c.tagSize)
	if _, err := c.DecryptInto(dst, nonce, ciphertext, ad); err != nil {
		return nil, err
	}
	return dst, nil
}

// DecryptInto is Decrypt writing into dst, which must be exactly
// len(ciphertext)-Overhead() bytes (else ErrBufferSize). dst may start
// where ciphertext starts (in place) but must not otherwise overlap
// ciphertext, nonce or ad (ErrOverlap). CCM decrypts before it verifies: on
// failure dst is zeroed before the error returns. It returns the number of
// bytes written, len(dst), and allocates nothing.
func (c *AESCCM) DecryptInto(dst, nonce, ciphertext, ad []byte) (int, error) {
	if err := ccmCheck(nonce, len(ciphertext)-c.tagSize); err != nil {
		return 0, err
	}
	if len(ciphertext) < c.tagSize {
		return 0, errShort(len(ciphertext), c.tagSize)
	}
	if err := checkDst(dst, len(ciphertext)-c.tagSize); err != nil {
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
// crypto/cipher.AEAD specifies. It panics if the nonce is not 13 bytes, if
// the plaintext is 64 KiB or longer (the limit a 13-byte nonce leaves), or
// if the appended region overlaps plaintext other than exactly, or
// overlaps nonce or ad.
func (c *AESCCM) Seal(dst, nonce, plaintext, ad []byte) []byte {
	if len(nonce) != ccmStdNonceSize {
		panic("aead: incorrect nonce length given to AESCCM")
	}
	if ccmCheck(nonce, len(plaintext)) != nil {
		panic("aead: message too large for AESCCM with a 13-byte nonce")
	}
	ret, out := sliceForAppend(dst, len(plaintext)+c.tagSize)
	if checkOverlap(out, plaintext, nonce, ad) != nil {
		panic("aead: invalid buffer overlap")
	}
	c.seal(out, nonce, plaintext, ad)
	return ret
}

// Open decrypts and authenticates ciphertext, appends the plaintext to dst
// and returns the updated slice, as crypto/cipher.AEAD specifies. On
// authentication failure the appended region is zeroed and the error wraps
// ErrInvalidTag; a ciphertext over the limit is an error wrapping
// ErrTooLarge. It panics if the nonce is not 13 bytes or if the appended
// region overlaps ciphertext other than exactly, or overlaps nonce or ad.
func (c *AESCCM) Open(dst, nonce, ciphertext, ad []byte) ([]byte, error) {
	if len(nonce) != ccmStdNonceSize {
		panic("aead: incorrect nonce length given to AESCCM")
	}
	if err := ccmCheck(nonce, len(ciphertext)-c.tagSize); err != nil {
		return nil, err
	}
	if len(ciphertext) < c.tagSize {
		return nil, errShort(len(ciphertext), c.tagSize)
	}
	ret, out := sliceForAppend(dst, len(ciphertext)-c.tagSize)
	if checkOverlap(out, ciphertext, nonce, ad) != nil {
		panic("aead: invalid buffer overlap")
	}
	if !c.open(out, nonce, ciphertext, ad) {
		zero(out)
		return nil, ErrInvalidTag
	}
	return ret, nil
}

// seal writes the ciphertext and the tag to out (len(plaintext)+tagSize
// bytes; out may start where plaintext starts). The CBC-MAC reads the
// whole plaintext before CTR overwrites it, so in place works.
func (c *AESCCM) seal(out, nonce, plaintext, ad []byte) {
	var x [16]byte
	c.mac(&x, nonce, ad, plaintext)
	var ctr, s0 [16]byte
	ccmCounter(&ctr, nonce)
	c.block.Encrypt(s0[:], ctr[:]) // S_0 = E(K, A_0)
	ctr[15] = 1                    // A_1
	n := len(plaintext)
	c.ctrXOR(out[:n], plaintext, &ctr, 15-len(nonce))
	for i := 0; i < c.tagSize; i++ {
		out[n+i] = x[i] ^ s0[i]
	}
	clear(x[:])
	clear(s0[:])
}

// open decrypts ciphertext (message then tag) into out
// (len(ciphertext)-tagSize bytes; out may start where ciphertext starts),
// computes the CBC-MAC over the recovered plaintext and reports whether
// the tag matches, compared in constant time. It does not clear out on
// failure; the callers do.
func (c *AESCCM) open(out, nonce, ciphertext, ad []byte) bool {
	n := len(ciphertext) - c.tagSize
	var want [16]byte
	copy(want[:], ciphertext[n:]) // the tag lies past out; copied anyway
	var ctr, s0 [16]byte
	ccmCounter(&ctr, nonce)
	c.block.Encrypt(s0[:], ctr[:])
	ctr[15] = 1
	c.ctrXOR(out, ciphertext[:n], &ctr, 15-len(nonce))
	var x [16]byte
	c.mac(&x, nonce, ad, out)
	ocbXor16(&x, &s0)
	ok := tagEqual(x[:c.tagSize], want[:c.tagSize])
	clear(x[:])
	clear(s0[:])
	return ok
}

// ccmCounter sets ctr to A_0 = Flags || Nonce || 0 (RFC 3610 section 2.3),
// where Flags = L-1 and the counter field is the last L = 15-len(nonce)
// bytes.
func ccmCounter(ctr *[16]byte, nonce []byte) {
	*ctr = [16]byte{}
	ctr[0] = byte(14 - len(nonce))
	copy(ctr[1:], nonce)
}

// ctrXOR runs CTR from the counter block ctr over src into dst (exact
// overlap allowed) and leaves in ctr the block after the last one used.
// The counter field of CCM is the last l bytes (2 to 8), but the kernel
// increments only the last four, modulo 2^32; this is exact:
//
//   - l <= 4: a message shorter than 2^(8l) bytes (ccmCheck) has at most
//     2^(8l-4) blocks, so the counters used, 1 .. 2^(8l-4), stay below
//     2^(8l) and never carry out of the l-byte field, let alone into the
//     nonce bytes that a 32-bit increment covers when l is 2 or 3.
//   - l > 4: a message longer than 2^36-16 bytes (more than 2^32-1
//     blocks after counter 1) would carry out of the low 32 bits, so the
//     message is cut where the low word wraps to zero and the carry is
//     propagated into the rest of the l-byte field here.
//
// The counter and the lengths are public; the branches leak nothing.
func (c *AESCCM) ctrXOR(dst, src []byte, ctr *[16]byte, l int) {
	for len(src) > 0 {
		left := (1<<32 - uint64(binary.BigEndian.Uint32(ctr[12:]))) * 16
		chunk := len(src)
		if uint64(chunk) > left {
			chunk = int(left)
		}
		c.block.XORKeyStreamCTR32BE(dst[:chunk], src[:chunk], ctr)
		dst, src = dst[chunk:], src[chunk:]
		if binary.BigEndian.Uint32(ctr[12:]) == 0 {
			for i := 11; i >= 16-l; i-- {
				ctr[i]++
				if ctr[i] != 0 {
					break
				}
			}
		}
	}
}

// mac computes the CBC-MAC X_{n+1} of RFC 3610 section 2.2 into x:
// B_0 = Flags || Nonce || l(m), then (if there is associated data) the
// encoded l(a) followed by the associated data, zero-padded to a block
// boundary, then the message, zero-padded. Whole blocks go to the CBC-MAC
// kernel straight from the inputs; only the first AD block and the padded
// final blocks are assembled here.
func (c *AESCCM) mac(x *[16]byte, nonce, ad, msg []byte) {
	l := 15 - len(nonce)
	var b [16]byte
	// Flags = 64*Adata + 8*M' + L', M' = (M-2)/2, L' = L-1.
	b[0] = byte((c.tagSize-2)/2)<<3 | byte(l-1)
	if len(ad) > 0 {
		b[0] |= 0x40
	}
	copy(b[1:], nonce)
	m := uint64(len(msg))
	for i := 15; i >= 16-l; i-- {
		b[i] = byte(m)
		m >>= 8
	}
	*x = [16]byte{}
	c.block.CBCMAC(x, b[:])
	if len(ad) > 0 {
		// l(a): 2 bytes if 0 < l(a) < 2^16-2^8; 0xff 0xfe and 4 bytes if
		// l(a) < 2^32; 0xff 0xff and 8 bytes otherwise.
		b = [16]byte{}
		a := uint64(len(ad))
		var h int
		switch {
		case a < 1<<16-1<<8:
			binary.BigEndian.PutUint16(b[0:], uint16(a))
			h = 2
		case a <= 1<<32-1:
			b[0], b[1] = 0xff, 0xfe
			binary.BigEndian.PutUint32(b[2:], uint32(a))
			h = 6
		default:
			b[0], b[1] = 0xff, 0xff
			binary.BigEndian.PutUint64(b[2:], a)
			h = 10
		}
		k := copy(b[h:], ad)
		c.block.CBCMAC(x, b[:])
		c.macPadded(x, ad[k:])
	}
	c.macPadded(x, msg)
}

// macPadded absorbs data, zero-padded to a whole number of blocks.
func (c *AESCCM) macPadded(x *[16]byte, data []byte) {
	full := len(data) &^ 15
	if full > 0 {
		c.block.CBCMAC(x, data[:full])
	}
	if rem := len(data) - full; rem > 0 {
		var b [16]byte
		copy(b[:], data[full:])
		c.block.CBCMAC(x, b[:])
	}
}
