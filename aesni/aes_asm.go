//go:build amd64 && !purego

package aesni

import (
	"github.com/fastaead/fastaead/internal/cpu"
)

// This file declares the amd64 kernels that asm/aes generates into
// aes_amd64.s ("make generate"), and the dispatch that picks one tier for
// the whole package.
//
// Tiers and the kernels each one runs:
//
//	avx512  expandKey*AVX2, *BlockAVX2, deriveGCMSIVAVX2, ecb*AVX512, ctr32*AVX512
//	        (VAES on zmm, 32 blocks in flight)
//	vaes    expandKey*AVX2, *BlockAVX2, deriveGCMSIVAVX2, ecb*VAES, ctr32*VAES
//	        (VAES on ymm, 16 blocks in flight)
//	avx2    expandKey*AVX2, *BlockAVX2, deriveGCMSIVAVX2, ecb*AVX2, ctr32*AVX2
//	        (AES-NI, VEX xmm, 8 blocks in flight)
//	aesni   expandKey*AESNI, *BlockAESNI, deriveGCMSIVAESNI, ecb*AESNI, ctr32*AESNI
//	        (AES-NI, legacy SSE, 8 blocks in flight)
//	generic the bitsliced Go code
//
// Single blocks and the GCM-SIV key derivation use xmm registers on every
// tier (wider registers would not speed up one to six blocks). The other
// methods (CTR64BE, CBC-MAC, OCB) run the generic code on every tier for
// now.

// roundKeys is the type of Key.enc and Key.dec.
type roundKeys = [16 * (maxRounds + 1)]byte

// kernel is the tier the package runs; cpu.Register sets it at init and
// tests switch it with cpu.SetKernel.
var kernel cpu.Tier

// tierRequires lists, per tier, the CPU features that the "// Requires:"
// lines of that tier's kernels in aes_amd64.s name, united; a test checks
// the two agree.
var tierRequires = []cpu.Kernel{
	{Tier: cpu.AVX512, Requires: []string{"AES", "AVX", "AVX512BW", "AVX512F", "VAES"}},
	{Tier: cpu.VAES, Requires: []string{"AES", "AVX", "AVX2", "VAES"}},
	{Tier: cpu.AVX2, Requires: []string{"AES", "AVX"}},
	{Tier: cpu.AESNI, Requires: []string{"AES", "SSE2", "SSSE3"}},
}

func init() {
	cpu.Register("aesni", &kernel, tierRequires...)
	// The operations with assembly kernels, for aead.Kernels (the others
	// run the generic code on every tier): key expansion, single blocks
	// (Encrypt, Decrypt), ECB (EncryptBlocks, DecryptBlocks), CTR32BE /
	// CTR32LE, and the AES-GCM-SIV per-nonce key derivation.
	cpu.RegisterOps("aesni", "keys", "ctr32", "block", "ecb", "gcmsivkeys")
}

// Key expansion kernels (FIPS 197 section 5.2: AES-128 and AES-256 with
// one AESENCLAST per round key on the serial chain, AES-192 with
// AESKEYGENASSIST; see asm/aes/keys.go; and AESIMC for the equivalent
// inverse cipher keys of section 5.3.5). Each
// writes round keys 0..rounds of enc and dec in the layout Key documents
// and leaves the bytes after them untouched.

// expandKey128AESNI expands a 16-byte key (10 rounds); legacy SSE.
//
//go:noescape
func expandKey128AESNI(enc, dec *roundKeys, key *[16]byte)

// expandKey192AESNI expands a 24-byte key (12 rounds); legacy SSE.
//
//go:noescape
func expandKey192AESNI(enc, dec *roundKeys, key *[24]byte)

// expandKey256AESNI expands a 32-byte key (14 rounds); legacy SSE.
//
//go:noescape
func expandKey256AESNI(enc, dec *roundKeys, key *[32]byte)

