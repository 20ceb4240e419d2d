package aead

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime/debug"
	"testing"
	"unsafe"

	"github.com/fastaead/fastaead/internal/testutil"
)

// gcmFamily is the API that ChaCha20Poly1305, AESGCM and AESGCMSIV share;
// the vector helpers below run against it.
type gcmFamily interface {
	cipher.AEAD
	Encrypt(nonce, plaintext, ad []byte) ([]byte, error)
	EncryptInto(dst, nonce, plaintext, ad []byte) (int, error)
	Decrypt(nonce, ciphertext, ad []byte) ([]byte, error)
	DecryptInto(dst, nonce, ciphertext, ad []byte) (int, error)
}

// gcmTestRace reports whether the test binary was built with -race (the
// generic kernels are much slower then, so loops are sampled).
func gcmTestRace() bool {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range bi.Settings {
		if s.Key == "-race" {
			return s.Value == "true"
		}
	}
	return false
}

// gcmHugeSlice returns a slice of length n backed by a 16-byte buffer, to
// test length limits without allocating them. It must never be read past
// its first 16 bytes: the limits are checked before any data is touched.
// (Built from a header rather than unsafe.Slice, which -race's checkptr
// rejects.)
func gcmHugeSlice(n uint64) []byte {
	backing := make([]byte, 16)
	hdr := struct {
		p    unsafe.Pointer
		l, c int
	}{unsafe.Pointer(&backing[0]), int(n), int(n)}
	return *(*[]byte)(unsafe.Pointer(&hdr))
}

// gcmMustPanic fails the test unless f panics.
func gcmMustPanic(t *testing.T, what string, f func()) {
	t.Helper()
	defer func() {
		if recover() == nil {
			t.Errorf("%s: did not panic", what)
		}
	}()
	f()
}

// gcmAllZero reports whether b is all zero bytes.
func gcmAllZero(b []byte) bool {
	for _, x := range b {
		if x != 0 {
			return false
		}
	}
	return true
}

// gcmRunVectors runs every test of a Wycheproof-schema file through
// gcmCheckVector.
func gcmRunVectors(t *testing.T, f *wpFile, newAEAD func(key []byte) (gcmFamily, error)) {
	t.Helper()
	n := 0
	for _, g := range f.TestGroups {
		for i := range g.Tests {
			tc := &g.Tests[i]
			name := fmt.Sprintf("tcId %d (%s)", tc.TcID, tc.Comment)
			if g.TagSize != 0 && g.TagSize != 128 {
				t.Fatalf("%s: unexpected tag size %d", name, g.TagSize)
			}
			a, err := newAEAD(tc.Key)
			if err != nil {
				t.Errorf("%s: constructor: %v", name, err)
				continue
			}
			gcmCheckVector(t, name, a, tc)
			n++
		}
	}
	t.Logf("%d vectors", n)
}

