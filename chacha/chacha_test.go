package chacha

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// unhex decodes hex written with any mix of spaces, newlines and colons, as
// the RFC 8439 hexdumps are.
func unhex(t testing.TB, s string) []byte {
	t.Helper()
	s = strings.NewReplacer(" ", "", "\n", "", "\t", "", ":", "").Replace(s)
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatalf("bad hex in test vector: %v", err)
	}
	return b
}

func key32(t testing.TB, s string) *[32]byte {
	t.Helper()
	b := unhex(t, s)
	if len(b) != 32 {
		t.Fatalf("key is %d bytes", len(b))
	}
	return (*[32]byte)(b)
}

func nonce12(t testing.TB, s string) *[12]byte {
	t.Helper()
	b := unhex(t, s)
	if len(b) != 12 {
		t.Fatalf("nonce is %d bytes", len(b))
	}
	return (*[12]byte)(b)
}

// refBlock is a deliberately plain, test-local ChaCha20 block function
// written from the pseudocode of RFC 8439 section 2.3.1 (state array indexed
// by the Qround arguments). It shares no code with the package.
func refBlock(key *[32]byte, nonce *[12]byte, counter uint32) [64]byte {
	var st [16]uint32
	st[0], st[1], st[2], st[3] = 0x61707865, 0x3320646e, 0x79622d32, 0x6b206574
	for i := range 8 {
		st[4+i] = binary.LittleEndian.Uint32(key[4*i:])
	}
	st[12] = counter
	for i := range 3 {
		st[13+i] = binary.LittleEndian.Uint32(nonce[4*i:])
	}
	rotl := func(v uint32, n uint) uint32 { return v<<n | v>>(32-n) }
	qround := func(x *[16]uint32, a, b, c, d int) {
		x[a] += x[b]
		x[d] ^= x[a]
		x[d] = rotl(x[d], 16)
		x[c] += x[d]
		x[b] ^= x[c]
		x[b] = rotl(x[b], 12)
		x[a] += x[b]
		x[d] ^= x[a]
		x[d] = rotl(x[d], 8)
		x[c] += x[d]
		x[b] ^= x[c]
		x[b] = rotl(x[b], 7)
	}
	x := st
	for range 10 {
		qround(&x, 0, 4, 8, 12)
		qround(&x, 1, 5, 9, 13)
		qround(&x, 2, 6, 10, 14)
		qround(&x, 3, 7, 11, 15)
		qround(&x, 0, 5, 10, 15)
		qround(&x, 1, 6, 11, 12)
		qround(&x, 2, 7, 8, 13)
		qround(&x, 3, 4, 9, 14)
	}
	var out [64]byte
	for i := range 16 {
		binary.LittleEndian.PutUint32(out[4*i:], x[i]+st[i])
	}
	return out
}

// refXOR is the test-local reference for XORKeyStream (RFC 8439 section
// 2.4.1 pseudocode on top of refBlock).
func refXOR(src []byte, key *[32]byte, nonce *[12]byte, counter uint32) []byte {
	out := make([]byte, len(src))
	for i := 0; i < len(src); i += 64 {
		ks := refBlock(key, nonce, counter)
		counter++
		for j := i; j < len(src) && j < i+64; j++ {
			out[j] = src[j] ^ ks[j-i]
		}
	}
	return out
}

// Plaintexts of RFC 8439, as text (the RFC gives them as hexdumps of these
// ASCII strings).
const (
	sunscreen  = "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it."
	ietfText   = "Any submission to the IETF intended by the Contributor for publication as all or part of an IETF Internet-Draft or RFC and any statement made within the context of an IETF activity is considered an \"IETF Contribution\". Such statements include oral statements in IETF sessions, as well as written and electronic communications made at any time or place, which are addressed to"
	jabberwock = "'Twas brillig, and the slithy toves\nDid gyre and gimble in the wabe:\nAll mimsy were the borogoves,\nAnd the mome raths outgrabe."
)