// expandKey128AVX2 is expandKey128AESNI with VEX encoding.
//
//go:noescape
func expandKey128AVX2(enc, dec *roundKeys, key *[16]byte)

// expandKey192AVX2 is expandKey192AESNI with VEX encoding.
//
//go:noescape
func expandKey192AVX2(enc, dec *roundKeys, key *[24]byte)

// expandKey256AVX2 is expandKey256AESNI with VEX encoding.
//
//go:noescape
func expandKey256AVX2(enc, dec *roundKeys, key *[32]byte)

// The CTR kernels. Each XORs len(src) bytes of src with the keystream
// E(ctr), E(ctr+1), ... into dst[:len(src)] (len(dst) >= len(src), checked
// by the caller; dst may be exactly src), any length: a final partial
// block uses a prefix of its keystream block, handled inside the kernel
// without reading or writing a byte outside src[:len(src)] and
// dst[:len(src)]. The counter is 32 bits wide and wraps modulo 2^32 inside
// its four bytes; the other twelve bytes of ctr are constant. On return
// the counter in *ctr has advanced by ceil(len(src)/16). enc holds rounds+1
// round keys, rounds in {10, 12, 14}.
//
// CTR32BE kernels take the counter in bytes 12..15, big-endian (GCM, CCM);
// CTR32LE kernels in bytes 0..3, little-endian (GCM-SIV).

// ctr32BEAESNI: legacy SSE xmm, 8 blocks per iteration.
//
//go:noescape
func ctr32BEAESNI(enc *roundKeys, rounds int, dst, src []byte, ctr *[16]byte)

// ctr32LEAESNI: legacy SSE xmm, 8 blocks per iteration.
//
//go:noescape
func ctr32LEAESNI(enc *roundKeys, rounds int, dst, src []byte, ctr *[16]byte)

// ctr32BEAVX2: VEX xmm, 8 blocks per iteration.
//
//go:noescape
func ctr32BEAVX2(enc *roundKeys, rounds int, dst, src []byte, ctr *[16]byte)

// ctr32LEAVX2: VEX xmm, 8 blocks per iteration.
//
//go:noescape
func ctr32LEAVX2(enc *roundKeys, rounds int, dst, src []byte, ctr *[16]byte)

// ctr32BEVAES: VAES ymm, 16 blocks (8 registers of 2) per iteration.
//
//go:noescape
func ctr32BEVAES(enc *roundKeys, rounds int, dst, src []byte, ctr *[16]byte)

// ctr32LEVAES: VAES ymm, 16 blocks per iteration.
//
//go:noescape
func ctr32LEVAES(enc *roundKeys, rounds int, dst, src []byte, ctr *[16]byte)

// ctr32BEAVX512: VAES zmm, 32 blocks (8 registers of 4) per iteration;
// the final partial register uses AVX-512BW byte-masked loads and stores.
//
//go:noescape
func ctr32BEAVX512(enc *roundKeys, rounds int, dst, src []byte, ctr *[16]byte)

// ctr32LEAVX512: VAES zmm, 32 blocks per iteration.
//
//go:noescape
func ctr32LEAVX512(enc *roundKeys, rounds int, dst, src []byte, ctr *[16]byte)

// Single-block kernels: {en,de}cryptBlock<tier>(keys, rounds, dst, src)
// runs one block src through the cipher into dst. keys is enc (the
// encryption round keys) for encryptBlock and dec (the equivalent inverse
// cipher keys) for decryptBlock, rounds+1 round keys, rounds in {10, 12,
// 14}. The block is loaded whole before dst is written, so dst and src may
// overlap in any way.

// encryptBlockAESNI encrypts one block; legacy SSE.
//
//go:noescape
func encryptBlockAESNI(enc *roundKeys, rounds int, dst, src *[16]byte)

// decryptBlockAESNI decrypts one block; legacy SSE.
//
//go:noescape
func decryptBlockAESNI(dec *roundKeys, rounds int, dst, src *[16]byte)

