package aesni

import (
	"encoding/binary"
	"math/bits"
)

// This file holds the portable, constant-time AES core: a bitsliced
// implementation that encrypts or decrypts four blocks at a time in eight
// 64-bit words, and the key schedule built on the same S-box circuit.
//
// Word form. The mode code hands blocks to the core as "words": block j
// (j = 0..3) is w[2j] (bytes 0..7, little-endian) and w[2j+1] (bytes 8..15,
// little-endian). encrypt4 / decrypt4 take and return this form.
//
// Bitsliced form. pack turns the word form into eight bit planes: q[b] holds
// bit b of every state byte of the four blocks, at bit position
//
//	16*row + 4*col + lane
//
// where state byte i of FIPS 197 is row i%4, column i/4, and lane is the
// block number 0..3. Each 16-bit chunk of a plane is thus one row of the
// state, each nibble of a chunk one column (four lanes). With this layout:
//
//   - ShiftRows rotates chunk r right by 4r bits (within the chunk);
//   - MixColumns needs row r+1 at the place of row r, which is a rotation
//     of the whole word by 16 bits;
//   - SubBytes is a Boolean circuit over the eight planes (64 S-boxes in
//     parallel).
//
// No step indexes memory or branches on data; everything is AND, XOR, NOT,
// shifts and rotations by constants.

// spread moves byte i of x to byte 2i of the result (other bytes zero).
func spread(x uint32) uint64 {
	v := uint64(x)
	v = (v | v<<16) & 0x0000ffff0000ffff
	v = (v | v<<8) & 0x00ff00ff00ff00ff
	return v
}

// gather is the inverse of spread: byte 2i of x goes to byte i of the
// result; odd bytes of x are ignored.
func gather(x uint64) uint32 {
	x &= 0x00ff00ff00ff00ff
	x = (x | x>>8) & 0x0000ffff0000ffff
	x = (x | x>>16) & 0x00000000ffffffff
	return uint32(x)
}

// swapMove exchanges the bits of a selected by mask<<n with the bits of b
// selected by mask.
func swapMove(a, b, mask uint64, n uint) (uint64, uint64) {
	t := ((a >> n) ^ b) & mask
	return a ^ t<<n, b ^ t
}

// transpose8 treats byte k of q[0..7] as an 8x8 bit matrix (row = word
// index, column = bit index within the byte), for each k = 0..7, and
// transposes all eight matrices. It is its own inverse.
func transpose8(q *[8]uint64) {
	const m1, m2, m4 = 0x5555555555555555, 0x3333333333333333, 0x0f0f0f0f0f0f0f0f
	q[0], q[1] = swapMove(q[0], q[1], m1, 1)
	q[2], q[3] = swapMove(q[2], q[3], m1, 1)
	q[4], q[5] = swapMove(q[4], q[5], m1, 1)
	q[6], q[7] = swapMove(q[6], q[7], m1, 1)

	q[0], q[2] = swapMove(q[0], q[2], m2, 2)
	q[1], q[3] = swapMove(q[1], q[3], m2, 2)
	q[4], q[6] = swapMove(q[4], q[6], m2, 2)
	q[5], q[7] = swapMove(q[5], q[7], m2, 2)

	q[0], q[4] = swapMove(q[0], q[4], m4, 4)
	q[1], q[5] = swapMove(q[1], q[5], m4, 4)
	q[2], q[6] = swapMove(q[2], q[6], m4, 4)
	q[3], q[7] = swapMove(q[3], q[7], m4, 4)
}

// pack converts four blocks from word form to bitsliced form, in place.
//
// First, for lane j, t[j] collects columns 0 and 2 of block j and t[j+4]
// columns 1 and 3, so that byte p of t[j'] is the state byte at row p/2,
// column 2*(p%2) + j'/4. Then the bit transpose makes bit j' of byte p of
// plane b equal to bit b of that byte: bit position 8p + j' = 16*row +
// 4*col + lane.
func pack(q *[8]uint64) {
	var t [8]uint64
	for j := 0; j < 4; j++ {
		lo, hi := q[2*j], q[2*j+1]
		t[j] = spread(uint32(lo)) | spread(uint32(hi))<<8
		t[j+4] = spread(uint32(lo>>32)) | spread(uint32(hi>>32))<<8
	}
	transpose8(&t)
	*q = t
}

// unpack is the inverse of pack.
func unpack(q *[8]uint64) {
	t := *q
	transpose8(&t)
	for j := 0; j < 4; j++ {
		a, b := t[j], t[j+4]
		q[2*j] = uint64(gather(a)) | uint64(gather(b))<<32
		q[2*j+1] = uint64(gather(a>>8)) | uint64(gather(b>>8))<<32
	}
}

