package suite

import (
	"crypto/aes"
	"crypto/cipher"
	"runtime"

	"github.com/ProtonMail/go-crypto/ocb"
	"github.com/pion/dtls/v3/pkg/crypto/ccm"
	tinkaead "github.com/tink-crypto/tink-go/v2/aead/subtle"
	tinkdaead "github.com/tink-crypto/tink-go/v2/daead/subtle"
	"golang.org/x/crypto/chacha20poly1305"
)

// Options selects optional peers.
type Options struct {
	// OpenSSL adds OpenSSL's libcrypto (binaries built with the openssl
	// tag only; see OpenSSLAvailable).
	OpenSSL bool
}

// Peers returns the peer implementations: for each construction the best
// Go package the module proxy serves, and OpenSSL if asked for and built
// in.
func Peers(o Options) []Impl {
	ps := []Impl{
		{
			Name:     "stdlib",
			Package:  "crypto/cipher " + runtime.Version(),
			Peer:     true,
			Supports: func(v Variant) bool { return v.Construction == "AESGCM" },
			New: func(v Variant, key []byte) (AEAD, error) {
				b, err := aes.NewCipher(key)
				if err != nil {
					return nil, err
				}
				return stdAEAD(cipher.NewGCM(b))
			},
		},
		{
			Name:     "xcrypto",
			Package:  moduleVersion("golang.org/x/crypto/chacha20poly1305"),
			Peer:     true,
			Supports: func(v Variant) bool { return v.Construction == "ChaCha20Poly1305" },
			New: func(v Variant, key []byte) (AEAD, error) {
				return stdAEAD(chacha20poly1305.New(key))
			},
		},
		{
			Name:    "tink",
			Package: moduleVersion("github.com/tink-crypto/tink-go/v2/aead/subtle") + " (AES-GCM-SIV), daead/subtle (AES-SIV)",
			Peer:    true,
			Note:    "Tink's API draws a random nonce (GCM-SIV), prepends it, and allocates the output on every call",
			Supports: func(v Variant) bool {
				return v.Construction == "AESGCMSIV" && (v.KeyBits == 128 || v.KeyBits == 256) ||
					v.Construction == "AESSIV" && v.KeyBits == 512
			},
			New: func(v Variant, key []byte) (AEAD, error) {
				if v.Construction == "AESSIV" {
					s, err := tinkdaead.NewAESSIV(key)
					if err != nil {
						return nil, err
					}
					return tinkSIV{s}, nil
				}
				s, err := tinkaead.NewAESGCMSIV(key)
				if err != nil {
					return nil, err
				}
				return tinkGCMSIV{s}, nil
			},
		},
		{
			Name:     "protonmail",
			Package:  moduleVersion("github.com/ProtonMail/go-crypto/ocb"),
			Peer:     true,
			Supports: func(v Variant) bool { return v.Construction == "AESOCB3" },
			New: func(v Variant, key []byte) (AEAD, error) {
				b, err := aes.NewCipher(key)
				if err != nil {
					return nil, err
				}
				return stdAEAD(ocb.NewOCBWithNonceAndTagSize(b, NonceSize, v.Info().Tag))
			},
		},
		{
			Name:     "pion",
			Package:  moduleVersion("github.com/pion/dtls/v3/pkg/crypto/ccm"),
			Peer:     true,
			Supports: func(v Variant) bool { return v.Construction == "AESCCM" },
			New: func(v Variant, key []byte) (AEAD, error) {
				b, err := aes.NewCipher(key)
				if err != nil {
					return nil, err
				}
				c, err := ccm.NewCCM(b, v.Info().Tag, NonceSize)
				if err != nil {
					return nil, err
				}
				return c, nil
			},
		},
	}
	if o.OpenSSL {
		ps = append(ps, openSSLImpls()...)
	}
	return ps
}

// NoncePrefixed reports whether a belongs to an API that draws the nonce
// itself: its Seal ignores the nonce argument and returns
// nonce || ciphertext || tag, and its Open takes that form. Such an AEAD
// has a method NoncePrefixed() bool that returns true.
func NoncePrefixed(a AEAD) bool {
	p, ok := a.(interface{ NoncePrefixed() bool })
	return ok && p.NoncePrefixed()
}

// tinkGCMSIV adapts Tink's AES-GCM-SIV, whose Encrypt draws a random
// 12-byte nonce and returns nonce || ciphertext || tag in a new slice.
type tinkGCMSIV struct{ s *tinkaead.AESGCMSIV }

func (t tinkGCMSIV) NoncePrefixed() bool { return true }

func (t tinkGCMSIV) Seal(dst, _, plaintext, ad []byte) []byte {
	out, err := t.s.Encrypt(plaintext, ad)
	if err != nil {
		panic(err)
	}
	return appendOrReturn(dst, out)
}

func (t tinkGCMSIV) Open(dst, _, ciphertext, ad []byte) ([]byte, error) {
	out, err := t.s.Decrypt(ciphertext, ad)
	if err != nil {
		return nil, err
	}
	return appendOrReturn(dst, out), nil
}

// tinkSIV adapts Tink's deterministic AES-SIV (one AD component, V || C).
type tinkSIV struct{ s *tinkdaead.AESSIV }

func (t tinkSIV) Seal(dst, _, plaintext, ad []byte) []byte {
	out, err := t.s.EncryptDeterministically(plaintext, ad)
	if err != nil {
		panic(err)
	}
	return appendOrReturn(dst, out)
}

func (t tinkSIV) Open(dst, _, ciphertext, ad []byte) ([]byte, error) {
	out, err := t.s.DecryptDeterministically(ciphertext, ad)
	if err != nil {
		return nil, err
	}
	return appendOrReturn(dst, out), nil
}

// appendOrReturn gives an allocating API append semantics without an extra
// copy in the common case (empty dst): the API's own slice is returned.
func appendOrReturn(dst, out []byte) []byte {
	if len(dst) == 0 {
		return out
	}
	return append(dst, out...)
}
