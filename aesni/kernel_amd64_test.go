//go:build !purego

package aesni

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestRequiresMatchDispatch checks that, for every tier, the features the
// dispatch checks (tierRequires) are exactly the union of the "//
// Requires:" lines Avo wrote for that tier's kernels in aes_amd64.s, and
// that every kernel declared in aes_asm.go has a body there.
func TestRequiresMatchDispatch(t *testing.T) {
	asm, err := os.ReadFile("aes_amd64.s")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?m)^// Requires: (.*)\nTEXT ·(\w+)\(SB\)`)
	req := map[string][]string{}
	for _, m := range re.FindAllStringSubmatch(string(asm), -1) {
		req[m[2]] = strings.Split(m[1], ", ")
	}
	if len(req) == 0 {
		t.Fatal("no kernels found in aes_amd64.s")
	}
	// The kernels each tier runs (see the table in aes_asm.go).
	keys := func(suffix string) []string {
		return []string{"expandKey128" + suffix, "expandKey192" + suffix, "expandKey256" + suffix,
			"encryptBlock" + suffix, "decryptBlock" + suffix, "deriveGCMSIV" + suffix}
	}
	wide := func(suffix string) []string {
		return []string{"ctr32BE" + suffix, "ctr32LE" + suffix, "ecbEncrypt" + suffix, "ecbDecrypt" + suffix}
	}
	uses := map[string][]string{
		"avx512": append(keys("AVX2"), wide("AVX512")...),
		"vaes":   append(keys("AVX2"), wide("VAES")...),
		"avx2":   append(keys("AVX2"), wide("AVX2")...),
		"aesni":  append(keys("AESNI"), wide("AESNI")...),
	}
	seen := map[string]bool{}
	for _, k := range tierRequires {
		var union []string
		for _, fn := range uses[k.Tier.String()] {
			r, ok := req[fn]
			if !ok {
				t.Errorf("%s: kernel %s has no Requires line / body in aes_amd64.s", k.Tier, fn)
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
			t.Errorf("kernel %s in aes_amd64.s is used by no tier", fn)
		}
	}
	// "// go:noescape" (with a space) is a comment, not a directive.
	src, err := os.ReadFile("aes_asm.go")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(src), "// go:") {
		t.Error(`aes_asm.go contains "// go:", which is not a directive`)
	}
	decls := regexp.MustCompile(`(?m)^//go:noescape\nfunc (\w+)\(`).FindAllStringSubmatch(string(src), -1)
	if len(decls) != len(req) {
		t.Errorf("%d //go:noescape declarations, %d kernels in aes_amd64.s", len(decls), len(req))
	}
	for _, d := range decls {
		if _, ok := req[d[1]]; !ok {
			t.Errorf("declared kernel %s not in aes_amd64.s", d[1])
		}
	}
}
