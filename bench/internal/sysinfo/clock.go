// Package sysinfo finds the CPU clock that aeadbench uses to turn time into
// cycles per byte, and says where the number came from.
package sysinfo

import (
	"fmt"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
)

// Clock is the CPU clock used for cycles per byte.
type Clock struct {
	// GHz is the clock in GHz; 0 when unknown.
	GHz float64
	// Source says where GHz came from, or why it is unknown.
	Source string
}

// Known reports whether the clock is known.
func (c Clock) Known() bool { return c.GHz > 0 }

// Env is what DetectClock reads: a file system rooted at "/" (for sysfs
// and procfs), the CPU brand string, and the base and boost clocks in Hz
// that cpuid reported (0 when it did not).
type Env struct {
	FS      fs.FS
	Brand   string
	BaseHz  int64
	BoostHz int64
}

var brandGHz = regexp.MustCompile(`@\s*([0-9]+(?:\.[0-9]+)?)\s*([GM])Hz`)

// DetectClock returns the clock: flagGHz if the user gave one (> 0);
// otherwise the first nominal frequency found in sysfs's base_frequency,
// the brand string ("... @ 3.60GHz") or cpuid leaf 0x16; otherwise the
// maximum (turbo) frequency from sysfs or cpuid. If none is found the
// clock is unknown and Source says how to give it.
func DetectClock(flagGHz float64, e Env) Clock {
	if flagGHz > 0 {
		return Clock{GHz: flagGHz, Source: fmt.Sprintf("given with -ghz %g", flagGHz)}
	}
	const sys = "sys/devices/system/cpu/cpu0/cpufreq/"
	if khz := readKHz(e.FS, sys+"base_frequency"); khz > 0 {
		return Clock{GHz: khz / 1e6, Source: "nominal clock, /" + sys + "base_frequency"}
	}
	if m := brandGHz.FindStringSubmatch(e.Brand); m != nil {
		f, _ := strconv.ParseFloat(m[1], 64)
		if m[2] == "M" {
			f /= 1000
		}
		if f > 0 {
			return Clock{GHz: f, Source: fmt.Sprintf("nominal clock, CPU brand string %q", strings.TrimSpace(e.Brand))}
		}
	}
	if e.BaseHz > 0 {
		return Clock{GHz: float64(e.BaseHz) / 1e9, Source: "nominal clock, cpuid leaf 0x16"}
	}
	for _, f := range []string{"cpuinfo_max_freq", "scaling_max_freq"} {
		if khz := readKHz(e.FS, sys+f); khz > 0 {
			return Clock{GHz: khz / 1e6, Source: "maximum (turbo) clock, /" + sys + f + "; the sustained clock may be lower"}
		}
	}
	if e.BoostHz > 0 {
		return Clock{GHz: float64(e.BoostHz) / 1e9, Source: "maximum (turbo) clock, cpuid leaf 0x16; the sustained clock may be lower"}
	}
	src := "unknown: no cpufreq in sysfs, no frequency in the brand string or cpuid; pass -ghz (the clock under load, in GHz) for cycles per byte"
	if mhz := procMHz(e.FS); mhz > 0 {
		src += fmt.Sprintf(" (/proc/cpuinfo says %.0f MHz, but that is the current or TSC clock, not used)", mhz)
	}
	return Clock{Source: src}
}

func readKHz(fsys fs.FS, name string) float64 {
	if fsys == nil {
		return 0
	}
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return 0
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(string(b)), 64)
	if err != nil || v <= 0 {
		return 0
	}
	return v
}

func procMHz(fsys fs.FS) float64 {
	if fsys == nil {
		return 0
	}
	b, err := fs.ReadFile(fsys, "proc/cpuinfo")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if ok && strings.TrimSpace(k) == "cpu MHz" {
			f, _ := strconv.ParseFloat(strings.TrimSpace(v), 64)
			return f
		}
	}
	return 0
}
