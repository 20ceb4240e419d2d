// Command ghash generates ghash/ghash_amd64.s: the GHASH kernels of package
// ghash (Update with aggregated reduction, and the powers of the key) for
// the four amd64 tiers, from the description shared with POLYVAL
// (asm/ghash/internal/hashgen). Run it from the repository root:
//
//	go run -C asm ./ghash -out ../ghash/ghash_amd64.s
//
// asm/ghash/polyval emits the same description for package polyval. The Go
// declarations, with their contracts, are in ghash/ghash_asm.go.
package main

import (
	"github.com/fastaead/fastaead/asm/ghash/internal/hashgen"
	"github.com/fastaead/fastaead/asm/internal/aesasm"
)

func main() {
	hashgen.Emit("ghash")
	aesasm.Generate("./ghash")
}
