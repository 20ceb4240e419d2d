//go:build amd64 && !purego

package aesni

import (
	"github.com/fastaead/fastaead/ghash"
	"github.com/fastaead/fastaead/internal/cpu"
)

// This file declares the stitched AES-GCM kernels that asm/gcm generates
// into gcm_amd64.s:
//
//	go run -C asm ./gcm -out ../aesni/gcm_amd64.s
//
// and dispatches to them on the package tier (kernel, aes_asm.go).
//
// Every kernel has the signature
//
//	gcm{Seal,Open}<TIER>(enc *roundKeys, rounds int, pow, mid *[16][2]uint64,
//		dst, src, ad []byte, ctr, y, tag *[16]byte)
//
// enc holds rounds+1 round keys (rounds 10, 12 or 14); pow is
// ghash.Key.Powers(): pow[i] is K_(16-i), the power H^(16-i) of the hash
// key in POLYVAL's representation (see package ghash), and mid is
// ghash.Key.PowerMids(), their Karatsuba operands. *y is the GHASH
// accumulator in GCM byte order. The kernel runs in one of two modes,
// chosen by whether tag is nil.
//
// Stream mode (tag nil; ad is then empty): Y starts at *y; len(src) bytes
// of src are encrypted (Seal) or decrypted (Open) into dst with CTR from
// *ctr (32-bit big-endian counter in bytes 12..15, wrapping modulo 2^32
// inside them; *ctr advances by ceil(len(src)/16)), the ciphertext (dst
// for Seal, src for Open, partial final block zero-padded) is absorbed
// into Y, and Y is written back to *y.
//
// Message mode (tag not nil): *ctr is the pre-counter block J0, read (as
// two 8-byte halves, so that a J0 written by two 8-byte stores is
// store-forwarded) and not written; y is not used and Y starts at zero.
// The kernel
//
//  1. encrypts J0 and writes E(J0) to *tag (tag may be ctr);
//  2. absorbs ad into Y, its partial final block zero-padded;
//  3. encrypts or decrypts src into dst with CTR from inc32(J0),
//     absorbing the ciphertext into Y as in stream mode;
//  4. absorbs the length block [8 len(ad)]_64 || [8 len(src)]_64 and
//     writes E(J0) XOR S, S the final Y, to *tag.
//
// Open hashes each block of src before it writes the same block of dst,
// so dst may be exactly src.
//
// The caller checks len(dst) >= len(src). No byte outside src[:len(src)],
// dst[:len(src)] and ad[:len(ad)] is read or written (partial blocks go
// through AVX-512BW byte masks on zmm, through a stack slot on the other
// widths; key-derived data left on the stack is cleared before return).
// Every branch depends on lengths, the round count and whether tag is
// nil.
//
// Structure:
//
//	avx512  zmm, VAES + VPCLMULQDQ, 32 blocks (8 registers) per iteration,
//	        one GHASH reduction per 32 blocks (K_17 .. K_32 computed per
//	        call from the table when a full iteration runs)
//	vaes    ymm, VAES + VPCLMULQDQ, 16 blocks (8 registers) per iteration
//	avx2    xmm, VEX AES-NI + PCLMULQDQ, 8 blocks per iteration
//	aesni   xmm, legacy SSE AES-NI + PCLMULQDQ, 8 blocks per iteration
//
// The main loop runs the AES rounds of one batch of counter blocks and,
// interleaved with them, the GHASH multiplications (Karatsuba, with the
// mid operands) of the batch's ciphertext (the previous batch for Seal,
// the same batch for Open), each block times its power of H, summed
// unreduced and reduced once per group. The associated data and the last
// len(src) mod (batch size) bytes are hashed outside the loop, over groups
// of at most 16 blocks; see asm/gcm for the details and the measurements.

