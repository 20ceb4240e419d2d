package aead

import (
	"crypto/subtle"
	"fmt"
	"unsafe"
)

// sliceForAppend extends in by n bytes, reusing its capacity when it can, and
// returns the whole slice and the new tail (as the standard library does).
func sliceForAppend(in []byte, n int) (head, tail []byte) {
	if total := len(in) + n; cap(in) >= total {
		head = in[:total]
	} else {
		head = make([]byte, total)
		copy(head, in)
	}
	tail = head[len(in):]
	return
}

// anyOverlap reports whether x and y share memory at any (not necessarily
// corresponding) index.
func anyOverlap(x, y []byte) bool {
	return len(x) > 0 && len(y) > 0 &&
		uintptr(unsafe.Pointer(&x[0])) <= uintptr(unsafe.Pointer(&y[len(y)-1])) &&
		uintptr(unsafe.Pointer(&y[0])) <= uintptr(unsafe.Pointer(&x[len(x)-1]))
}

// inexactOverlap reports whether x and y share memory at any non-corresponding
// index. In-place use (x and y starting at the same address) is allowed.
func inexactOverlap(x, y []byte) bool {
	if len(x) == 0 || len(y) == 0 || &x[0] == &y[0] {
		return false
	}
	return anyOverlap(x, y)
}

// checkDst returns ErrBufferSize (wrapped) when len(dst) != want.
func checkDst(dst []byte, want int) error {
	if len(dst) != want {
		return fmt.Errorf("%w: dst is %d bytes, want %d", ErrBufferSize, len(dst), want)
	}
	return nil
}

// checkOverlap returns ErrOverlap when out overlaps any of ins inexactly.
// For the input that is encrypted or decrypted, exact overlap (in place) is
// allowed; any overlap between out and the associated data, nonce or tag
// is not.
func checkOverlap(out, in []byte, others ...[]byte) error {
	if inexactOverlap(out, in) {
		return ErrOverlap
	}
	for _, o := range others {
		if anyOverlap(out, o) {
			return ErrOverlap
		}
	}
	return nil
}

// tagEqual compares two tags in constant time (for equal lengths).
func tagEqual(a, b []byte) bool {
	return subtle.ConstantTimeCompare(a, b) == 1
}

// clear zeroes b (used on failed decryption so no plaintext is released).
func zero(b []byte) {
	clear(b)
}

// errKeySize wraps ErrKeySize with the sizes.
func errKeySize(got int, want string) error {
	return fmt.Errorf("%w: got %d bytes, want %s", ErrKeySize, got, want)
}

// errNonceSize wraps ErrNonceSize with the sizes.
func errNonceSize(got int, want string) error {
	return fmt.Errorf("%w: got %d bytes, want %s", ErrNonceSize, got, want)
}

// errShort reports a ciphertext shorter than the tag.
func errShort(got, tag int) error {
	return fmt.Errorf("%w: ciphertext is %d bytes, shorter than the %d-byte tag", ErrInvalidTag, got, tag)
}
