//go:build !purego

package polyval

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

// TestRequiresMatchDispatch checks that, for every tier, the features the
// dispatch checks (tierRequires) are exactly the union of the "//
// Requires:" lines Avo wrote for that tier's kernels in polyval_amd64.s, and
// that every kernel declared in polyval_asm.go has a body there.
func TestRequiresMatchDispatch(t *testing.T) {
	asm, err := os.ReadFile("polyval_amd64.s")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?m)^// Requires: (.*)\nTEXT ·(\w+)\(SB\)`)
	req := map[string][]string{}
	for _, m := range re.FindAllStringSubmatch(string(asm), -1) {
		req[m[2]] = strings.Split(m[1], ", ")
	}
	if len(req) == 0 {
		t.Fatal("no kernels found in polyval_amd64.s")
	}
	// The kernels each tier runs (see the table in polyval_asm.go).
	uses := map[string][]string{
		"avx512": {"updateAVX512", "initAVX512"},
		"vaes":   {"updateVAES", "initVAES"},
		"avx2":   {"updateAVX2", "initAVX2"},
		"aesni":  {"updateAESNI", "initAESNI"},
	}
	seen := map[string]bool{}
	for _, k := range tierRequires {
		var union []string
		for _, fn := range uses[k.Tier.String()] {
			r, ok := req[fn]
			if !ok {
				t.Errorf("%s: kernel %s has no Requires line / body in polyval_amd64.s", k.Tier, fn)
			}
			seen[fn] = true
			for _, f := range r {
				if !slices.Contains(union, f) {
					union = append(union, f)
				}
			}
		}
		slices.Sort(union)
		got := slices.Sorted(slices.Values(k.Requires))
		if !slices.Equal(got, union) {
			t.Errorf("%s: dispatch checks %v; the kernels require %v", k.Tier, got, union)
		}
	}
	for fn := range req {
		if !seen[fn] {
			t.Errorf("kernel %s in polyval_amd64.s is used by no tier", fn)
		}
	}
	// "// go:noescape" (with a space) is a comment, not a directive.
	src, err := os.ReadFile("polyval_asm.go")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(src), "// go:") {
		t.Error(`polyval_asm.go contains "// go:", which is not a directive`)
	}
	decls := regexp.MustCompile(`(?m)^//go:noescape\nfunc (\w+)\(`).FindAllStringSubmatch(string(src), -1)
	if len(decls) != len(req) {
		t.Errorf("%d //go:noescape declarations, %d kernels in polyval_amd64.s", len(decls), len(req))
	}
	for _, d := range decls {
		if _, ok := req[d[1]]; !ok {
			t.Errorf("declared kernel %s not in polyval_amd64.s", d[1])
		}
	}
}

// TestTablesLayout checks the layout the kernels hard-code (asm/ghash's
// midOff): pmid follows pow at NumPowers+powPad entries of 16 bytes.
func TestTablesLayout(t *testing.T) {
	var tb tables
	if off := unsafe.Offsetof(tb.pmid); off != 16*(NumPowers+3) || powPad != 3 {
		t.Fatalf("tables.pmid at offset %d (powPad %d); the kernels read it at %d", off, powPad, 16*(NumPowers+3))
	}
	if unsafe.Sizeof(tb) != 2*16*(NumPowers+powPad) {
		t.Fatalf("tables is %d bytes", unsafe.Sizeof(tb))
	}
}
