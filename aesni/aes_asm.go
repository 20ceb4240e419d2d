//go:build amd64 && !purego

package aesni

import (
	"encoding/binary"

	"github.com/fastaead/fastaead/internal/cpu"
)

// This file declares the amd64 kernels that asm/aes generates into
// aes_amd64.s ("make generate"), and the dispatch that picks one tier for
// the whole package.
//
// Tiers and the kernels each one runs:
//
//	avx512  expandKey*AVX2, ctr32*AVX512  (VAES on zmm, 32 blocks in flight)
//	vaes    expandKey*AVX2, ctr32*VAES    (VAES on ymm, 16 blocks in flight)
//	avx2    expandKey*AVX2, ctr32*AVX2    (AES-NI, VEX xmm, 8 blocks in flight)
//	aesni   expandKey*AESNI, ctr32*AESNI  (AES-NI, legacy SSE, 8 blocks in flight)
//	generic the bitsliced Go code
//
// The other methods (single blocks, ECB, CTR64BE, CBC-MAC, OCB) run the
// generic code on every tier for now.

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
	// run the generic code on every tier).
	cpu.RegisterOps("aesni", "keys", "ctr32")
}

// Key expansion kernels (FIPS 197 section 5.2 with AESKEYGENASSIST, and
// AESIMC for the equivalent inverse cipher keys of section 5.3.5). Each
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

// sliceKeys fills k.sk, the generic code's bitsliced round keys, from
// k.enc, so that a Key expanded by a kernel also works when the package
// switches to the generic tier (tests, FASTAEAD_KERNEL). It packs four
// round keys at a time, one per lane, then copies lane j of each plane
// into all four lanes: the bits of lane j sit at positions = j mod 4, so
// ((plane >> j) & 0x1111...) * 15 replicates each into its nibble.
func sliceKeys(k *Key) {
	for i := k.rounds + 1; i < len(k.sk); i++ {
		k.sk[i] = [8]uint64{}
	}
	for i := 0; i <= k.rounds; i += 4 {
		var q [8]uint64
		for j := 0; j < 4 && i+j <= k.rounds; j++ {
			q[2*j] = binary.LittleEndian.Uint64(k.enc[16*(i+j):])
			q[2*j+1] = binary.LittleEndian.Uint64(k.enc[16*(i+j)+8:])
		}
		pack(&q)
		for j := uint(0); j < 4 && i+int(j) <= k.rounds; j++ {
			const m = 0x1111111111111111
			k.sk[i+int(j)] = [8]uint64{
				(q[0] >> j & m) * 15, (q[1] >> j & m) * 15, (q[2] >> j & m) * 15, (q[3] >> j & m) * 15,
				(q[4] >> j & m) * 15, (q[5] >> j & m) * 15, (q[6] >> j & m) * 15, (q[7] >> j & m) * 15,
			}
		}
	}
}

// checkKey panics on an uninitialised Key, as the generic code does.
func checkKey(k *Key) {
	if k.rounds == 0 {
		panic("aesni: use of uninitialised Key")
	}
}

// xorCTR32BE is Key.XORKeyStreamCTR32BE.
func xorCTR32BE(k *Key, dst, src []byte, ctr *[16]byte) {
	if kernel == cpu.Generic || len(src) == 0 {
		ctrGeneric(k, dst, src, ctr, ctr32BE)
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
	if kernel == cpu.Generic || len(src) == 0 {
		ctrGeneric(k, dst, src, ctr, ctr32LE)
		return
	}
	checkLen(dst, len(src))
	checkKey(k)
	switch kernel {
	case cpu.AVX512:
		ctr32LEAVX512(&k.enc, k.rounds, dst, src, ctr)
	case cpu.VAES:
		ctr32LEVAES(&k.enc, k.rounds, dst, src, ctr)
	case cpu.AVX2:
		ctr32LEAVX2(&k.enc, k.rounds, dst, src, ctr)
	default:
		ctr32LEAESNI(&k.enc, k.rounds, dst, src, ctr)
	}
}
