// Package aesni implements the AES block cipher (FIPS 197) for fastaead:
// the key schedule for 128-, 192- and 256-bit keys, single-block and
// multi-block encryption and decryption, and the multi-block modes that the
// AEAD constructions build on: CTR with a 32-bit big-endian counter (GCM,
// CCM, SP 800-38D), a 32-bit little-endian counter (GCM-SIV, RFC 8452) and a
// 64-bit big-endian counter (SIV, RFC 5297), ECB with OCB3 offsets (RFC 7253)
// and CBC-MAC (CCM, CMAC), and the per-nonce key derivation of AES-GCM-SIV
// (RFC 8452 section 4).
//
// The generic code is constant time. Assembly kernels (AES-NI, VAES) plug in
// behind the same methods.
//
// The generic code is a bitsliced AES (see block_generic.go) that processes
// four blocks per call of its core: it uses no table lookups and no branches
// on secret data, and the multi-block methods feed it four blocks at a time.
package aesni

import "errors"

// BlockSize is the AES block size in bytes.
const BlockSize = 16

// maxRounds is the number of rounds of AES-256, the largest key size.
const maxRounds = 14

// ErrKeySize is returned by Key.Init for a key that is not 16, 24 or 32 bytes.
var ErrKeySize = errors.New("aesni: invalid AES key size")

// Key is an expanded AES key. The zero value is not usable; call Init.
// A Key holds no pointers and may be embedded by value; it is safe for
// concurrent use once initialised.
type Key struct {
	// enc holds the expanded encryption key in FIPS 197 byte order:
	// round key i (i = 0..rounds) is enc[16*i : 16*i+16], the words
	// w[4i..4i+3] of FIPS 197 section 5.2, each stored big-endian. This is
	// the layout AESENC / AESENCLAST read with a plain 16-byte load.
	// Bytes past round key rounds are zero.
	enc [16 * (maxRounds + 1)]byte

	// dec holds the round keys of the "equivalent inverse cipher" (FIPS
	// 197 section 5.3.5), in the order AESDEC / AESDECLAST consume them:
	// dec[16*i : 16*i+16] is round key i of decryption, where
	//
	//	dec round 0      = enc round rounds            (initial AddRoundKey)
	//	dec round i      = InvMixColumns(enc round rounds-i), 0 < i < rounds
	//	dec round rounds = enc round 0                 (AESDECLAST)
	//
	// Bytes past round key rounds are zero.
	dec [16 * (maxRounds + 1)]byte

	// sk holds the bitsliced round keys of the generic code: sk[i] is
	// encryption round key i copied into all four lanes and packed into
	// eight bit planes (see block_generic.go). Entries past rounds are zero.
	sk [maxRounds + 1][8]uint64

	// rounds is 10, 12 or 14; 0 means not initialised.
	rounds int
}

// Init expands key (16, 24 or 32 bytes) into k.
func (k *Key) Init(key []byte) error {
	switch len(key) {
	case 16, 24, 32:
	default:
		return ErrKeySize
	}
	initKey(k, key)
	return nil
}

// Rounds returns 10, 12 or 14.
func (k *Key) Rounds() int { return k.rounds }

// Encrypt encrypts one block from src into dst (each at least 16 bytes,
// else it panics; they may overlap exactly).
func (k *Key) Encrypt(dst, src []byte) { encryptBlock(k, dst, src) }

// Decrypt decrypts one block from src into dst, as Encrypt.
func (k *Key) Decrypt(dst, src []byte) { decryptBlock(k, dst, src) }

// EncryptBlocks encrypts the len(src)/16 whole blocks of src into dst
// (ECB; bytes of src past the last whole block are ignored). len(dst)
// must be at least 16*(len(src)/16), else it panics before writing; dst
// and src may overlap exactly.
func (k *Key) EncryptBlocks(dst, src []byte) { encryptBlocks(k, dst, src) }

// DecryptBlocks decrypts the len(src)/16 whole blocks of src into dst
// (ECB), as EncryptBlocks.
func (k *Key) DecryptBlocks(dst, src []byte) { decryptBlocks(k, dst, src) }

// DeriveGCMSIV derives the per-nonce keys of AES-GCM-SIV (RFC 8452
// section 4) with k as the key-generating key: block i is
// E_k(le32(i) || nonce); auth receives the message-authentication key
// (the first 8 bytes of blocks 0 and 1) and enc the message-encryption
// key (the first 8 bytes of blocks 2 and 3, then 4 for a 24-byte k, then
// 5 for a 32-byte k: a key of k's size), expanded. On the assembly tiers
// it is one kernel call. It allocates nothing.
func (k *Key) DeriveGCMSIV(nonce *[12]byte, auth *[16]byte, enc *EncKey) {
	deriveGCMSIV(k, nonce, auth, enc)
}

