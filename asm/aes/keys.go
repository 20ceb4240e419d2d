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
	o.expandEnc(bits, enc, A, B, T, U, []VecPhysical{X2, X3, X4, X5, X6, X7, X8, X9, X10, X11, X12, X13, X14})

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
// clobbered) into round keys 0..Nr at enc. AES-192 uses the scratch
// registers T and U; AES-128 and AES-256 run expandFast with the scratch
// registers of the list scratch (6 for AES-128, 10 for AES-256; T and U
// may be among them). Only the 16*(Nr+1) bytes of those round keys are
// written.
//
// The round keys are FIPS 197's words w[0..4(Nr+1)-1], four per 16-byte
// round key, in the byte order AES-NI reads (the FIPS byte order). One
// step of the AES-192 schedule produces the 6 new words from the previous
// 6 (A = w[i-6..i-3], B = w[i-2..i-1]):
//
//	A' = prefixXor(A) ^ bcast(RotWord(SubWord(B[1])) ^ rcon)
//	B' = prefixXor(B) ^ bcast(A'[3])
//
// Only the low two lanes of B matter: prefixXor shifts lanes upwards, so
// the high lanes never reach the low ones, and only the low 8 bytes of B
// are stored.
func (o xmmOps) expandEnc(bits int, enc Register, A, B, T, U VecPhysical, scratch []VecPhysical) {
	w := o.Width
	at := func(word int) Mem { return Mem{Base: enc, Disp: 4 * word} }
	switch bits {
	case 128:
		o.expandFast(bits, enc, A, B, A, 3, scratch)
	case 256:
		o.expandFast(bits, enc, A, B, B, 3, scratch)
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
	}
}

// The AES-128 and AES-256 key schedules with one AESENCLAST of latency per
// step (expandFast).
//
// Let B_m(u) be the block whose four columns are all RotWord^m(u) (m mod
// 4). AESENCLAST leaves ShiftRows without effect on a block of four equal
// columns, and SubBytes commutes with the byte rotation, so
//
//	AESENCLAST(B_m(u), K) = B_m(SubWord(u)) ^ K.
//
// AES-128: let a_i be the last word of round key i (FIPS 197 w[4i+3]) and
// A_i that round key. A step is a_{i+1} = Sum(A_i) ^ RotWord(SubWord(a_i)) ^
// rcon_i, Sum the XOR of the four words. The linear recurrence w[j] =
// w[j-4] ^ w[j-1] (j not a multiple of 4) gives Sum(A_i) = w[4i-1] ^
// w[4i-3] = w[4i-9] = a_{i-3}; run backwards from the key k0..k3 it gives
// a_{-1} = k2^k3, a_{-2} = k1^k3, a_{-3} = k0^k1^k2^k3. With VA_i =
// B_{-i}(a_i):
//
//	VA_{i+1} = AESENCLAST(VA_i, VA_{i-3} ^ C_i),  C_i = B_{-i-1}(rcon_i)
//
// whose round-key operand is ready three steps ahead: the serial chain is
// one AESENCLAST per round key, where AESKEYGENASSIST, the broadcast of
// its result and the XOR into the round key cost about twice that.
//
// AES-256: A_i, B_i are round keys 2i, 2i+1, a_i, b_i their last words;
// a_{i+1} = Sum(A_i) ^ RotWord(SubWord(b_i)) ^ rcon_i, b_{i+1} = Sum(B_i) ^
// SubWord(a_{i+1}); Sum(A_i) = a_{i-3} and Sum(B_i) = b_{i-3} as above
// (a_{-1..-3} from the key's first half, b_{-1..-3} from its second), and
// with VA_i = B_{-i}(a_i), VB_i = B_{-i}(b_i):
//
//	VA_{i+1} = AESENCLAST(VB_i, VA_{i-3} ^ C_i)
//	VB_{i+1} = AESENCLAST(VA_{i+1}, VB_{i-3})
//
// The round keys come off that chain: with X the round key before X' in
// its stream (A or B) and x' the last word of X', X' = B_0(x') ^ D, where D
// = [X1^X2^X3, X2^X3, X3, 0] (the recurrence run backwards), and the next
// D is (B_0(x') & [1,0,1,0]) ^ [b^c, c, 0, 0] for D = [a, b, c, 0]. B_0(x')
// and its masked form are one PSHUFB each of VA or VB.

