package aesni

import (
	"bytes"
	"crypto/aes"
	"encoding/binary"
	"encoding/hex"
	"math/rand/v2"
	"testing"
)

// Test-only byte-oriented references, computed from the field arithmetic so
// that they do not share code with the bitsliced circuit.

// gfMul multiplies in GF(2^8) modulo x^8+x^4+x^3+x+1.
func gfMul(a, b byte) byte {
	var p byte
	for b != 0 {
		if b&1 != 0 {
			p ^= a
		}
		hi := a & 0x80
		a <<= 1
		if hi != 0 {
			a ^= 0x1b
		}
		b >>= 1
	}
	return p
}

var refSbox, refInvSbox = func() (s, inv [256]byte) {
	for x := 0; x < 256; x++ {
		// x^254 = x^-1 (and 0 -> 0).
		y := byte(1)
		for i := 0; i < 254; i++ {
			y = gfMul(y, byte(x))
		}
		if x == 0 {
			y = 0
		}
		// Affine map of FIPS 197 section 5.1.1.
		var r byte
		for i := 0; i < 8; i++ {
			bit := (y>>i ^ y>>((i+4)%8) ^ y>>((i+5)%8) ^ y>>((i+6)%8) ^ y>>((i+7)%8) ^ 0x63>>i) & 1
			r |= bit << i
		}
		s[x] = r
	}
	for x := 0; x < 256; x++ {
		inv[s[x]] = byte(x)
	}
	return
}()

func mustHex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func newKey(t testing.TB, key []byte) *Key {
	t.Helper()
	k := new(Key)
	if err := k.Init(key); err != nil {
		t.Fatal(err)
	}
	return k
}

func randBytes(r *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func newRand(t testing.TB) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(len(t.Name())), 0x5eed))
}

// bytesToWords / wordsToBytes convert four blocks to and from word form.
func bytesToWords(b *[64]byte) (q [8]uint64) {
	for i := range q {
		q[i] = binary.LittleEndian.Uint64(b[8*i:])
	}
	return
}

func wordsToBytes(q *[8]uint64) (b [64]byte) {
	for i := range q {
		binary.LittleEndian.PutUint64(b[8*i:], q[i])
	}
	return
}

func TestSboxCircuit(t *testing.T) {
	if refSbox[0x00] != 0x63 || refSbox[0x53] != 0xed || refInvSbox[0x63] != 0x00 {
		t.Fatal("reference S-box is wrong")
	}
	for base := 0; base < 256; base += 64 {
		var in [64]byte
		for i := range in {
			in[i] = byte(base + i)
		}
		q := bytesToWords(&in)
		pack(&q)
		sbox(&q)
		unpack(&q)
		out := wordsToBytes(&q)
		for i := range in {
			if out[i] != refSbox[in[i]] {
				t.Errorf("S(%#02x) = %#02x, want %#02x", in[i], out[i], refSbox[in[i]])
			}
		}
		q = bytesToWords(&in)
		pack(&q)
		invSbox(&q)
		unpack(&q)
		out = wordsToBytes(&q)
		for i := range in {
			if out[i] != refInvSbox[in[i]] {
				t.Errorf("InvS(%#02x) = %#02x, want %#02x", in[i], out[i], refInvSbox[in[i]])
			}
		}
	}
	for x := 0; x < 1<<16; x += 257 {
		w := uint32(x)*0x9e3779b9 + 12345
		want := uint32(refSbox[byte(w)]) | uint32(refSbox[byte(w>>8)])<<8 |
			uint32(refSbox[byte(w>>16)])<<16 | uint32(refSbox[byte(w>>24)])<<24
		if got := subWord(w); got != want {
			t.Fatalf("subWord(%#08x) = %#08x, want %#08x", w, got, want)
		}
	}
}

// TestPackLayout checks that every bit lands where block_generic.go says:
// bit b of state byte i of lane j is bit 16*(i%4)+4*(i/4)+j of plane b.
func TestPackLayout(t *testing.T) {
	for j := 0; j < 4; j++ {
		for i := 0; i < 16; i++ {
			for b := 0; b < 8; b++ {
				var in [64]byte
				in[16*j+i] = 1 << b
				q := bytesToWords(&in)
				pack(&q)
				for p := 0; p < 8; p++ {
					var want uint64
					if p == b {
						want = 1 << (16*(i%4) + 4*(i/4) + j)
					}
					if q[p] != want {
						t.Fatalf("lane %d byte %d bit %d: plane %d = %#x, want %#x", j, i, b, p, q[p], want)
					}
				}
				unpack(&q)
				if out := wordsToBytes(&q); out != in {
					t.Fatalf("unpack(pack(x)) != x")
				}
			}
		}
	}
}