// encryptBlockAVX2 encrypts one block; VEX xmm (tiers avx2, vaes, avx512).
//
//go:noescape
func encryptBlockAVX2(enc *roundKeys, rounds int, dst, src *[16]byte)

// decryptBlockAVX2 decrypts one block; VEX xmm (tiers avx2, vaes, avx512).
//
//go:noescape
func decryptBlockAVX2(dec *roundKeys, rounds int, dst, src *[16]byte)

// The ECB kernels: ecb{Encrypt,Decrypt}<tier>(keys, rounds, dst, src)
// runs each of the len(src)/16 blocks of src through the cipher into the
// same place in dst. len(src) must be a multiple of 16 and len(dst) >=
// len(src) (both checked by the caller); dst may be exactly src, not
// otherwise overlapping. Any number of blocks, including a final partial
// batch, is handled inside the kernel, which reads and writes no byte
// outside src[:len(src)] and dst[:len(src)]. keys and rounds are as for
// the single-block kernels.

// ecbEncryptAESNI: legacy SSE xmm, 8 blocks per iteration.
//
//go:noescape
func ecbEncryptAESNI(enc *roundKeys, rounds int, dst, src []byte)

// ecbDecryptAESNI: legacy SSE xmm, 8 blocks per iteration.
//
//go:noescape
func ecbDecryptAESNI(dec *roundKeys, rounds int, dst, src []byte)

// ecbEncryptAVX2: VEX xmm, 8 blocks per iteration.
//
//go:noescape
func ecbEncryptAVX2(enc *roundKeys, rounds int, dst, src []byte)

// ecbDecryptAVX2: VEX xmm, 8 blocks per iteration.
//
//go:noescape
func ecbDecryptAVX2(dec *roundKeys, rounds int, dst, src []byte)

// ecbEncryptVAES: VAES ymm, 16 blocks (8 registers of 2) per iteration.
//
//go:noescape
func ecbEncryptVAES(enc *roundKeys, rounds int, dst, src []byte)

// ecbDecryptVAES: VAES ymm, 16 blocks per iteration.
//
//go:noescape
func ecbDecryptVAES(dec *roundKeys, rounds int, dst, src []byte)

// ecbEncryptAVX512: VAES zmm, 32 blocks (8 registers of 4) per iteration;
// a final register of 1..3 blocks uses AVX-512 masked loads and stores.
//
//go:noescape
func ecbEncryptAVX512(enc *roundKeys, rounds int, dst, src []byte)

// ecbDecryptAVX512: VAES zmm, 32 blocks per iteration.
//
//go:noescape
func ecbDecryptAVX512(dec *roundKeys, rounds int, dst, src []byte)

// The AES-GCM-SIV key derivation (RFC 8452 section 4), fused with the
// expansion of the derived key: deriveGCMSIV<tier>(kgk, rounds, nonce,
// auth, enc) encrypts the blocks le32(i) || nonce, i = 0..5, under the
// key-generating key (kgk: its rounds+1 encryption round keys); auth gets
// the first 8 bytes of blocks 0 and 1 (the message-authentication key);
// the first 8 bytes of blocks 2, 3 and, for rounds 12 or 14, of 4 and 5
// form the message-encryption key (16, 24 or 32 bytes, the size of the
// kgk; AES-192 takes blocks 2..4), whose encryption round keys 0..rounds
// are written to enc in the layout of Key.enc, and the rest of enc is
// zeroed (all 240 bytes are written). Only the 12 bytes of nonce are
// read.

// deriveGCMSIVAESNI derives the GCM-SIV keys; legacy SSE.
//
//go:noescape
func deriveGCMSIVAESNI(kgk *roundKeys, rounds int, nonce *[12]byte, auth *[16]byte, enc *roundKeys)

// deriveGCMSIVAVX2 derives the GCM-SIV keys; VEX xmm (tiers avx2, vaes,
// avx512).
//
//go:noescape
func deriveGCMSIVAVX2(kgk *roundKeys, rounds int, nonce *[12]byte, auth *[16]byte, enc *roundKeys)

