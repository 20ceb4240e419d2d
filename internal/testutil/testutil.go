// Package testutil holds helpers for fastaead's tests: running a test body
// once per kernel tier (ForEachTier, Tiers, UseTier) and buffers placed
// against an inaccessible page (Guarded, in guard_unix.go) so that a kernel
// reading or writing one byte outside its buffer crashes the test.
//
// It imports testing and must only be imported from _test.go files.
package testutil

import (
	"testing"

	"github.com/fastaead/fastaead/internal/cpu"
)

// Tiers returns the tiers a test of package pkg must run: every registered
// kernel the CPU can run, best first, then cpu.Generic. Tiers above the
// FASTAEAD_KERNEL cap are left out (logged). A registered kernel whose tier
// the machine supports (cpu.Detected) but whose required features are
// missing is reported as a test error: the dispatch and the tier detection
// disagree. An unregistered pkg is fatal.
func Tiers(tb testing.TB, pkg string) []cpu.Tier {
	tb.Helper()
	ks, ok := cpu.Kernels(pkg)
	if !ok {
		tb.Fatalf("testutil: package %q registered no kernels", pkg)
	}
	in := cpu.Detected()
	lim, capped := cpu.Limit()
	var ts []cpu.Tier
	for _, k := range ks {
		switch {
		case !in.Supports(k.Tier):
			tb.Logf("%s kernel %s: this CPU does not support the tier", pkg, k.Tier)
		case !k.Available():
			tb.Errorf("%s kernel %s: the CPU supports the tier but lacks a feature of %v", pkg, k.Tier, k.Requires)
		case capped && k.Tier > lim:
			tb.Logf("%s kernel %s: above FASTAEAD_KERNEL=%s, not run", pkg, k.Tier, lim)
		default:
			ts = append(ts, k.Tier)
		}
	}
	return append(ts, cpu.Generic)
}

// UseTier switches package pkg to tier t until the end of tb (a
// t.Cleanup restores the previous tier). A failure to switch is fatal.
func UseTier(tb testing.TB, pkg string, t cpu.Tier) {
	tb.Helper()
	restore, err := cpu.SetKernel(pkg, t)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(restore)
}

// ForEachTier runs f as a subtest named after the tier, once for every
// tier Tiers returns, with package pkg switched to that tier. f must not
// call t.Parallel: the switch is process-wide.
func ForEachTier(t *testing.T, pkg string, f func(t *testing.T)) {
	t.Helper()
	for _, tier := range Tiers(t, pkg) {
		t.Run(tier.String(), func(t *testing.T) {
			UseTier(t, pkg, tier)
			f(t)
		})
	}
}

// ForEachTierB is ForEachTier for benchmarks.
func ForEachTierB(b *testing.B, pkg string, f func(b *testing.B)) {
	b.Helper()
	for _, tier := range Tiers(b, pkg) {
		b.Run(tier.String(), func(b *testing.B) {
			UseTier(b, pkg, tier)
			f(b)
		})
	}
}

// AllTiers returns the tiers a test of a package that composes several
// primitives (package aead) must run: every tier the CPU supports, best
// first, down to cpu.Generic, leaving out those above the FASTAEAD_KERNEL
// cap and those that would run exactly the kernels of a tier already
// listed (under purego, or where no package has a kernel for the tier).
// cpu.Generic is always last.
func AllTiers(tb testing.TB) []cpu.Tier {
	tb.Helper()
	lim, capped := cpu.Limit()
	var ts []cpu.Tier
	var seen []map[string]cpu.Tier
	for _, t := range append(append([]cpu.Tier(nil), cpu.Detected().Supported...), cpu.Generic) {
		if capped && t > lim {
			tb.Logf("tier %s: above FASTAEAD_KERNEL=%s, not run", t, lim)
			continue
		}
		if t == cpu.Generic {
			break
		}
		m := cpu.ResolveAll(t)
		if sameKernels(m, cpu.ResolveAll(cpu.Generic)) || containsKernels(seen, m) {
			continue
		}
		seen = append(seen, m)
		ts = append(ts, t)
	}
	return append(ts, cpu.Generic)
}

func containsKernels(seen []map[string]cpu.Tier, m map[string]cpu.Tier) bool {
	for _, s := range seen {
		if sameKernels(s, m) {
			return true
		}
	}
	return false
}

func sameKernels(a, b map[string]cpu.Tier) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// UseTierAll switches every registered package to the best kernel not
// above t (cpu.SetAll) until the end of tb.
func UseTierAll(tb testing.TB, t cpu.Tier) {
	tb.Helper()
	tb.Cleanup(cpu.SetAll(t))
}

// ForEachTierAll runs f as a subtest named after the tier, once for every
// tier AllTiers returns, with every package switched to its best kernel
// not above that tier. f must not call t.Parallel.
func ForEachTierAll(t *testing.T, f func(t *testing.T)) {
	t.Helper()
	for _, tier := range AllTiers(t) {
		t.Run(tier.String(), func(t *testing.T) {
			UseTierAll(t, tier)
			f(t)
		})
	}
}

// ForEachTierAllB is ForEachTierAll for benchmarks.
func ForEachTierAllB(b *testing.B, f func(b *testing.B)) {
	b.Helper()
	for _, tier := range AllTiers(b) {
		b.Run(tier.String(), func(b *testing.B) {
			UseTierAll(b, tier)
			f(b)
		})
	}
}