// refShiftRows and refMixColumns work on one 16-byte state in FIPS 197 order.
func refShiftRows(s []byte, inverse bool) {
	var t [16]byte
	for r := 0; r < 4; r++ {
		for c := 0; c < 4; c++ {
			if inverse {
				t[4*((c+r)%4)+r] = s[4*c+r]
			} else {
				t[4*c+r] = s[4*((c+r)%4)+r]
			}
		}
	}
	copy(s, t[:])
}

func refMixColumns(s []byte, inverse bool) {
	m := [4]byte{2, 3, 1, 1}
	if inverse {
		m = [4]byte{14, 11, 13, 9}
	}
	for c := 0; c < 4; c++ {
		var a [4]byte
		copy(a[:], s[4*c:4*c+4])
		for r := 0; r < 4; r++ {
			s[4*c+r] = gfMul(m[0], a[r]) ^ gfMul(m[1], a[(r+1)%4]) ^ gfMul(m[2], a[(r+2)%4]) ^ gfMul(m[3], a[(r+3)%4])
		}
	}
}

func TestRoundSteps(t *testing.T) {
	r := newRand(t)
	type step struct {
		name string
		bs   func(*[8]uint64)
		ref  func([]byte)
	}
	steps := []step{
		{"ShiftRows", shiftRows, func(s []byte) { refShiftRows(s, false) }},
		{"InvShiftRows", invShiftRows, func(s []byte) { refShiftRows(s, true) }},
		{"MixColumns", mixColumns, func(s []byte) { refMixColumns(s, false) }},
		{"InvMixColumns", invMixColumns, func(s []byte) { refMixColumns(s, true) }},
	}
	for _, st := range steps {
		for iter := 0; iter < 50; iter++ {
			var in [64]byte
			copy(in[:], randBytes(r, 64))
			q := bytesToWords(&in)
			pack(&q)
			st.bs(&q)
			unpack(&q)
			got := wordsToBytes(&q)
			want := in
			for j := 0; j < 4; j++ {
				st.ref(want[16*j : 16*j+16])
			}
			if got != want {
				t.Fatalf("%s:\n in %x\ngot %x\nwant %x", st.name, in, got, want)
			}
		}
	}
}

