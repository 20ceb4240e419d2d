//go:build amd64 && !purego

package aesni

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestGCMRequiresMatchDispatch checks that, for every tier, the features
// the GCM dispatch checks (tierRequires and gcmTierRequires) cover the
// union of the "// Requires:" lines Avo wrote for that tier's kernels in
// gcm_amd64.s (gcmTierRequires exactly), and that the kernels declared in
// gcm_asm.go and those in gcm_amd64.s are the same.
func TestGCMRequiresMatchDispatch(t *testing.T) {
	asm, err := os.ReadFile("gcm_amd64.s")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?m)^// Requires: (.*)\nTEXT ·(\w+)\(SB\)`)
	req := map[string][]string{}
	for _, m := range re.FindAllStringSubmatch(string(asm), -1) {
		req[m[2]] = strings.Split(m[1], ", ")
	}
	if len(req) != 8 {
		t.Fatalf("%d kernels found in gcm_amd64.s, want 8", len(req))
	}
	suffix := map[string]string{"avx512": "AVX512", "vaes": "VAES", "avx2": "AVX2", "aesni": "AESNI"}
	for _, k := range gcmTierRequires {
		var union []string
		for _, op := range []string{"Seal", "Open"} {
			fn := "gcm" + op + suffix[k.Tier.String()]
			r, ok := req[fn]
			if !ok {
				t.Errorf("%s: kernel %s has no Requires line / body in gcm_amd64.s", k.Tier, fn)
			}
			for _, f := range r {
				if !slices.Contains(union, f) {
					union = append(union, f)
				}
			}
		}
		slices.Sort(union)
		got := slices.Sorted(slices.Values(k.Requires))
		if !slices.Equal(got, union) {
			t.Errorf("%s: gcmTierRequires lists %v; the kernels require %v", k.Tier, got, union)
		}
	}
	src, err := os.ReadFile("gcm_asm.go")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(src), "// go:") {
		t.Error(`gcm_asm.go contains "// go:", which is not a directive`)
	}
	decls := regexp.MustCompile(`(?m)^//go:noescape\nfunc (\w+)\(`).FindAllStringSubmatch(string(src), -1)
	if len(decls) != len(req) {
		t.Errorf("%d //go:noescape declarations, %d kernels in gcm_amd64.s", len(decls), len(req))
	}
	for _, d := range decls {
		if _, ok := req[d[1]]; !ok {
			t.Errorf("declared kernel %s not in gcm_amd64.s", d[1])
		}
	}
}

// TestGCMKernelsRun checks that every assembly tier under test really runs
// the GCM kernels (the comparisons with the generic code would otherwise
// compare the generic code with itself).
func TestGCMKernelsRun(t *testing.T) {
	for _, tier := range kernelTiers(t) {
		withTier(t, tier, func() {
			if !gcmUseKernel() {
				t.Errorf("tier %v: the GCM kernels do not run (gcmTierRequires not met)", tier)
			}
		})
	}
}