// gcmCheckVector checks one vector through Encrypt, EncryptInto (separate
// and in place), Decrypt, DecryptInto (separate and in place), and Seal /
// Open when the nonce has the standard size. Valid vectors must reproduce
// ct || tag and the message; invalid ones must fail with the right sentinel
// (ErrNonceSize for a nonce the construction refuses, else ErrInvalidTag)
// and leave zeroed destinations.
func gcmCheckVector(t *testing.T, name string, a gcmFamily, tc *wpTest) {
	t.Helper()
	iv, msg, ad := []byte(tc.IV), []byte(tc.Msg), []byte(tc.AAD)
	want := append(append([]byte{}, tc.CT...), tc.Tag...)
	std := len(iv) == a.NonceSize()
	tagLen := a.Overhead()

	if tc.Result == "valid" {
		got, err := a.Encrypt(iv, msg, ad)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: Encrypt = %x, %v; want %x", name, got, err, want)
		}
		dst := make([]byte, len(want))
		if n, err := a.EncryptInto(dst, iv, msg, ad); err != nil || n != len(want) || !bytes.Equal(dst, want) {
			t.Errorf("%s: EncryptInto = %d, %v, %x", name, n, err, dst)
		}
		buf := make([]byte, len(want))
		copy(buf, msg)
		if n, err := a.EncryptInto(buf, iv, buf[:len(msg)], ad); err != nil || n != len(want) || !bytes.Equal(buf, want) {
			t.Errorf("%s: EncryptInto in place = %d, %v, %x", name, n, err, buf)
		}

		pt, err := a.Decrypt(iv, want, ad)
		if err != nil || !bytes.Equal(pt, msg) {
			t.Errorf("%s: Decrypt = %x, %v; want %x", name, pt, err, msg)
		}
		dst = make([]byte, len(msg))
		if n, err := a.DecryptInto(dst, iv, want, ad); err != nil || n != len(msg) || !bytes.Equal(dst, msg) {
			t.Errorf("%s: DecryptInto = %d, %v, %x", name, n, err, dst)
		}
		buf = append([]byte{}, want...)
		if n, err := a.DecryptInto(buf[:len(msg)], iv, buf, ad); err != nil || n != len(msg) || !bytes.Equal(buf[:len(msg)], msg) {
			t.Errorf("%s: DecryptInto in place = %d, %v, %x", name, n, err, buf[:len(msg)])
		}

		if std {
			prefix := []byte("prefix")
			sealed := a.Seal(append([]byte{}, prefix...), iv, msg, ad)
			if !bytes.Equal(sealed, append(append([]byte{}, prefix...), want...)) {
				t.Errorf("%s: Seal = %x", name, sealed)
			}
			opened, err := a.Open(append([]byte{}, prefix...), iv, want, ad)
			if err != nil || !bytes.Equal(opened, append(append([]byte{}, prefix...), msg...)) {
				t.Errorf("%s: Open = %x, %v", name, opened, err)
			}
			buf = make([]byte, len(msg), len(want))
			copy(buf, msg)
			sealed = a.Seal(buf[:0], iv, buf, ad)
			if !bytes.Equal(sealed, want) || &sealed[0] != &buf[:1][0] {
				t.Errorf("%s: Seal in place = %x", name, sealed)
			}
			opened, err = a.Open(sealed[:0], iv, sealed, ad)
			if err != nil || !bytes.Equal(opened, msg) {
				t.Errorf("%s: Open in place = %x, %v", name, opened, err)
			}
		}
		return
	}

	if tc.Result != "invalid" {
		t.Fatalf("%s: unknown result %q", name, tc.Result)
	}
	sentinel := ErrInvalidTag
	if tc.hasFlag("InvalidNonceSize") || tc.hasFlag("ZeroLengthIv") {
		sentinel = ErrNonceSize
	}
	if pt, err := a.Decrypt(iv, want, ad); !errors.Is(err, sentinel) || pt != nil {
		t.Errorf("%s: Decrypt = %x, %v; want %v", name, pt, err, sentinel)
	}

	if sentinel == ErrNonceSize {
		if _, err := a.Encrypt(iv, msg, ad); !errors.Is(err, ErrNonceSize) {
			t.Errorf("%s: Encrypt: %v; want ErrNonceSize", name, err)
		}
		if _, err := a.EncryptInto(make([]byte, len(msg)+tagLen), iv, msg, ad); !errors.Is(err, ErrNonceSize) {
			t.Errorf("%s: EncryptInto: %v; want ErrNonceSize", name, err)
		}
		if len(want) >= tagLen {
			if _, err := a.DecryptInto(make([]byte, len(want)-tagLen), iv, want, ad); !errors.Is(err, ErrNonceSize) {
				t.Errorf("%s: DecryptInto: %v; want ErrNonceSize", name, err)
			}
		}
		if !std {
			gcmMustPanic(t, name+": Seal", func() { a.Seal(nil, iv, msg, ad) })
			gcmMustPanic(t, name+": Open", func() { _, _ = a.Open(nil, iv, want, ad) })
		}
		return
	}

	// A wrong tag (or a modified ciphertext): encrypting the message must
	// give something else, and every decryption must fail and leave zeroes.
	if got, err := a.Encrypt(iv, msg, ad); err != nil || bytes.Equal(got, want) {
		t.Errorf("%s: Encrypt = %x, %v; the invalid vector must not be reproduced", name, got, err)
	}
	if len(want) < tagLen {
		return
	}
	dst := bytes.Repeat([]byte{0xaa}, len(want)-tagLen)
	if n, err := a.DecryptInto(dst, iv, want, ad); !errors.Is(err, ErrInvalidTag) || n != 0 || !gcmAllZero(dst) {
		t.Errorf("%s: DecryptInto = %d, %v, dst %x; want ErrInvalidTag and zeroes", name, n, err, dst)
	}
	buf := append([]byte{}, want...)
	if _, err := a.DecryptInto(buf[:len(want)-tagLen], iv, buf, ad); !errors.Is(err, ErrInvalidTag) || !gcmAllZero(buf[:len(want)-tagLen]) {
		t.Errorf("%s: DecryptInto in place: %v, dst %x; want ErrInvalidTag and zeroes", name, err, buf[:len(want)-tagLen])
	}
	if std {
		full := bytes.Repeat([]byte{0xaa}, 3+len(want)-tagLen)
		out, err := a.Open(full[:3], iv, want, ad)
		if !errors.Is(err, ErrInvalidTag) || out != nil || !gcmAllZero(full[3:]) || !bytes.Equal(full[:3], []byte{0xaa, 0xaa, 0xaa}) {
			t.Errorf("%s: Open = %x, %v, region %x; want ErrInvalidTag and zeroes", name, out, err, full)
		}
	}
}

