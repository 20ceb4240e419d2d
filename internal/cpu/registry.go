package cpu

import (
	"fmt"
	"sort"
	"sync"
)

// The kernel registry.
//
// Each primitive package (aesni, ghash, ...) keeps one package-level Tier
// variable that its methods switch on, and registers it here at init with
// the tiers it has kernels for:
//
//	var kernel cpu.Tier
//
//	func init() {
//		cpu.Register("aesni", &kernel,
//			cpu.Kernel{Tier: cpu.AVX512, Requires: []string{"AVX512BW", "AVX512F", "VAES"}},
//			cpu.Kernel{Tier: cpu.AESNI, Requires: []string{"AES", "SSE2", "SSSE3"}},
//		)
//	}
//
// Register sets the variable to the best registered kernel that is no
// higher than Selected() and whose Requires features the CPU has; Generic
// when there is none. A dispatch is then a switch on a plain variable with
// direct calls in every arm: no function values, so escape analysis still
// sees the //go:noescape declarations and nothing allocates.
//
// Tests switch kernels in process with SetKernel (internal/testutil wraps it
// as ForEachTier); Registered reports what each package runs now. The
// switch writes the package's variable without synchronisation: tests that
// switch kernels must not run in parallel with code of that package.

// Kernel describes one kernel tier a package implements.
type Kernel struct {
	Tier Tier
	// Requires lists the CPU features the tier's kernels need, spelled as
	// Avo spells them in the generated files' "// Requires:" lines (see
	// Has). The kernel is available when the CPU has every one of them.
	Requires []string
}

// Available reports whether the CPU has every feature k requires.
func (k Kernel) Available() bool {
	for _, f := range k.Requires {
		if !Has(f) {
			return false
		}
	}
	return true
}

type registration struct {
	cur     *Tier
	initial Tier
	kernels []Kernel // best first
	ops     []string // the operations that have assembly kernels (RegisterOps)
}

var (
	regMu    sync.Mutex
	registry = map[string]*registration{}
)

// Register records that package pkg has kernels for the given tiers and
// sets *cur to the tier the package runs: the highest registered tier that
// is available and not above Selected(), or Generic. It panics if pkg is
// registered twice or a tier is listed twice (programming errors).
func Register(pkg string, cur *Tier, kernels ...Kernel) {
	regMu.Lock()
	defer regMu.Unlock()
	if _, dup := registry[pkg]; dup {
		panic("cpu: package " + pkg + " registered twice")
	}
	ks := append([]Kernel(nil), kernels...)
	sort.Slice(ks, func(i, j int) bool { return ks[i].Tier > ks[j].Tier })
	for i := 1; i < len(ks); i++ {
		if ks[i].Tier == ks[i-1].Tier {
			panic("cpu: package " + pkg + " registers tier " + ks[i].Tier.String() + " twice")
		}
	}
	best := Generic
	for _, k := range ks {
		if k.Tier != Generic && k.Tier <= selected && k.Available() {
			best = k.Tier
			break
		}
	}
	*cur = best
	registry[pkg] = &registration{cur: cur, initial: best, kernels: ks}
}

// Kernels returns the kernels package pkg registered, best first (Generic
// is implied and not listed), and whether pkg is registered at all.
func Kernels(pkg string) ([]Kernel, bool) {
	regMu.Lock()
	defer regMu.Unlock()
	r, ok := registry[pkg]
	if !ok {
		return nil, false
	}
	return append([]Kernel(nil), r.kernels...), true
}

// Current returns the tier package pkg runs now, and whether pkg is
// registered.
func Current(pkg string) (Tier, bool) {
	regMu.Lock()
	defer regMu.Unlock()
	r, ok := registry[pkg]
	if !ok {
		return Generic, false
	}
	return *r.cur, true
}