// gcmTierRequires lists, per tier, the CPU features that the "//
// Requires:" lines of that tier's GCM kernels name, united (a test checks
// it against gcm_amd64.s). The package tier (tierRequires) does not
// require the carry-less multiply, so the dispatch checks these too.
var gcmTierRequires = []cpu.Kernel{
	{Tier: cpu.AVX512, Requires: []string{"AVX", "AVX512BW", "AVX512F", "AVX512VL", "PCLMULQDQ", "VAES", "VPCLMULQDQ"}},
	{Tier: cpu.VAES, Requires: []string{"AVX", "AVX2", "PCLMULQDQ", "VAES", "VPCLMULQDQ"}},
	{Tier: cpu.AVX2, Requires: []string{"AES", "AVX", "PCLMULQDQ"}},
	{Tier: cpu.AESNI, Requires: []string{"AES", "PCLMULQDQ", "SSE2", "SSSE3"}},
}

// gcmAvail[t] reports whether this CPU runs the GCM kernels of tier t.
var gcmAvail [cpu.AVX512 + 1]bool

func init() {
	for _, k := range gcmTierRequires {
		gcmAvail[k.Tier] = k.Available()
	}
	cpu.RegisterOps("aesni", "gcm")
}

// gcmUseKernel reports whether the GCM kernels run: the package tier has
// them and the CPU has their features.
func gcmUseKernel() bool {
	return kernel != cpu.Generic && int(kernel) < len(gcmAvail) && gcmAvail[kernel]
}

// gcmSealAESNI: legacy SSE xmm, 8 blocks per iteration.
//
//go:noescape
func gcmSealAESNI(enc *roundKeys, rounds int, pow, mid *[ghash.NumPowers][2]uint64, dst, src, ad []byte, ctr, y, tag *[16]byte)

// gcmOpenAESNI: legacy SSE xmm, 8 blocks per iteration.
//
//go:noescape
func gcmOpenAESNI(enc *roundKeys, rounds int, pow, mid *[ghash.NumPowers][2]uint64, dst, src, ad []byte, ctr, y, tag *[16]byte)

// gcmSealAVX2: VEX xmm, 8 blocks per iteration.
//
//go:noescape
func gcmSealAVX2(enc *roundKeys, rounds int, pow, mid *[ghash.NumPowers][2]uint64, dst, src, ad []byte, ctr, y, tag *[16]byte)

// gcmOpenAVX2: VEX xmm, 8 blocks per iteration.
//
//go:noescape
func gcmOpenAVX2(enc *roundKeys, rounds int, pow, mid *[ghash.NumPowers][2]uint64, dst, src, ad []byte, ctr, y, tag *[16]byte)

// gcmSealVAES: VAES and VPCLMULQDQ on ymm, 16 blocks per iteration.
//
//go:noescape
func gcmSealVAES(enc *roundKeys, rounds int, pow, mid *[ghash.NumPowers][2]uint64, dst, src, ad []byte, ctr, y, tag *[16]byte)

// gcmOpenVAES: VAES and VPCLMULQDQ on ymm, 16 blocks per iteration.
//
//go:noescape
func gcmOpenVAES(enc *roundKeys, rounds int, pow, mid *[ghash.NumPowers][2]uint64, dst, src, ad []byte, ctr, y, tag *[16]byte)

// gcmSealAVX512: VAES and VPCLMULQDQ on zmm, 32 blocks per iteration;
// partial registers through AVX-512BW byte masks.
//
//go:noescape
func gcmSealAVX512(enc *roundKeys, rounds int, pow, mid *[ghash.NumPowers][2]uint64, dst, src, ad []byte, ctr, y, tag *[16]byte)

// gcmOpenAVX512: VAES and VPCLMULQDQ on zmm, 32 blocks per iteration.
//
//go:noescape
func gcmOpenAVX512(enc *roundKeys, rounds int, pow, mid *[ghash.NumPowers][2]uint64, dst, src, ad []byte, ctr, y, tag *[16]byte)

