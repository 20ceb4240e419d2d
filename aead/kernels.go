package aead

import (
	"fmt"
	"strings"

	"github.com/fastaead/fastaead/internal/cpu"
)

// KernelReport says which kernel each construction runs on this machine and
// what the CPU offered. Tuning users print it; benchmarks record it.
type KernelReport struct {
	Arch      string   // GOARCH
	Vendor    string   // CPU vendor, "" when unknown
	Brand     string   // CPU brand string, "" when unknown
	Microarch string   // microarchitecture when known (e.g. "zen4")
	Features  []string // the CPU features that matter to fastaead
	Supported []string // the kernel tiers this machine can run, best first
	Tier      string   // the tier in force (policy, capped by FASTAEAD_KERNEL)
	Policy    string   // why a lower tier than the best supported was chosen, if so
	// Err is the FASTAEAD_KERNEL error, if the variable names a tier that
	// is unknown or that this CPU cannot run. Constructors return it too.
	Err error
	// Constructions lists, per construction, the kernel of each primitive
	// it runs on.
	Constructions []ConstructionKernel
}

// ConstructionKernel names the kernels a construction runs on.
type ConstructionKernel struct {
	Name string // "ChaCha20Poly1305", "AESGCM", ...
	// Kernel is the tier every part runs on ("generic" when no assembly
	// runs), or, when the parts differ, the parts listed as
	// "primitive.op=tier".
	Kernel string
	// Parts lists the primitive operations that carry the bulk of the
	// work, each with the tier that runs it.
	Parts []PartKernel
}

// PartKernel is one primitive operation of a construction and the tier
// that runs it now.
type PartKernel struct {
	Primitive string // package: "aesni", "ghash", "polyval", "chacha", "poly1305"
	Op        string // operation: "ctr32", "gcm", "update", ...
	Tier      string // "generic" or the tier of the assembly kernel
}

// constructionParts lists, per construction, the primitive operations on
// its hot path. A part reports the tier of its package only when the
// package registered an assembly kernel for that operation.
var constructionParts = []struct {
	name  string
	parts [][2]string
}{
	{"ChaCha20Poly1305", [][2]string{{"chacha", "xor"}, {"poly1305", "update"}}},
	{"AESGCM", [][2]string{{"aesni", "gcm"}}}, // whole message in one stitched call
	{"AESGCMSIV", [][2]string{{"aesni", "gcmsivkeys"}, {"polyval", "init"}, {"polyval", "update"}, {"aesni", "ctr32"}, {"aesni", "block"}}},
	{"AESOCB3", [][2]string{{"aesni", "ocb"}}},
	{"AESSIV", [][2]string{{"aesni", "cbcmac"}, {"aesni", "ctr64"}}},
	{"AESCCM", [][2]string{{"aesni", "cbcmac"}, {"aesni", "ctr32"}}},
}

// String formats the report as a few lines of text.
func (r KernelReport) String() string {
	s := fmt.Sprintf("cpu: %s %s %s (%s)\nfeatures: %v\nsupported tiers: %v\ntier in force: %s\n",
		r.Arch, r.Vendor, r.Brand, r.Microarch, r.Features, r.Supported, r.Tier)
	if r.Policy != "" {
		s += "policy: " + r.Policy + "\n"
	}
	if r.Err != nil {
		s += "error: " + r.Err.Error() + "\n"
	}
	for _, c := range r.Constructions {
		s += fmt.Sprintf("  %-17s %s\n", c.Name, c.Kernel)
	}
	return s
}

// Kernels reports the kernel each construction uses and the CPU features
// seen.
func Kernels() KernelReport {
	in := cpu.Detected()
	r := KernelReport{
		Arch:      in.Arch,
		Vendor:    in.Vendor,
		Brand:     in.Brand,
		Microarch: in.Microarch,
		Features:  append([]string(nil), in.Features...),
		Tier:      cpu.Selected().String(),
		Policy:    in.Policy,
		Err:       cpu.Err(),
	}
	for _, t := range in.Supported {
		r.Supported = append(r.Supported, t.String())
	}
	for _, c := range constructionParts {
		ck := ConstructionKernel{Name: c.name}
		same := true
		for i, p := range c.parts {
			t := cpu.OpTier(p[0], p[1]).String()
			ck.Parts = append(ck.Parts, PartKernel{Primitive: p[0], Op: p[1], Tier: t})
			if i > 0 && t != ck.Parts[0].Tier {
				same = false
			}
		}
		if same {
			ck.Kernel = ck.Parts[0].Tier
		} else {
			var b strings.Builder
			for i, p := range ck.Parts {
				if i > 0 {
					b.WriteByte(' ')
				}
				fmt.Fprintf(&b, "%s.%s=%s", p.Primitive, p.Op, p.Tier)
			}
			ck.Kernel = b.String()
		}
		r.Constructions = append(r.Constructions, ck)
	}
	return r
}

// kernelErr is the error constructors return when FASTAEAD_KERNEL is bad.
func kernelErr() error { return cpu.Err() }
