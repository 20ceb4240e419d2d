// Package cpu is the one place in fastaead that reads CPU features and
// decides which kernel tier runs.
//
// Flags come from golang.org/x/sys/cpu (which also checks that the OS saves
// the ymm/zmm state, and honours GODEBUG=cpu.avx2=off and the like); vendor
// and microarchitecture, used only for policy, come from
// github.com/klauspost/cpuid/v2. The decision is made once, at package init.
//
// Tiers, best first: on amd64 avx512, vaes, avx2, aesni; on arm64 armv8; and
// generic everywhere. The environment variable FASTAEAD_KERNEL caps the tier
// (a tier name); an unknown name or a tier this CPU cannot run is reported
// by Err, and callers surface it at first use instead of silently falling
// back.
package cpu

import (
	"fmt"
	"os"
	"runtime"
	"strings"
)

// Tier is a kernel tier. Higher values are faster tiers on the same
// architecture.
type Tier int

// The tiers. Generic is the portable Go code and exists everywhere.
const (
	Generic Tier = iota
	AESNI        // amd64: AES-NI + PCLMULQDQ + SSSE3, xmm, legacy SSE encoding
	AVX2         // amd64: AES-NI + PCLMULQDQ with VEX encoding, AVX2 for ChaCha20
	VAES         // amd64: VAES + VPCLMULQDQ on ymm, AVX2
	AVX512       // amd64: VAES + VPCLMULQDQ on zmm, AVX-512 F/BW/VL (IFMA for Poly1305)
	ARMv8        // arm64: AES + PMULL + NEON
)

var tierNames = [...]string{
	Generic: "generic",
	AESNI:   "aesni",
	AVX2:    "avx2",
	VAES:    "vaes",
	AVX512:  "avx512",
	ARMv8:   "armv8",
}

// String returns the tier's name, as FASTAEAD_KERNEL spells it.
func (t Tier) String() string {
	if t >= 0 && int(t) < len(tierNames) {
		return tierNames[t]
	}
	return fmt.Sprintf("Tier(%d)", int(t))
}

// ParseTier returns the tier named s.
func ParseTier(s string) (Tier, error) {
	for i, n := range tierNames {
		if n == s {
			return Tier(i), nil
		}
	}
	return Generic, fmt.Errorf("fastaead: unknown kernel tier %q (want one of %s)", s, strings.Join(tierNames[:], ", "))
}

// Info describes the CPU as fastaead sees it.
type Info struct {
	Arch      string   // GOARCH
	Vendor    string   // e.g. "AMD", "Intel"; "" when unknown
	Brand     string   // the brand string; "" when unknown
	Microarch string   // e.g. "zen4" when cpuid knows it; "" otherwise
	Features  []string // the features that matter to fastaead, as detected
	Supported []Tier   // the tiers this machine can run, best first, generic last
	Preferred Tier     // the tier the policy picks (before FASTAEAD_KERNEL)
	Policy    string   // why Preferred was picked over a higher supported tier, if it was
}

var (
	info     Info
	selected Tier
	selErr   error
	limit    Tier // the tier FASTAEAD_KERNEL names, when limitSet
	limitSet bool
)

func init() {
	info = detect()
	info.Arch = runtime.GOARCH
	env := os.Getenv("FASTAEAD_KERNEL")
	selected, selErr = choose(info, env)
	if env != "" && selErr == nil {
		limit, limitSet = selected, true
	}
}

// Has reports whether the CPU has the named feature. Names are compared
// without regard to case and are those of Info.Features, which are the
// lower-case forms of the names Avo writes on a generated function's
// "// Requires:" line ("AES", "SSSE3", "AVX2", "VAES", "AVX512BW", ...).
// Unknown names report false.
func Has(feature string) bool {
	for _, f := range info.Features {
		if strings.EqualFold(f, feature) {
			return true
		}
	}
	return false
}

// choose applies the FASTAEAD_KERNEL cap to the policy's choice.
func choose(in Info, env string) (Tier, error) {
	if env == "" {
		return in.Preferred, nil
	}
	t, err := ParseTier(env)
	if err != nil {
		return in.Preferred, fmt.Errorf("FASTAEAD_KERNEL: %w", err)
	}
	if !in.Supports(t) {
		return in.Preferred, fmt.Errorf("fastaead: FASTAEAD_KERNEL=%s: this CPU (%s) cannot run that tier; it supports %s", env, in.Arch, tierList(in.Supported))
	}
	return t, nil
}

func tierList(ts []Tier) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = t.String()
	}
	return strings.Join(s, ", ")
}

// Supports reports whether the machine can run tier t.
func (in Info) Supports(t Tier) bool {
	for _, s := range in.Supported {
		if s == t {
			return true
		}
	}
	return false
}

// Detected returns what was detected about this CPU.
func Detected() Info { return info }

// Selected returns the tier in force: the policy's choice capped by
// FASTAEAD_KERNEL. Err reports a bad FASTAEAD_KERNEL value; when it is not
// nil, Selected returns the policy's choice.
func Selected() Tier { return selected }

// Err returns the error in FASTAEAD_KERNEL, if any.
func Err() error { return selErr }
