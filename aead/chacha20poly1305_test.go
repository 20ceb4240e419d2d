package aead

import (
	"bytes"
	"encoding/hex"
	"testing"
)

func newChaChaFamily(key []byte) (gcmFamily, error) {
	c, err := NewChaCha20Poly1305(key)
	if err != nil {
		return nil, err
	}
	return c, nil
}

func TestChaCha20Poly1305Wycheproof(t *testing.T) {
	gcmRunVectors(t, loadVectors(t, "wycheproof", "chacha20_poly1305_test.json"), newChaChaFamily)
}

// TestChaCha20Poly1305RFC8439 checks the AEAD example of RFC 8439 section
// 2.8.2 (key, nonce, AAD, plaintext, ciphertext and tag copied from the
// RFC).
func TestChaCha20Poly1305RFC8439(t *testing.T) {
	h := func(s string) []byte {
		b, err := hex.DecodeString(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	key := h("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f")
	nonce := h("070000004041424344454647")
	ad := h("50515253c0c1c2c3c4c5c6c7")
	pt := []byte("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.")
	ct := h("d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6" +
		"3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36" +
		"92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc" +
		"3ff4def08e4b7a9de576d26586cec64b6116")
	tag := h("1ae10b594f09e26a7e902ecbd0600691")
	c, err := NewChaCha20Poly1305(key)
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Encrypt(nonce, pt, ad)
	want := append(append([]byte{}, ct...), tag...)
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("Encrypt = %x, %v\nwant %x", got, err, want)
	}
	back, err := c.Decrypt(nonce, want, ad)
	if err != nil || !bytes.Equal(back, pt) {
		t.Fatalf("Decrypt = %q, %v", back, err)
	}
}

func TestChaCha20Poly1305Keys(t *testing.T) {
	gcmCheckKeys(t, newChaChaFamily, []int{32}, func(bits int) ([]byte, error) {
		if bits != 256 {
			// GenerateChaCha20Poly1305Key takes no bit length; only the
			// 256-bit case applies.
			return nil, ErrKeySize
		}
		return GenerateChaCha20Poly1305Key()
	}, []int{256})
}

func TestChaCha20Poly1305Errors(t *testing.T) {
	c, err := NewChaCha20Poly1305(make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	if c.NonceSize() != 12 || c.Overhead() != 16 {
		t.Fatalf("NonceSize %d, Overhead %d", c.NonceSize(), c.Overhead())
	}
	gcmCheckErrors(t, c, []int{0, 1, 8, 11, 13, 16, 24}, chachaMaxPlaintext, 0)
}
