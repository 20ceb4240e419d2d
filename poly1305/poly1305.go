// Package poly1305 implements the Poly1305 one-time authenticator (RFC 8439
// section 2.5) in constant time.
//
// Whole 16-byte blocks are absorbed by a multi-block kernel (blocks), the
// shape future assembly kernels take; the portable kernel in
// poly1305_generic.go does 130-bit arithmetic in 64-bit limbs with
// math/bits.Mul64/Add64 and has no secret-dependent branch or memory index.
//
// A key must be used for one message only.
package poly1305

// TagSize is the size of a Poly1305 tag in bytes.
const TagSize = 16

// BlockSize is the size in bytes of one Poly1305 message block.
const BlockSize = 16

// MAC is a streaming Poly1305 state. The zero value is not usable; call Init.
// A MAC holds no pointers and lives on the caller's stack. Each one-time key
// must authenticate one message only.
type MAC struct {
	st  state           // accumulator and clamped r: what the kernels touch
	s   [2]uint64       // the s half of the key, little-endian limbs
	buf [BlockSize]byte // pending partial block
	n   int             // number of valid bytes in buf, 0..15
}

// Init starts a MAC with the one-time key (r || s, 32 bytes).
func (m *MAC) Init(key *[32]byte) {
	*m = MAC{}
	m.st.init(key)
	m.s[0] = le64(key[16:24])
	m.s[1] = le64(key[24:32])
}

// Write absorbs p (any length; partial blocks are buffered). It does not
// allocate.
func (m *MAC) Write(p []byte) {
	if m.n > 0 {
		k := copy(m.buf[m.n:], p)
		m.n += k
		p = p[k:]
		if m.n < BlockSize {
			return
		}
		blocks(&m.st, m.buf[:])
		m.n = 0
	}
	if full := len(p) &^ (BlockSize - 1); full > 0 {
		blocks(&m.st, p[:full])
		p = p[full:]
	}
	m.n = copy(m.buf[:], p)
}

// Sum writes the tag to out. The MAC must not be written to afterwards;
// Sum itself leaves the state unchanged, so calling it again gives the same
// tag.
func (m *MAC) Sum(out *[16]byte) {
	st := m.st
	if m.n > 0 {
		// The final partial block: its bytes, then a 0x01 byte, then zeros,
		// and no 2^128 bit (RFC 8439 section 2.5).
		var last [BlockSize]byte
		copy(last[:], m.buf[:m.n])
		last[m.n] = 1
		blocksGeneric(&st, last[:], 0)
	}
	st.finish(out, &m.s)
}

// Sum computes the Poly1305 tag of msg under the one-time key in one call.
// It does not allocate.
func Sum(out *[16]byte, msg []byte, key *[32]byte) {
	var m MAC
	m.Init(key)
	m.Write(msg)
	m.Sum(out)
}