// gcmCheckErrors checks the parameter errors that the three constructions
// share: nonce sizes, buffer sizes, short ciphertexts, overlaps, length
// limits, and the panics of Seal and Open.
func gcmCheckErrors(t *testing.T, a gcmFamily, badNonces []int, maxPlaintext, maxAD uint64) {
	t.Helper()
	tagLen := a.Overhead()
	nonce := make([]byte, a.NonceSize())
	pt := []byte("some plaintext of some length")
	ad := []byte("associated")
	ct, err := a.Encrypt(nonce, pt, ad)
	if err != nil {
		t.Fatal(err)
	}

	for _, n := range badNonces {
		bad := make([]byte, n)
		if _, err := a.Encrypt(bad, pt, ad); !errors.Is(err, ErrNonceSize) {
			t.Errorf("Encrypt, %d-byte nonce: %v", n, err)
		}
		if _, err := a.Decrypt(bad, ct, ad); !errors.Is(err, ErrNonceSize) {
			t.Errorf("Decrypt, %d-byte nonce: %v", n, err)
		}
		// Nonce size comes first: even with a wrong dst.
		if _, err := a.EncryptInto(nil, bad, pt, ad); !errors.Is(err, ErrNonceSize) {
			t.Errorf("EncryptInto, %d-byte nonce: %v", n, err)
		}
		if _, err := a.DecryptInto(nil, bad, ct[:3], ad); !errors.Is(err, ErrNonceSize) {
			t.Errorf("DecryptInto, %d-byte nonce: %v", n, err)
		}
		gcmMustPanic(t, fmt.Sprintf("Seal, %d-byte nonce", n), func() { a.Seal(nil, bad, pt, ad) })
		gcmMustPanic(t, fmt.Sprintf("Open, %d-byte nonce", n), func() { _, _ = a.Open(nil, bad, ct, ad) })
	}

	// Buffer sizes.
	for _, d := range []int{-1, 1} {
		if _, err := a.EncryptInto(make([]byte, len(ct)+d), nonce, pt, ad); !errors.Is(err, ErrBufferSize) {
			t.Errorf("EncryptInto, dst off by %d: %v", d, err)
		}
		if _, err := a.DecryptInto(make([]byte, len(pt)+d), nonce, ct, ad); !errors.Is(err, ErrBufferSize) {
			t.Errorf("DecryptInto, dst off by %d: %v", d, err)
		}
	}

	// Short ciphertexts: ErrInvalidTag, before the dst check.
	for n := 0; n < tagLen; n++ {
		if _, err := a.Decrypt(nonce, ct[:n], ad); !errors.Is(err, ErrInvalidTag) {
			t.Errorf("Decrypt, %d-byte ciphertext: %v", n, err)
		}
		if _, err := a.DecryptInto(nil, nonce, ct[:n], ad); !errors.Is(err, ErrInvalidTag) {
			t.Errorf("DecryptInto, %d-byte ciphertext: %v", n, err)
		}
		if _, err := a.Open(nil, nonce, ct[:n], ad); !errors.Is(err, ErrInvalidTag) {
			t.Errorf("Open, %d-byte ciphertext: %v", n, err)
		}
	}

	// Overlaps: in place is fine (checked by the vectors); anything else
	// is ErrOverlap, or a panic in Seal / Open.
	buf := make([]byte, 2*len(ct)+64)
	copy(buf[1:], pt)
	if _, err := a.EncryptInto(buf[:len(ct)], nonce, buf[1:1+len(pt)], ad); !errors.Is(err, ErrOverlap) {
		t.Errorf("EncryptInto, shifted overlap: %v", err)
	}
	if _, err := a.EncryptInto(buf[:len(ct)], nonce, pt, buf[len(ct)-1:len(ct)+4]); !errors.Is(err, ErrOverlap) {
		t.Errorf("EncryptInto, dst overlapping ad: %v", err)
	}
	if _, err := a.EncryptInto(buf[:len(ct)], buf[len(ct)-2:len(ct)-2+len(nonce)], pt, ad); !errors.Is(err, ErrOverlap) {
		t.Errorf("EncryptInto, dst overlapping nonce: %v", err)
	}
	copy(buf[1:], ct)
	if _, err := a.DecryptInto(buf[:len(pt)], nonce, buf[1:1+len(ct)], ad); !errors.Is(err, ErrOverlap) {
		t.Errorf("DecryptInto, shifted overlap: %v", err)
	}
	if _, err := a.DecryptInto(buf[:len(pt)], nonce, ct, buf[2:5]); !errors.Is(err, ErrOverlap) {
		t.Errorf("DecryptInto, dst overlapping ad: %v", err)
	}
	copy(buf[1:], pt)
	gcmMustPanic(t, "Seal, shifted overlap", func() { a.Seal(buf[:0], nonce, buf[1:1+len(pt)], ad) })
	copy(buf[1:], ct)
	gcmMustPanic(t, "Open, shifted overlap", func() { _, _ = a.Open(buf[:0], nonce, buf[1:1+len(ct)], ad) })

	// Length limits: the error comes before anything is read. The fake
	// huge slices need a 64-bit int.
	if ^uint(0)>>32 == 0 {
		return
	}
	huge := gcmHugeSlice(maxPlaintext + 1)
	if _, err := a.Encrypt(nonce, huge, ad); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Encrypt, plaintext over the limit: %v", err)
	}
	if _, err := a.EncryptInto(nil, nonce, huge, ad); !errors.Is(err, ErrTooLarge) {
		t.Errorf("EncryptInto, plaintext over the limit: %v", err)
	}
	for _, n := range badNonces {
		// The nonce size is reported first.
		if _, err := a.EncryptInto(nil, make([]byte, n), huge, ad); !errors.Is(err, ErrNonceSize) {
			t.Errorf("EncryptInto, %d-byte nonce and plaintext over the limit: %v; want ErrNonceSize", n, err)
		}
	}
	gcmMustPanic(t, "Seal, plaintext over the limit", func() { a.Seal(nil, nonce, huge, ad) })
	hugeCT := gcmHugeSlice(maxPlaintext + uint64(tagLen) + 1)
	if _, err := a.Decrypt(nonce, hugeCT, ad); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Decrypt, ciphertext over the limit: %v", err)
	}
	if _, err := a.DecryptInto(nil, nonce, hugeCT, ad); !errors.Is(err, ErrTooLarge) {
		t.Errorf("DecryptInto, ciphertext over the limit: %v", err)
	}
	if _, err := a.Open(nil, nonce, hugeCT, ad); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Open, ciphertext over the limit: %v", err)
	}
	// Exactly at the limit is accepted by the checks: with a wrong dst size
	// the error is ErrBufferSize, not ErrTooLarge.
	if _, err := a.EncryptInto(nil, nonce, gcmHugeSlice(maxPlaintext), ad); !errors.Is(err, ErrBufferSize) {
		t.Errorf("EncryptInto, plaintext at the limit: %v; want ErrBufferSize", err)
	}
	if _, err := a.DecryptInto(nil, nonce, gcmHugeSlice(maxPlaintext+uint64(tagLen)), ad); !errors.Is(err, ErrBufferSize) {
		t.Errorf("DecryptInto, ciphertext at the limit: %v; want ErrBufferSize", err)
	}
	if maxAD != 0 {
		hugeAD := gcmHugeSlice(maxAD + 1)
		if _, err := a.Encrypt(nonce, pt, hugeAD); !errors.Is(err, ErrTooLarge) {
			t.Errorf("Encrypt, ad over the limit: %v", err)
		}
		if _, err := a.Decrypt(nonce, ct, hugeAD); !errors.Is(err, ErrTooLarge) {
			t.Errorf("Decrypt, ad over the limit: %v", err)
		}
		gcmMustPanic(t, "Seal, ad over the limit", func() { a.Seal(nil, nonce, pt, hugeAD) })
	}
}

