//go:build arm64

package cpu

import (
	"github.com/klauspost/cpuid/v2"
	xcpu "golang.org/x/sys/cpu"
)

func detect() Info {
	a := xcpu.ARM64
	var in Info
	in.Vendor = cpuid.CPU.VendorString
	in.Brand = cpuid.CPU.BrandName
	if a.HasAES {
		in.Features = append(in.Features, "aes")
	}
	if a.HasPMULL {
		in.Features = append(in.Features, "pmull")
	}
	if a.HasASIMD {
		in.Features = append(in.Features, "asimd")
	}
	if a.HasAES && a.HasPMULL && a.HasASIMD {
		in.Supported = append(in.Supported, ARMv8)
	}
	in.Supported = append(in.Supported, Generic)
	in.Preferred = in.Supported[0]
	return in
}