// initKey expands key (16, 24 or 32 bytes, checked by Init) into k.
func initKey(k *Key, key []byte) {
	if kernel == cpu.Generic {
		expandKeyGeneric(k, key)
		return
	}
	k.enc = roundKeys{}
	k.dec = roundKeys{}
	k.rounds = len(key)/4 + 6
	switch kernel {
	case cpu.AESNI:
		switch len(key) {
		case 16:
			expandKey128AESNI(&k.enc, &k.dec, (*[16]byte)(key))
		case 24:
			expandKey192AESNI(&k.enc, &k.dec, (*[24]byte)(key))
		default:
			expandKey256AESNI(&k.enc, &k.dec, (*[32]byte)(key))
		}
	default:
		switch len(key) {
		case 16:
			expandKey128AVX2(&k.enc, &k.dec, (*[16]byte)(key))
		case 24:
			expandKey192AVX2(&k.enc, &k.dec, (*[24]byte)(key))
		default:
			expandKey256AVX2(&k.enc, &k.dec, (*[32]byte)(key))
		}
	}
	sliceKeys(k)
}

// xorCTR32BE is Key.XORKeyStreamCTR32BE.
func xorCTR32BE(k *Key, dst, src []byte, ctr *[16]byte) {
	if kernel == cpu.Generic {
		ctrGeneric(k, dst, src, ctr, ctr32BE)
		return
	}
	if len(src) == 0 {
		return
	}
	checkLen(dst, len(src))
	checkKey(k)
	switch kernel {
	case cpu.AVX512:
		ctr32BEAVX512(&k.enc, k.rounds, dst, src, ctr)
	case cpu.VAES:
		ctr32BEVAES(&k.enc, k.rounds, dst, src, ctr)
	case cpu.AVX2:
		ctr32BEAVX2(&k.enc, k.rounds, dst, src, ctr)
	default:
		ctr32BEAESNI(&k.enc, k.rounds, dst, src, ctr)
	}
}

// xorCTR32LE is Key.XORKeyStreamCTR32LE.
func xorCTR32LE(k *Key, dst, src []byte, ctr *[16]byte) {
	if kernel == cpu.Generic {
		ctrGeneric(k, dst, src, ctr, ctr32LE)
		return
	}
	if len(src) == 0 {
		return
	}
	checkLen(dst, len(src))
	checkKey(k)
	ctr32LEKernel(&k.enc, k.rounds, dst, src, ctr)
}

// ctr32LEKernel runs the CTR32LE kernel of the current (assembly) tier.
func ctr32LEKernel(enc *roundKeys, rounds int, dst, src []byte, ctr *[16]byte) {
	switch kernel {
	case cpu.AVX512:
		ctr32LEAVX512(enc, rounds, dst, src, ctr)
	case cpu.VAES:
		ctr32LEVAES(enc, rounds, dst, src, ctr)
	case cpu.AVX2:
		ctr32LEAVX2(enc, rounds, dst, src, ctr)
	default:
		ctr32LEAESNI(enc, rounds, dst, src, ctr)
	}
}

// encryptBlock is Key.Encrypt.
func encryptBlock(k *Key, dst, src []byte) {
	if kernel == cpu.Generic {
		encryptBlockGeneric(k, dst, src)
		return
	}
	_, _ = dst[15], src[15] // bounds: len, not cap
	d, s := (*[16]byte)(dst[:16]), (*[16]byte)(src[:16])
	checkKey(k)
	encryptBlockKernel(&k.enc, k.rounds, d, s)
}

// encryptBlockKernel runs the single-block kernel of the current (assembly)
// tier.
func encryptBlockKernel(enc *roundKeys, rounds int, dst, src *[16]byte) {
	if kernel == cpu.AESNI {
		encryptBlockAESNI(enc, rounds, dst, src)
	} else {
		encryptBlockAVX2(enc, rounds, dst, src)
	}
}

