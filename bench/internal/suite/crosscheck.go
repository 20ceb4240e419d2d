package suite

import (
	"bytes"
	"fmt"
	"math/rand/v2"
)

// MismatchError is a cross-check failure: a peer disagreed with fastaead.
type MismatchError struct {
	Impl    string // the peer
	Variant string
	Detail  string
}

func (e *MismatchError) Error() string {
	return fmt.Sprintf("CROSS-CHECK FAILED: %s %s disagrees with fastaead: %s", e.Impl, e.Variant, e.Detail)
}

// checkSizes are the plaintext lengths the cross-check tries: around the
// block and batch boundaries, plus the caller's measurement sizes.
var checkSizes = []int{0, 1, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256, 257, 511, 1000, 1024, 4099}

// CrossCheck compares peer with ref (fastaead) for variant v on random
// inputs drawn from seed, before anything is timed. For every plaintext
// length in a fixed list plus extra (lengths above 64 KiB are skipped:
// measured outputs are checked after timing instead) and for three keys,
// with random nonces and associated data of random length, it checks that
//   - the peer's Seal output equals fastaead's byte for byte (for an API
//     that draws its own nonce, fastaead seals with that nonce),
//   - each opens the other's output to the plaintext,
//   - each rejects the output with one bit flipped.
//
// A panic in either implementation is reported as a failure. The error
// is a *MismatchError.
func CrossCheck(v Variant, ref, peer Impl, seed uint64, extra []int) (err error) {
	fail := func(format string, args ...any) error {
		return &MismatchError{Impl: peer.Name, Variant: v.Name(), Detail: fmt.Sprintf(format, args...)}
	}
	defer func() {
		if p := recover(); p != nil {
			err = fail("panic: %v", p)
		}
	}()
	sizes := append([]int(nil), checkSizes...)
	for _, n := range extra {
		if n <= 64<<10 {
			sizes = append(sizes, n)
		}
	}
	r := rng(seed, "crosscheck/"+v.Name()+"/"+peer.Name, 0)
	c := v.Info()
	for k := 0; k < 3; k++ {
		key := randBytes(r, v.KeySize())
		fa, err := ref.New(v, key)
		if err != nil {
			return fail("fastaead: %v", err)
		}
		pa, err := peer.New(v, key)
		if err != nil {
			return fail("cannot key the peer: %v", err)
		}
		prefixed := NoncePrefixed(pa)
		for _, n := range sizes {
			if peer.LacksReason(v, n) != "" {
				continue
			}
			nonce := randBytes(r, c.Nonce)
			adLen := r.IntN(49)
			if k == 0 {
				adLen = ADSize // the measured shape first
			}
			ad := randBytes(r, adLen)
			pt := randBytes(r, n)
			what := fmt.Sprintf("%d-byte plaintext, %d-byte AD", n, adLen)

			got := pa.Seal(nil, nonce, pt, ad)
			sealed := got
			if prefixed {
				if len(got) < c.Nonce {
					return fail("Seal returned %d bytes, %s", len(got), what)
				}
				nonce, got = got[:c.Nonce], got[c.Nonce:]
			}
			want := fa.Seal(nil, nonce, pt, ad)
			if !bytes.Equal(got, want) {
				return fail("Seal output differs (%s): %s", what, diff(got, want))
			}
			// The peer opens fastaead's output, fastaead the peer's.
			fromFa := want
			if prefixed {
				fromFa = append(append([]byte(nil), nonce...), want...)
			}
			if out, err := pa.Open(nil, nonce, fromFa, ad); err != nil || !bytes.Equal(out, pt) {
				return fail("Open of fastaead's ciphertext failed or differs (%s): err=%v", what, err)
			}
			if out, err := fa.Open(nil, nonce, got, ad); err != nil || !bytes.Equal(out, pt) {
				return fail("fastaead cannot open the peer's ciphertext (%s): err=%v", what, err)
			}
			// Tampering must be caught by both.
			bad := append([]byte(nil), sealed...)
			lo := 0
			if prefixed {
				lo = c.Nonce
			}
			bit := r.IntN((len(bad) - lo) * 8)
			bad[lo+bit/8] ^= 1 << (bit % 8)
			if _, err := pa.Open(nil, nonce, bad, ad); err == nil {
				return fail("accepted a ciphertext with bit %d flipped (%s)", bit, what)
			}
			if _, err := fa.Open(nil, nonce, bad[lo:], ad); err == nil {
				return fail("fastaead accepted a ciphertext with bit %d flipped (%s)", bit, what)
			}
		}
	}
	return nil
}

// diff describes where two byte strings first differ.
func diff(got, want []byte) string {
	if len(got) != len(want) {
		return fmt.Sprintf("length %d, fastaead %d", len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			return fmt.Sprintf("first difference at byte %d of %d (peer %02x, fastaead %02x)", i, len(got), got[i], want[i])
		}
	}
	return "equal"
}

// CheckOutput verifies one measured result against fastaead's: for Seal,
// out (as the peer returned it) must equal want, which fastaead computed for
// the same inputs, or for an API that draws its own nonce, fastaead must
// produce out's body under out's nonce; for Open, out must equal the
// plaintext. It catches an implementation that skips work in the timed
// loop.
func CheckOutput(v Variant, ref AEAD, peerName string, prefixed bool, in Inputs, seal bool, out, want []byte) error {
	fail := func(format string, args ...any) error {
		return &MismatchError{Impl: peerName, Variant: v.Name(), Detail: fmt.Sprintf(format, args...)}
	}
	n := len(in.Plaintext)
	if !seal {
		if !bytes.Equal(out, in.Plaintext) {
			return fail("the %d-byte message measured with Open did not decrypt to its plaintext", n)
		}
		return nil
	}
	if prefixed {
		ns := v.Info().Nonce
		if len(out) < ns {
			return fail("the %d-byte message measured with Seal came out %d bytes", n, len(out))
		}
		want = ref.Seal(nil, out[:ns], in.Plaintext, in.AD)
		out = out[ns:]
	}
	if !bytes.Equal(out, want) {
		return fail("the %d-byte message measured with Seal differs from fastaead's: %s", n, diff(out, want))
	}
	return nil
}

// Rand returns a generator for tests and tools, seeded like the inputs.
func Rand(seed uint64, label string) *rand.Rand { return rng(seed, label, 0) }