// XORKeyStreamCTR32BE XORs src with the CTR keystream into dst (len(dst) >=
// len(src), exact overlap allowed, any length: a partial final block uses a
// prefix of the last keystream block). Keystream block i is E(ctr + i) where
// only the last four bytes of ctr, read as a big-endian uint32, are
// incremented, modulo 2^32 (GCM, CCM). On return ctr holds the counter block
// after the last one used (advanced by ceil(len(src)/16)).
func (k *Key) XORKeyStreamCTR32BE(dst, src []byte, ctr *[16]byte) {
	xorCTR32BE(k, dst, src, ctr)
}

// XORKeyStreamCTR32LE is XORKeyStreamCTR32BE with the counter in the first
// four bytes of the block, little-endian, modulo 2^32 (GCM-SIV, RFC 8452).
func (k *Key) XORKeyStreamCTR32LE(dst, src []byte, ctr *[16]byte) {
	xorCTR32LE(k, dst, src, ctr)
}

// XORKeyStreamCTR64BE is XORKeyStreamCTR32BE with the counter in the last
// eight bytes, big-endian, modulo 2^64 (SIV, RFC 5297, whose cleared bits 31
// and 63 make a 64-bit counter exact for every length SIV allows).
func (k *Key) XORKeyStreamCTR64BE(dst, src []byte, ctr *[16]byte) {
	ctrGeneric(k, dst, src, ctr, ctr64BE)
}

// CBCMAC runs CBC-MAC over len(src)/16 whole blocks: for each block B,
// state = E(state XOR B). len(src) must be a multiple of 16.
func (k *Key) CBCMAC(state *[16]byte, src []byte) {
	cbcMACGeneric(k, state, src)
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
	ocbEncryptGeneric(k, dst, src, offset, checksum, l, start)
}

// OCBDecrypt is the inverse of OCBEncrypt: dst_i = offset ^ D(src_i ^
// offset), checksum ^= dst_i (the plaintext).
func (k *Key) OCBDecrypt(dst, src []byte, offset, checksum *[16]byte, l *OCBTable, start uint64) {
	ocbDecryptGeneric(k, dst, src, offset, checksum, l, start)
}

// OCBHash absorbs len(src)/16 whole blocks of associated data for OCB3
// (RFC 7253 section 4.1, HASH): for block i = start+1, ..., offset ^=
// l[ntz(i)], sum ^= E(src_i ^ offset).
func (k *Key) OCBHash(sum, offset *[16]byte, src []byte, l *OCBTable, start uint64) {
	ocbHashGeneric(k, sum, offset, src, l, start)
}

// checkKey panics on an uninitialised Key, as the generic code does.
func checkKey(k *Key) {
	if k.rounds == 0 {
		panic("aesni: use of uninitialised Key")
	}
}

// EncKey is an expanded AES key that only encrypts: the encryption round
// keys of a Key, in the same layout, without the decryption keys and the
// generic code's bitsliced keys that make a Key six times larger.
// DeriveGCMSIV makes one per message; at 248 bytes it costs little to
// clear on the stack of every AES-GCM-SIV call. The zero value is not
// usable. It holds no pointers and is safe for concurrent use once made.
//
// On the generic tier its methods rebuild the bitsliced keys on every
// call (the generic code is slow anyway); on the assembly tiers they run
// the same kernels as Key's methods.
type EncKey struct {
	// enc holds round keys 0..rounds as Key.enc does; bytes past round
	// key rounds are zero.
	enc [16 * (maxRounds + 1)]byte
	// rounds is 10, 12 or 14; 0 means not made.
	rounds int
}

// Rounds returns 10, 12 or 14.
func (k *EncKey) Rounds() int { return k.rounds }

// Encrypt encrypts one block from src into dst, as Key.Encrypt does.
func (k *EncKey) Encrypt(dst, src []byte) { encKeyEncrypt(k, dst, src) }

// XORKeyStreamCTR32LE is Key.XORKeyStreamCTR32LE under this key: the CTR
// keystream with the counter in the first four bytes of the block,
// little-endian, modulo 2^32 (GCM-SIV), any length, exact overlap allowed.
func (k *EncKey) XORKeyStreamCTR32LE(dst, src []byte, ctr *[16]byte) {
	encKeyCTR32LE(k, dst, src, ctr)
}

// Wipe zeroes k (a best effort: copies the compiler made, in registers or
// spilled, are out of reach).
func (k *EncKey) Wipe() { *k = EncKey{} }

// checkEncKey panics on an EncKey that was never made.
func checkEncKey(k *EncKey) {
	if k.rounds == 0 {
		panic("aesni: use of uninitialised EncKey")
	}
}
