package poly1305

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"math/big"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unsafe"
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

// refMAC is a test-local Poly1305 on math/big, written from the pseudocode
// of RFC 8439 section 2.5.1. It shares no code with the package.
func refMAC(key *[32]byte, msg []byte) [16]byte {
	leNum := func(b []byte) *big.Int {
		be := make([]byte, len(b))
		for i := range b {
			be[len(b)-1-i] = b[i]
		}
		return new(big.Int).SetBytes(be)
	}
	p := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 130), big.NewInt(5))
	clamp, _ := new(big.Int).SetString("0ffffffc0ffffffc0ffffffc0fffffff", 16)
	r := new(big.Int).And(leNum(key[:16]), clamp)
	s := leNum(key[16:])
	a := new(big.Int)
	for i := 0; i < len(msg); i += 16 {
		blk := append(append([]byte(nil), msg[i:min(i+16, len(msg))]...), 1)
		a.Add(a, leNum(blk))
		a.Mul(a, r)
		a.Mod(a, p)
	}
	a.Add(a, s)
	be := a.Bytes()
	var out [16]byte
	for i := 0; i < 16 && i < len(be); i++ {
		out[i] = be[len(be)-1-i]
	}
	return out
}

func mac(key *[32]byte, msg []byte) [16]byte {
	var m MAC
	m.Init(key)
	m.Write(msg)
	var out [16]byte
	m.Sum(&out)
	return out
}

const (
	ietfText   = "Any submission to the IETF intended by the Contributor for publication as all or part of an IETF Internet-Draft or RFC and any statement made within the context of an IETF activity is considered an \"IETF Contribution\". Such statements include oral statements in IETF sessions, as well as written and electronic communications made at any time or place, which are addressed to"
	jabberwock = "'Twas brillig, and the slithy toves\nDid gyre and gimble in the wabe:\nAll mimsy were the borogoves,\nAnd the mome raths outgrabe."
	zero16     = "00000000000000000000000000000000"
	ones16     = "ffffffffffffffffffffffffffffffff"
)

