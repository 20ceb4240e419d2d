//go:build amd64 && !purego

package polyval

import "github.com/fastaead/fastaead/internal/cpu"

// This file declares the amd64 kernels that asm/ghash generates into
// polyval_amd64.s ("make generate"), and the dispatch that picks one tier
// for the whole package.
//
// Tiers and the kernels each one runs:
//
//	avx512  updateAVX512, initAVX512  (VPCLMULQDQ on zmm, 32 or 16 blocks per reduction)
//	vaes    updateVAES, initVAES      (VPCLMULQDQ on ymm, 16 blocks per reduction)
//	avx2    updateAVX2, initAVX2      (PCLMULQDQ, VEX xmm, 8 blocks per reduction)
//	aesni   updateAESNI, initAESNI    (PCLMULQDQ, legacy SSE, 8 blocks per reduction)
//
// Every kernel multiplies by Karatsuba (three carry-less multiplies per
// block, with the operands in tables.pmid) and sums the unreduced products
// of a group before one reduction; asm/internal/aesasm/gf.go documents the
// arithmetic and the measurements behind these choices.
//	generic the portable Go code (polyval_generic.go)

// kernel is the tier the package runs; cpu.Register sets it at init and
// tests switch it with cpu.SetKernel.
var kernel cpu.Tier

// tierRequires lists, per tier, the CPU features that the "// Requires:"
// lines of that tier's kernels in polyval_amd64.s name, united; a test
// checks the two agree.
var tierRequires = []cpu.Kernel{
	{Tier: cpu.AVX512, Requires: []string{"AVX", "AVX512BW", "AVX512F", "AVX512VL", "PCLMULQDQ", "VPCLMULQDQ"}},
	{Tier: cpu.VAES, Requires: []string{"AVX", "AVX2", "PCLMULQDQ", "VPCLMULQDQ"}},
	{Tier: cpu.AVX2, Requires: []string{"AVX", "PCLMULQDQ"}},
	{Tier: cpu.AESNI, Requires: []string{"PCLMULQDQ", "SSE2"}},
}

func init() {
	cpu.Register("polyval", &kernel, tierRequires...)
	cpu.RegisterOps("polyval", "update", "init")
}

// The update kernels absorb src into the POLYVAL accumulator s with the tables t,
// exactly as updateGeneric does: for each 16-byte block X,
// s = (s XOR X) * H, a partial final block zero-padded, any length (0
// leaves s unchanged). They read no byte outside src[:len(src)], *t and
// *s, and write only *s. Groups of g blocks are absorbed with one
// reduction, block i multiplied by pow[NumPowers-g+i] (highest power
// first); the tail of fewer blocks, and the zero-padded partial block, are
// one last shorter group handled inside the kernel (no per-block Go loop).
// The tails read whole registers of powers starting anywhere in the table,
// so up to three entries past its end (powTable's zero pad). Blocks and s are little-endian
// field elements as they stand.
// Branches depend on len(src) only.

// updateAESNI: legacy SSE xmm, 8 blocks per reduction.
//
//go:noescape
func updateAESNI(t *tables, s *[16]byte, src []byte)

// updateAVX2: VEX xmm, 8 blocks per reduction.
//
//go:noescape
func updateAVX2(t *tables, s *[16]byte, src []byte)

// updateVAES: VPCLMULQDQ on ymm (2 blocks per register), 16 blocks per
// reduction.
//
//go:noescape
func updateVAES(t *tables, s *[16]byte, src []byte)

// updateAVX512: VPCLMULQDQ on zmm (4 blocks per register), the powers
// held in registers; from 512 bytes on it computes H_17 .. H_32 (about 40
// cycles) and absorbs 32 blocks per reduction, then 16; the final partial
// register is read with an AVX-512BW byte-masked load.
//
//go:noescape
func updateAVX512(t *tables, s *[16]byte, src []byte)

// The init kernels set pow to H_NumPowers .. H_1 from H_1 = hi x^64 + lo
// (an argument, not read from the table: a wide load of two narrow Go
// stores would stall on store forwarding), by doubling: H_2 = H_1 * H_1,
// then H_(s+1..2s) = H_(1..s) * H_s for s = 2, 4, 8, the s products of a
// step in parallel (one register of up to four lanes at the wide widths);
// and pmid, the Karatsuba operands of the powers. When n <= 8 they stop
// after H_8 .. H_1 (pow[8:], pmid[8:]) and leave the entries above alone.
// They write nothing else.

// initAESNI: legacy SSE xmm.
//
//go:noescape
func initAESNI(t *tables, lo, hi uint64, n int)

// initAVX2: VEX xmm.
//
//go:noescape
func initAVX2(t *tables, lo, hi uint64, n int)

// initVAES: VPCLMULQDQ on ymm from the s = 2 step on.
//
//go:noescape
func initVAES(t *tables, lo, hi uint64, n int)

// initAVX512: VPCLMULQDQ on zmm from the s = 4 step on.
//
//go:noescape
func initAVX512(t *tables, lo, hi uint64, n int)

// update absorbs src into s with key k (Key.Update).
func update(k *Key, s *[16]byte, src []byte) {
	switch kernel {
	case cpu.AVX512:
		updateAVX512(&k.tables, s, src)
	case cpu.VAES:
		updateVAES(&k.tables, s, src)
	case cpu.AVX2:
		updateAVX2(&k.tables, s, src)
	case cpu.AESNI:
		updateAESNI(&k.tables, s, src)
	default:
		updateGeneric(k, s, src)
	}
}

// initPowers fills the last n entries (8 or NumPowers) of k.pow with
// H_n .. H_1 from H_1 = hi x^64 + lo, and those of k.pmid.
func initPowers(k *Key, lo, hi uint64, n int) {
	switch kernel {
	case cpu.AVX512:
		initAVX512(&k.tables, lo, hi, n)
	case cpu.VAES:
		initVAES(&k.tables, lo, hi, n)
	case cpu.AVX2:
		initAVX2(&k.tables, lo, hi, n)
	case cpu.AESNI:
		initAESNI(&k.tables, lo, hi, n)
	default:
		initPowersGeneric(k, lo, hi, n)
	}
}

// maxGroup returns the most powers of the key the package's current tier
// reads for an input of n bytes: one per block, up to the largest group
// its kernel absorbs per reduction (the zmm kernel's 32-block loop derives
// H_17 .. H_32 from all 16).
func maxGroup(n int) int {
	g := aggregate
	switch kernel {
	case cpu.AVX512, cpu.VAES:
		g = 16
	case cpu.AVX2, cpu.AESNI:
		g = 8
	}
	return min(g, (n+BlockSize-1)/BlockSize)
}