const (
	zeroKey  = "00000000000000000000000000000000 00000000000000000000000000000000"
	oneKey   = "00000000000000000000000000000000 00000000000000000000000000000001"
	a23Key   = "1c 92 40 a5 eb 55 d3 8a f3 33 88 86 04 f6 b5 f0 47 39 17 c1 40 2b 80 09 9d ca 5c bc 20 70 75 c0"
	seqKey   = "00:01:02:03:04:05:06:07:08:09:0a:0b:0c:0d:0e:0f:10:11:12:13:14:15:16:17:18:19:1a:1b:1c:1d:1e:1f"
	seq80Key = "80 81 82 83 84 85 86 87 88 89 8a 8b 8c 8d 8e 8f 90 91 92 93 94 95 96 97 98 99 9a 9b 9c 9d 9e 9f"
	zeroNonc = "00 00 00 00 00 00 00 00 00 00 00 00"
	twoNonce = "00 00 00 00 00 00 00 00 00 00 00 02"
)

// blockVectors are keystream blocks from RFC 8439: section 2.3.2 and
// Appendix A.1 test vectors #1 to #5.
var blockVectors = []struct {
	name, key, nonce string
	counter          uint32
	out              string
}{
	{"RFC8439 2.3.2", seqKey, "00:00:00:09:00:00:00:4a:00:00:00:00", 1, `
		10 f1 e7 e4 d1 3b 59 15 50 0f dd 1f a3 20 71 c4
		c7 d1 f4 c7 33 c0 68 03 04 22 aa 9a c3 d4 6c 4e
		d2 82 64 46 07 9f aa 09 14 c2 d7 05 d9 8b 02 a2
		b5 12 9c d1 de 16 4e b9 cb d0 83 e8 a2 50 3c 4e`},
	{"RFC8439 A.1 #1", zeroKey, zeroNonc, 0, `
		76 b8 e0 ad a0 f1 3d 90 40 5d 6a e5 53 86 bd 28
		bd d2 19 b8 a0 8d ed 1a a8 36 ef cc 8b 77 0d c7
		da 41 59 7c 51 57 48 8d 77 24 e0 3f b8 d8 4a 37
		6a 43 b8 f4 15 18 a1 1c c3 87 b6 69 b2 ee 65 86`},
	{"RFC8439 A.1 #2", zeroKey, zeroNonc, 1, `
		9f 07 e7 be 55 51 38 7a 98 ba 97 7c 73 2d 08 0d
		cb 0f 29 a0 48 e3 65 69 12 c6 53 3e 32 ee 7a ed
		29 b7 21 76 9c e6 4e 43 d5 71 33 b0 74 d8 39 d5
		31 ed 1f 28 51 0a fb 45 ac e1 0a 1f 4b 79 4d 6f`},
	{"RFC8439 A.1 #3", oneKey, zeroNonc, 1, `
		3a eb 52 24 ec f8 49 92 9b 9d 82 8d b1 ce d4 dd
		83 20 25 e8 01 8b 81 60 b8 22 84 f3 c9 49 aa 5a
		8e ca 00 bb b4 a7 3b da d1 92 b5 c4 2f 73 f2 fd
		4e 27 36 44 c8 b3 61 25 a6 4a dd eb 00 6c 13 a0`},
	{"RFC8439 A.1 #4", "00ff0000000000000000000000000000 00000000000000000000000000000000", zeroNonc, 2, `
		72 d5 4d fb f1 2e c4 4b 36 26 92 df 94 13 7f 32
		8f ea 8d a7 39 90 26 5e c1 bb be a1 ae 9a f0 ca
		13 b2 5a a2 6c b4 a6 48 cb 9b 9d 1b e6 5b 2c 09
		24 a6 6c 54 d5 45 ec 1b 73 74 f4 87 2e 99 f0 96`},
	{"RFC8439 A.1 #5", zeroKey, twoNonce, 0, `
		c2 c6 4d 37 8c d5 36 37 4a e2 04 b9 ef 93 3f cd
		1a 8b 22 88 b3 df a4 96 72 ab 76 5b 54 ee 27 c7
		8a 97 0e 0e 95 5c 14 f3 a8 8e 74 1b 97 c2 86 f7
		5f 8f c2 99 e8 14 83 62 fa 19 8a 39 53 1b ed 6d`},
}

func TestBlockVectors(t *testing.T) {
	for _, v := range blockVectors {
		key, nonce, want := key32(t, v.key), nonce12(t, v.nonce), unhex(t, v.out)
		var got [64]byte
		Block(&got, key, nonce, v.counter)
		if !bytes.Equal(got[:], want) {
			t.Errorf("%s: Block = %x, want %x", v.name, got, want)
		}
		if ref := refBlock(key, nonce, v.counter); !bytes.Equal(ref[:], want) {
			t.Errorf("%s: test reference is wrong: %x", v.name, ref)
		}
		// The same block through XORKeyStream on zeros.
		ks := make([]byte, 64)
		XORKeyStream(ks, ks, key, nonce, v.counter)
		if !bytes.Equal(ks, want) {
			t.Errorf("%s: XORKeyStream(0) = %x, want %x", v.name, ks, want)
		}
	}
}

