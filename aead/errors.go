package aead

import "errors"

// Sentinel errors. The errors returned by this package wrap them with the
// details (sizes given and expected); test them with errors.Is.
var (
	// ErrInvalidTag means that authentication failed: the ciphertext, tag,
	// associated data or nonce was altered, or the key is wrong.
	ErrInvalidTag = errors.New("aead: message authentication failed")
	// ErrKeySize means that the key length is not one the construction takes.
	ErrKeySize = errors.New("aead: invalid key size")
	// ErrNonceSize means that the nonce length is not one the construction takes.
	ErrNonceSize = errors.New("aead: invalid nonce size")
	// ErrTagSize means that the requested tag length is not supported.
	ErrTagSize = errors.New("aead: invalid tag size")
	// ErrBufferSize means that an *Into destination has the wrong length.
	// (A ciphertext shorter than the tag is ErrInvalidTag, as in the seed.)
	ErrBufferSize = errors.New("aead: invalid buffer size")
	// ErrTooLarge means that the plaintext, ciphertext or associated data is
	// longer than the construction allows for one message.
	ErrTooLarge = errors.New("aead: input too large")
	// ErrOverlap means that the destination overlaps an input other than
	// exactly (in place is allowed: dst starting where the input starts).
	ErrOverlap = errors.New("aead: invalid buffer overlap")
)
