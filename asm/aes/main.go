// Command aes generates aesni/aes_amd64.s: the AES-NI / VAES kernels of
// package aesni (key expansion, single blocks, ECB, CTR with 32-bit big-
// and little-endian counters, and the AES-GCM-SIV key derivation) for the
// four amd64 tiers from one width-parameterised description
// (asm/internal/aesasm). Run it from the repository root:
//
//	go run -C asm ./aes -out ../aesni/aes_amd64.s
//
// The Go declarations, with their contracts, are in aesni/aes_asm.go.
package main

import (
	"github.com/fastaead/fastaead/asm/internal/aesasm"
)

var c = aesasm.Ctx

func main() {
	c.Package("github.com/fastaead/fastaead/aesni")
	c.ConstraintExpr("!purego")

	for _, w := range []aesasm.Width{aesasm.SSE, aesasm.AVX} {
		for _, bits := range []int{128, 192, 256} {
			expandKey(w, bits)
		}
	}
	for _, w := range aesasm.Widths {
		for _, cn := range []aesasm.Counter{aesasm.CTR32BE, aesasm.CTR32LE} {
			ctr(w, cn)
		}
	}
	// Single blocks and the GCM-SIV derivation: xmm only (legacy SSE for
	// the aesni tier, VEX for the others).
	for _, w := range []aesasm.Width{aesasm.SSE, aesasm.AVX} {
		block(w, false)
		block(w, true)
		deriveGCMSIV(w)
	}
	for _, w := range aesasm.Widths {
		ecb(w, false)
		ecb(w, true)
	}
	aesasm.Generate("./aes")
}