// TestPoly1305KeyGen checks Block with counter 0 against the one-time key
// generation vectors of RFC 8439 section 2.6.2, Appendix A.4 #1-#3 and the
// key generation step of section 2.8.2.
func TestPoly1305KeyGen(t *testing.T) {
	for _, v := range []struct{ name, key, nonce, otk string }{
		{"RFC8439 2.6.2", seq80Key, "00 00 00 00 00 01 02 03 04 05 06 07", `
			8a d5 a0 8b 90 5f 81 cc 81 50 40 27 4a b2 94 71
			a8 33 b6 37 e3 fd 0d a5 08 db b8 e2 fd d1 a6 46`},
		{"RFC8439 2.8.2", seq80Key, "07 00 00 00 40 41 42 43 44 45 46 47", `
			7b ac 2b 25 2d b4 47 af 09 b6 7a 55 a4 e9 55 84
			0a e1 d6 73 10 75 d9 eb 2a 93 75 78 3e d5 53 ff`},
		{"RFC8439 A.4 #1", zeroKey, zeroNonc, `
			76 b8 e0 ad a0 f1 3d 90 40 5d 6a e5 53 86 bd 28
			bd d2 19 b8 a0 8d ed 1a a8 36 ef cc 8b 77 0d c7`},
		{"RFC8439 A.4 #2", oneKey, twoNonce, `
			ec fa 25 4f 84 5f 64 74 73 d3 cb 14 0d a9 e8 76
			06 cb 33 06 6c 44 7b 87 bc 26 66 dd e3 fb b7 39`},
		{"RFC8439 A.4 #3", a23Key, twoNonce, `
			96 5e 3b c6 f9 ec 7e d9 56 08 08 f4 d2 29 f9 4b
			13 7f f2 75 ca 9b 3f cb dd 59 de aa d2 33 10 ae`},
	} {
		var got [64]byte
		Block(&got, key32(t, v.key), nonce12(t, v.nonce), 0)
		if want := unhex(t, v.otk); !bytes.Equal(got[:32], want) {
			t.Errorf("%s: one-time key = %x, want %x", v.name, got[:32], want)
		}
	}
}