// decryptBlock is Key.Decrypt.
func decryptBlock(k *Key, dst, src []byte) {
	if kernel == cpu.Generic {
		decryptBlockGeneric(k, dst, src)
		return
	}
	_, _ = dst[15], src[15] // bounds: len, not cap
	d, s := (*[16]byte)(dst[:16]), (*[16]byte)(src[:16])
	checkKey(k)
	if kernel == cpu.AESNI {
		decryptBlockAESNI(&k.dec, k.rounds, d, s)
	} else {
		decryptBlockAVX2(&k.dec, k.rounds, d, s)
	}
}

// encryptBlocks is Key.EncryptBlocks.
func encryptBlocks(k *Key, dst, src []byte) {
	n := len(src) &^ (BlockSize - 1)
	if kernel == cpu.Generic {
		encryptBlocksGeneric(k, dst, src)
		return
	}
	if n == 0 {
		return
	}
	checkLen(dst, n)
	checkKey(k)
	switch kernel {
	case cpu.AVX512:
		ecbEncryptAVX512(&k.enc, k.rounds, dst, src[:n])
	case cpu.VAES:
		ecbEncryptVAES(&k.enc, k.rounds, dst, src[:n])
	case cpu.AVX2:
		ecbEncryptAVX2(&k.enc, k.rounds, dst, src[:n])
	default:
		ecbEncryptAESNI(&k.enc, k.rounds, dst, src[:n])
	}
}

// decryptBlocks is Key.DecryptBlocks.
func decryptBlocks(k *Key, dst, src []byte) {
	n := len(src) &^ (BlockSize - 1)
	if kernel == cpu.Generic {
		decryptBlocksGeneric(k, dst, src)
		return
	}
	if n == 0 {
		return
	}
	checkLen(dst, n)
	checkKey(k)
	switch kernel {
	case cpu.AVX512:
		ecbDecryptAVX512(&k.dec, k.rounds, dst, src[:n])
	case cpu.VAES:
		ecbDecryptVAES(&k.dec, k.rounds, dst, src[:n])
	case cpu.AVX2:
		ecbDecryptAVX2(&k.dec, k.rounds, dst, src[:n])
	default:
		ecbDecryptAESNI(&k.dec, k.rounds, dst, src[:n])
	}
}

// deriveGCMSIV is Key.DeriveGCMSIV.
func deriveGCMSIV(k *Key, nonce *[12]byte, auth *[16]byte, enc *EncKey) {
	if kernel == cpu.Generic {
		deriveGCMSIVGeneric(k, nonce, auth, enc)
		return
	}
	checkKey(k)
	if kernel == cpu.AESNI {
		deriveGCMSIVAESNI(&k.enc, k.rounds, nonce, auth, &enc.enc)
	} else {
		deriveGCMSIVAVX2(&k.enc, k.rounds, nonce, auth, &enc.enc)
	}
	enc.rounds = k.rounds
}

// encKeyEncrypt is EncKey.Encrypt.
func encKeyEncrypt(k *EncKey, dst, src []byte) {
	if kernel == cpu.Generic {
		encKeyEncryptGeneric(k, dst, src)
		return
	}
	_, _ = dst[15], src[15] // bounds: len, not cap
	d, s := (*[16]byte)(dst[:16]), (*[16]byte)(src[:16])
	checkEncKey(k)
	encryptBlockKernel(&k.enc, k.rounds, d, s)
}

// encKeyCTR32LE is EncKey.XORKeyStreamCTR32LE.
func encKeyCTR32LE(k *EncKey, dst, src []byte, ctr *[16]byte) {
	if kernel == cpu.Generic {
		encKeyCTR32LEGeneric(k, dst, src, ctr)
		return
	}
	if len(src) == 0 {
		return
	}
	checkLen(dst, len(src))
	checkEncKey(k)
	ctr32LEKernel(&k.enc, k.rounds, dst, src, ctr)
}
