package cpu

import "testing"

func TestRegistry(t *testing.T) {
	var cur Tier = -1
	// One tier every machine has features for (none required) and one
	// whose feature no CPU has.
	Register("test/fake", &cur,
		Kernel{Tier: AESNI, Requires: nil},
		Kernel{Tier: AVX512, Requires: []string{"no-such-feature"}},
	)
	ks, ok := Kernels("test/fake")
	if !ok || len(ks) != 2 || ks[0].Tier != AVX512 || ks[1].Tier != AESNI {
		t.Fatalf("Kernels = %v, %v; want avx512, aesni", ks, ok)
	}
	want := Generic
	if selected >= AESNI {
		want = AESNI // the unavailable avx512 kernel is never chosen
	}
	if cur != want {
		t.Fatalf("Register chose %v, want %v (selected %v)", cur, want, selected)
	}
	if got := Registered()["test/fake"]; got != want.String() {
		t.Errorf("Registered()[test/fake] = %q, want %q", got, want)
	}
	if _, err := SetKernel("test/fake", AVX512); err == nil {
		t.Error("SetKernel to a kernel with missing features succeeded")
	}
	if _, err := SetKernel("test/fake", VAES); err == nil {
		t.Error("SetKernel to an unregistered tier succeeded")
	}
	if _, err := SetKernel("test/none", Generic); err == nil {
		t.Error("SetKernel on an unregistered package succeeded")
	}
	restore, err := SetKernel("test/fake", Generic)
	if err != nil || cur != Generic {
		t.Fatalf("SetKernel(generic) = %v, cur %v", err, cur)
	}
	if c, _ := Current("test/fake"); c != Generic {
		t.Errorf("Current = %v", c)
	}
	restore()
	if cur != want {
		t.Errorf("restore left %v, want %v", cur, want)
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("registering a package twice did not panic")
			}
		}()
		Register("test/fake", &cur)
	}()
}

func TestHas(t *testing.T) {
	for _, f := range Detected().Features {
		if !Has(f) {
			t.Errorf("Has(%q) = false for a detected feature", f)
		}
	}
	if Has("no-such-feature") {
		t.Error("Has(no-such-feature)")
	}
}
