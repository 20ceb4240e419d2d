package main

import (
	"fmt"

	"github.com/fastaead/fastaead/internal/gen"

	"github.com/fastaead/fastaead/asm/internal/aesasm"
	"github.com/mmcloughlin/avo/attr"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// rcon holds the AES round constants x^(i-1) in GF(2^8) (FIPS 197 section
// 5.2), the immediates of AESKEYGENASSIST.
var rcon = gen.AESRcon

// xmmOps are the xmm-only operations of the key schedule, in legacy or VEX
// encoding.
type xmmOps struct{ aesasm.Width }

// assist sets dst = AESKEYGENASSIST(src, rc), then broadcasts its 32-bit
// lane `lane` to every lane:
//
//	lane 1: RotWord(SubWord(src[1])) ^ rc    lane 3: RotWord(SubWord(src[3])) ^ rc
//	lane 2: SubWord(src[3])
func (o xmmOps) assist(rc uint8, lane int, src, dst VecPhysical) {
	sel := U8(0x55 * lane)
	if o.VEX {
		c.VAESKEYGENASSIST(U8(rc), src, dst)
		c.VPSHUFD(sel, dst, dst)
		return
	}
	c.AESKEYGENASSIST(U8(rc), src, dst)
	c.PSHUFD(sel, dst, dst)
}

// prefixXor sets the lanes of a to a0, a0^a1, a0^a1^a2, a0^a1^a2^a3 (the
// word-by-word chaining w[i] = w[i-Nk] ^ w[i-1] within one 16-byte round
// key), using tmp; lanes counts the lanes that matter (4, or 2 for the
// second half of an AES-192 step). Four lanes take two shift-and-XOR
// steps, by one lane then by two (a ^= a<<32; a ^= a<<64), so the chain
// is two XORs deep rather than three.
func (o xmmOps) prefixXor(a, tmp VecPhysical, lanes int) {
	shifts := []int{4, 8}
	if lanes == 2 {
		shifts = shifts[:1]
	}
	for _, sh := range shifts {
		if o.VEX {
			c.VPSLLDQ(U8(sh), a, tmp)
		} else {
			o.Mov(a, tmp)
			c.PSLLDQ(U8(sh), tmp)
		}
		o.Xor(tmp, a)
	}
}

// store8 stores the low 8 bytes of x.
func (o xmmOps) store8(x VecPhysical, m Mem) {
	if o.VEX {
		c.VMOVQ(x, m)
	} else {
		c.MOVQ(x, m)
	}
}

// load8 loads 8 bytes into the low half of x and clears the high half.
func (o xmmOps) load8(m Mem, x VecPhysical) {
	if o.VEX {
		c.VMOVQ(m, x)
	} else {
		c.MOVQ(m, x)
	}
}

// imc sets dst = InvMixColumns(src).
func (o xmmOps) imc(src, dst VecPhysical) {
	if o.VEX {
		c.VAESIMC(src, dst)
	} else {
		c.AESIMC(src, dst)
	}
}

// expandKey emits expandKey<bits><tier>(enc, dec *roundKeys, key *[n]byte):
// the encryption schedule (expandEnc) from the key in memory, then the
// decryption keys of the equivalent inverse cipher (FIPS 197 section
// 5.3.5): dec[0] = enc[Nr], dec[i] = InvMixColumns(enc[Nr-i]) for
// 0 < i < Nr, dec[Nr] = enc[0].
func expandKey(w aesasm.Width, bits int) {
	o := xmmOps{w}
	name := fmt.Sprintf("expandKey%d%s", bits, w.Suffix)
	c.Implement(name)
	c.Attributes(attr.NOSPLIT)
	enc, dec, key := RAX, RBX, RCX
	c.Load(c.Param("enc"), enc)
	c.Load(c.Param("dec"), dec)
	c.Load(c.Param("key"), key)
	A, B, T, U := X0, X1, X2, X3
	at := func(word int) Mem { return Mem{Base: enc, Disp: 4 * word} }
	nr := bits/32 + 6

	switch bits {
	case 128:
		w.Load(Mem{Base: key}, A)
	case 192:
		w.Load(Mem{Base: key}, A)
		o.load8(Mem{Base: key, Disp: 16}, B)
	case 256:
		w.Load(Mem{Base: key}, A)
		w.Load(Mem{Base: key, Disp: 16}, B)
	}
	o.expandEnc(bits, enc, A, B, T, U)

	c.Comment("decryption keys (equivalent inverse cipher)")
	w.Load(at(4*nr), T)
	w.Store(T, Mem{Base: dec})
	for i := 1; i < nr; i++ {
		w.Load(at(4*(nr-i)), T)
		o.imc(T, T)
		w.Store(T, Mem{Base: dec, Disp: 16 * i})
	}
	w.Load(at(0), T)
	w.Store(T, Mem{Base: dec, Disp: 16 * nr})
	c.RET()
}

// expandEnc emits the encryption key schedule of an AES key of the given
// size held in registers (A = key bytes 0..15; B = bytes 16..23 in its low
// half for AES-192, bytes 16..31 for AES-256, unused for AES-128; both are
// clobbered) into round keys 0..Nr at enc, using the scratch registers T
// and U. Only the 16*(Nr+1) bytes of those round keys are written.
//
// The round keys are FIPS 197's words w[0..4(Nr+1)-1], four per 16-byte
// round key, in the byte order AES-NI reads (the FIPS byte order). One
// step of the schedule produces Nk new words from the previous Nk:
//
//	AES-128: A = w[i-4..i-1]; A' = prefixXor(A) ^ bcast(RotWord(SubWord(A[3])) ^ rcon)
//	AES-192: A = w[i-6..i-3], B = w[i-2..i-1];
//	         A' = prefixXor(A) ^ bcast(RotWord(SubWord(B[1])) ^ rcon)
//	         B' = prefixXor(B) ^ bcast(A'[3])
//	AES-256: A = w[i-8..i-5], B = w[i-4..i-1];
//	         A' = prefixXor(A) ^ bcast(RotWord(SubWord(B[3])) ^ rcon)
//	         B' = prefixXor(B) ^ bcast(SubWord(A'[3]))
//
// For AES-192 only the low two lanes of B matter: prefixXor shifts lanes
// upwards, so the high lanes never reach the low ones, and only the low 8
// bytes of B are stored.
func (o xmmOps) expandEnc(bits int, enc Register, A, B, T, U VecPhysical) {
	w := o.Width
	at := func(word int) Mem { return Mem{Base: enc, Disp: 4 * word} }
	switch bits {
	case 128:
		w.Store(A, at(0))
		for i := 0; i < 10; i++ {
			c.Commentf("round key %d", i+1)
			o.assist(rcon[i], 3, A, T)
			o.prefixXor(A, U, 4)
			w.Xor(T, A)
			w.Store(A, at(4*(i+1)))
		}
	case 192:
		w.Store(A, at(0))
		o.store8(B, at(4))
		for i := 0; i < 8; i++ {
			c.Commentf("words %d..%d", 6*(i+1), min(6*(i+1)+5, 51))
			o.assist(rcon[i], 1, B, T)
			o.prefixXor(A, U, 4)
			w.Xor(T, A)
			w.Store(A, at(6*(i+1)))
			if i == 7 {
				break // w[48..51] ends the schedule
			}
			if w.VEX {
				c.VPSHUFD(U8(0xff), A, T)
			} else {
				c.PSHUFD(U8(0xff), A, T)
			}
			o.prefixXor(B, U, 2)
			w.Xor(T, B)
			o.store8(B, at(6*(i+1)+4))
		}
	case 256:
		w.Store(A, at(0))
		w.Store(B, at(4))
		for i := 0; i < 7; i++ {
			c.Commentf("round key %d", 2*i+2)
			o.assist(rcon[i], 3, B, T)
			o.prefixXor(A, U, 4)
			w.Xor(T, A)
			w.Store(A, at(8*(i+1)))
			if i == 6 {
				break // round key 14 ends the schedule
			}
			c.Commentf("round key %d", 2*i+3)
			o.assist(0, 2, A, T)
			o.prefixXor(B, U, 4)
			w.Xor(T, B)
			w.Store(B, at(8*(i+1)+4))
		}
	}
}
