// Command polyval generates polyval/polyval_amd64.s: the POLYVAL kernels of
// package polyval for the four amd64 tiers, from the description shared
// with GHASH (asm/ghash/internal/hashgen). Run it from the repository root:
//
//	go run -C asm ./ghash/polyval -out ../polyval/polyval_amd64.s
//
// The Go declarations, with their contracts, are in polyval/polyval_asm.go.
package main

import (
	"github.com/fastaead/fastaead/asm/ghash/internal/hashgen"
	"github.com/fastaead/fastaead/asm/internal/aesasm"
)

func main() {
	hashgen.Emit("polyval")
	aesasm.Generate("./ghash/polyval")
}