// gcmCheckKeys checks the constructor's and the key generator's size
// handling.
func gcmCheckKeys(t *testing.T, newAEAD func([]byte) (gcmFamily, error), good []int, generate func(bits int) ([]byte, error), goodBits []int) {
	t.Helper()
	isGood := func(n int) bool {
		for _, g := range good {
			if n == g {
				return true
			}
		}
		return false
	}
	for n := 0; n <= 65; n++ {
		a, err := newAEAD(make([]byte, n))
		if isGood(n) {
			if err != nil || a == nil {
				t.Errorf("%d-byte key: %v", n, err)
			}
		} else if !errors.Is(err, ErrKeySize) {
			t.Errorf("%d-byte key: %v; want ErrKeySize", n, err)
		}
	}
	// The key is copied: changing the caller's slice changes nothing.
	key := make([]byte, good[0])
	a, err := newAEAD(key)
	if err != nil {
		t.Fatal(err)
	}
	nonce := make([]byte, a.NonceSize())
	before, _ := a.Encrypt(nonce, []byte("x"), nil)
	key[0] ^= 1
	after, _ := a.Encrypt(nonce, []byte("x"), nil)
	if !bytes.Equal(before, after) {
		t.Error("the constructor does not copy the key")
	}

	for _, bits := range goodBits {
		k1, err1 := generate(bits)
		k2, err2 := generate(bits)
		if err1 != nil || err2 != nil || len(k1) != bits/8 || len(k2) != bits/8 || bytes.Equal(k1, k2) {
			t.Errorf("generate(%d) = %x, %v; %x, %v", bits, k1, err1, k2, err2)
		}
		if _, err := newAEAD(k1); err != nil {
			t.Errorf("generate(%d) gave an unusable key: %v", bits, err)
		}
	}
	for _, bits := range []int{-128, 0, 1, 64, 127, 129, 160, 255, 257, 384, 512} {
		if k, err := generate(bits); !errors.Is(err, ErrKeySize) || k != nil {
			t.Errorf("generate(%d) = %x, %v; want ErrKeySize", bits, k, err)
		}
	}
}