// TestEncryptionVectors checks XORKeyStream against RFC 8439 section 2.4.2,
// Appendix A.2 #1-#3 and the encryption step of section 2.8.2.
func TestEncryptionVectors(t *testing.T) {
	if len(sunscreen) != 114 || len(ietfText) != 375 || len(jabberwock) != 127 {
		t.Fatal("plaintext transcription has the wrong length")
	}
	for _, v := range []struct {
		name, key, nonce string
		counter          uint32
		pt               []byte
		ct               string
	}{
		{"RFC8439 2.4.2", seqKey, "00:00:00:00:00:00:00:4a:00:00:00:00", 1, []byte(sunscreen), `
			6e 2e 35 9a 25 68 f9 80 41 ba 07 28 dd 0d 69 81
			e9 7e 7a ec 1d 43 60 c2 0a 27 af cc fd 9f ae 0b
			f9 1b 65 c5 52 47 33 ab 8f 59 3d ab cd 62 b3 57
			16 39 d6 24 e6 51 52 ab 8f 53 0c 35 9f 08 61 d8
			07 ca 0d bf 50 0d 6a 61 56 a3 8e 08 8a 22 b6 5e
			52 bc 51 4d 16 cc f8 06 81 8c e9 1a b7 79 37 36
			5a f9 0b bf 74 a3 5b e6 b4 0b 8e ed f2 78 5e 42
			87 4d`},
		{"RFC8439 2.8.2", seq80Key, "07 00 00 00 40 41 42 43 44 45 46 47", 1, []byte(sunscreen), `
			d3 1a 8d 34 64 8e 60 db 7b 86 af bc 53 ef 7e c2
			a4 ad ed 51 29 6e 08 fe a9 e2 b5 a7 36 ee 62 d6
			3d be a4 5e 8c a9 67 12 82 fa fb 69 da 92 72 8b
			1a 71 de 0a 9e 06 0b 29 05 d6 a5 b6 7e cd 3b 36
			92 dd bd 7f 2d 77 8b 8c 98 03 ae e3 28 09 1b 58
			fa b3 24 e4 fa d6 75 94 55 85 80 8b 48 31 d7 bc
			3f f4 de f0 8e 4b 7a 9d e5 76 d2 65 86 ce c6 4b
			61 16`},
		{"RFC8439 A.2 #1", zeroKey, zeroNonc, 0, make([]byte, 64), `
			76 b8 e0 ad a0 f1 3d 90 40 5d 6a e5 53 86 bd 28
			bd d2 19 b8 a0 8d ed 1a a8 36 ef cc 8b 77 0d c7
			da 41 59 7c 51 57 48 8d 77 24 e0 3f b8 d8 4a 37
			6a 43 b8 f4 15 18 a1 1c c3 87 b6 69 b2 ee 65 86`},
		{"RFC8439 A.2 #2", oneKey, twoNonce, 1, []byte(ietfText), `
			a3 fb f0 7d f3 fa 2f de 4f 37 6c a2 3e 82 73 70
			41 60 5d 9f 4f 4f 57 bd 8c ff 2c 1d 4b 79 55 ec
			2a 97 94 8b d3 72 29 15 c8 f3 d3 37 f7 d3 70 05
			0e 9e 96 d6 47 b7 c3 9f 56 e0 31 ca 5e b6 25 0d
			40 42 e0 27 85 ec ec fa 4b 4b b5 e8 ea d0 44 0e
			20 b6 e8 db 09 d8 81 a7 c6 13 2f 42 0e 52 79 50
			42 bd fa 77 73 d8 a9 05 14 47 b3 29 1c e1 41 1c
			68 04 65 55 2a a6 c4 05 b7 76 4d 5e 87 be a8 5a
			d0 0f 84 49 ed 8f 72 d0 d6 62 ab 05 26 91 ca 66
			42 4b c8 6d 2d f8 0e a4 1f 43 ab f9 37 d3 25 9d
			c4 b2 d0 df b4 8a 6c 91 39 dd d7 f7 69 66 e9 28
			e6 35 55 3b a7 6c 5c 87 9d 7b 35 d4 9e b2 e6 2b
			08 71 cd ac 63 89 39 e2 5e 8a 1e 0e f9 d5 28 0f
			a8 ca 32 8b 35 1c 3c 76 59 89 cb cf 3d aa 8b 6c
			cc 3a af 9f 39 79 c9 2b 37 20 fc 88 dc 95 ed 84
			a1 be 05 9c 64 99 b9 fd a2 36 e7 e8 18 b0 4b 0b
			c3 9c 1e 87 6b 19 3b fe 55 69 75 3f 88 12 8c c0
			8a aa 9b 63 d1 a1 6f 80 ef 25 54 d7 18 9c 41 1f
			58 69 ca 52 c5 b8 3f a3 6f f2 16 b9 c1 d3 00 62
			be bc fd 2d c5 bc e0 91 19 34 fd a7 9a 86 f6 e6
			98 ce d7 59 c3 ff 9b 64 77 33 8f 3d a4 f9 cd 85
			14 ea 99 82 cc af b3 41 b2 38 4d d9 02 f3 d1 ab
			7a c6 1d d2 9c 6f 21 ba 5b 86 2f 37 30 e3 7c fd
			c4 fd 80 6c 22 f2 21`},
		{"RFC8439 A.2 #3", a23Key, twoNonce, 42, []byte(jabberwock), `
			62 e6 34 7f 95 ed 87 a4 5f fa e7 42 6f 27 a1 df
			5f b6 91 10 04 4c 0d 73 11 8e ff a9 5b 01 e5 cf
			16 6d 3d f2 d7 21 ca f9 b2 1e 5f b1 4c 61 68 71
			fd 84 c5 4f 9d 65 b2 83 19 6c 7f e4 f6 05 53 eb
			f3 9c 64 02 c4 22 34 e3 2a 35 6b 3e 76 43 12 a6
			1a 55 32 05 57 16 ea d6 96 25 68 f8 7d 3f 3f 77
			04 c6 a8 d1 bc d1 bf 4d 50 d6 15 4b 6d a7 31 b1
			87 b5 8d fd 72 8a fa 36 75 7a 79 7a c1 88 d1`},
	} {
		key, nonce, want := key32(t, v.key), nonce12(t, v.nonce), unhex(t, v.ct)
		if len(want) != len(v.pt) {
			t.Fatalf("%s: ciphertext transcription is %d bytes, plaintext %d", v.name, len(want), len(v.pt))
		}
		got := make([]byte, len(v.pt))
		XORKeyStream(got, v.pt, key, nonce, v.counter)
		if !bytes.Equal(got, want) {
			t.Errorf("%s: encrypt = %x, want %x", v.name, got, want)
		}
		if ref := refXOR(v.pt, key, nonce, v.counter); !bytes.Equal(ref, want) {
			t.Errorf("%s: test reference is wrong", v.name)
		}
		// Decrypt in place.
		XORKeyStream(got, got, key, nonce, v.counter)
		if !bytes.Equal(got, v.pt) {
			t.Errorf("%s: in-place decrypt = %q", v.name, got)
		}
	}
}