// sbox applies the AES S-box to every byte of the bitsliced state. The
// circuit is the depth-16, 128-gate circuit of J. Boyar and R. Peralta, "A
// depth-16 circuit for the AES S-box" (2011): a linear top layer, a shared
// nonlinear middle (34 AND gates) and a linear bottom layer. Its input u0 is
// the most significant bit of the byte, so u0 = q[7], ..., u7 = q[0], and its
// output s0 is the most significant bit as well.
func sbox(q *[8]uint64) {
	u0, u1, u2, u3 := q[7], q[6], q[5], q[4]
	u4, u5, u6, u7 := q[3], q[2], q[1], q[0]

	// Top linear layer.
	t1 := u0 ^ u3
	t2 := u0 ^ u5
	t3 := u0 ^ u6
	t4 := u3 ^ u5
	t5 := u4 ^ u6
	t6 := t1 ^ t5
	t7 := u1 ^ u2
	t8 := u7 ^ t6
	t9 := u7 ^ t7
	t10 := t6 ^ t7
	t11 := u1 ^ u5
	t12 := u2 ^ u5
	t13 := t3 ^ t4
	t14 := t6 ^ t11
	t15 := t5 ^ t11
	t16 := t5 ^ t12
	t17 := t9 ^ t16
	t18 := u3 ^ u7
	t19 := t7 ^ t18
	t20 := t1 ^ t19
	t21 := u6 ^ u7
	t22 := t7 ^ t21
	t23 := t2 ^ t22
	t24 := t2 ^ t10
	t25 := t20 ^ t17
	t26 := t3 ^ t16
	t27 := t1 ^ t12

	// Nonlinear middle layer (inversion in GF(2^8) via GF(2^4)).
	m1 := t13 & t6
	m2 := t23 & t8
	m3 := t14 ^ m1
	m4 := t19 & u7
	m5 := m4 ^ m1
	m6 := t3 & t16
	m7 := t22 & t9
	m8 := t26 ^ m6
	m9 := t20 & t17
	m10 := m9 ^ m6
	m11 := t1 & t15
	m12 := t4 & t27
	m13 := m12 ^ m11
	m14 := t2 & t10
	m15 := m14 ^ m11
	m16 := m3 ^ m2
	m17 := m5 ^ t24
	m18 := m8 ^ m7
	m19 := m10 ^ m15
	m20 := m16 ^ m13
	m21 := m17 ^ m15
	m22 := m18 ^ m13
	m23 := m19 ^ t25
	m24 := m22 ^ m23
	m25 := m22 & m20
	m26 := m21 ^ m25
	m27 := m20 ^ m21
	m28 := m23 ^ m25
	m29 := m28 & m27
	m30 := m26 & m24
	m31 := m20 & m23
	m32 := m27 & m31
	m33 := m27 ^ m25
	m34 := m21 & m22
	m35 := m24 & m34
	m36 := m24 ^ m25
	m37 := m21 ^ m29
	m38 := m32 ^ m33
	m39 := m23 ^ m30
	m40 := m35 ^ m36
	m41 := m38 ^ m40
	m42 := m37 ^ m39
	m43 := m37 ^ m38
	m44 := m39 ^ m40
	m45 := m42 ^ m41
	m46 := m44 & t6
	m47 := m40 & t8
	m48 := m39 & u7
	m49 := m43 & t16
	m50 := m38 & t9
	m51 := m37 & t17
	m52 := m42 & t15
	m53 := m45 & t27
	m54 := m41 & t10
	m55 := m44 & t13
	m56 := m40 & t23
	m57 := m39 & t19
	m58 := m43 & t3
	m59 := m38 & t22
	m60 := m37 & t20
	m61 := m42 & t1
	m62 := m45 & t4
	m63 := m41 & t2

	// Bottom linear layer.
	l0 := m61 ^ m62
	l1 := m50 ^ m56
	l2 := m46 ^ m48
	l3 := m47 ^ m55
	l4 := m54 ^ m58
	l5 := m49 ^ m61
	l6 := m62 ^ l5
	l7 := m46 ^ l3
	l8 := m51 ^ m59
	l9 := m52 ^ m53
	l10 := m53 ^ l4
	l11 := m60 ^ l2
	l12 := m48 ^ m51
	l13 := m50 ^ l0
	l14 := m52 ^ m61
	l15 := m55 ^ l1
	l16 := m56 ^ l0
	l17 := m57 ^ l1
	l18 := m58 ^ l8
	l19 := m63 ^ l4
	l20 := l0 ^ l1
	l21 := l1 ^ l7
	l22 := l3 ^ l12
	l23 := l18 ^ l2
	l24 := l15 ^ l9
	l25 := l6 ^ l10
	l26 := l7 ^ l9
	l27 := l8 ^ l10
	l28 := l11 ^ l14
	l29 := l11 ^ l17

	q[7] = l6 ^ l24
	q[6] = ^(l16 ^ l26)
	q[5] = ^(l19 ^ l28)
	q[4] = l6 ^ l21
	q[3] = l20 ^ l22
	q[2] = l25 ^ l29
	q[1] = ^(l13 ^ l27)
	q[0] = ^(l6 ^ l23)
}

