package polyval

import (
	"github.com/fastaead/fastaead/internal/gf128"
)

// The portable POLYVAL kernel: the constant-time field arithmetic of
// internal/gf128 (holed 64-bit multiplies, Karatsuba, one reduction per
// aggregate blocks), with blocks and the accumulator read as two
// little-endian 64-bit words.

// aggregate is the number of blocks the generic code absorbs per
// reduction.
const aggregate = gf128.Aggregate

// init sets the key to H_1 = hi x^64 + lo and precomputes the powers
// H_2 .. H_n (n is 8 or NumPowers) and their Karatsuba operands
// (initPowers: an assembly kernel on the amd64 tiers, initPowersGeneric
// otherwise).
func (k *Key) init(lo, hi uint64, n int) {
	initPowers(k, lo, hi, n)
	k.npow = n
}

// initPowersGeneric sets pow[NumPowers-n:] to H_n .. H_1 from
// H_1 = hi x^64 + lo, in portable Go (gf128.Powers), then the same
// entries of pmid.
func initPowersGeneric(k *Key, lo, hi uint64, n int) {
	gf128.Powers(k.pow[:NumPowers], n, lo, hi)
	for i := NumPowers - n; i < NumPowers; i++ {
		m := k.pow[i][0] ^ k.pow[i][1]
		k.pmid[i] = [2]uint64{m, m}
	}
}

// updateGeneric is Key.Update in portable Go: it prepares the
// multiplicands of H_aggregate .. H_1 from the table on its stack (about
// as much work as one group of blocks) and absorbs src.
func updateGeneric(k *Key, s *[16]byte, src []byte) {
	var o gf128.Operands
	o.Set((*[aggregate][2]uint64)(k.pow[NumPowers-aggregate : NumPowers]))
	s0, s1 := gf128.Load(s[:], false)
	s0, s1 = gf128.Update(&o, s0, s1, src, false)
	gf128.Store(s[:], s0, s1, false)
}