func randKeyNonce(rng *rand.Rand) (*[32]byte, *[12]byte) {
	var key [32]byte
	var nonce [12]byte
	for i := range key {
		key[i] = byte(rng.Uint32())
	}
	for i := range nonce {
		nonce[i] = byte(rng.Uint32())
	}
	return &key, &nonce
}

func randBytes(rng *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	return b
}

// randCounter returns a random counter, often one close to 2^32 so that
// multi-block calls wrap.
func randCounter(rng *rand.Rand) uint32 {
	switch rng.IntN(3) {
	case 0:
		return rng.Uint32()
	case 1:
		return ^uint32(0) - uint32(rng.IntN(20))
	default:
		return uint32(rng.IntN(4))
	}
}

// TestXORKeyStreamReference compares XORKeyStream with the test reference
// for every length 0..1024 and random larger ones, out of place and in
// place, and checks that bytes of dst past len(src) are untouched.
func TestXORKeyStreamReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	lengths := make([]int, 0, 1100)
	for n := 0; n <= 1024; n++ {
		lengths = append(lengths, n)
	}
	for range 20 {
		lengths = append(lengths, 1025+rng.IntN(20000))
	}
	for _, n := range lengths {
		key, nonce := randKeyNonce(rng)
		counter := randCounter(rng)
		src := randBytes(rng, n)
		want := refXOR(src, key, nonce, counter)

		dst := make([]byte, n+8)
		for i := range dst {
			dst[i] = 0xa5
		}
		XORKeyStream(dst, src, key, nonce, counter)
		if !bytes.Equal(dst[:n], want) {
			t.Fatalf("len %d counter %#x: output differs from reference", n, counter)
		}
		for i, b := range dst[n:] {
			if b != 0xa5 {
				t.Fatalf("len %d: wrote dst[%d] past len(src)", n, n+i)
			}
		}

		inplace := append([]byte(nil), src...)
		XORKeyStream(inplace, inplace, key, nonce, counter)
		if !bytes.Equal(inplace, want) {
			t.Fatalf("len %d counter %#x: in-place output differs from reference", n, counter)
		}
	}
}

// TestMultiBlockKernel calls the multi-block kernels directly with whole
// blocks, in place and not, against the reference.
func TestMultiBlockKernel(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for nb := 0; nb <= 40; nb++ {
		key, nonce := randKeyNonce(rng)
		counter := randCounter(rng)
		src := randBytes(rng, 64*nb)
		want := refXOR(src, key, nonce, counter)
		for name, f := range map[string]func(dst, src []byte, key *[32]byte, nonce *[12]byte, counter uint32){
			"xorBlocks": xorBlocks, "xorBlocksGeneric": xorBlocksGeneric,
		} {
			dst := make([]byte, len(src))
			f(dst, src, key, nonce, counter)
			if !bytes.Equal(dst, want) {
				t.Fatalf("%s: %d blocks differ from reference", name, nb)
			}
			copy(dst, src)
			f(dst, dst, key, nonce, counter)
			if !bytes.Equal(dst, want) {
				t.Fatalf("%s: %d blocks in place differ from reference", name, nb)
			}
		}
	}
}