// invAffine applies, to every byte of the bitsliced state, the inverse of the
// S-box's affine map together with its constant: y -> A^-1(y ^ 0x63), which
// is bit i of the result = y[i+2] ^ y[i+5] ^ y[i+7] (indices mod 8), XOR
// 0x05 (FIPS 197, section 5.3.2).
func invAffine(q *[8]uint64) {
	y0, y1, y2, y3, y4, y5, y6, y7 := q[0], q[1], q[2], q[3], q[4], q[5], q[6], q[7]
	q[0] = ^(y2 ^ y5 ^ y7)
	q[1] = y3 ^ y6 ^ y0
	q[2] = ^(y4 ^ y7 ^ y1)
	q[3] = y5 ^ y0 ^ y2
	q[4] = y6 ^ y1 ^ y3
	q[5] = y7 ^ y2 ^ y4
	q[6] = y0 ^ y3 ^ y5
	q[7] = y1 ^ y4 ^ y6
}

// invSbox applies the inverse S-box to every byte. With S(x) = A(x^-1) ^
// 0x63 and B(y) = A^-1(y ^ 0x63), B(S(x)) = x^-1, so the inverse S-box is
// y -> B(y)^-1 = B(S(B(y))).
func invSbox(q *[8]uint64) {
	invAffine(q)
	sbox(q)
	invAffine(q)
}

// shiftRows1 applies ShiftRows to one plane: chunk r (row r) rotates right
// by 4r bits, so that column c receives column c+r.
func shiftRows1(x uint64) uint64 {
	return x&0x000000000000ffff |
		(x&0x00000000fff00000)>>4 | (x&0x00000000000f0000)<<12 |
		(x&0x0000ff0000000000)>>8 | (x&0x000000ff00000000)<<8 |
		(x&0xf000000000000000)>>12 | (x&0x0fff000000000000)<<4
}

// invShiftRows1 is the inverse of shiftRows1: chunk r rotates left by 4r.
func invShiftRows1(x uint64) uint64 {
	return x&0x000000000000ffff |
		(x&0x000000000fff0000)<<4 | (x&0x00000000f0000000)>>12 |
		(x&0x0000ff0000000000)>>8 | (x&0x000000ff00000000)<<8 |
		(x&0x000f000000000000)<<12 | (x&0xfff0000000000000)>>4
}

func shiftRows(q *[8]uint64) {
	for i := range q {
		q[i] = shiftRows1(q[i])
	}
}

func invShiftRows(q *[8]uint64) {
	for i := range q {
		q[i] = invShiftRows1(q[i])
	}
}

// mixColumns applies MixColumns. For a column (a0, a1, a2, a3) it computes
// a'_r = 2*a_r ^ 3*a_{r+1} ^ a_{r+2} ^ a_{r+3}
//
//	= 2*(a_r ^ a_{r+1}) ^ a_{r+1} ^ (a_{r+2} ^ a_{r+3}),
//
// where rotating a plane right by 16 bits brings row r+1 to row r. The
// doubling in GF(2^8) (modulo x^8+x^4+x^3+x+1) moves plane i to plane i+1
// and folds plane 7 into planes 0, 1, 3 and 4.
func mixColumns(q *[8]uint64) {
	var t, r [8]uint64
	for i := range q {
		r[i] = bits.RotateLeft64(q[i], -16)
		t[i] = q[i] ^ r[i]
	}
	// x = a_{r+1} ^ a_{r+2} ^ a_{r+3} = r ^ rot32(t).
	for i := range q {
		r[i] ^= bits.RotateLeft64(t[i], 32)
	}
	q[0] = r[0] ^ t[7]
	q[1] = r[1] ^ t[0] ^ t[7]
	q[2] = r[2] ^ t[1]
	q[3] = r[3] ^ t[2] ^ t[7]
	q[4] = r[4] ^ t[3] ^ t[7]
	q[5] = r[5] ^ t[4]
	q[6] = r[6] ^ t[5]
	q[7] = r[7] ^ t[6]
}

