// Package gf128 is the portable, constant-time arithmetic that the generic
// GHASH (package ghash) and POLYVAL (package polyval) code share: products
// in GF(2^128) mod x^128 + x^127 + x^126 + x^121 + 1 as POLYVAL's dot
// (a * b * x^-128, RFC 8452 section 3), with several blocks absorbed per
// reduction. GHASH runs on it through RFC 8452 Appendix A: each GCM block
// byte-reversed, and the key mulX_POLYVAL(ByteReverse(H)); Update takes
// the byte order as an argument and nothing else differs.
//
// Field elements are pairs of 64-bit words (lo, hi): bit j of lo is the
// coefficient of x^j and bit j of hi that of x^(64+j). A block product is
// computed in three steps, all with ordinary integer instructions and no
// branch or memory index that depends on data or key:
//
//  1. 64x64 -> 128-bit carry-less products (clmulSum). A word v is split
//     into four "holey" parts v&m0 .. v&m3, where mc keeps only the bits
//     whose index is c mod 4. Take a part with bits of class i and one
//     with bits of class j: each pair of set bits (a, b) adds 2^(a+b) to
//     their integer product, and a+b is of class (i+j) mod 4, so the
//     product is the sum over the positions k of that class of n_k * 2^k,
//     n_k the number of pairs with a+b = k. n_k is at most the number of
//     set bits of either part; while it stays below 16, n_k * 2^k fits in
//     bits k..k+3 and never reaches k+4, the next position of the class.
//     Then bit k of the integer product is n_k mod 2, the coefficient of
//     x^k in the carry-less product, and masking with m((i+j) mod 4)
//     keeps exactly those bits. Summing the sixteen part products by class
//     gives the whole carry-less product. A part of a 64-bit word can have
//     16 set bits, one too many, so the key-side word is cut to its low 60
//     bits (15 per class) and its top four bits are added separately, as
//     the data word shifted by 60..63 under all-ones or all-zeros masks.
//     bits.Mul64 returns the full 128-bit integer product, so both halves
//     of the carry-less product come from the same 16 multiplications
//     (constant time wherever 64-bit multiplication is: MULQ on amd64,
//     MUL/UMULH on arm64, and Go's branch-free software Mul64 elsewhere).
//
//  2. Karatsuba on 64-bit halves: with a = a1 x^64 + a0 and b likewise,
//     a*b = a1b1 x^128 + ((a0+a1)(b0+b1) + a0b0 + a1b1) x^64 + a0b0, three
//     64x64 products instead of four.
//
//  3. Reduction (reduce): the 256-bit product w is folded to
//     w * x^-128 mod x^128 + x^127 + x^126 + x^121 + 1.
//
// Karatsuba's combination and the reduction are linear over XOR, so Update
// processes up to Aggregate blocks per group: block i of n is multiplied
// by the key's power n-i, the unreduced 256-bit products of the group are
// XORed, and the group pays for one reduction.
package gf128

import (
	"encoding/binary"
	"math/bits"
)

// Aggregate is the number of blocks that share one reduction.
const Aggregate = 4

// BlockSize is the size in bytes of a block.
const BlockSize = 16

// Hole masks: mc keeps the bits whose index is c mod 4.
const (
	m0 = 0x1111111111111111
	m1 = 0x2222222222222222
	m2 = 0x4444444444444444
	m3 = 0x8888888888888888

	low60 = 1<<60 - 1 // the part of a key-side word the multiplications take
)

// Operand is a 64-bit key-side multiplicand v prepared for clmulSum.
type Operand struct {
	// c[j] is v & low60 & mj: the low 60 bits of v in four holey parts.
	c [4]uint64
	// t[b] is all ones if bit 60+b of v is set, else zero.
	t [4]uint64
}

// Set prepares v.
func (o *Operand) Set(v uint64) {
	w := v & low60
	o.c = [4]uint64{w & m0, w & m1, w & m2, w & m3}
	o.t = [4]uint64{-(v >> 60 & 1), -(v >> 61 & 1), -(v >> 62 & 1), -(v >> 63 & 1)}
}

// Operands holds the multiplicands of the powers 1 .. Aggregate of a key:
// index i of Lo, Hi and Mid holds the low word, the high word and their
// XOR of power Aggregate-i, the factor of block i of a full group.
type Operands struct {
	Lo, Hi, Mid [Aggregate]Operand
}