// rfcVectors are the Poly1305 test vectors of RFC 8439: section 2.5.2,
// Appendix A.3 #1-#11 (key = R || S), and the Poly1305 step of the AEAD
// example of section 2.8.2. Vectors #5-#11 exercise the carries and the
// final reduction modulo 2^130-5.
var rfcVectors = []struct {
	name, key string
	msg       []byte
	msgHex    string
	tag       string
}{
	{name: "RFC8439 2.5.2",
		key: "85:d6:be:78:57:55:6d:33:7f:44:52:fe:42:d5:06:a8:01:03:80:8a:fb:0d:b2:fd:4a:bf:f6:af:41:49:f5:1b",
		msg: []byte("Cryptographic Forum Research Group"),
		tag: "a8:06:1d:c1:30:51:36:c6:c2:2b:8b:af:0c:01:27:a9"},
	{name: "RFC8439 A.3 #1", key: zero16 + zero16, msg: make([]byte, 64), tag: zero16},
	{name: "RFC8439 A.3 #2",
		key: zero16 + "36 e5 f6 b5 c5 e0 60 70 f0 ef ca 96 22 7a 86 3e",
		msg: []byte(ietfText),
		tag: "36 e5 f6 b5 c5 e0 60 70 f0 ef ca 96 22 7a 86 3e"},
	{name: "RFC8439 A.3 #3",
		key: "36 e5 f6 b5 c5 e0 60 70 f0 ef ca 96 22 7a 86 3e" + zero16,
		msg: []byte(ietfText),
		tag: "f3 47 7e 7c d9 54 17 af 89 a6 b8 79 4c 31 0c f0"},
	{name: "RFC8439 A.3 #4",
		key: "1c 92 40 a5 eb 55 d3 8a f3 33 88 86 04 f6 b5 f0 47 39 17 c1 40 2b 80 09 9d ca 5c bc 20 70 75 c0",
		msg: []byte(jabberwock),
		tag: "45 41 66 9a 7e aa ee 61 e7 08 dc 7c bc c5 eb 62"},
	{name: "RFC8439 A.3 #5 (partially reduced result not fully reduced)",
		key:    "02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00" + zero16,
		msgHex: ones16,
		tag:    "03 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"},
	{name: "RFC8439 A.3 #6 (adding s overflows 2^128)",
		key:    "02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00" + ones16,
		msgHex: "02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
		tag:    "03 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"},
	{name: "RFC8439 A.3 #7 (all-ones limb with carry from lower limb)",
		key: "01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00" + zero16,
		msgHex: `FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF
			F0 FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF
			11 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00`,
		tag: "05 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"},
	{name: "RFC8439 A.3 #8 (result exactly 2^130-5)",
		key: "01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00" + zero16,
		msgHex: `FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF
			FB FE FE FE FE FE FE FE FE FE FE FE FE FE FE FE
			01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01`,
		tag: zero16},
	{name: "RFC8439 A.3 #9 (result exactly 2^130-6)",
		key:    "02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00" + zero16,
		msgHex: "FD FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF",
		tag:    "FA FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF"},
	{name: "RFC8439 A.3 #10 (5*H+L reduction, 131-bit intermediate)",
		key: "01 00 00 00 00 00 00 00 04 00 00 00 00 00 00 00" + zero16,
		msgHex: `E3 35 94 D7 50 5E 43 B9 00 00 00 00 00 00 00 00
			33 94 D7 50 5E 43 79 CD 01 00 00 00 00 00 00 00
			00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
			01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00`,
		tag: "14 00 00 00 00 00 00 00 55 00 00 00 00 00 00 00"},
	{name: "RFC8439 A.3 #11 (5*H+L reduction, 131-bit final result)",
		key: "01 00 00 00 00 00 00 00 04 00 00 00 00 00 00 00" + zero16,
		msgHex: `E3 35 94 D7 50 5E 43 B9 00 00 00 00 00 00 00 00
			33 94 D7 50 5E 43 79 CD 01 00 00 00 00 00 00 00
			00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00`,
		tag: "13 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"},
	{name: "RFC8439 2.8.2 (AEAD MAC data)",
		key: `7b ac 2b 25 2d b4 47 af 09 b6 7a 55 a4 e9 55 84
			0a e1 d6 73 10 75 d9 eb 2a 93 75 78 3e d5 53 ff`,
		msgHex: `50 51 52 53 c0 c1 c2 c3 c4 c5 c6 c7 00 00 00 00
			d3 1a 8d 34 64 8e 60 db 7b 86 af bc 53 ef 7e c2
			a4 ad ed 51 29 6e 08 fe a9 e2 b5 a7 36 ee 62 d6
			3d be a4 5e 8c a9 67 12 82 fa fb 69 da 92 72 8b
			1a 71 de 0a 9e 06 0b 29 05 d6 a5 b6 7e cd 3b 36
			92 dd bd 7f 2d 77 8b 8c 98 03 ae e3 28 09 1b 58
			fa b3 24 e4 fa d6 75 94 55 85 80 8b 48 31 d7 bc
			3f f4 de f0 8e 4b 7a 9d e5 76 d2 65 86 ce c6 4b
			61 16 00 00 00 00 00 00 00 00 00 00 00 00 00 00
			0c 00 00 00 00 00 00 00 72 00 00 00 00 00 00 00`,
		tag: "1a:e1:0b:59:4f:09:e2:6a:7e:90:2e:cb:d0:60:06:91"},
}

func TestRFCVectors(t *testing.T) {
	if len(ietfText) != 375 || len(jabberwock) != 127 {
		t.Fatal("message transcription has the wrong length")
	}
	for _, v := range rfcVectors {
		kb := unhex(t, v.key)
		if len(kb) != 32 {
			t.Fatalf("%s: key is %d bytes", v.name, len(kb))
		}
		key := (*[32]byte)(kb)
		msg := v.msg
		if v.msgHex != "" {
			msg = unhex(t, v.msgHex)
		}
		want := unhex(t, v.tag)

		if got := mac(key, msg); !bytes.Equal(got[:], want) {
			t.Errorf("%s: tag = %x, want %x", v.name, got, want)
		}
		if ref := refMAC(key, msg); !bytes.Equal(ref[:], want) {
			t.Errorf("%s: test reference is wrong: %x", v.name, ref)
		}
		var one [16]byte
		Sum(&one, msg, key)
		if !bytes.Equal(one[:], want) {
			t.Errorf("%s: Sum = %x, want %x", v.name, one, want)
		}
		// Byte at a time.
		var m MAC
		m.Init(key)
		for i := range msg {
			m.Write(msg[i : i+1])
		}
		var got [16]byte
		m.Sum(&got)
		if !bytes.Equal(got[:], want) {
			t.Errorf("%s: byte-at-a-time tag = %x, want %x", v.name, got, want)
		}
	}
}

func randBytes(rng *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	return b
}

// stressBytes returns n bytes that are mostly 0xff, with some 0x00 and
// random bytes, to drive carries through every limb.
func stressBytes(rng *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		switch rng.IntN(8) {
		case 0:
			b[i] = 0
		case 1:
			b[i] = byte(rng.Uint32())
		default:
			b[i] = 0xff
		}
	}
	return b
}