func newAESGCMFamily(key []byte) (gcmFamily, error) {
	c, err := NewAESGCM(key)
	if err != nil {
		return nil, err
	}
	return c, nil
}

// TestAESGCMWycheproof runs the Wycheproof AES-GCM vectors (every key
// size, nonce lengths other than 12 included) on every kernel tier.
func TestAESGCMWycheproof(t *testing.T) {
	f := loadVectors(t, "wycheproof", "aes_gcm_test.json")
	testutil.ForEachTierAll(t, func(t *testing.T) {
		gcmRunVectors(t, f, newAESGCMFamily)
	})
}

func TestAESGCMKeys(t *testing.T) {
	gcmCheckKeys(t, newAESGCMFamily, []int{16, 24, 32}, GenerateAESGCMKey, []int{128, 192, 256})
}

func TestAESGCMErrors(t *testing.T) {
	c, err := NewAESGCM(make([]byte, 16))
	if err != nil {
		t.Fatal(err)
	}
	if c.NonceSize() != 12 || c.Overhead() != 16 {
		t.Fatalf("NonceSize %d, Overhead %d", c.NonceSize(), c.Overhead())
	}
	// Only the empty nonce is refused by Encrypt/Decrypt; Seal/Open take 12
	// bytes only.
	gcmCheckErrors(t, c, []int{0}, gcmMaxPlaintext, gcmMaxAD)
	for _, n := range []int{1, 8, 11, 13, 16} {
		nonce := make([]byte, n)
		gcmMustPanic(t, fmt.Sprintf("Seal, %d-byte nonce", n), func() { c.Seal(nil, nonce, nil, nil) })
		gcmMustPanic(t, fmt.Sprintf("Open, %d-byte nonce", n), func() { _, _ = c.Open(nil, nonce, make([]byte, 16), nil) })
	}
	if ^uint(0)>>32 != 0 { // a 64-bit int is needed for the fake huge nonce
		if _, err := c.Encrypt(gcmHugeSlice(gcmMaxNonce+1), nil, nil); !errors.Is(err, ErrNonceSize) {
			t.Errorf("nonce over the limit: %v; want ErrNonceSize", err)
		}
	}
}

