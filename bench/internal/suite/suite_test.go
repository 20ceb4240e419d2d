package suite

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// fastaeadOrSkip returns fastaead, skipping the test for a variant whose
// fastaead construction cannot run yet (a primitive still a stub).
func fastaeadOrSkip(t *testing.T, v Variant) Impl {
	t.Helper()
	fa, err := Fastaead()
	if err != nil {
		t.Fatal(err)
	}
	if err := probe(fa, v); err != nil {
		t.Skipf("fastaead %s cannot run here: %v", v, err)
	}
	return fa
}

func probe(im Impl, v Variant) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	a, err := im.New(v, make([]byte, v.KeySize()))
	if err != nil {
		return err
	}
	a.Seal(nil, make([]byte, v.Info().Nonce), []byte("x"), nil)
	return nil
}

// TestPeersAgree cross-checks every peer built into this binary against
// fastaead on every variant both have.
func TestPeersAgree(t *testing.T) {
	peers := Peers(Options{OpenSSL: OpenSSLAvailable})
	for _, v := range AllVariants() {
		t.Run(v.Name(), func(t *testing.T) {
			fa := fastaeadOrSkip(t, v)
			n := 0
			for _, p := range peers {
				if !p.Supports(v) {
					continue
				}
				n++
				if err := CrossCheck(v, fa, p, 1, []int{8 << 10}); err != nil {
					t.Error(err)
				}
			}
			if n == 0 && !(v.Construction == "AESSIV" && v.KeyBits != 512) {
				t.Errorf("no peer for %s", v)
			}
		})
	}
}

// corrupt wraps an implementation and damages its behaviour.
func corrupt(im Impl, name string, seal func([]byte, []byte) []byte, acceptAll bool) Impl {
	c := im
	c.Name = name
	c.Peer = true
	c.New = func(v Variant, key []byte) (AEAD, error) {
		a, err := im.New(v, key)
		if err != nil {
			return nil, err
		}
		return corruptAEAD{a, seal, acceptAll}, nil
	}
	return c
}

type corruptAEAD struct {
	AEAD
	seal      func(pt, out []byte) []byte
	acceptAll bool
}

func (c corruptAEAD) Seal(dst, nonce, pt, ad []byte) []byte {
	out := c.AEAD.Seal(dst, nonce, pt, ad)
	if c.seal != nil {
		out = c.seal(pt, out)
	}
	return out
}

func (c corruptAEAD) Open(dst, nonce, ct, ad []byte) ([]byte, error) {
	out, err := c.AEAD.Open(dst, nonce, ct, ad)
	if c.acceptAll && err != nil {
		return make([]byte, len(ct)-16), nil
	}
	return out, err
}

// TestCrossCheckCatchesCorruptPeer proves the cross-check fails loudly on a
// peer that is wrong only for some lengths, or that skips verification.
func TestCrossCheckCatchesCorruptPeer(t *testing.T) {
	v := Variant{"ChaCha20Poly1305", 256}
	fa := fastaeadOrSkip(t, v)
	if err := CrossCheck(v, fa, corrupt(fa, "honest", nil, false), 1, nil); err != nil {
		t.Fatalf("an honest wrapper failed the cross-check: %v", err)
	}
	for _, c := range []struct {
		name      string
		seal      func(pt, out []byte) []byte
		acceptAll bool
		want      string
	}{
		{"flips-a-bit-above-1000", func(pt, out []byte) []byte {
			if len(pt) > 1000 {
				out[len(out)-1] ^= 0x80
			}
			return out
		}, false, "Seal output differs"},
		{"drops-a-byte", func(pt, out []byte) []byte {
			if len(pt) == 17 {
				out = out[:len(out)-1]
			}
			return out
		}, false, "length"},
		{"panics", func(pt, out []byte) []byte {
			if len(pt) == 0 {
				panic("boom")
			}
			return out
		}, false, "panic: boom"},
		{"accepts-forgeries", nil, true, "bit"},
	} {
		err := CrossCheck(v, fa, corrupt(fa, c.name, c.seal, c.acceptAll), 1, nil)
		var me *MismatchError
		if !errors.As(err, &me) || me.Impl != c.name || !strings.Contains(err.Error(), c.want) ||
			!strings.Contains(err.Error(), "CROSS-CHECK FAILED") {
			t.Errorf("%s: cross-check error = %v; want a MismatchError naming the peer and %q", c.name, err, c.want)
		}
	}
}