// gcmKernel runs the Seal (open false) or Open kernel of the package tier
// in stream mode; the caller has checked gcmUseKernel, the key and the
// lengths.
func gcmKernel(open bool, k *Key, h *ghash.Key, dst, src []byte, ctr, y *[16]byte) {
	pow, mid := h.Powers(), h.PowerMids()
	switch kernel {
	case cpu.AVX512:
		if open {
			gcmOpenAVX512(&k.enc, k.rounds, pow, mid, dst, src, nil, ctr, y, nil)
		} else {
			gcmSealAVX512(&k.enc, k.rounds, pow, mid, dst, src, nil, ctr, y, nil)
		}
	case cpu.VAES:
		if open {
			gcmOpenVAES(&k.enc, k.rounds, pow, mid, dst, src, nil, ctr, y, nil)
		} else {
			gcmSealVAES(&k.enc, k.rounds, pow, mid, dst, src, nil, ctr, y, nil)
		}
	case cpu.AVX2:
		if open {
			gcmOpenAVX2(&k.enc, k.rounds, pow, mid, dst, src, nil, ctr, y, nil)
		} else {
			gcmSealAVX2(&k.enc, k.rounds, pow, mid, dst, src, nil, ctr, y, nil)
		}
	default:
		if open {
			gcmOpenAESNI(&k.enc, k.rounds, pow, mid, dst, src, nil, ctr, y, nil)
		} else {
			gcmSealAESNI(&k.enc, k.rounds, pow, mid, dst, src, nil, ctr, y, nil)
		}
	}
}

func gcmSeal(k *Key, dst, src []byte, ctr *[16]byte, h *ghash.Key, y *[16]byte) {
	if !gcmUseKernel() {
		gcmSealGeneric(k, dst, src, ctr, h, y)
		return
	}
	checkLen(dst, len(src))
	checkKey(k)
	gcmKernel(false, k, h, dst, src, ctr, y)
}

func gcmOpen(k *Key, dst, src []byte, ctr *[16]byte, h *ghash.Key, y *[16]byte) {
	if !gcmUseKernel() {
		gcmOpenGeneric(k, dst, src, ctr, h, y)
		return
	}
	checkLen(dst, len(src))
	checkKey(k)
	gcmKernel(true, k, h, dst, src, ctr, y)
}

// gcmSealMessage and gcmOpenMessage run the message-mode kernel of the
// package tier directly (one call from the exported method to the
// assembly): J0 goes in through the ctr argument and the tag comes out of
// the kernel, with no copies of 16-byte blocks on the Go side.
func gcmSealMessage(k *Key, dst, src, ad []byte, j0 *[16]byte, h *ghash.Key, tag *[16]byte) {
	if !gcmUseKernel() {
		gcmMessageGeneric(k, dst, src, ad, j0, h, tag, false)
		return
	}
	checkLen(dst, len(src))
	checkKey(k)
	pow, mid := h.Powers(), h.PowerMids()
	switch kernel {
	case cpu.AVX512:
		gcmSealAVX512(&k.enc, k.rounds, pow, mid, dst, src, ad, j0, nil, tag)
	case cpu.VAES:
		gcmSealVAES(&k.enc, k.rounds, pow, mid, dst, src, ad, j0, nil, tag)
	case cpu.AVX2:
		gcmSealAVX2(&k.enc, k.rounds, pow, mid, dst, src, ad, j0, nil, tag)
	default:
		gcmSealAESNI(&k.enc, k.rounds, pow, mid, dst, src, ad, j0, nil, tag)
	}
}

func gcmOpenMessage(k *Key, dst, src, ad []byte, j0 *[16]byte, h *ghash.Key, tag *[16]byte) {
	if !gcmUseKernel() {
		gcmMessageGeneric(k, dst, src, ad, j0, h, tag, true)
		return
	}
	checkLen(dst, len(src))
	checkKey(k)
	pow, mid := h.Powers(), h.PowerMids()
	switch kernel {
	case cpu.AVX512:
		gcmOpenAVX512(&k.enc, k.rounds, pow, mid, dst, src, ad, j0, nil, tag)
	case cpu.VAES:
		gcmOpenVAES(&k.enc, k.rounds, pow, mid, dst, src, ad, j0, nil, tag)
	case cpu.AVX2:
		gcmOpenAVX2(&k.enc, k.rounds, pow, mid, dst, src, ad, j0, nil, tag)
	default:
		gcmOpenAESNI(&k.enc, k.rounds, pow, mid, dst, src, ad, j0, nil, tag)
	}
}
