// Command gcm generates aesni/gcm_amd64.s: the stitched AES-GCM kernels
// of package aesni (CTR encryption or decryption and GHASH of the
// ciphertext in one pass, NIST SP 800-38D) for the four amd64 tiers, from
// one width-parameterised description (asm/internal/aesasm for the AES
// rounds and the GF(2^128) arithmetic). Run it from the repository root:
//
//	go run -C asm ./gcm -out ../aesni/gcm_amd64.s
//
// The Go declarations, with the kernels' contract, are in
// aesni/gcm_asm.go.
package main

import (
	"github.com/fastaead/fastaead/asm/internal/aesasm"
)

var c = aesasm.Ctx

func main() {
	c.Package("github.com/fastaead/fastaead/aesni")
	c.ConstraintExpr("!purego")
	for _, w := range aesasm.Widths {
		for _, open := range []bool{false, true} {
			newKern(w, open).emit()
		}
	}
	aesasm.Generate("./gcm")
}
