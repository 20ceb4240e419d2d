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

func encryptBlock(k *Key, dst, src []byte) { encryptBlockGeneric(k, dst, src) }

func decryptBlock(k *Key, dst, src []byte) { decryptBlockGeneric(k, dst, src) }

func encryptBlocks(k *Key, dst, src []byte) { encryptBlocksGeneric(k, dst, src) }

func decryptBlocks(k *Key, dst, src []byte) { decryptBlocksGeneric(k, dst, src) }

func deriveGCMSIV(k *Key, nonce *[12]byte, auth *[16]byte, enc *EncKey) {
	deriveGCMSIVGeneric(k, nonce, auth, enc)
}

func encKeyEncrypt(k *EncKey, dst, src []byte) { encKeyEncryptGeneric(k, dst, src) }

func encKeyCTR32LE(k *EncKey, dst, src []byte, ctr *[16]byte) {
	encKeyCTR32LEGeneric(k, dst, src, ctr)
}