func keyKinds(rng *rand.Rand) []*[32]byte {
	var ones, zeroR, rOnesS0, random, stress [32]byte
	for i := range ones {
		ones[i] = 0xff
	}
	copy(zeroR[16:], randBytes(rng, 16))
	copy(rOnesS0[:16], ones[:16])
	copy(random[:], randBytes(rng, 32))
	copy(stress[:], stressBytes(rng, 32))
	return []*[32]byte{&ones, &zeroR, &rOnesS0, &random, &stress}
}

// TestReference compares the MAC with the math/big reference for every
// message length 0..1024 and random larger lengths, with random keys and
// messages and with keys and messages that stress carries (all 0xff).
func TestReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	lengths := make([]int, 0, 1100)
	for n := 0; n <= 1024; n++ {
		lengths = append(lengths, n)
	}
	for range 10 {
		lengths = append(lengths, 1025+rng.IntN(10000))
	}
	allFF := bytes.Repeat([]byte{0xff}, 12000)
	for _, n := range lengths {
		keys := keyKinds(rng)
		msgs := [][]byte{randBytes(rng, n), allFF[:n], stressBytes(rng, n)}
		for _, key := range keys {
			for mi, msg := range msgs {
				if got, want := mac(key, msg), refMAC(key, msg); got != want {
					t.Fatalf("len %d key %x msg kind %d: tag %x, want %x", n, key, mi, got, want)
				}
			}
		}
	}
}

// TestMaxAccumulator drives the accumulator to its largest values: r and s
// at their clamped maximum and messages of all-0xff blocks, checking the
// documented bound h[2] <= 4 after every block against the reference.
func TestMaxAccumulator(t *testing.T) {
	var key [32]byte
	for i := range key {
		key[i] = 0xff
	}
	var st state
	st.init(&key)
	msg := bytes.Repeat([]byte{0xff}, 16*300)
	for i := 0; i < len(msg); i += 16 {
		blocksGeneric(&st, msg[i:i+16], 1)
		if st.h[2] > 4 {
			t.Fatalf("after block %d: h[2] = %d, bound is 4", i/16, st.h[2])
		}
	}
	if got, want := mac(&key, msg), refMAC(&key, msg); got != want {
		t.Fatalf("tag %x, want %x", got, want)
	}
	rng := rand.New(rand.NewPCG(13, 14))
	for range 200 {
		copy(key[:], stressBytes(rng, 32))
		st.init(&key)
		m := stressBytes(rng, 16*(1+rng.IntN(20)))
		for i := 0; i < len(m); i += 16 {
			blocksGeneric(&st, m[i:i+16], 1)
			if st.h[2] > 4 {
				t.Fatalf("h[2] = %d, bound is 4", st.h[2])
			}
		}
	}
}

// TestFinalReduction checks the constant-time final reduction directly on
// accumulator values around p = 2^130-5 and at the documented upper bound.
func TestFinalReduction(t *testing.T) {
	p := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 130), big.NewInt(5))
	two128 := new(big.Int).Lsh(big.NewInt(1), 128)
	limbs := func(x *big.Int) [3]uint64 {
		var h [3]uint64
		y := new(big.Int).Set(x)
		mask := new(big.Int).SetUint64(^uint64(0))
		for i := range h {
			h[i] = new(big.Int).And(y, mask).Uint64()
			y.Rsh(y, 64)
		}
		return h
	}
	var cases []*big.Int
	for d := int64(-8); d <= 8; d++ {
		cases = append(cases, new(big.Int).Add(p, big.NewInt(d)))
	}
	top := new(big.Int).Add(new(big.Int).Lsh(big.NewInt(1), 130), two128) // exclusive bound
	cases = append(cases, new(big.Int).Sub(top, big.NewInt(1)), big.NewInt(0), big.NewInt(5),
		new(big.Int).Lsh(big.NewInt(1), 130), new(big.Int).Sub(two128, big.NewInt(1)))
	for _, s := range [][2]uint64{{0, 0}, {^uint64(0), ^uint64(0)}, {5, 0}} {
		for _, h := range cases {
			st := state{h: limbs(h)}
			var got [16]byte
			st.finish(&got, &s)
			want := new(big.Int).Mod(h, p)
			want.Add(want, new(big.Int).SetUint64(s[0]))
			want.Add(want, new(big.Int).Lsh(new(big.Int).SetUint64(s[1]), 64))
			w := limbs(want)
			var wb [16]byte
			for i := range 8 {
				wb[i] = byte(w[0] >> (8 * i))
				wb[8+i] = byte(w[1] >> (8 * i))
			}
			if got != wb {
				t.Errorf("finish(h=%x, s=%x) = %x, want %x", h, s, got, wb)
			}
		}
	}
}

