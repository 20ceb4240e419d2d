package suite

import (
	"crypto/cipher"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/fastaead/fastaead/aead"
)

// AEAD is the face every implementation is measured through: the Seal and
// Open methods of crypto/cipher.AEAD, with its append semantics.
//
// For AES-SIV the nonce is ignored (Construction.Nonce is 0) and ad is the
// single associated-data component; the output is V || C.
type AEAD interface {
	Seal(dst, nonce, plaintext, ad []byte) []byte
	Open(dst, nonce, ciphertext, ad []byte) ([]byte, error)
}

// Impl is one implementation of some constructions: fastaead or a peer.
type Impl struct {
	// Name is the short name reports and benchmark names use (no slash
	// or space): "fastaead-avx512", "stdlib", "xcrypto", "tink",
	// "protonmail", "pion", "openssl".
	Name string
	// Package names the code measured, with its version when known.
	Package string
	// Peer is false for fastaead.
	Peer bool
	// Note says anything that affects how to read the numbers (for
	// example an API that allocates on every call).
	Note string
	// Supports reports whether the implementation has the variant.
	Supports func(Variant) bool
	// Lacks, if not nil, says why the implementation cannot process a
	// message of size bytes for variant v, or returns "" when it can.
	// Such messages are neither cross-checked nor measured.
	Lacks func(v Variant, size int) string
	// New returns the implementation keyed with key (Variant.KeySize
	// bytes).
	New func(v Variant, key []byte) (AEAD, error)
}

// LacksReason returns why im cannot process a size-byte message of variant
// v, or "" if it can.
func (im Impl) LacksReason(v Variant, size int) string {
	if im.Lacks == nil {
		return ""
	}
	return im.Lacks(v, size)
}

// Fastaead returns fastaead itself, named "fastaead-<tier>" after the
// kernel tier in force (FASTAEAD_KERNEL, or the CPU policy's choice). It
// returns an error if FASTAEAD_KERNEL is invalid.
func Fastaead() (Impl, error) {
	r := aead.Kernels()
	if r.Err != nil {
		return Impl{}, r.Err
	}
	return Impl{
		Name:     "fastaead-" + r.Tier,
		Package:  "github.com/fastaead/fastaead/aead (this tree)",
		Supports: func(Variant) bool { return true },
		New:      newFastaead,
	}, nil
}

// intoer is the Python-style face of the five nonce-based constructions.
type intoer interface {
	EncryptInto(dst, nonce, plaintext, ad []byte) (int, error)
	DecryptInto(dst, nonce, ciphertext, ad []byte) (int, error)
	Overhead() int
}

// intoAEAD measures a nonce-based fastaead construction through its
// EncryptInto / DecryptInto methods (no allocation when dst has capacity;
// AES-CCM's Seal takes only 13-byte nonces, EncryptInto takes 12).
type intoAEAD[T intoer] struct{ c T }

func (a intoAEAD[T]) Seal(dst, nonce, plaintext, ad []byte) []byte {
	ret, out := grow(dst, len(plaintext)+a.c.Overhead())
	if _, err := a.c.EncryptInto(out, nonce, plaintext, ad); err != nil {
		panic(err)
	}
	return ret
}

func (a intoAEAD[T]) Open(dst, nonce, ciphertext, ad []byte) ([]byte, error) {
	if len(ciphertext) < a.c.Overhead() {
		return nil, aead.ErrInvalidTag
	}
	ret, out := grow(dst, len(ciphertext)-a.c.Overhead())
	if _, err := a.c.DecryptInto(out, nonce, ciphertext, ad); err != nil {
		return nil, err
	}
	return ret, nil
}

// sivAEAD measures fastaead's AES-SIV with one associated-data component.
type sivAEAD struct{ c *aead.AESSIV }

func (a sivAEAD) Seal(dst, _, plaintext, ad []byte) []byte {
	ret, out := grow(dst, len(plaintext)+a.c.Overhead())
	list := [1][]byte{ad}
	if _, err := a.c.EncryptInto(out, plaintext, list[:]); err != nil {
		panic(err)
	}
	return ret
}

func (a sivAEAD) Open(dst, _, ciphertext, ad []byte) ([]byte, error) {
	if len(ciphertext) < a.c.Overhead() {
		return nil, aead.ErrInvalidTag
	}
	ret, out := grow(dst, len(ciphertext)-a.c.Overhead())
	list := [1][]byte{ad}
	if _, err := a.c.DecryptInto(out, ciphertext, list[:]); err != nil {
		return nil, err
	}
	return ret, nil
}

func newFastaead(v Variant, key []byte) (AEAD, error) {
	switch v.Construction {
	case "AESGCM":
		c, err := aead.NewAESGCM(key)
		return wrapInto(c, err)
	case "ChaCha20Poly1305":
		c, err := aead.NewChaCha20Poly1305(key)
		return wrapInto(c, err)
	case "AESGCMSIV":
		c, err := aead.NewAESGCMSIV(key)
		return wrapInto(c, err)
	case "AESOCB3":
		c, err := aead.NewAESOCB3(key)
		return wrapInto(c, err)
	case "AESCCM":
		c, err := aead.NewAESCCM(key, v.Info().Tag)
		return wrapInto(c, err)
	case "AESSIV":
		c, err := aead.NewAESSIV(key)
		if err != nil {
			return nil, err
		}
		return sivAEAD{c}, nil
	}
	return nil, fmt.Errorf("fastaead: no construction %q", v.Construction)
}

func wrapInto[T intoer](c T, err error) (AEAD, error) {
	if err != nil {
		return nil, err
	}
	return intoAEAD[T]{c}, nil
}

// grow extends dst by n bytes, reallocating only when its capacity is too
// small, and returns the whole slice and the new tail (the stdlib idiom).
func grow(dst []byte, n int) (whole, tail []byte) {
	total := len(dst) + n
	if cap(dst) >= total {
		whole = dst[:total]
	} else {
		whole = make([]byte, total)
		copy(whole, dst)
	}
	return whole, whole[len(dst):]
}

// stdAEAD adapts a crypto/cipher.AEAD (most Go peers are one).
func stdAEAD(a cipher.AEAD, err error) (AEAD, error) {
	if err != nil {
		return nil, err
	}
	return a, nil
}

// moduleVersion returns "path version" for the module that provides pkg,
// from the binary's build information, or just pkg when unknown.
func moduleVersion(pkg string) string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return pkg
	}
	best := ""
	ver := ""
	for _, d := range bi.Deps {
		if (pkg == d.Path || strings.HasPrefix(pkg, d.Path+"/")) && len(d.Path) > len(best) {
			best, ver = d.Path, d.Version
			if d.Replace != nil {
				ver = d.Replace.Version
			}
		}
	}
	if ver == "" {
		return pkg
	}
	return pkg + " " + ver
}

// errUnsupported is returned by New for a variant the peer lacks.
var errUnsupported = errors.New("variant not supported")

func keyBitsIn(bits ...int) func(Variant) bool {
	return func(v Variant) bool {
		for _, b := range bits {
			if v.KeyBits == b {
				return true
			}
		}
		return false
	}
}
