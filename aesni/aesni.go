// Package aesni implements the AES block cipher (FIPS 197) for fastaead:
// the key schedule for 128-, 192- and 256-bit keys, single-block and
// multi-block encryption and decryption, and the multi-block modes that the
// AEAD constructions build on: CTR with a 32-bit big-endian counter (GCM,
// CCM, SP 800-38D), a 32-bit little-endian counter (GCM-SIV, RFC 8452) and a
// 64-bit big-endian counter (SIV, RFC 5297), ECB with OCB3 offsets (RFC 7253)
// and CBC-MAC (CCM, CMAC).
//
// The generic code is constant time. Assembly kernels (AES-NI, VAES) plug in
// behind the same methods.
package aesni

import (
	"crypto/aes" // TEMPORARY backend until the constant-time generic AES lands.
	"crypto/cipher"
	"errors"
)

// BlockSize is the AES block size in bytes.
const BlockSize = 16

// ErrKeySize is returned by Key.Init for a key that is not 16, 24 or 32 bytes.
var ErrKeySize = errors.New("aesni: invalid AES key size")

// Key is an expanded AES key. The zero value is not usable; call Init.
// A Key holds no pointers and may be embedded by value; it is safe for
// concurrent use once initialised.
type Key struct {
	rounds int
	b      cipher.Block
}

// Init expands key (16, 24 or 32 bytes) into k.
func (k *Key) Init(key []byte) error {
	switch len(key) {
	case 16:
		k.rounds = 10
	case 24:
		k.rounds = 12
	case 32:
		k.rounds = 14
	default:
		return ErrKeySize
	}
	b, _ := aes.NewCipher(key)
	k.b = b
	return nil
}

// Rounds returns 10, 12 or 14.
func (k *Key) Rounds() int { return k.rounds }

// Encrypt encrypts one block from src into dst (each at least 16 bytes; they
// may overlap exactly).
func (k *Key) Encrypt(dst, src []byte) { k.b.Encrypt(dst, src) }

// Decrypt decrypts one block from src into dst.
func (k *Key) Decrypt(dst, src []byte) { k.b.Decrypt(dst, src) }

// EncryptBlocks encrypts len(src)/16 blocks (ECB). len(src) must be a
// multiple of 16 and len(dst) >= len(src); dst and src may overlap exactly.
func (k *Key) EncryptBlocks(dst, src []byte) {
	for i := 0; i+16 <= len(src); i += 16 {
		k.b.Encrypt(dst[i:], src[i:])
	}
}

// DecryptBlocks decrypts len(src)/16 blocks (ECB), as EncryptBlocks.
func (k *Key) DecryptBlocks(dst, src []byte) {
	for i := 0; i+16 <= len(src); i += 16 {
		k.b.Decrypt(dst[i:], src[i:])
	}
}

// XORKeyStreamCTR32BE XORs src with the CTR keystream into dst (len(dst) >=
// len(src), exact overlap allowed, any length: a partial final block uses a
// prefix of the last keystream block). Keystream block i is E(ctr + i) where
// only the last four bytes of ctr, read as a big-endian uint32, are
// incremented, modulo 2^32 (GCM, CCM). On return ctr holds the counter block
// after the last one used (advanced by ceil(len(src)/16)).
func (k *Key) XORKeyStreamCTR32BE(dst, src []byte, ctr *[16]byte) {
	k.ctr(dst, src, ctr, inc32BE)
}

// XORKeyStreamCTR32LE is XORKeyStreamCTR32BE with the counter in the first
// four bytes of the block, little-endian, modulo 2^32 (GCM-SIV, RFC 8452).
func (k *Key) XORKeyStreamCTR32LE(dst, src []byte, ctr *[16]byte) {
	k.ctr(dst, src, ctr, inc32LE)
}

// XORKeyStreamCTR64BE is XORKeyStreamCTR32BE with the counter in the last
// eight bytes, big-endian, modulo 2^64 (SIV, RFC 5297, whose cleared bits 31
// and 63 make a 64-bit counter exact for every length SIV allows).
func (k *Key) XORKeyStreamCTR64BE(dst, src []byte, ctr *[16]byte) {
	k.ctr(dst, src, ctr, inc64BE)
}

