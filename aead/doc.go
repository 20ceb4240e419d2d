// Package aead provides the six authenticated-encryption constructions of
// Python cryptography's hazmat AEAD module, with the same semantics:
//
//   - ChaCha20Poly1305 (RFC 8439)
//   - AESGCM (NIST SP 800-38D)
//   - AESGCMSIV (RFC 8452)
//   - AESOCB3 (RFC 7253)
//   - AESSIV (RFC 5297)
//   - AESCCM (RFC 3610, NIST SP 800-38C)
//
// Each has Encrypt / EncryptInto / Decrypt / DecryptInto as the Python seed
// does (the tag appended, except AES-SIV which prepends it), and the
// crypto/cipher.AEAD methods Seal / Open with the standard library's
// semantics. Constructors validate sizes and return errors; the
// error-returning methods never panic on bad sizes. Errors are sentinel
// values (ErrInvalidTag, ErrKeySize, ...) wrapped with the sizes involved,
// to be tested with errors.Is.
//
// Every value is immutable after construction and safe for concurrent use.
// EncryptInto, DecryptInto, and Seal / Open given a dst with enough capacity
// allocate nothing. A failed decryption never releases plaintext: the
// destination is zeroed before the error returns. Tags are compared in
// constant time.
package aead
