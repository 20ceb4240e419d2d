package cpu

import (
	"strings"
	"testing"
)

func TestDetected(t *testing.T) {
	in := Detected()
	if len(in.Supported) == 0 || in.Supported[len(in.Supported)-1] != Generic {
		t.Fatalf("Supported = %v, want generic last", in.Supported)
	}
	if !in.Supports(in.Preferred) {
		t.Fatalf("Preferred %v not in Supported %v", in.Preferred, in.Supported)
	}
	t.Logf("%s %s %q %s features=%v supported=%v preferred=%v", in.Arch, in.Vendor, in.Brand, in.Microarch, in.Features, in.Supported, in.Preferred)
}

func TestParseTier(t *testing.T) {
	for _, n := range tierNames {
		tr, err := ParseTier(n)
		if err != nil || tr.String() != n {
			t.Errorf("ParseTier(%q) = %v, %v", n, tr, err)
		}
	}
	if _, err := ParseTier("sse9"); err == nil || !strings.Contains(err.Error(), "sse9") {
		t.Errorf("ParseTier(sse9) error = %v", err)
	}
}

func TestChoose(t *testing.T) {
	in := Info{Arch: "amd64", Supported: []Tier{AVX2, AESNI, Generic}, Preferred: AVX2}
	for _, c := range []struct {
		env  string
		want Tier
		bad  bool
	}{
		{"", AVX2, false},
		{"generic", Generic, false},
		{"aesni", AESNI, false},
		{"avx512", AVX2, true},
		{"armv8", AVX2, true},
		{"fast", AVX2, true},
	} {
		got, err := choose(in, c.env)
		if got != c.want || (err != nil) != c.bad {
			t.Errorf("choose(%q) = %v, %v; want %v, error %v", c.env, got, err, c.want, c.bad)
		}
	}
}