// TestUnaligned runs XORKeyStream on buffers at every offset 0..15 from an
// aligned start, for src and dst independently, and in place.
func TestUnaligned(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	key, nonce := randKeyNonce(rng)
	for _, n := range []int{1, 15, 63, 64, 65, 127, 128, 129, 500, 1000} {
		plain := randBytes(rng, n)
		want := refXOR(plain, key, nonce, 7)
		for so := range 16 {
			for do := range 16 {
				sbuf := make([]byte, n+16)
				dbuf := make([]byte, n+16)
				src := sbuf[so : so+n]
				copy(src, plain)
				dst := dbuf[do : do+n]
				XORKeyStream(dst, src, key, nonce, 7)
				if !bytes.Equal(dst, want) {
					t.Fatalf("len %d src offset %d dst offset %d: wrong output", n, so, do)
				}
			}
			buf := make([]byte, n+16)
			p := buf[so : so+n]
			copy(p, plain)
			XORKeyStream(p, p, key, nonce, 7)
			if !bytes.Equal(p, want) {
				t.Fatalf("len %d offset %d in place: wrong output", n, so)
			}
		}
	}
}

// TestCounterWrap checks that the block counter wraps modulo 2^32: starting
// at 0xffffffff, block 1 of the output uses counter 0 and block 2 counter 1.
func TestCounterWrap(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	key, nonce := randKeyNonce(rng)
	for _, n := range []int{64, 100, 128, 191, 192, 250, 64 * 9} {
		got := make([]byte, n)
		XORKeyStream(got, got, key, nonce, 0xffffffff)
		for i := 0; i < n; i += 64 {
			want := refBlock(key, nonce, uint32(0xffffffff+uint64(i/64)))
			if !bytes.Equal(got[i:min(i+64, n)], want[:min(64, n-i)]) {
				t.Fatalf("len %d: block %d after counter 0xffffffff is wrong", n, i/64)
			}
		}
		// And it continues the stream: blocks 1.. equal the stream from 0.
		if n > 64 {
			tail := make([]byte, n-64)
			XORKeyStream(tail, tail, key, nonce, 0)
			if !bytes.Equal(got[64:], tail) {
				t.Fatalf("len %d: stream after wrap differs from the stream at counter 0", n)
			}
		}
	}
	var b [64]byte
	Block(&b, key, nonce, 0xffffffff)
	if want := refBlock(key, nonce, 0xffffffff); b != want {
		t.Fatal("Block at counter 0xffffffff is wrong")
	}
}

// TestSplitCalls checks that encrypting in block-aligned pieces with the
// counter advanced by the caller gives the one-shot result.
func TestSplitCalls(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	key, nonce := randKeyNonce(rng)
	src := randBytes(rng, 64*50+17)
	want := make([]byte, len(src))
	XORKeyStream(want, src, key, nonce, 3)
	got := make([]byte, len(src))
	off, counter := 0, uint32(3)
	for off < len(src) {
		nb := rng.IntN(6)
		end := min(off+64*nb, len(src))
		if nb == 0 {
			end = len(src)
		}
		XORKeyStream(got[off:end], src[off:end], key, nonce, counter)
		counter += uint32(nb)
		off = end
	}
	if !bytes.Equal(got, want) {
		t.Fatal("split encryption differs from one-shot")
	}
}

func TestShortDstPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("XORKeyStream with a short dst did not panic")
		}
	}()
	var key [32]byte
	var nonce [12]byte
	XORKeyStream(make([]byte, 9), make([]byte, 10), &key, &nonce, 0)
}

func TestAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	var key [32]byte
	var nonce [12]byte
	buf := make([]byte, 1000)
	var blk [64]byte
	for name, f := range map[string]func(){
		"XORKeyStream":          func() { XORKeyStream(buf, buf, &key, &nonce, 1) },
		"XORKeyStream partial":  func() { XORKeyStream(buf[:37], buf[:37], &key, &nonce, 1) },
		"XORKeyStream no input": func() { XORKeyStream(buf[:0], buf[:0], &key, &nonce, 1) },
		"Block":                 func() { Block(&blk, &key, &nonce, 1) },
	} {
		if n := testing.AllocsPerRun(100, f); n != 0 {
			t.Errorf("%s allocates %v times per call", name, n)
		}
	}
}

func BenchmarkXORKeyStream(b *testing.B) {
	for _, n := range []int{64, 1024, 16 * 1024} {
		b.Run(fmt.Sprintf("%d", n), func(b *testing.B) {
			var key [32]byte
			var nonce [12]byte
			buf := make([]byte, n)
			b.SetBytes(int64(n))
			for b.Loop() {
				XORKeyStream(buf, buf, &key, &nonce, 1)
			}
		})
	}
}

func BenchmarkBlock(b *testing.B) {
	var key [32]byte
	var nonce [12]byte
	var out [64]byte
	b.SetBytes(64)
	for b.Loop() {
		Block(&out, &key, &nonce, 1)
	}
}