// invMixColumns applies InvMixColumns, using the factorisation of its matrix
// circ(0e, 0b, 0d, 09) = circ(02, 03, 01, 01) * circ(05, 00, 04, 00): first
// a_r ^= 4*(a_r ^ a_{r+2}), then MixColumns.
func invMixColumns(q *[8]uint64) {
	var u [8]uint64
	for i := range q {
		u[i] = q[i] ^ bits.RotateLeft64(q[i], 32)
	}
	// Multiply u by 4 = x^2: plane i gets u[i-2], with planes 6 and 7
	// folded back by the reduction (x^8 = x^4+x^3+x+1, x^9 = x^5+x^4+x^2+x).
	q[0] ^= u[6]
	q[1] ^= u[7] ^ u[6]
	q[2] ^= u[0] ^ u[7]
	q[3] ^= u[1] ^ u[6]
	q[4] ^= u[2] ^ u[7] ^ u[6]
	q[5] ^= u[3] ^ u[7]
	q[6] ^= u[4]
	q[7] ^= u[5]
	mixColumns(q)
}

func addRoundKey(q, rk *[8]uint64) {
	for i := range q {
		q[i] ^= rk[i]
	}
}

// encrypt4 encrypts the four blocks in q (word form, in place).
func encrypt4(k *Key, q *[8]uint64) {
	nr := k.rounds
	if nr == 0 {
		panic("aesni: use of uninitialised Key")
	}
	pack(q)
	addRoundKey(q, &k.sk[0])
	for r := 1; r < nr; r++ {
		sbox(q)
		shiftRows(q)
		mixColumns(q)
		addRoundKey(q, &k.sk[r])
	}
	sbox(q)
	shiftRows(q)
	addRoundKey(q, &k.sk[nr])
	unpack(q)
}

// decrypt4 decrypts the four blocks in q (word form, in place), running the
// straightforward inverse cipher with the encryption round keys.
func decrypt4(k *Key, q *[8]uint64) {
	nr := k.rounds
	if nr == 0 {
		panic("aesni: use of uninitialised Key")
	}
	pack(q)
	addRoundKey(q, &k.sk[nr])
	for r := nr - 1; r > 0; r-- {
		invShiftRows(q)
		invSbox(q)
		addRoundKey(q, &k.sk[r])
		invMixColumns(q)
	}
	invShiftRows(q)
	invSbox(q)
	addRoundKey(q, &k.sk[0])
	unpack(q)
}

// subWord applies the S-box to each byte of w, in constant time (the word
// rides in lane 0 of a bitsliced state).
func subWord(w uint32) uint32 {
	q := [8]uint64{0: uint64(w)}
	pack(&q)
	sbox(&q)
	unpack(&q)
	return uint32(q[0])
}

// expandKeyGeneric fills k from key, whose length (16, 24 or 32) has been
// checked by the caller. It follows FIPS 197 section 5.2 with 32-bit words
// w[i] read big-endian, then derives the AES-NI decryption keys and the
// bitsliced round keys. Nothing here branches on or indexes by key bytes.
func expandKeyGeneric(k *Key, key []byte) {
	nk := len(key) / 4
	nr := nk + 6
	n := 4 * (nr + 1)

	var w [4 * (maxRounds + 1)]uint32
	for i := 0; i < nk; i++ {
		w[i] = binary.BigEndian.Uint32(key[4*i:])
	}
	rcon := uint32(1)
	for i := nk; i < n; i++ {
		t := w[i-1]
		if i%nk == 0 {
			// RotWord then SubWord, then the round constant in the
			// first (most significant) byte.
			t = subWord(bits.RotateLeft32(t, 8)) ^ rcon<<24
			rcon = rcon<<1 ^ (rcon>>7)*0x11b
		} else if nk > 6 && i%nk == 4 {
			t = subWord(t)
		}
		w[i] = w[i-nk] ^ t
	}

	k.rounds = nr
	k.enc = [len(k.enc)]byte{}
	k.dec = [len(k.dec)]byte{}
	k.sk = [len(k.sk)][8]uint64{}
	for i := 0; i < n; i++ {
		binary.BigEndian.PutUint32(k.enc[4*i:], w[i])
	}
	clear(w[:])

	// Bitsliced round keys: round key i in all four lanes.
	for i := 0; i <= nr; i++ {
		lo := binary.LittleEndian.Uint64(k.enc[16*i:])
		hi := binary.LittleEndian.Uint64(k.enc[16*i+8:])
		q := [8]uint64{lo, hi, lo, hi, lo, hi, lo, hi}
		pack(&q)
		k.sk[i] = q
	}

	// Equivalent inverse cipher keys: dec round i = InvMixColumns(enc round
	// nr-i) for 0 < i < nr; the first and last are not mixed.
	copy(k.dec[0:16], k.enc[16*nr:16*nr+16])
	copy(k.dec[16*nr:16*nr+16], k.enc[0:16])
	for i := 1; i < nr; i++ {
		q := k.sk[nr-i]
		invMixColumns(&q)
		unpack(&q)
		binary.LittleEndian.PutUint64(k.dec[16*i:], q[0])
		binary.LittleEndian.PutUint64(k.dec[16*i+8:], q[1])
	}
}
