//go:build !amd64 || purego

package aesni

import "github.com/fastaead/fastaead/internal/cpu"

// Without assembly every method runs the generic code. The package still
// registers (with no kernels) so that reports and tests see it.

// kernel is always cpu.Generic here.
var kernel cpu.Tier

func init() {
	cpu.Register("aesni", &kernel)
}

func initKey(k *Key, key []byte) { expandKeyGeneric(k, key) }

func xorCTR32BE(k *Key, dst, src []byte, ctr *[16]byte) { ctrGeneric(k, dst, src, ctr, ctr32BE) }

func xorCTR32LE(k *Key, dst, src []byte, ctr *[16]byte) { ctrGeneric(k, dst, src, ctr, ctr32LE) }