// TestAESGCMStdlib cross-checks AESGCM against the standard library's
// crypto/cipher GCM (test-only reference) on every kernel tier, with random
// keys of all three sizes, nonces of 1, 8, 12, 16 and 64 bytes, every
// plaintext length 0..1024 and random lengths up to 64 KiB, with random
// associated data. Under -race, where the generic kernels are slow, every
// length runs for one key size and nonce length and the others are
// sampled.
func TestAESGCMStdlib(t *testing.T) {
	testutil.ForEachTierAll(t, testAESGCMStdlib)
}

func testAESGCMStdlib(t *testing.T) {
	race := gcmTestRace()
	rng := rand.New(rand.NewPCG(0x6763, 0x6d31))
	fill := func(b []byte) {
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
	}
	sampled := []int{0, 1, 2, 15, 16, 17, 31, 32, 33, 47, 48, 63, 64, 65, 95, 96, 97, 127, 128, 129, 255, 256, 257, 511, 512, 513, 1023, 1024}
	total := 0
	for _, keySize := range []int{16, 24, 32} {
		key := make([]byte, keySize)
		fill(key)
		ours, err := NewAESGCM(key)
		if err != nil {
			t.Fatal(err)
		}
		block, err := aes.NewCipher(key)
		if err != nil {
			t.Fatal(err)
		}
		for _, nonceSize := range []int{1, 8, 12, 16, 64} {
			ref, err := cipher.NewGCMWithNonceSize(block, nonceSize)
			if err != nil {
				t.Fatal(err)
			}
			var lengths []int
			if !race || (keySize == 16 && nonceSize == 12) {
				for n := 0; n <= 1024; n++ {
					lengths = append(lengths, n)
				}
			} else {
				lengths = append(lengths, sampled...)
				for range 4 {
					lengths = append(lengths, rng.IntN(1025))
				}
			}
			big := 6
			if race {
				big = 1
			}
			for range big {
				lengths = append(lengths, rng.IntN(64<<10+1))
			}

			nonce := make([]byte, nonceSize)
			for _, n := range lengths {
				pt := make([]byte, n)
				fill(pt)
				adLen := rng.IntN(48)
				if rng.IntN(8) == 0 {
					adLen = rng.IntN(600)
				}
				ad := make([]byte, adLen)
				fill(ad)
				fill(nonce)

				want := ref.Seal(nil, nonce, pt, ad)
				got, err := ours.Encrypt(nonce, pt, ad)
				if err != nil || !bytes.Equal(got, want) {
					t.Fatalf("key %d, nonce %d, len %d, ad %d: Encrypt differs from crypto/cipher: %v", keySize, nonceSize, n, adLen, err)
				}
				back, err := ours.Decrypt(nonce, want, ad)
				if err != nil || !bytes.Equal(back, pt) {
					t.Fatalf("key %d, nonce %d, len %d, ad %d: Decrypt: %v", keySize, nonceSize, n, adLen, err)
				}
				if nonceSize == 12 {
					if sealed := ours.Seal(nil, nonce, pt, ad); !bytes.Equal(sealed, want) {
						t.Fatalf("key %d, len %d: Seal differs from crypto/cipher", keySize, n)
					}
					if opened, err := ours.Open(nil, nonce, want, ad); err != nil || !bytes.Equal(opened, pt) {
						t.Fatalf("key %d, len %d: Open: %v", keySize, n, err)
					}
				}
				// A flipped bit anywhere must be refused by both.
				if n > 0 && rng.IntN(4) == 0 {
					bad := append([]byte{}, want...)
					bad[rng.IntN(len(bad))] ^= 1 << rng.IntN(8)
					if _, err := ours.Decrypt(nonce, bad, ad); !errors.Is(err, ErrInvalidTag) {
						t.Fatalf("key %d, nonce %d, len %d: tampered ciphertext: %v", keySize, nonceSize, n, err)
					}
				}
				total++
			}
		}
	}
	t.Logf("%d messages checked (race %v)", total, race)
}