// Set prepares the multiplicands from pow, the powers Aggregate .. 1 of
// the key, highest first, each as (lo, hi).
func (o *Operands) Set(pow *[Aggregate][2]uint64) {
	for i := range Aggregate {
		o.SetPower(i, pow[i][0], pow[i][1])
	}
}

// SetPower prepares slot i (the power Aggregate-i) from lo, hi.
func (o *Operands) SetPower(i int, lo, hi uint64) {
	o.Lo[i].Set(lo)
	o.Hi[i].Set(hi)
	o.Mid[i].Set(lo ^ hi)
}

// clmulSum returns the carry-less sum of products x[i] * y[i] for
// i < len(y) (at most Aggregate), as a 128-bit value (hi, lo).
func clmulSum(x *[Aggregate]uint64, y []Operand) (hi, lo uint64) {
	// The key's top four bits: x[i] * x^(60+b) where bit 60+b is set.
	var t0, t1, t2, t3 uint64
	for i := range y {
		v, t := x[i&(Aggregate-1)], &y[i].t
		t0 ^= v & t[0]
		t1 ^= v & t[1]
		t2 ^= v & t[2]
		t3 ^= v & t[3]
	}
	lo = t0<<60 ^ t1<<61 ^ t2<<62 ^ t3<<63
	hi = t0>>4 ^ t1>>3 ^ t2>>2 ^ t3>>1

	// The low 60 bits, one class of the product at a time: the four part
	// products of class c are XORed and masked before the next class
	// starts, which keeps few values live at once.
	for i := range y {
		v, c := x[i&(Aggregate-1)], &y[i].c
		v0, v1, v2, v3 := v&m0, v&m1, v&m2, v&m3
		var zh, zl uint64
		// class 0: (0,0) (1,3) (2,2) (3,1)
		zh, zl = bits.Mul64(v0, c[0])
		zh, zl = mac(zh, zl, v1, c[3])
		zh, zl = mac(zh, zl, v2, c[2])
		zh, zl = mac(zh, zl, v3, c[1])
		hi, lo = hi^zh&m0, lo^zl&m0

		// class 1: (0,1) (1,0) (2,3) (3,2)
		zh, zl = bits.Mul64(v0, c[1])
		zh, zl = mac(zh, zl, v1, c[0])
		zh, zl = mac(zh, zl, v2, c[3])
		zh, zl = mac(zh, zl, v3, c[2])
		hi, lo = hi^zh&m1, lo^zl&m1

		// class 2: (0,2) (1,1) (2,0) (3,3)
		zh, zl = bits.Mul64(v0, c[2])
		zh, zl = mac(zh, zl, v1, c[1])
		zh, zl = mac(zh, zl, v2, c[0])
		zh, zl = mac(zh, zl, v3, c[3])
		hi, lo = hi^zh&m2, lo^zl&m2

		// class 3: (0,3) (1,2) (2,1) (3,0)
		zh, zl = bits.Mul64(v0, c[3])
		zh, zl = mac(zh, zl, v1, c[2])
		zh, zl = mac(zh, zl, v2, c[1])
		zh, zl = mac(zh, zl, v3, c[0])
		hi, lo = hi^zh&m3, lo^zl&m3
	}
	return hi, lo
}

// mac returns (zh, zl) XOR the 128-bit integer product a * b.
func mac(zh, zl, a, b uint64) (uint64, uint64) {
	h, l := bits.Mul64(a, b)
	return zh ^ h, zl ^ l
}

// reduce returns w * x^-128 mod x^128 + x^127 + x^126 + x^121 + 1 for the
// 256-bit polynomial w = w3 x^192 + w2 x^128 + w1 x^64 + w0, as (lo, hi).
//
// With Q = x^128 + x^127 + x^126 + x^121 + 1, the result is
// (w + M*Q) / x^128 for the M of degree < 128 that makes w + M*Q divisible
// by x^128: M + M*(x^121 + x^126 + x^127) = w1 x^64 + w0 mod x^128. The
// second term only involves M's low 7 bits, which are those of w0, so
// M = G = w1 x^64 + w0 + w0*(x^121 + x^126 + x^127) mod x^128 (g1:g0
// below). The part of w + G*Q at x^128 and above, divided by x^128, is
// then w3:w2 + G + G*x^127/x^128 + G*x^126/x^128 + G*x^121/x^128 with the
// quotients rounded down, that is w3:w2 + G + G>>1 + G>>2 + G>>7.
func reduce(w0, w1, w2, w3 uint64) (lo, hi uint64) {
	g0 := w0
	g1 := w1 ^ w0<<63 ^ w0<<62 ^ w0<<57
	lo = w2 ^ g0 ^ (g0>>1 | g1<<63) ^ (g0>>2 | g1<<62) ^ (g0>>7 | g1<<57)
	hi = w3 ^ g1 ^ g1>>1 ^ g1>>2 ^ g1>>7
	return lo, hi
}