// FIPS 197, Appendix C: example vectors for AES-128, AES-192 and AES-256.
var fips197C = []struct{ key, pt, ct string }{
	{"000102030405060708090a0b0c0d0e0f", "00112233445566778899aabbccddeeff", "69c4e0d86a7b0430d8cdb78070b4c55a"},
	{"000102030405060708090a0b0c0d0e0f1011121314151617", "00112233445566778899aabbccddeeff", "dda97ca4864cdfe06eaf70a0ec0d7191"},
	{"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "00112233445566778899aabbccddeeff", "8ea2b7ca516745bfeafc49904b496089"},
}

func TestFIPS197AppendixC(t *testing.T) {
	for _, v := range fips197C {
		key, pt, ct := mustHex(t, v.key), mustHex(t, v.pt), mustHex(t, v.ct)
		k := newKey(t, key)
		if want := len(key)/4 + 6; k.Rounds() != want {
			t.Errorf("Rounds() = %d, want %d", k.Rounds(), want)
		}
		got := make([]byte, 16)
		k.Encrypt(got, pt)
		if !bytes.Equal(got, ct) {
			t.Errorf("AES-%d encrypt = %x, want %x", 8*len(key), got, ct)
		}
		k.Decrypt(got, ct)
		if !bytes.Equal(got, pt) {
			t.Errorf("AES-%d decrypt = %x, want %x", 8*len(key), got, pt)
		}
		// In place, and through the multi-block entry points.
		buf := bytes.Clone(pt)
		k.Encrypt(buf, buf)
		if !bytes.Equal(buf, ct) {
			t.Errorf("AES-%d in-place encrypt = %x", 8*len(key), buf)
		}
		k.DecryptBlocks(buf, buf)
		if !bytes.Equal(buf, pt) {
			t.Errorf("AES-%d in-place DecryptBlocks = %x", 8*len(key), buf)
		}
	}
}

func TestInitErrors(t *testing.T) {
	var k Key
	for _, n := range []int{0, 1, 8, 15, 17, 20, 23, 25, 31, 33, 64} {
		if err := k.Init(make([]byte, n)); err != ErrKeySize {
			t.Errorf("Init(%d bytes) = %v, want ErrKeySize", n, err)
		}
	}
	if k.Rounds() != 0 {
		t.Errorf("failed Init changed the key")
	}
	defer func() {
		if recover() == nil {
			t.Error("Encrypt with an uninitialised Key did not panic")
		}
	}()
	k.Encrypt(make([]byte, 16), make([]byte, 16))
}

// refExpandKey is a byte-oriented FIPS 197 section 5.2 key expansion.
func refExpandKey(key []byte) []byte {
	nk := len(key) / 4
	nr := nk + 6
	w := make([]byte, 16*(nr+1))
	copy(w, key)
	rcon := byte(1)
	for i := nk; i < 4*(nr+1); i++ {
		var t [4]byte
		copy(t[:], w[4*(i-1):])
		if i%nk == 0 {
			t = [4]byte{refSbox[t[1]] ^ rcon, refSbox[t[2]], refSbox[t[3]], refSbox[t[0]]}
			rcon = gfMul(rcon, 2)
		} else if nk > 6 && i%nk == 4 {
			t = [4]byte{refSbox[t[0]], refSbox[t[1]], refSbox[t[2]], refSbox[t[3]]}
		}
		for j := 0; j < 4; j++ {
			w[4*i+j] = w[4*(i-nk)+j] ^ t[j]
		}
	}
	return w
}

func TestKeyScheduleKnown(t *testing.T) {
	// FIPS 197, Appendix A.1: expansion of a 128-bit cipher key; the last
	// round key is w[40..43] = d014f9a8 c9ee2589 e13f0cc8 b6630ca6.
	k := newKey(t, mustHex(t, "2b7e151628aed2a6abf7158809cf4f3c"))
	want := mustHex(t, "d014f9a8c9ee2589e13f0cc8b6630ca6")
	if got := k.enc[160:176]; !bytes.Equal(got, want) {
		t.Errorf("enc round 10 = %x, want %x", got, want)
	}
	// w[4..7] = a0fafe17 88542cb1 23a33939 2a6c7605 (Appendix A.1).
	if got, want := k.enc[16:32], mustHex(t, "a0fafe1788542cb123a339392a6c7605"); !bytes.Equal(got, want) {
		t.Errorf("enc round 1 = %x, want %x", got, want)
	}
	// The equivalent inverse cipher starts with the last round key and ends
	// with the first.
	if got := k.dec[0:16]; !bytes.Equal(got, mustHex(t, "d014f9a8c9ee2589e13f0cc8b6630ca6")) {
		t.Errorf("dec round 0 = %x", got)
	}
	if got := k.dec[160:176]; !bytes.Equal(got, mustHex(t, "2b7e151628aed2a6abf7158809cf4f3c")) {
		t.Errorf("dec round 10 = %x", got)
	}
	for _, b := range k.enc[176:] {
		if b != 0 {
			t.Fatal("enc bytes past the last round key are not zero")
		}
	}

	// FIPS 197, Appendix A.2 (192-bit key): w[48..51] = e98ba06f 448c773c
	// 8ecc7204 01002202; Appendix A.3 (256-bit key): w[56..59] = fe4890d1
	// e6188d0b 046df344 706c631e.
	k = newKey(t, mustHex(t, "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b"))
	if got, want := k.enc[192:208], mustHex(t, "e98ba06f448c773c8ecc720401002202"); !bytes.Equal(got, want) || !bytes.Equal(k.dec[:16], want) {
		t.Errorf("AES-192 enc round 12 = %x, dec round 0 = %x, want %x", got, k.dec[:16], want)
	}
	k = newKey(t, mustHex(t, "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4"))
	if got, want := k.enc[224:240], mustHex(t, "fe4890d1e6188d0b046df344706c631e"); !bytes.Equal(got, want) || !bytes.Equal(k.dec[:16], want) {
		t.Errorf("AES-256 enc round 14 = %x, dec round 0 = %x, want %x", got, k.dec[:16], want)
	}
}

// refAESDEC emulates the AES-NI AESDEC (last=false) and AESDECLAST
// (last=true) instructions on a 16-byte state.
func refAESDEC(s, rk []byte, last bool) {
	refShiftRows(s, true)
	for i := range 16 {
		s[i] = refInvSbox[s[i]]
	}
	if !last {
		refMixColumns(s, true)
	}
	for i := range 16 {
		s[i] ^= rk[i]
	}
}

func TestKeySchedule(t *testing.T) {
	r := newRand(t)
	for iter := 0; iter < 30; iter++ {
		for _, size := range []int{16, 24, 32} {
			key := randBytes(r, size)
			k := newKey(t, key)
			nr := k.Rounds()
			ref := refExpandKey(key)
			if !bytes.Equal(k.enc[:16*(nr+1)], ref) {
				t.Fatalf("AES-%d enc schedule:\n got %x\nwant %x", 8*size, k.enc[:16*(nr+1)], ref)
			}
			for i := 0; i <= nr; i++ {
				want := bytes.Clone(ref[16*(nr-i) : 16*(nr-i)+16])
				if i > 0 && i < nr {
					refMixColumns(want, true)
				}
				if got := k.dec[16*i : 16*i+16]; !bytes.Equal(got, want) {
					t.Fatalf("AES-%d dec round %d = %x, want %x", 8*size, i, got, want)
				}
			}
			for _, b := range k.dec[16*(nr+1):] {
				if b != 0 {
					t.Fatal("dec bytes past the last round key are not zero")
				}
			}
			// The dec keys drive the AESDEC sequence to the plaintext of
			// crypto/aes's ciphertext.
			c, _ := aes.NewCipher(key)
			pt := randBytes(r, 16)
			s := make([]byte, 16)
			c.Encrypt(s, pt)
			for i := range 16 {
				s[i] ^= k.dec[i]
			}
			for i := 1; i <= nr; i++ {
				refAESDEC(s, k.dec[16*i:16*i+16], i == nr)
			}
			if !bytes.Equal(s, pt) {
				t.Fatalf("AES-%d: AESDEC emulation with dec keys gives %x, want %x", 8*size, s, pt)
			}
		}
	}
	// Re-initialising a Key with a shorter key clears the longer schedule.
	var k Key
	_ = k.Init(randBytes(r, 32))
	key := randBytes(r, 16)
	_ = k.Init(key)
	var k2 Key
	_ = k2.Init(key)
	if k != k2 {
		t.Error("Init does not fully overwrite a previously used Key")
	}
}

func TestBlocksAgainstStdlib(t *testing.T) {
	r := newRand(t)
	for _, size := range []int{16, 24, 32} {
		for iter := 0; iter < 3; iter++ {
			key := randBytes(r, size)
			k := newKey(t, key)
			c, _ := aes.NewCipher(key)
			for n := 0; n <= 40; n++ {
				src := randBytes(r, 16*n)
				want := make([]byte, 16*n)
				for i := 0; i < n; i++ {
					c.Encrypt(want[16*i:], src[16*i:])
				}
				got := make([]byte, 16*n+16) // longer dst is fine
				k.EncryptBlocks(got, src)
				if !bytes.Equal(got[:16*n], want) || !bytes.Equal(got[16*n:], make([]byte, 16)) {
					t.Fatalf("AES-%d EncryptBlocks(%d blocks) mismatch", 8*size, n)
				}
				back := make([]byte, 16*n)
				k.DecryptBlocks(back, want)
				if !bytes.Equal(back, src) {
					t.Fatalf("AES-%d DecryptBlocks(%d blocks) mismatch", 8*size, n)
				}
				buf := bytes.Clone(src)
				k.EncryptBlocks(buf, buf)
				if !bytes.Equal(buf, want) {
					t.Fatalf("AES-%d in-place EncryptBlocks(%d blocks) mismatch", 8*size, n)
				}
				k.DecryptBlocks(buf, buf)
				if !bytes.Equal(buf, src) {
					t.Fatalf("AES-%d in-place DecryptBlocks(%d blocks) mismatch", 8*size, n)
				}
				if n > 0 {
					one := make([]byte, 16)
					i := r.IntN(n)
					k.Encrypt(one, src[16*i:])
					if !bytes.Equal(one, want[16*i:16*i+16]) {
						t.Fatalf("AES-%d Encrypt mismatch", 8*size)
					}
					k.Decrypt(one, want[16*i:])
					if !bytes.Equal(one, src[16*i:16*i+16]) {
						t.Fatalf("AES-%d Decrypt mismatch", 8*size)
					}
				}
			}
		}
	}
}

func TestShortOutputPanics(t *testing.T) {
	k := newKey(t, make([]byte, 16))
	var ctr [16]byte
	var o, c [16]byte
	var l OCBTable
	cases := map[string]func(){
		"EncryptBlocks": func() { k.EncryptBlocks(make([]byte, 16), make([]byte, 32)) },
		"DecryptBlocks": func() { k.DecryptBlocks(make([]byte, 16), make([]byte, 32)) },
		"CTR32BE":       func() { k.XORKeyStreamCTR32BE(make([]byte, 16), make([]byte, 17), &ctr) },
		"OCBEncrypt":    func() { k.OCBEncrypt(make([]byte, 16), make([]byte, 32), &o, &c, &l, 0) },
		"OCBDecrypt":    func() { k.OCBDecrypt(make([]byte, 16), make([]byte, 32), &o, &c, &l, 0) },
		"Encrypt":       func() { k.Encrypt(make([]byte, 15), make([]byte, 16)) },
	}
	for name, f := range cases {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s with a short dst did not panic", name)
				}
			}()
			f()
		}()
	}
}