// Registered returns, for every registered package, the name of the tier
// it runs now ("generic" when no assembly kernel runs).
func Registered() map[string]string {
	regMu.Lock()
	defer regMu.Unlock()
	m := make(map[string]string, len(registry))
	for pkg, r := range registry {
		m[pkg] = r.cur.String()
	}
	return m
}

// SetKernel switches package pkg to tier t, for tests and benchmarks, and
// returns a function that restores the previous tier. t must be Generic or
// a registered tier that is available on this CPU. It ignores
// FASTAEAD_KERNEL and the policy: tests decide what they run. It must not
// be called while other goroutines use pkg.
func SetKernel(pkg string, t Tier) (restore func(), err error) {
	regMu.Lock()
	defer regMu.Unlock()
	r, ok := registry[pkg]
	if !ok {
		return nil, fmt.Errorf("cpu: package %q registered no kernels", pkg)
	}
	if t != Generic {
		found := false
		for _, k := range r.kernels {
			if k.Tier != t {
				continue
			}
			found = true
			if !k.Available() {
				return nil, fmt.Errorf("cpu: %s kernel %s needs %v; this CPU lacks some of them", pkg, t, k.Requires)
			}
		}
		if !found {
			return nil, fmt.Errorf("cpu: package %s has no %s kernel", pkg, t)
		}
	}
	prev := *r.cur
	*r.cur = t
	return func() {
		regMu.Lock()
		*r.cur = prev
		regMu.Unlock()
	}, nil
}

// Limit returns the tier FASTAEAD_KERNEL names, and whether it names a
// valid one. Tests use it to skip the tiers above the cap.
func Limit() (Tier, bool) {
	return limit, limitSet
}

// SetAll switches every registered package to the best of its kernels
// that is available and not above t (Generic when none is), as if the
// process had started with FASTAEAD_KERNEL=t, and returns a function that
// restores every package's previous tier. Like SetKernel it is for tests
// and benchmarks and must not run while other goroutines use the packages.
func SetAll(t Tier) (restore func()) {
	regMu.Lock()
	defer regMu.Unlock()
	prev := make(map[*Tier]Tier, len(registry))
	for _, r := range registry {
		prev[r.cur] = *r.cur
		*r.cur = r.bestUpTo(t)
	}
	return func() {
		regMu.Lock()
		for p, v := range prev {
			*p = v
		}
		regMu.Unlock()
	}
}

// RegisterOps records which operations of package pkg have assembly
// kernels (for example "ctr32", "gcm"), for reports: an operation not
// listed runs the generic code whatever the package's tier. pkg must
// already be registered; calling it again adds to the list.
func RegisterOps(pkg string, ops ...string) {
	regMu.Lock()
	defer regMu.Unlock()
	r, ok := registry[pkg]
	if !ok {
		panic("cpu: RegisterOps before Register for package " + pkg)
	}
	r.ops = append(r.ops, ops...)
}

// OpTier returns the tier that runs operation op of package pkg now:
// the package's current tier if op has an assembly kernel (RegisterOps),
// else Generic.
func OpTier(pkg, op string) Tier {
	regMu.Lock()
	defer regMu.Unlock()
	r, ok := registry[pkg]
	if !ok {
		return Generic
	}
	for _, o := range r.ops {
		if o == op {
			return *r.cur
		}
	}
	return Generic
}

// bestUpTo returns the best kernel of r that is available and not above t,
// or Generic.
func (r *registration) bestUpTo(t Tier) Tier {
	for _, k := range r.kernels { // best first
		if k.Tier != Generic && k.Tier <= t && k.Available() {
			return k.Tier
		}
	}
	return Generic
}

// ResolveAll returns, for every registered package, the tier SetAll(t)
// would switch it to, without switching anything. Tests use it to skip a
// tier that would run exactly the same kernels as another.
func ResolveAll(t Tier) map[string]Tier {
	regMu.Lock()
	defer regMu.Unlock()
	m := make(map[string]Tier, len(registry))
	for pkg, r := range registry {
		m[pkg] = r.bestUpTo(t)
	}
	return m
}
