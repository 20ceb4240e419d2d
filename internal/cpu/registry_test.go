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

func TestSetAll(t *testing.T) {
	var a, b Tier
	Register("test/setall-a", &a, Kernel{Tier: AESNI}, Kernel{Tier: VAES})
	Register("test/setall-b", &b, Kernel{Tier: AVX2}, Kernel{Tier: AVX512, Requires: []string{"no-such-feature"}})
	RegisterOps("test/setall-a", "op1")
	a0, b0 := a, b
	restore := SetAll(AVX512)
	if got := OpTier("test/setall-a", "op1"); got != VAES {
		t.Errorf("OpTier(op1) = %v, want vaes", got)
	}
	if got := OpTier("test/setall-a", "op2"); got != Generic {
		t.Errorf("OpTier(op2) = %v, want generic (no kernel)", got)
	}
	// a: VAES is the best of its kernels (none needs a feature); b: its
	// avx512 kernel is unavailable, so avx2.
	if a != VAES || b != AVX2 {
		t.Errorf("SetAll(avx512): a=%v b=%v, want vaes avx2", a, b)
	}
	SetAll(AVX2)
	if a != AESNI || b != AVX2 {
		t.Errorf("SetAll(avx2): a=%v b=%v, want aesni avx2", a, b)
	}
	SetAll(Generic)
	if a != Generic || b != Generic {
		t.Errorf("SetAll(generic): a=%v b=%v, want generic generic", a, b)
	}
	restore()
	if a != a0 || b != b0 {
		t.Errorf("restore: a=%v b=%v, want %v %v", a, b, a0, b0)
	}
}
