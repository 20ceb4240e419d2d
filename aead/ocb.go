package aead

import (
	"crypto/cipher"
	"crypto/rand"
	"encoding/binary"
	"fmt"

	"github.com/fastaead/fastaead/aesni"
)

const (
	// ocbStdNonceSize is the nonce size Seal and Open take (the size RFC
	// 7253 section 3.1 and Python's AESOCB3 recommend).
	ocbStdNonceSize = 12
	// ocbMinNonceSize and ocbMaxNonceSize bound the nonces Encrypt and
	// Decrypt take: Python's AESOCB3 accepts 12 to 15 bytes, and RFC 7253
	// section 4.2 allows at most 120 bits.
	ocbMinNonceSize = 12
	ocbMaxNonceSize = 15
	// ocbTagSize is TAGLEN/8: fastaead's OCB always uses TAGLEN = 128.
	ocbTagSize = 16
	// ocbTagLen is TAGLEN in bits, which RFC 7253 section 4.2 encodes into
	// the first seven bits of the formatted nonce (modulo 128).
	ocbTagLen = 8 * ocbTagSize
)

// AESOCB3 is OCB3 with AES, RFC 7253, with TAGLEN = 128 (a 16-byte tag).
//
// Key: 16, 24 or 32 bytes (AEAD_AES_128/192/256_OCB_TAGLEN128). Nonce:
// NonceSize() is 12, and Seal and Open require exactly 12 bytes, as
// crypto/cipher does; Encrypt, EncryptInto, Decrypt and DecryptInto take 12
// to 15 bytes, as Python's AESOCB3 does. Tag: 16 bytes, appended to the
// ciphertext. Shorter tags (TAGLEN 96 or 64) are not offered.
//
// Limits: none is checked. RFC 7253 section 3.1 leaves P_MAX, A_MAX and
// C_MAX unbounded; its security considerations (section 5) ask that one key
// process at most 2^48 blocks in all, which is the caller's budget to keep.
//
// OCB decrypts before it can verify: DecryptInto and Open write the
// plaintext into dst, compute the tag and compare it in constant time, and
// zero dst if it does not match. An AESOCB3 holds its expanded key and the
// key-dependent table L_*, L_$, L_0 .. L_63 by value, is immutable after
// construction and is safe for concurrent use.
type AESOCB3 struct {
	block   aesni.Key
	lStar   [16]byte       // L_* = ENCIPHER(K, zeros(128))
	lDollar [16]byte       // L_$ = double(L_*)
	l       aesni.OCBTable // L_i = double^(i+1)(L_$)
}

var _ cipher.AEAD = (*AESOCB3)(nil)

// NewAESOCB3 returns an AESOCB3 keyed with key, which must be 16, 24 or 32
// bytes (else an error wrapping ErrKeySize).
func NewAESOCB3(key []byte) (*AESOCB3, error) {
	switch len(key) {
	case 16, 24, 32:
	default:
		return nil, errKeySize(len(key), "16, 24 or 32")
	}
	if err := kernelErr(); err != nil {
		return nil, err
	}
	c := new(AESOCB3)
	if err := c.block.Init(key); err != nil {
		return nil, errKeySize(len(key), "16, 24 or 32")
	}
	// RFC 7253 section 4.2, key-dependent variables.
	c.block.Encrypt(c.lStar[:], c.lStar[:])
	c.lDollar = c.lStar
	ocbDouble(&c.lDollar)
	c.l[0] = c.lDollar
	ocbDouble(&c.l[0])
	for i := 1; i < len(c.l); i++ {
		c.l[i] = c.l[i-1]
		ocbDouble(&c.l[i])
	}
	return c, nil
}

// GenerateAESOCB3Key returns a new random key of bitLength bits (128, 192 or
// 256; anything else is an error wrapping ErrKeySize) read from
// crypto/rand, as Python's AESOCB3.generate_key does.
func GenerateAESOCB3Key(bitLength int) ([]byte, error) {
	return ocbGenerateKey(bitLength, 128, 192, 256)
}