// MulGroup returns the sum over i < n of (xl[i], xh[i]) times power n-i
// of the key of o, reduced once, where 1 <= n <= Aggregate.
func MulGroup(o *Operands, xl, xh *[Aggregate]uint64, n int) (lo, hi uint64) {
	y := Aggregate - n
	var xm [Aggregate]uint64
	for i := range xm {
		xm[i] = xl[i] ^ xh[i]
	}
	z0h, z0l := clmulSum(xl, o.Lo[y:])
	z2h, z2l := clmulSum(xh, o.Hi[y:])
	zmh, zml := clmulSum(&xm, o.Mid[y:])
	zmh ^= z0h ^ z2h
	zml ^= z0l ^ z2l
	return reduce(z0l, z0h^zml, z2l^zmh, z2h)
}

// Update absorbs src into the accumulator (s0, s1) (lo, hi words) with
// the key of o and returns the new accumulator: for each 16-byte block X,
// s = (s + X) * H * x^-128, a partial final block zero-padded. Blocks are
// read as two little-endian words (POLYVAL), or with ghashOrder as two
// big-endian words, the second block half first (a GCM block
// byte-reversed, RFC 8452 Appendix A). Its time depends only on len(src).
func Update(o *Operands, s0, s1 uint64, src []byte, ghashOrder bool) (uint64, uint64) {
	for len(src) > 0 {
		var xl, xh [Aggregate]uint64
		n := 0
		for n < Aggregate && len(src) >= BlockSize {
			xl[n], xh[n] = Load(src, ghashOrder)
			src = src[BlockSize:]
			n++
		}
		if n < Aggregate && len(src) > 0 {
			var b [BlockSize]byte
			copy(b[:], src)
			xl[n], xh[n] = Load(b[:], ghashOrder)
			src = src[len(src):]
			n++
		}
		xl[0] ^= s0
		xh[0] ^= s1
		s0, s1 = MulGroup(o, &xl, &xh, n)
	}
	return s0, s1
}

// Load reads the 16-byte block b as a field element (lo, hi), in
// POLYVAL's order or, with ghashOrder, GHASH's (see Update).
func Load(b []byte, ghashOrder bool) (lo, hi uint64) {
	if ghashOrder {
		return binary.BigEndian.Uint64(b[8:16]), binary.BigEndian.Uint64(b[0:8])
	}
	return binary.LittleEndian.Uint64(b[0:8]), binary.LittleEndian.Uint64(b[8:16])
}

// Store writes the field element (lo, hi) to the 16-byte block b, the
// inverse of Load.
func Store(b []byte, lo, hi uint64, ghashOrder bool) {
	if ghashOrder {
		binary.BigEndian.PutUint64(b[0:8], hi)
		binary.BigEndian.PutUint64(b[8:16], lo)
		return
	}
	binary.LittleEndian.PutUint64(b[0:8], lo)
	binary.LittleEndian.PutUint64(b[8:16], hi)
}

// Powers fills pow[len(pow)-n:] with the powers n .. 1 of the key
// K_1 = hi x^64 + lo, highest first: K_(i+1) = K_i * K_1 * x^-128, each a
// one-block group with factor K_1. 1 <= n <= len(pow).
func Powers(pow [][2]uint64, n int, lo, hi uint64) {
	var o Operands
	last := len(pow) - 1
	pow[last] = [2]uint64{lo, hi}
	o.SetPower(Aggregate-1, lo, hi)
	for i := 1; i < n; i++ {
		xl := [Aggregate]uint64{pow[last+1-i][0]}
		xh := [Aggregate]uint64{pow[last+1-i][1]}
		l, h := MulGroup(&o, &xl, &xh, 1)
		pow[last-i] = [2]uint64{l, h}
	}
}
