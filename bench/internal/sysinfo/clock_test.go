package sysinfo

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestDetectClock(t *testing.T) {
	const sys = "sys/devices/system/cpu/cpu0/cpufreq/"
	full := fstest.MapFS{
		sys + "base_frequency":   {Data: []byte("2100000\n")},
		sys + "cpuinfo_max_freq": {Data: []byte("3900000\n")},
		"proc/cpuinfo":           {Data: []byte("processor\t: 0\ncpu MHz\t\t: 2599.998\n")},
	}
	maxOnly := fstest.MapFS{sys + "cpuinfo_max_freq": {Data: []byte("3900000\n")}}
	proc := fstest.MapFS{"proc/cpuinfo": full["proc/cpuinfo"]}
	for _, c := range []struct {
		name string
		flag float64
		env  Env
		ghz  float64
		src  string
	}{
		{"flag wins", 3.6, Env{FS: full, Brand: "X @ 2.00GHz"}, 3.6, "-ghz 3.6"},
		{"sysfs base", 0, Env{FS: full, Brand: "X @ 2.00GHz"}, 2.1, "base_frequency"},
		{"brand", 0, Env{FS: maxOnly, Brand: "Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz"}, 2.5, "brand string"},
		{"brand MHz", 0, Env{Brand: "Some CPU @ 1800MHz"}, 1.8, "brand string"},
		{"cpuid base", 0, Env{FS: maxOnly, Brand: "AMD EPYC", BaseHz: 2_450_000_000}, 2.45, "cpuid"},
		{"sysfs max", 0, Env{FS: maxOnly, Brand: "AMD EPYC"}, 3.9, "turbo"},
		{"cpuid boost", 0, Env{Brand: "AMD EPYC", BoostHz: 3_700_000_000}, 3.7, "turbo"},
		{"unknown", 0, Env{FS: proc, Brand: "Intel(R) Xeon(R) Processor"}, 0, "pass -ghz"},
	} {
		got := DetectClock(c.flag, c.env)
		if got.GHz != c.ghz || !strings.Contains(got.Source, c.src) || got.Known() != (c.ghz > 0) {
			t.Errorf("%s: %+v, want %g GHz from %q", c.name, got, c.ghz, c.src)
		}
	}
	if got := DetectClock(0, Env{FS: proc}); !strings.Contains(got.Source, "2600 MHz") {
		t.Errorf("the /proc/cpuinfo hint is missing: %q", got.Source)
	}
}