// ocbGenerateKey returns bitLength/8 random bytes if bitLength is one of
// allowed (the AES-based constructions of this file set share it).
func ocbGenerateKey(bitLength int, allowed ...int) ([]byte, error) {
	ok := false
	for _, a := range allowed {
		ok = ok || a == bitLength
	}
	if !ok {
		return nil, fmt.Errorf("%w: bit length %d, want one of %v", ErrKeySize, bitLength, allowed)
	}
	key := make([]byte, bitLength/8)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	return key, nil
}

// NonceSize returns 12, the nonce size Seal and Open take. Encrypt and
// Decrypt and their Into forms take 12 to 15 bytes.
func (c *AESOCB3) NonceSize() int { return ocbStdNonceSize }

// Overhead returns 16, the tag size in bytes.
func (c *AESOCB3) Overhead() int { return ocbTagSize }

// ocbCheckNonce validates a nonce for Encrypt, Decrypt and the Into forms.
func ocbCheckNonce(nonce []byte) error {
	if len(nonce) < ocbMinNonceSize || len(nonce) > ocbMaxNonceSize {
		return errNonceSize(len(nonce), "12 to 15")
	}
	return nil
}

// Encrypt encrypts and authenticates plaintext and authenticates ad, and
// returns a new slice holding the ciphertext followed by the 16-byte tag.
// The nonce is 12 to 15 bytes and must never repeat under one key.
func (c *AESOCB3) Encrypt(nonce, plaintext, ad []byte) ([]byte, error) {
	if err := ocbCheckNonce(nonce); err != nil {
		return nil, err
	}
	dst := make([]byte, len(plaintext)+ocbTagSize)
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
func (c *AESOCB3) EncryptInto(dst, nonce, plaintext, ad []byte) (int, error) {
	if err := ocbCheckNonce(nonce); err != nil {
		return 0, err
	}
	if err := checkDst(dst, len(plaintext)+ocbTagSize); err != nil {
		return 0, err
	}
	if err := checkOverlap(dst, plaintext, nonce, ad); err != nil {
		return 0, err
	}
	c.seal(dst, nonce, plaintext, ad, ocbTagLen)
	return len(dst), nil
}

// Decrypt decrypts ciphertext (the encrypted message followed by the
// 16-byte tag), authenticates it and ad, and returns the plaintext in a new
// slice. Any mismatch is an error wrapping ErrInvalidTag, and no plaintext
// is returned.
func (c *AESOCB3) Decrypt(nonce, ciphertext, ad []byte) ([]byte, error) {
	if err := ocbCheckNonce(nonce); err != nil {
		return nil, err
	}
	if len(ciphertext) < ocbTagSize {
		return nil, errShort(len(ciphertext), ocbTagSize)
	}
	dst := make([]byte, len(ciphertext)-ocbTagSize)
	if _, err := c.DecryptInto(dst, nonce, ciphertext, ad); err != nil {
		return nil, err
	}
	return dst, nil
}

// DecryptInto is Decrypt writing into dst, which must be exactly
// len(ciphertext)-16 bytes (else ErrBufferSize). dst may start where
// ciphertext starts (in place) but must not otherwise overlap ciphertext,
// nonce or ad (ErrOverlap). OCB decrypts before it verifies: on failure dst
// is zeroed before the error returns. It returns the number of bytes
// written, len(dst), and allocates nothing.
func (c *AESOCB3) DecryptInto(dst, nonce, ciphertext, ad []byte) (int, error) {
	if err := ocbCheckNonce(nonce); err != nil {
		return 0, err
	}
	if len(ciphertext) < ocbTagSize {
		return 0, errShort(len(ciphertext), ocbTagSize)
	}
	if err := checkDst(dst, len(ciphertext)-ocbTagSize); err != nil {
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
// crypto/cipher.AEAD specifies. It panics if the nonce is not 12 bytes or
// if the appended region overlaps plaintext other than exactly, or overlaps
// nonce or ad.
func (c *AESOCB3) Seal(dst, nonce, plaintext, ad []byte) []byte {
	if len(nonce) != ocbStdNonceSize {
		panic("aead: incorrect nonce length given to AESOCB3")
	}
	ret, out := sliceForAppend(dst, len(plaintext)+ocbTagSize)
	if checkOverlap(out, plaintext, nonce, ad) != nil {
		panic("aead: invalid buffer overlap")
	}
	c.seal(out, nonce, plaintext, ad, ocbTagLen)
	return ret
}

// Open decrypts and authenticates ciphertext, appends the plaintext to dst
// and returns the updated slice, as crypto/cipher.AEAD specifies. On
// authentication failure the appended region is zeroed and the error wraps
// ErrInvalidTag. It panics if the nonce is not 12 bytes or if the appended
// region overlaps ciphertext other than exactly, or overlaps nonce or ad.
func (c *AESOCB3) Open(dst, nonce, ciphertext, ad []byte) ([]byte, error) {
	if len(nonce) != ocbStdNonceSize {
		panic("aead: incorrect nonce length given to AESOCB3")
	}
	if len(ciphertext) < ocbTagSize {
		return nil, errShort(len(ciphertext), ocbTagSize)
	}
	ret, out := sliceForAppend(dst, len(ciphertext)-ocbTagSize)
	if checkOverlap(out, ciphertext, nonce, ad) != nil {
		panic("aead: invalid buffer overlap")
	}
	if !c.open(out, nonce, ciphertext, ad) {
		zero(out)
		return nil, ErrInvalidTag
	}
	return ret, nil
}

// offset0 computes Offset_0 from the nonce (RFC 7253 section 4.2,
// nonce-dependent variables) for a tag of tagLen bits:
//
//	Nonce   = num2str(TAGLEN mod 128, 7) || zeros(120-bitlen(N)) || 1 || N
//	bottom  = str2num(Nonce[123..128])
//	Ktop    = ENCIPHER(K, Nonce[1..122] || zeros(6))
//	Stretch = Ktop || (Ktop[1..64] xor Ktop[9..72])
//	Offset_0 = Stretch[1+bottom..128+bottom]
//
// bottom comes from the nonce, which is public, so indexing and shifting
// by it leaks nothing secret. tagLen is always 128 outside the tests.
func (c *AESOCB3) offset0(off *[16]byte, nonce []byte, tagLen int) {
	var nb [16]byte
	copy(nb[16-len(nonce):], nonce)
	nb[15-len(nonce)] |= 1
	nb[0] |= byte(tagLen%128) << 1
	bottom := uint(nb[15] & 0x3f)
	nb[15] &^= 0x3f
	var stretch [24]byte
	c.block.Encrypt(stretch[:16], nb[:])
	for i := 0; i < 8; i++ {
		stretch[16+i] = stretch[i] ^ stretch[i+1]
	}
	by, bi := bottom/8, bottom%8
	for i := uint(0); i < 16; i++ {
		// A shift of a byte by 8 is 0 in Go, so bi == 0 needs no case.
		off[i] = stretch[i+by]<<bi | stretch[i+by+1]>>(8-bi)
	}
	clear(stretch[:])
}

// hash computes HASH(K, A) of RFC 7253 section 4.1 into sum: whole blocks
// through the multi-block kernel, the final partial block A_* here.
func (c *AESOCB3) hash(sum *[16]byte, ad []byte) {
	*sum = [16]byte{}
	var off [16]byte // Offset_0 = zeros(128)
	full := len(ad) &^ 15
	if full > 0 {
		c.block.OCBHash(sum, &off, ad[:full], &c.l, 0)
	}
	if rem := len(ad) - full; rem > 0 {
		// Offset_* = Offset_m xor L_*; Sum ^= ENCIPHER(K, (A_* || 1 ||
		// zeros) xor Offset_*).
		var b [16]byte
		copy(b[:], ad[full:])
		b[rem] = 0x80
		ocbXor16(&off, &c.lStar)
		ocbXor16(&b, &off)
		c.block.Encrypt(b[:], b[:])
		ocbXor16(sum, &b)
	}
}

// seal writes OCB-ENCRYPT(K, N, A, P) to out (len(plaintext)+16 bytes;
// out may start where plaintext starts): the ciphertext, then the tag
// (a full 16-byte block; TAGLEN = tagLen is only varied by the tests,
// which truncate the tag themselves).
func (c *AESOCB3) seal(out, nonce, plaintext, ad []byte, tagLen int) {
	var off, sum [16]byte // Offset_i, Checksum_i
	c.offset0(&off, nonce, tagLen)
	n := len(plaintext)
	full := n &^ 15
	if full > 0 {
		c.block.OCBEncrypt(out[:full], plaintext[:full], &off, &sum, &c.l, 0)
	}
	if rem := n - full; rem > 0 {
		// Offset_* = Offset_m xor L_*; Pad = ENCIPHER(K, Offset_*);
		// C_* = P_* xor Pad[1..bitlen(P_*)];
		// Checksum_* = Checksum_m xor (P_* || 1 || zeros).
		var p, pad [16]byte
		copy(p[:], plaintext[full:])
		p[rem] = 0x80
		ocbXor16(&sum, &p)
		ocbXor16(&off, &c.lStar)
		c.block.Encrypt(pad[:], off[:])
		for i := 0; i < rem; i++ {
			out[full+i] = p[i] ^ pad[i]
		}
		clear(p[:])
		clear(pad[:])
	}
	c.tag(&sum, &off, ad)
	copy(out[n:], sum[:])
}

// tag turns the final checksum into the tag in place:
// Tag = ENCIPHER(K, Checksum xor Offset xor L_$) xor HASH(K, A).
func (c *AESOCB3) tag(sum, off *[16]byte, ad []byte) {
	ocbXor16(sum, off)
	ocbXor16(sum, &c.lDollar)
	c.block.Encrypt(sum[:], sum[:])
	var h [16]byte
	c.hash(&h, ad)
	ocbXor16(sum, &h)
}

// open decrypts ciphertext (message then 16-byte tag) into out
// (len(ciphertext)-16 bytes; out may start where ciphertext starts) and
// reports whether the tag matches, compared in constant time. It does not
// clear out on failure; the callers do.
func (c *AESOCB3) open(out, nonce, ciphertext, ad []byte) bool {
	n := len(ciphertext) - ocbTagSize
	var want [16]byte
	copy(want[:], ciphertext[n:])
	var off, sum [16]byte
	c.offset0(&off, nonce, ocbTagLen)
	full := n &^ 15
	if full > 0 {
		c.block.OCBDecrypt(out[:full], ciphertext[:full], &off, &sum, &c.l, 0)
	}
	if rem := n - full; rem > 0 {
		// P_* = C_* xor Pad[1..bitlen(C_*)];
		// Checksum_* = Checksum_m xor (P_* || 1 || zeros).
		var p, pad [16]byte
		ocbXor16(&off, &c.lStar)
		c.block.Encrypt(pad[:], off[:])
		for i := 0; i < rem; i++ {
			p[i] = ciphertext[full+i] ^ pad[i]
		}
		copy(out[full:], p[:rem])
		p[rem] = 0x80
		ocbXor16(&sum, &p)
		clear(p[:])
		clear(pad[:])
	}
	c.tag(&sum, &off, ad)
	return tagEqual(sum[:], want[:])
}

// ocbDouble sets b to double(b) in GF(2^128) with the polynomial
// x^128 + x^7 + x^2 + x + 1 (RFC 7253 section 2; the same doubling is
// dbl() of RFC 5297 section 2.3 and CMAC's subkey step), in constant time.
func ocbDouble(b *[16]byte) {
	hi := binary.BigEndian.Uint64(b[0:])
	lo := binary.BigEndian.Uint64(b[8:])
	carry := hi >> 63
	hi = hi<<1 | lo>>63
	lo = lo<<1 ^ (0x87 & -carry)
	binary.BigEndian.PutUint64(b[0:], hi)
	binary.BigEndian.PutUint64(b[8:], lo)
}

// ocbXor16 sets dst to dst xor src (shared by ocb.go, siv.go and ccm.go).
func ocbXor16(dst, src *[16]byte) {
	a0 := binary.NativeEndian.Uint64(dst[0:]) ^ binary.NativeEndian.Uint64(src[0:])
	a1 := binary.NativeEndian.Uint64(dst[8:]) ^ binary.NativeEndian.Uint64(src[8:])
	binary.NativeEndian.PutUint64(dst[0:], a0)
	binary.NativeEndian.PutUint64(dst[8:], a1)
}