// Entries (16 bytes each) of the table of expandFast.
const (
	fastC       = 0  // C_0 .. C_9
	fastDerot   = 10 // m = 0..3: PSHUFB mask B_m(u) -> B_0(u)
	fastDerot02 = 14 // m = 0..3: B_m(u) -> B_0(u) & [1,0,1,0]
	fastPick    = 18 // the three PSHUFB masks of the backward words
	fastLen     = 21
)

var fastMem *Mem

// fastTable returns the table of expandFast (defined on first use).
func fastTable() Mem {
	if fastMem != nil {
		return *fastMem
	}
	var b [16 * fastLen]byte
	set := func(e, col, j int, v byte) { b[16*e+4*col+j] = v }
	for i := 0; i < 10; i++ {
		// B_{-i-1}(rcon_i): rcon in byte (i+1)%4 of every column.
		for col := 0; col < 4; col++ {
			set(fastC+i, col, (i+1)%4, rcon[i])
		}
	}
	for m := 0; m < 4; m++ {
		// byte j of B_0(u) is byte (j-m)%4 of B_m(u); 0x80 clears.
		for col := 0; col < 4; col++ {
			for j := 0; j < 4; j++ {
				src := byte(4*col + (j-m+4)%4)
				set(fastDerot+m, col, j, src)
				if col%2 == 1 {
					src = 0x80
				}
				set(fastDerot02+m, col, j, src)
			}
		}
	}
	// The backward words, from y = [k0^k2, k1^k3, k2, k3] and z =
	// [k0^k1^k2^k3, k1^k2^k3, k2^k3, k3]: V_{-3} = B_3(z lane 0), V_{-2} =
	// B_2(y lane 1), V_{-1} = B_1(z lane 2). Byte j of every column is byte
	// (j+r)%4 of the lane.
	for e, p := range [][2]int{{0, 3}, {1, 2}, {2, 1}} {
		for col := 0; col < 4; col++ {
			for j := 0; j < 4; j++ {
				set(fastPick+e, col, j, byte(4*p[0]+(j+p[1])%4))
			}
		}
	}
	m := c.StaticGlobal("aesKeyScheduleFast")
	c.DataAttributes(attr.RODATA | attr.NOPTR)
	for i := 0; i < len(b); i += 4 {
		c.AddDatum(i, U32(uint32(b[i])|uint32(b[i+1])<<8|uint32(b[i+2])<<16|uint32(b[i+3])<<24))
	}
	fastMem = &m
	return m
}

// fastStream is the state of one stream of round keys in expandFast.
type fastStream struct {
	v map[int]VecPhysical // V_i by i
	d VecPhysical         // D
}

