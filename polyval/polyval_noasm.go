//go:build !amd64 || purego

package polyval

import "github.com/fastaead/fastaead/internal/cpu"

// Without assembly every operation runs the generic code. The package still
// registers (with no kernels) so that reports and tests see it.

// kernel is always cpu.Generic here.
var kernel cpu.Tier

func init() {
	cpu.Register("polyval", &kernel)
}

// update absorbs src into s with key k (Key.Update).
func update(k *Key, s *[16]byte, src []byte) { updateGeneric(k, s, src) }

// initPowers fills the last n entries of k.pow and k.pmid from
// H_1 = hi x^64 + lo.
func initPowers(k *Key, lo, hi uint64, n int) { initPowersGeneric(k, lo, hi, n) }

// maxGroup returns the most powers of the key the generic code reads for an
// input of n bytes.
func maxGroup(n int) int { return min(aggregate, (n+BlockSize-1)/BlockSize) }