// TestCheckOutput covers the after-timing check.
func TestCheckOutput(t *testing.T) {
	v := Variant{"ChaCha20Poly1305", 256}
	fa := fastaeadOrSkip(t, v)
	a, _ := fa.New(v, NewInputs(1, v, 100).Key)
	in := NewInputs(1, v, 100)
	want := a.Seal(nil, in.Nonce, in.Plaintext, in.AD)
	if err := CheckOutput(v, a, "x", false, in, true, want, want); err != nil {
		t.Fatal(err)
	}
	bad := append([]byte(nil), want...)
	bad[3] ^= 1
	if err := CheckOutput(v, a, "x", false, in, true, bad, want); err == nil {
		t.Fatal("a wrong Seal output passed")
	}
	if err := CheckOutput(v, a, "x", false, in, false, in.Plaintext[1:], nil); err == nil {
		t.Fatal("a wrong Open output passed")
	}
}

func TestInputsDeterministic(t *testing.T) {
	v := Variant{"AESGCM", 128}
	a, b := NewInputs(7, v, 1000), NewInputs(7, v, 1000)
	c := NewInputs(7, v, 64)
	if string(a.Plaintext) != string(b.Plaintext) || string(a.Key) != string(b.Key) || string(a.Nonce) != string(b.Nonce) {
		t.Fatal("inputs are not deterministic")
	}
	if string(a.Key) != string(c.Key) || len(a.Key) != 16 || len(a.Nonce) != NonceSize || len(a.AD) != ADSize {
		t.Fatal("the key must depend on the variant only")
	}
}

func TestParseVariants(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
	}{
		{"AESGCM", "AESGCM-128 AESGCM-192 AESGCM-256"},
		{"aesgcm-256, chacha20poly1305", "AESGCM-256 ChaCha20Poly1305"},
		{"ChaCha20Poly1305-256,AESSIV-512", "ChaCha20Poly1305 AESSIV-512"},
		{"default", "AESGCM-128 AESGCM-256 ChaCha20Poly1305 AESGCMSIV-256 AESOCB3-256 AESSIV-512 AESCCM-256"},
	} {
		vs, err := ParseVariants(c.in)
		if err != nil {
			t.Fatalf("%q: %v", c.in, err)
		}
		var names []string
		for _, v := range vs {
			names = append(names, v.Name())
		}
		if got := strings.Join(names, " "); got != c.want {
			t.Errorf("%q = %s, want %s", c.in, got, c.want)
		}
	}
	if vs, _ := ParseVariants("all"); len(vs) != 15 {
		t.Errorf("all = %d variants, want 15", len(vs))
	}
	for _, bad := range []string{"", "AESGCM-64", "DES", ","} {
		if _, err := ParseVariants(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestParseSizes(t *testing.T) {
	got, err := ParseSizes("1M, 0,64 , 1KiB,16k,64,2MB,100B")
	want := []int{0, 64, 100, 1024, 16384, 1 << 20, 2 << 20}
	if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("ParseSizes = %v, %v; want %v", got, err, want)
	}
	for _, bad := range []string{"", "-1", "abc", "1G", "16M", "1.5K", "99999999999999999999"} {
		if _, err := ParseSizes(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	for n, s := range map[int]string{0: "0 B", 64: "64 B", 1024: "1 KiB", 1536: "1536 B", 1 << 20: "1 MiB"} {
		if FormatSize(n) != s {
			t.Errorf("FormatSize(%d) = %q, want %q", n, FormatSize(n), s)
		}
	}
}

func TestMedian(t *testing.T) {
	if m := Median([]float64{5, 1, 3}); m != 3 {
		t.Fatal(m)
	}
	if m := Median([]float64{4, 1, 3, 2}); m != 2.5 {
		t.Fatal(m)
	}
}
