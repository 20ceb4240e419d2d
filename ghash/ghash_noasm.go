//go:build !amd64 || purego

package ghash

import "github.com/fastaead/fastaead/internal/cpu"

// Without assembly every operation runs the generic code. The package still
// registers (with no kernels) so that reports and tests see it.

// kernel is always cpu.Generic here.
var kernel cpu.Tier

func init() {
	cpu.Register("ghash", &kernel)
}

// update absorbs src into y with key k (Key.Update).
func update(k *Key, y *[16]byte, src []byte) { updateGeneric(k, y, src) }

// initPowers fills k.pow and k.pmid from K_1 = hi x^64 + lo.
func initPowers(k *Key, lo, hi uint64) { initPowersGeneric(k, lo, hi) }
