package aead

import (
	"fmt"

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

// ConstructionKernel names the kernel a construction runs on.
type ConstructionKernel struct {
	Name   string // "ChaCha20Poly1305", "AESGCM", ...
	Kernel string // e.g. "generic", or a tier name when an assembly kernel runs
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
	for _, name := range []string{"ChaCha20Poly1305", "AESGCM", "AESGCMSIV", "AESOCB3", "AESSIV", "AESCCM"} {
		// No assembly kernels exist yet: every construction runs the
		// portable Go code whatever tier is in force.
		r.Constructions = append(r.Constructions, ConstructionKernel{Name: name, Kernel: "generic"})
	}
	return r
}

// kernelErr is the error constructors return when FASTAEAD_KERNEL is bad.
func kernelErr() error { return cpu.Err() }