// TestAESGCMGuardPages runs every plaintext length 0..1024 on every kernel
// tier with the plaintext, the ciphertext and the associated data each
// ending right before, or starting right after, an inaccessible page, so
// that reading or writing one byte outside any of them faults. The bytes
// are checked against crypto/cipher, a tampered tag must give
// ErrInvalidTag with dst zeroed, and decryption runs separate and in
// place.
func TestAESGCMGuardPages(t *testing.T) {
	const max = 1024
	step := 1
	if gcmTestRace() {
		step = 7
	}
	rng := rand.New(rand.NewPCG(0x6767, 0x7061))
	fill := func(b []byte) {
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
	}
	key := make([]byte, 16)
	fill(key)
	block, err := aes.NewCipher(key)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := cipher.NewGCM(block)
	if err != nil {
		t.Fatal(err)
	}
	testutil.ForEachTierAll(t, func(t *testing.T) {
		c, err := NewAESGCM(key)
		if err != nil {
			t.Fatal(err)
		}
		for _, mode := range testutil.GuardModes {
			ptBuf := testutil.Guarded(t, max, mode)
			ctBuf := testutil.Guarded(t, max+gcmTagSize, mode)
			adBuf := testutil.Guarded(t, max, mode)
			outBuf := testutil.Guarded(t, max, mode)
			at := func(b []byte, n int) []byte {
				if mode == testutil.GuardAfter {
					return b[len(b)-n:]
				}
				return b[:n]
			}
			nonce := make([]byte, 12)
			for n := 0; n <= max; n += step {
				adLen := (n * 13) % 81
				if n%4 == 3 {
					adLen = n
				}
				pt, ct, ad, out := at(ptBuf, n), at(ctBuf, n+gcmTagSize), at(adBuf, adLen), at(outBuf, n)
				fill(pt)
				fill(ad)
				fill(nonce)
				want := ref.Seal(nil, nonce, pt, ad)
				if _, err := c.EncryptInto(ct, nonce, pt, ad); err != nil || !bytes.Equal(ct, want) {
					t.Fatalf("guard %v len %d ad %d: EncryptInto differs from crypto/cipher: %v", mode, n, adLen, err)
				}
				if _, err := c.DecryptInto(out, nonce, ct, ad); err != nil || !bytes.Equal(out, pt) {
					t.Fatalf("guard %v len %d ad %d: DecryptInto: %v", mode, n, adLen, err)
				}
				// In place, in the guarded buffer: ct[:n] becomes pt.
				if _, err := c.DecryptInto(ct[:n], nonce, ct, ad); err != nil || !bytes.Equal(ct[:n], pt) {
					t.Fatalf("guard %v len %d ad %d: DecryptInto in place: %v", mode, n, adLen, err)
				}
				copy(ct, want)
				ct[n+rng.IntN(gcmTagSize)] ^= 1 << rng.IntN(8)
				if _, err := c.DecryptInto(out, nonce, ct, ad); !errors.Is(err, ErrInvalidTag) || !gcmAllZero(out) {
					t.Fatalf("guard %v len %d ad %d: tampered tag: %v, dst zeroed %v", mode, n, adLen, err, gcmAllZero(out))
				}
				// Encrypt in place too.
				copy(ct, pt)
				if _, err := c.EncryptInto(ct, nonce, ct[:n], ad); err != nil || !bytes.Equal(ct, want) {
					t.Fatalf("guard %v len %d ad %d: EncryptInto in place: %v", mode, n, adLen, err)
				}
			}
		}
	})
}