func inc32BE(c *[16]byte) {
	for i := 15; i >= 12; i-- {
		c[i]++
		if c[i] != 0 {
			return
		}
	}
}

func inc32LE(c *[16]byte) {
	for i := 0; i < 4; i++ {
		c[i]++
		if c[i] != 0 {
			return
		}
	}
}

func inc64BE(c *[16]byte) {
	for i := 15; i >= 8; i-- {
		c[i]++
		if c[i] != 0 {
			return
		}
	}
}

func (k *Key) ctr(dst, src []byte, ctr *[16]byte, inc func(*[16]byte)) {
	var ks [16]byte
	for len(src) > 0 {
		k.b.Encrypt(ks[:], ctr[:])
		inc(ctr)
		n := min(len(src), 16)
		for i := 0; i < n; i++ {
			dst[i] = src[i] ^ ks[i]
		}
		dst, src = dst[n:], src[n:]
	}
}

// CBCMAC runs CBC-MAC over len(src)/16 whole blocks: for each block B,
// state = E(state XOR B). len(src) must be a multiple of 16.
func (k *Key) CBCMAC(state *[16]byte, src []byte) {
	for i := 0; i+16 <= len(src); i += 16 {
		for j := 0; j < 16; j++ {
			state[j] ^= src[i+j]
		}
		k.b.Encrypt(state[:], state[:])
	}
}

// OCBTable holds L_0 .. L_63 of RFC 7253 (L_i = double^i(L_$) ... see
// RFC 7253 section 4.1), indexed by ntz(block index).
type OCBTable = [64][16]byte

// OCBEncrypt encrypts len(src)/16 whole blocks for OCB3 (RFC 7253 section
// 4.2). Blocks are numbered from start+1: for block i, offset ^= l[ntz(i)],
// dst_i = offset ^ E(src_i ^ offset), checksum ^= src_i. offset and checksum
// are updated in place. len(src) must be a multiple of 16; exact overlap is
// allowed.
func (k *Key) OCBEncrypt(dst, src []byte, offset, checksum *[16]byte, l *OCBTable, start uint64) {
	var t [16]byte
	for i := 0; i+16 <= len(src); i += 16 {
		start++
		xor16(offset, &l[ntz(start)])
		for j := 0; j < 16; j++ {
			checksum[j] ^= src[i+j]
			t[j] = src[i+j] ^ offset[j]
		}
		k.b.Encrypt(t[:], t[:])
		for j := 0; j < 16; j++ {
			dst[i+j] = t[j] ^ offset[j]
		}
	}
}

// OCBDecrypt is the inverse of OCBEncrypt: dst_i = offset ^ D(src_i ^
// offset), checksum ^= dst_i (the plaintext).
func (k *Key) OCBDecrypt(dst, src []byte, offset, checksum *[16]byte, l *OCBTable, start uint64) {
	var t [16]byte
	for i := 0; i+16 <= len(src); i += 16 {
		start++
		xor16(offset, &l[ntz(start)])
		for j := 0; j < 16; j++ {
			t[j] = src[i+j] ^ offset[j]
		}
		k.b.Decrypt(t[:], t[:])
		for j := 0; j < 16; j++ {
			dst[i+j] = t[j] ^ offset[j]
			checksum[j] ^= dst[i+j]
		}
	}
}

// OCBHash absorbs len(src)/16 whole blocks of associated data for OCB3
// (RFC 7253 section 4.1, HASH): for block i = start+1, ..., offset ^=
// l[ntz(i)], sum ^= E(src_i ^ offset).
func (k *Key) OCBHash(sum, offset *[16]byte, src []byte, l *OCBTable, start uint64) {
	var t [16]byte
	for i := 0; i+16 <= len(src); i += 16 {
		start++
		xor16(offset, &l[ntz(start)])
		for j := 0; j < 16; j++ {
			t[j] = src[i+j] ^ offset[j]
		}
		k.b.Encrypt(t[:], t[:])
		xor16(sum, &t)
	}
}

func xor16(a, b *[16]byte) {
	for i := range a {
		a[i] ^= b[i]
	}
}

func ntz(x uint64) int {
	n := 0
	for x&1 == 0 && n < 63 {
		x >>= 1
		n++
	}
	return n
}