// expandFast emits the encryption key schedule of an AES-128 or AES-256
// key held in registers (A = bytes 0..15, B = bytes 16..31 for AES-256;
// both are clobbered) into round keys 0..Nr at enc, with the method
// described above. The key's last word (that of A for AES-128, of B for
// AES-256) is also read from lane lane of src, which may be A or B, or
// another register holding it earlier (not clobbered). pool lists the
// other vector registers it may use: 6 for AES-128, 10 for AES-256.
func (o xmmOps) expandFast(bits int, enc Register, A, B, src VecPhysical, lane int, pool []VecPhysical) {
	w := o.Width
	tab := fastTable()
	at := func(e int) Mem { return tab.Offset(16 * e) }
	free := append([]VecPhysical(nil), pool...)
	alloc := func() VecPhysical {
		if len(free) == 0 {
			panic("expandFast: out of registers")
		}
		r := free[len(free)-1]
		free = free[:len(free)-1]
		return r
	}
	release := func(r VecPhysical) { free = append(free, r) }

	// operand returns a table entry as an operand: memory on VEX, loaded
	// into a register on legacy SSE (which would demand alignment); done
	// releases that register.
	operand := func(e int) (Op, func()) {
		if w.VEX {
			return at(e), func() {}
		}
		r := alloc()
		c.MOVOU(at(e), r)
		return r, func() { release(r) }
	}
	shufb := func(e int, src, dst VecPhysical) {
		if w.VEX {
			c.VPSHUFB(at(e), src, dst)
			return
		}
		mask, done := operand(e)
		if src != dst {
			w.Mov(src, dst)
		}
		c.PSHUFB(mask, dst)
		done()
	}
	srl := func(n int, src, dst VecPhysical) {
		if w.VEX {
			c.VPSRLDQ(U8(n), src, dst)
			return
		}
		if src != dst {
			w.Mov(src, dst)
		}
		c.PSRLDQ(U8(n), dst)
	}
	pshufd := func(imm uint8, src, dst VecPhysical) {
		if w.VEX {
			c.VPSHUFD(U8(imm), src, dst)
		} else {
			c.PSHUFD(U8(imm), src, dst)
		}
	}
	// enclast returns AESENCLAST(src, key) in a new register, releasing
	// key's.
	enclast := func(key, src VecPhysical) VecPhysical {
		if w.VEX {
			c.VAESENCLAST(key, src, key)
			return key
		}
		dst := alloc()
		w.Mov(src, dst)
		c.AESENCLAST(key, dst)
		release(key)
		return dst
	}

	// setup stores the key half K as round key slot, and returns its
	// stream with V_{-3..-1} and D; K is released.
	setup := func(K VecPhysical, slot int) *fastStream {
		s := &fastStream{v: map[int]VecPhysical{}}
		w.Store(K, Mem{Base: enc, Disp: 16 * slot})
		T := alloc()
		srl(8, K, T)
		w.Xor(T, K) // K = y
		srl(4, K, T)
		w.Xor(K, T) // T = z
		for i, src := range []VecPhysical{T, K, T} {
			s.v[i-3] = alloc()
			shufb(fastPick+i, src, s.v[i-3])
		}
		s.d = alloc()
		srl(4, T, s.d)
		release(T)
		release(K)
		return s
	}

	// output writes round key slot from the stream's new V_i (i >= 1),
	// and, unless last, advances D.
	output := func(s *fastStream, i, slot int, last bool) {
		m := (4 - i%4) % 4
		W := alloc()
		shufb(fastDerot+m, s.v[i], W)
		w.Xor(s.d, W)
		w.Store(W, Mem{Base: enc, Disp: 16 * slot})
		if last {
			release(W)
			return
		}
		// D = (B_0(x') & [1,0,1,0]) ^ [b^c, c, 0, 0] of D = [a, b, c, 0]
		srl(4, s.d, W)
		srl(8, s.d, s.d)
		w.Xor(W, s.d)
		shufb(fastDerot02+m, s.v[i], W)
		w.Xor(W, s.d)
		release(W)
	}

	// step returns V_{i+1} = AESENCLAST(prev, V_{i-3} ^ C), V_{i-3} taken
	// from (and removed from) s, C the table entry ce (none if negative).
	// For the first step (i = 0 of stream A) it computes AESENCLAST(prev,
	// C) ^ V_{-3} instead: V_{-3} is ready later than prev.
	step := func(s *fastStream, i int, prev VecPhysical, ce int) VecPhysical {
		key, ok := s.v[i-3]
		if !ok {
			panic(fmt.Sprintf("expandFast: no V_%d", i-3))
		}
		delete(s.v, i-3)
		if i == 0 && ce >= 0 {
			dst := alloc()
			if w.VEX {
				c.VAESENCLAST(at(ce), prev, dst)
			} else {
				cst, done := operand(ce)
				w.Mov(prev, dst)
				c.AESENCLAST(cst, dst)
				done()
			}
			w.Xor(key, dst)
			release(key)
			return dst
		}
		if ce >= 0 {
			cst, done := operand(ce)
			w.Xor(cst, key)
			done()
		}
		return enclast(key, prev)
	}

	switch bits {
	case 128:
		c.Comment("AES-128 schedule; VA_0 = B_0(k3)")
		v0 := alloc()
		pshufd(uint8(0x55*lane), src, v0)
		sa := setup(A, 0)
		sa.v[0] = v0
		for i := 0; i < 10; i++ {
			c.Commentf("round key %d", i+1)
			sa.v[i+1] = step(sa, i, sa.v[i], fastC+i)
			output(sa, i+1, i+1, i == 9)
		}
	case 256:
		c.Comment("AES-256 schedule; VB_0 = B_0(k7), VA_0 = B_0(k3)")
		vb0, va0 := alloc(), alloc()
		pshufd(uint8(0x55*lane), src, vb0)
		pshufd(0xff, A, va0)
		sb := setup(B, 1)
		sa := setup(A, 0)
		sa.v[0], sb.v[0] = va0, vb0
		for i := 0; i < 7; i++ {
			c.Commentf("round key %d", 2*i+2)
			sa.v[i+1] = step(sa, i, sb.v[i], fastC+i)
			output(sa, i+1, 2*i+2, i == 6)
			if i == 6 {
				break
			}
			c.Commentf("round key %d", 2*i+3)
			sb.v[i+1] = step(sb, i, sa.v[i+1], -1)
			output(sb, i+1, 2*i+3, i == 5)
		}
	}
}
