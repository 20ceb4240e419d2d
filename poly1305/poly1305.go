// Package poly1305 implements the Poly1305 one-time authenticator (RFC 8439
// section 2.5) in constant time.
package poly1305

// TagSize is the size of a Poly1305 tag in bytes.
const TagSize = 16

// MAC is a streaming Poly1305 state. The zero value is not usable; call Init.
// A MAC holds no pointers and lives on the caller's stack.
type MAC struct {
	_ [0]func()
}

// Init starts a MAC with the one-time key (r || s, 32 bytes).
func (m *MAC) Init(key *[32]byte) { panic("TODO") }

// Write absorbs p (any length; partial blocks are buffered).
func (m *MAC) Write(p []byte) { panic("TODO") }

// Sum writes the tag to out. The MAC must not be written to afterwards.
func (m *MAC) Sum(out *[16]byte) { panic("TODO") }
