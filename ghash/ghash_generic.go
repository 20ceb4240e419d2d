package ghash

import (
	"github.com/fastaead/fastaead/internal/cpu"
	"github.com/fastaead/fastaead/internal/gf128"
)

// The portable GHASH kernel.
//
// It works in POLYVAL's representation (RFC 8452 Appendix A). A GCM block
// read as two big-endian 64-bit words, hi from bytes 0..7 and lo from
// bytes 8..15, is the byte-reversed block read little-endian: bit j of lo
// is then the coefficient of x^(127-j) of the GCM element, and the
// 128-bit reversal relates GCM's field, mod x^128 + x^7 + x^2 + x + 1, to
// the field mod x^128 + x^127 + x^126 + x^121 + 1 in plain polynomial
// form. There the GHASH product X * H becomes X * K * x^-128 with
// K = mulX_POLYVAL(ByteReverse(H)) (Key.Init), which is POLYVAL's dot: the
// arithmetic is package polyval's, shared in internal/gf128 (holed 64-bit
// multiplies, Karatsuba, one reduction per aggregate blocks, no branch or
// memory index that depends on data or key); only the loads, the stores
// and the key differ.

// aggregate is the number of blocks the generic code absorbs per
// reduction.
const aggregate = gf128.Aggregate

// init sets the key to K_1 = hi x^64 + lo and precomputes the powers
// K_2 .. K_NumPowers and their Karatsuba operands (initPowers: an assembly
// kernel on the amd64 tiers, initPowersGeneric otherwise), and, when the
// package runs the generic code, the generic multiplicands (see Key.gen).
func (k *Key) init(lo, hi uint64) {
	initPowers(k, lo, hi)
	k.genReady = kernel == cpu.Generic
	if k.genReady {
		k.gen.Set(lastPowers(k))
	}
}

// lastPowers returns K_aggregate .. K_1, the tail of the powers table.
func lastPowers(k *Key) *[aggregate][2]uint64 {
	return (*[aggregate][2]uint64)(k.pow[NumPowers-aggregate : NumPowers])
}

// initPowersGeneric sets pow to K_NumPowers .. K_1 from
// K_1 = hi x^64 + lo, in portable Go (gf128.Powers); then pmid from pow.
func initPowersGeneric(k *Key, lo, hi uint64) {
	gf128.Powers(k.pow[:NumPowers], NumPowers, lo, hi)
	for i := range NumPowers {
		m := k.pow[i][0] ^ k.pow[i][1]
		k.pmid[i] = [2]uint64{m, m}
	}
}

// updateGeneric is Key.Update in portable Go.
func updateGeneric(k *Key, y *[16]byte, src []byte) {
	if !k.genReady {
		// Initialised by an assembly tier: prepare the multiplicands here
		// (Update must not write the Key).
		var o gf128.Operands
		o.Set(lastPowers(k))
		updateOperands(&o, y, src)
		return
	}
	updateOperands(&k.gen, y, src)
}

// updateOperands is updateGeneric with the multiplicands o.
func updateOperands(o *gf128.Operands, y *[16]byte, src []byte) {
	s0, s1 := gf128.Load(y[:], true)
	s0, s1 = gf128.Update(o, s0, s1, src, true)
	gf128.Store(y[:], s0, s1, true)
}