// TestStreaming writes the same message in random chunk splits and checks
// every split gives the one-shot tag.
func TestStreaming(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	for _, n := range []int{0, 1, 15, 16, 17, 31, 32, 33, 100, 255, 256, 1000, 4099} {
		var key [32]byte
		copy(key[:], randBytes(rng, 32))
		msg := randBytes(rng, n)
		want := refMAC(&key, msg)
		for range 30 {
			var m MAC
			m.Init(&key)
			for rest := msg; len(rest) > 0; {
				var k int
				switch rng.IntN(4) {
				case 0:
					k = 0 // empty writes are allowed anywhere
				case 1:
					k = rng.IntN(16)
				case 2:
					k = rng.IntN(64)
				default:
					k = rng.IntN(len(rest) + 1)
				}
				k = min(k, len(rest))
				m.Write(rest[:k])
				rest = rest[k:]
			}
			m.Write(nil)
			var got [16]byte
			m.Sum(&got)
			if got != want {
				t.Fatalf("len %d: split tag %x, want %x", n, got, want)
			}
			var again [16]byte
			m.Sum(&again)
			if again != want {
				t.Fatalf("len %d: second Sum gave %x", n, again)
			}
		}
	}
}

// TestInitResets checks that Init discards any earlier state.
func TestInitResets(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	var k1, k2 [32]byte
	copy(k1[:], randBytes(rng, 32))
	copy(k2[:], randBytes(rng, 32))
	msg := randBytes(rng, 77)
	var m MAC
	m.Init(&k1)
	m.Write(randBytes(rng, 53))
	m.Init(&k2)
	m.Write(msg)
	var got [16]byte
	m.Sum(&got)
	if want := refMAC(&k2, msg); got != want {
		t.Fatalf("after re-Init: tag %x, want %x", got, want)
	}
}

// TestNoPointers checks that MAC holds no pointers (so it stays on the
// stack and is cheap for the GC) and that state has the layout documented
// for assembly kernels.
func TestNoPointers(t *testing.T) {
	var walk func(reflect.Type) bool
	walk = func(ty reflect.Type) bool {
		switch ty.Kind() {
		case reflect.Array:
			return ty.Len() == 0 || walk(ty.Elem())
		case reflect.Struct:
			for i := range ty.NumField() {
				if !walk(ty.Field(i).Type) {
					return false
				}
			}
			return true
		case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			return true
		}
		return false
	}
	if !walk(reflect.TypeFor[MAC]()) {
		t.Fatal("MAC contains a pointer-bearing field")
	}
	var st state
	if unsafe.Sizeof(st) != 40 || unsafe.Offsetof(st.h) != 0 || unsafe.Offsetof(st.r) != 24 {
		t.Fatal("state layout differs from the documented one")
	}
}

func TestAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	var key [32]byte
	msg := make([]byte, 1000)
	var out [16]byte
	if n := testing.AllocsPerRun(100, func() {
		var m MAC
		m.Init(&key)
		m.Write(msg[:7])
		m.Write(msg[7:600])
		m.Write(msg[600:])
		m.Sum(&out)
	}); n != 0 {
		t.Errorf("MAC allocates %v times per message", n)
	}
	if n := testing.AllocsPerRun(100, func() { Sum(&out, msg, &key) }); n != 0 {
		t.Errorf("Sum allocates %v times per call", n)
	}
}

func BenchmarkMAC(b *testing.B) {
	for _, n := range []int{64, 1024, 16 * 1024} {
		b.Run(fmt.Sprintf("%d", n), func(b *testing.B) {
			var key [32]byte
			for i := range key {
				key[i] = byte(i)
			}
			msg := make([]byte, n)
			var out [16]byte
			b.SetBytes(int64(n))
			for b.Loop() {
				var m MAC
				m.Init(&key)
				m.Write(msg)
				m.Sum(&out)
			}
		})
	}
}

// BenchmarkMACUnaligned writes in odd-sized pieces, so every call goes
// through the partial-block buffer.
func BenchmarkMACUnaligned(b *testing.B) {
	const n = 16 * 1024
	var key [32]byte
	msg := make([]byte, n)
	var out [16]byte
	b.SetBytes(n)
	for b.Loop() {
		var m MAC
		m.Init(&key)
		for i := 0; i < n; i += 1000 {
			m.Write(msg[i:min(i+1000, n)])
		}
		m.Sum(&out)
	}
}