// TestAESGCMZeroAllocs checks on every kernel tier that EncryptInto,
// DecryptInto, and Seal and Open with a destination of sufficient
// capacity allocate nothing, with the 12-byte nonce and with another
// length (J0 through GHASH).
func TestAESGCMZeroAllocs(t *testing.T) {
	if gcmTestRace() {
		t.Skip("the race detector allocates")
	}
	c, err := NewAESGCM(make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	pt := make([]byte, 1000)
	ad := make([]byte, 13)
	ct := make([]byte, len(pt)+gcmTagSize)
	out := make([]byte, len(pt))
	testutil.ForEachTierAll(t, func(t *testing.T) {
		for _, nonce := range [][]byte{make([]byte, 12), make([]byte, 16)} {
			sealed := c.Seal(nil, make([]byte, 12), pt, ad)
			for name, f := range map[string]func(){
				"EncryptInto": func() { _, _ = c.EncryptInto(ct, nonce, pt, ad) },
				"DecryptInto": func() {
					_, _ = c.EncryptInto(ct, nonce, pt, ad)
					if _, err := c.DecryptInto(out, nonce, ct, ad); err != nil {
						t.Fatal(err)
					}
				},
				"Seal": func() { c.Seal(ct[:0], make([]byte, 12), pt, ad) },
				"Open": func() {
					if _, err := c.Open(out[:0], make([]byte, 12), sealed, ad); err != nil {
						t.Fatal(err)
					}
				},
			} {
				if a := testing.AllocsPerRun(20, f); a != 0 {
					t.Errorf("%s, %d-byte nonce: %v allocations per run, want 0", name, len(nonce), a)
				}
			}
		}
	})
}

// TestGCMTagEqual checks the word-wise tag comparison of Open: equal tags
// match, and a tag with any single bit flipped does not.
func TestGCMTagEqual(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		var want [16]byte
		for i := range want {
			want[i] = byte(r.Uint32())
		}
		got := append([]byte(nil), want[:]...)
		if !gcmTagEqual(&want, got) {
			t.Fatalf("equal tags %x do not match", want)
		}
		for bit := range 128 {
			got[bit/8] ^= 1 << (bit % 8)
			if gcmTagEqual(&want, got) {
				t.Fatalf("tag %x with bit %d flipped matches", want, bit)
			}
			got[bit/8] ^= 1 << (bit % 8)
		}
	}
}
