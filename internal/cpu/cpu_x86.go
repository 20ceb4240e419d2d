//go:build amd64

package cpu

import (
	"github.com/klauspost/cpuid/v2"
	xcpu "golang.org/x/sys/cpu"
)

func detect() Info {
	x := xcpu.X86
	c := cpuid.CPU
	var in Info
	in.Vendor = c.VendorString
	in.Brand = c.BrandName
	in.Microarch = microarch(c)
	add := func(name string, ok bool) {
		if ok {
			in.Features = append(in.Features, name)
		}
	}
	// x/sys/cpu reports VAES/VPCLMULQDQ only together with AVX-512; the
	// VEX (ymm) forms exist without it, so read those from cpuid, and take
	// OS support for ymm from x/sys/cpu's AVX2 flag.
	vaesOnly := c.Supports(cpuid.VAES) && x.HasAVX
	vpclmul := c.Supports(cpuid.VPCLMULQDQ) && x.HasAVX
	vaes := vaesOnly && vpclmul
	add("sse2", x.HasSSE2)
	add("ssse3", x.HasSSSE3)
	add("sse4.1", x.HasSSE41)
	add("aes", x.HasAES)
	add("pclmulqdq", x.HasPCLMULQDQ)
	add("avx", x.HasAVX)
	add("avx2", x.HasAVX2)
	add("bmi2", x.HasBMI2)
	add("adx", x.HasADX)
	add("vaes", vaesOnly)
	add("vpclmulqdq", vpclmul)
	add("avx512f", x.HasAVX512F)
	add("avx512bw", x.HasAVX512BW)
	add("avx512vl", x.HasAVX512VL)
	add("avx512ifma", x.HasAVX512IFMA)
	add("avx512vbmi2", x.HasAVX512VBMI2)

	base := x.HasAES && x.HasPCLMULQDQ && x.HasSSSE3
	if base && x.HasAVX512F && x.HasAVX512BW && x.HasAVX512VL && x.HasAVX512VAES && x.HasAVX512VPCLMULQDQ {
		in.Supported = append(in.Supported, AVX512)
	}
	if base && x.HasAVX2 && vaes {
		in.Supported = append(in.Supported, VAES)
	}
	if base && x.HasAVX && x.HasAVX2 {
		in.Supported = append(in.Supported, AVX2)
	}
	if base {
		in.Supported = append(in.Supported, AESNI)
	}
	in.Supported = append(in.Supported, Generic)
	in.Preferred = in.Supported[0]
	// Policy: Intel parts before Ice Lake lower the clock for heavy 512-bit
	// work (Skylake-SP, Cascade Lake, Cooper Lake); they also lack VAES, so
	// this only matters for parts that have both, which downclock far less.
	// Keep zmm on Intel only from Ice Lake on; AMD Zen 4 and later run zmm
	// as two 256-bit halves at full clock.
	if in.Preferred == AVX512 && c.VendorID == cpuid.Intel && downclocks512(c) {
		in.Preferred = VAES
		in.Policy = "ymm preferred: 512-bit code lowers the clock on this Intel part"
	}
	return in
}

func microarch(c cpuid.CPUInfo) string {
	switch {
	case c.VendorID == cpuid.AMD && c.Family == 0x19 && (c.Model >= 0x10 && c.Model <= 0x1f || c.Model >= 0x60 && c.Model <= 0xaf):
		return "zen4"
	case c.VendorID == cpuid.AMD && c.Family == 0x19:
		return "zen3"
	case c.VendorID == cpuid.AMD && c.Family == 0x1a:
		return "zen5"
	case c.VendorID == cpuid.AMD && c.Family == 0x17:
		return "zen/zen2"
	}
	return ""
}

// downclocks512 reports Intel cores with AVX-512 whose licence-based
// frequency drop for 512-bit work is large (server parts before Ice Lake).
// Parts with VAES (Ice Lake and later) drop far less; we keep zmm there.
func downclocks512(c cpuid.CPUInfo) bool {
	return !c.Supports(cpuid.VAES)
}
