package gen

import "testing"

// The round constants are the successive powers of x in GF(2^8).
func TestAESRcon(t *testing.T) {
	r := byte(1)
	for i, got := range AESRcon {
		if got != r {
			t.Fatalf("AESRcon[%d] = %#x, want %#x", i, got, r)
		}
		hi := r >> 7
		r = r<<1 ^ hi*0x1b
	}
}

// PolyHi:PolyLo is x^127 + x^126 + x^121 + 1.
func TestPoly(t *testing.T) {
	if PolyLo != 1 || PolyHi != 1<<63|1<<62|1<<57 {
		t.Fatalf("poly constant %#x:%#x", PolyHi, PolyLo)
	}
}
