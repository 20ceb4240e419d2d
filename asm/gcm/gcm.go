package main

import (
	"fmt"

	"github.com/fastaead/fastaead/asm/internal/aesasm"
	"github.com/mmcloughlin/avo/attr"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// The stitched AES-GCM kernels, gcm{Seal,Open}<TIER>; the contract is in
// aesni/gcm_asm.go. One description, parameterised by the register width
// (aesasm.Width), emits every tier.
//
// GHASH (NIST SP 800-38D section 6.4) runs in POLYVAL's representation
// (RFC 8452 Appendix A; see asm/internal/aesasm/gf.go): each ciphertext
// block is byte-reversed, the accumulator Y (also byte-reversed) is XORed
// into block 0 of a group of g blocks, block i of the group is multiplied
// by K_(g-i) (ghash.Key.Powers: pow[16-n] is K_n, the power H^n, highest
// first), the products are summed unreduced and the sum is reduced once
// per group (Gueron and Kounavis, aggregated reduction):
//
//	Y' = (Y + X_0) H^g + X_1 H^(g-1) + ... + X_(g-1) H
//
// which is g steps of Y = (Y + X) H. With W = R/16 blocks per register of
// R bytes, register j of a group holds blocks jW..jW+W-1, whose factors
// are the R bytes at pow[16-g+jW]: one memory operand.
//
// The main loop multiplies by Karatsuba (three carry-less multiplies per
// block, with the operands of ghash.Key.PowerMids): on the target Zen 5
// PCLMULQDQ issues once every two cycles at every width, and it bounds
// the xmm and ymm loops. The zmm loop absorbs 32 blocks per reduction,
// over K_32 .. K_17 computed per call (extPowers) and K_16 .. K_1: with
// 16 the chain from one group's Y to the next (multiply, reduce, fold the
// lanes) bound it (16 KiB: 600 vs 750 ns). Register 0, which takes Y in,
// is multiplied last where Y has a register of its own (zmm), to keep
// the other products off that chain. The associated data and the tails
// (hashMem) use schoolbook multiplication (aesasm.GFMulAcc) over groups
// of at most 16 blocks; a partial group of m blocks uses the highest
// powers it needs, pow[16-m..15], and takes Y in through a separate
// product Y H^m.
//
// Structure of Seal (Open is the same with the hash reading src, the
// current batch, before the plaintext is written, so in place works):
//
//	E(J0)      if tag != nil: one register of AES on J0, kept in *tag
//	hash ad    full groups, then the partial group (hashMem)
//	batch 0    AES of one batch (NB registers of counter blocks), XOR, store
//	loop       AES of batch i interleaved with the GHASH of the ciphertext
//	           of batch i-1 (read back from dst), XOR, store
//	drain      GHASH of the last full batch
//	tail       the last len mod (NB R) bytes: CTR one register at a time,
//	           the final partial register through a byte mask (zmm) or a
//	           stack slot (xmm, ymm), then hashMem of that ciphertext
//	finish     message (tag != nil): the length block, unless it was
//	           absorbed with the last partial group, then *tag = E(J0) ^ S;
//	           stream: *y = Y, *ctr advanced
//
// Fixed per-message cost (short messages): in message mode J0 is read as
// two 8-byte halves and the counter derived in registers (no Go-side
// copies, no store-forwarding stalls); the length block joins the last
// partial GHASH group of at most 15 blocks (the data and Y take one power
// more), saving a reduction; and a partial group of one block runs on xmm
// without lane folding. On Zen 5 (avx512, 13-byte AD) these took a
// 0-byte Seal from 35 to 28 ns.
//
// Key-derived values the kernels put on the stack (the partial keystream
// block, K_17 .. K_32) are cleared before they return, and so are the
// zmm registers above 15, which VZEROUPPER leaves.

// kern holds the registers and parameters of one kernel.
type kern struct {
	w, xw aesasm.Width // the tier's width, and xmm at the same encoding
	open  bool
	name  string
	R, W  int // register bytes, blocks per register
	nb    int // counter registers per batch
	grp   int // registers per GHASH group in hashMem (at most 16 blocks)
	mgrp  int // registers per GHASH group in the main loop (at most 32 blocks)

	// General purpose registers. CX is left free for shift counts.
	rk, rounds, pow, dst, src, n, hp, hn, hpow Register
	mid                                        Register // PowerMids, in the main loop only
	t1, t2                                     GPPhysical

	// Vector registers.
	B       []VecPhysical // counter / keystream blocks
	key     VecPhysical   // round key scratch (widths that load per round)
	keys    []VecPhysical // round keys 0..14, preloaded (zmm)
	cur     VecPhysical   // next counter blocks, native form (see aesasm.Counter)
	acc     aesasm.GFAcc  // unreduced GHASH sum
	Y       VecPhysical   // the GHASH accumulator between groups (one lane)
	A, T    VecPhysical   // GHASH data, scratch
	T2      VecPhysical   // Karatsuba scratch: a0 ^ a1
	gmask   Op            // byte-reversal mask (ByteSwapMask), every lane
	cmask   Op            // counter byte-order mask (SwapMask), every lane
	inc     Op            // counter step: W in every lane's counter
	polyReg VecPhysical   // PolyConst in every lane (zmm), else nil

	buf   Mem  // stack slot for partial blocks (xmm, ymm)
	ext   Mem  // K_32 .. K_17 (stack), when the main loop's groups exceed 16 blocks
	extM  Mem  // their Karatsuba operands
	extOn bool // ext and extM are in use
	flag  Mem  // stack word: 1 once the length block has been absorbed (message mode)
}

// globals are the kernels' RODATA constants, each 64 bytes (four lanes)
// so that every width reads a prefix.
var globals = map[string]Mem{}

func global(name string, lane [4]uint32, laneAdd func(lane int) [4]uint32) Mem {
	if m, ok := globals[name]; ok {
		return m
	}
	m := c.StaticGlobal(name)
	c.DataAttributes(attr.RODATA | attr.NOPTR)
	for l := 0; l < 4; l++ {
		words := lane
		if laneAdd != nil {
			words = laneAdd(l)
		}
		for i, v := range words {
			c.AddDatum(16*l+4*i, U32(v))
		}
	}
	globals[name] = m
	return m
}

// byteSwap64 reverses the bytes of each 16-byte lane (aesasm.ByteSwapMask,
// four times).
func byteSwap64() Mem {
	return global("gcmByteSwap", [4]uint32{0x0c0d0e0f, 0x08090a0b, 0x04050607, 0x00010203}, nil)
}

// ctrSwap64 reverses bytes 12..15 of each lane (aesasm.SwapMask, four
// times).
func ctrSwap64() Mem {
	return global("gcmCtrSwap", [4]uint32{0x03020100, 0x07060504, 0x0b0a0908, 0x0c0d0e0f}, nil)
}

// ctrLanes adds the lane index to each lane's counter (native form).
func ctrLanes64() Mem {
	return global("gcmCtrLanes", [4]uint32{}, func(l int) [4]uint32 { return [4]uint32{0, 0, 0, uint32(l)} })
}

// ctrLanesInc64 adds the lane index plus one to each lane's counter
// (native form): the counter blocks of a message start at inc32(J0).
func ctrLanesInc64() Mem {
	return global("gcmCtrLanesInc", [4]uint32{}, func(l int) [4]uint32 { return [4]uint32{0, 0, 0, uint32(l + 1)} })
}

// ctrStep64 adds w to every lane's counter (native form).
func ctrStep64(w int) Mem {
	return global(fmt.Sprintf("gcmCtrStep%d", w), [4]uint32{0, 0, 0, uint32(w)}, nil)
}

// poly64 is aesasm.PolyConst in every lane.
func poly64() Mem {
	return global("gcmPoly", [4]uint32(aesasm.PolyWords()), nil)
}

func newKern(w aesasm.Width, open bool) *kern {
	op := "Seal"
	if open {
		op = "Open"
	}
	k := &kern{
		w:    w,
		xw:   aesasm.Width{Tier: w.Tier, Suffix: w.Suffix, Bytes: 16, VEX: w.VEX},
		open: open,
		name: "gcm" + op + w.Suffix,
		R:    w.Bytes,
		W:    w.Blocks(),

		rk: RAX, rounds: R10, pow: R12, dst: RDI, src: RSI, n: RDX,
		hpow: R8, hp: RBX, hn: R13, t1: R9, t2: R11, mid: RCX,
	}
	if w.Bytes == 64 {
		// 32 blocks (8 registers) per batch, absorbed by GHASH as one
		// group of 32 with one reduction, over the powers K_32 .. K_1
		// (K_17 .. K_32 computed per call, extPowers). With groups of 16
		// the loop is bound by the dependency chain from one group's Y to
		// the next (multiply, reduce, fold the lanes), not by AES or the
		// multiplier's throughput. hashMem keeps groups of 16 (k.grp).
		// Registers the VEX-encoded xmm helpers touch are below 16.
		k.nb, k.grp, k.mgrp = 8, 4, 8
		for j := 0; j < k.nb; j++ {
			k.B = append(k.B, w.Reg(j))
		}
		k.A, k.T, k.T2 = w.Reg(8), w.Reg(9), w.Reg(10)
		k.acc = aesasm.GFAcc{Lo: w.Reg(11), Mid: w.Reg(12), Hi: w.Reg(13)}
		k.Y = w.Reg(14)
		k.gmask = w.Reg(15)
		k.polyReg = w.Reg(16)
		k.cur = w.Reg(17)
		k.cmask = w.Reg(18)
		k.inc = w.Reg(19)
		k.key = w.Reg(20)
		for r := 0; r < 11; r++ {
			k.keys = append(k.keys, w.Reg(21+r))
		}
	} else {
		k.nb = 8
		for j := 0; j < k.nb; j++ {
			k.B = append(k.B, w.Reg(j))
		}
		k.key = w.Reg(8)
		k.cur = w.Reg(9)
		k.acc = aesasm.GFAcc{Lo: w.Reg(10), Mid: w.Reg(11), Hi: w.Reg(12)}
		k.A, k.T = w.Reg(13), w.Reg(14)
		k.T2 = w.Reg(15)
		k.gmask = byteSwap64()
		k.cmask = ctrSwap64()
		k.inc = ctrStep64(k.W)
	}
	if k.grp == 0 {
		k.grp = k.nb
	}
	if k.mgrp == 0 {
		k.mgrp = k.nb
	}
	if k.Y == nil {
		k.Y = k.acc.Hi
	}
	if k.grp*k.W > 16 || k.mgrp*k.W > 32 || k.nb%k.mgrp != 0 || (k.mgrp*k.W > 16 && (k.mgrp*k.W-16)%k.W != 0) {
		panic("gcm: bad GHASH group sizes")
	}
	return k
}

func (k *kern) lbl(s string) string { return k.name + "_" + s }

// pshufb permutes the bytes of each lane of r by mask (register or
// memory; memory is a 64-byte global, aligned for the legacy encoding).
func (k *kern) pshufb(mask Op, r VecPhysical) {
	if m, ok := mask.(VecPhysical); ok && m.Size() != r.Size() {
		mask = resize(m, r.Size())
	}
	if !k.w.VEX {
		c.PSHUFB(mask, r)
		return
	}
	c.VPSHUFB(mask, r, r)
}

// resize returns the register with r's index and the given size.
func resize(r VecPhysical, size uint) VecPhysical {
	switch size {
	case 16:
		return aesasm.X(r)
	case 32:
		return aesasm.Y(r)
	}
	return aesasm.ZMM.Reg(int(r.PhysicalIndex()))
}

// padd adds inc (register or memory) to r as 32-bit lanes.
func (k *kern) padd(inc Op, r VecPhysical) {
	if !k.w.VEX {
		c.PADDD(inc, r)
		return
	}
	c.VPADDD(inc, r, r)
}

// loadX loads 16 bytes into the low lane of r (upper lanes cleared on the
// VEX widths).
func (k *kern) loadX(m Mem, r VecPhysical) { k.xw.Load(m, aesasm.X(r)) }

// storeX stores the low lane of r.
func (k *kern) storeX(r VecPhysical, m Mem) { k.xw.Store(aesasm.X(r), m) }

// nextCounter sets dst to the next register of counter blocks (byte order
// restored) and advances cur by W blocks.
func (k *kern) nextCounter(dst VecPhysical) {
	k.w.Mov(k.cur, dst)
	k.padd(k.inc, k.cur)
	k.pshufb(k.cmask, dst)
}

// roundKey returns round key r in a register.
func (k *kern) roundKey(r int) VecPhysical {
	if r < len(k.keys) {
		return k.keys[r]
	}
	k.w.Bcast(Mem{Base: k.rk, Disp: 16 * r}, k.key)
	return k.key
}

// aes runs the full AES (10, 12 or 14 rounds, from the public round
// count) on every register of bs, and emits the GHASH steps interleaved
// with rounds 1..9, which every key size runs.
func (k *kern) aes(bs []VecPhysical, steps []func()) {
	w := k.w
	c.Comment("AES round 0")
	kr := k.roundKey(0)
	for _, b := range bs {
		w.Xor(kr, b)
	}
	at := make([][]func(), 10)
	for i, s := range steps {
		r := 1 + i*9/len(steps)
		at[r] = append(at[r], s)
	}
	enc := func(r int) {
		kr := k.roundKey(r)
		for _, b := range bs {
			w.Enc(kr, b)
		}
	}
	last := func(r int) {
		kr := k.roundKey(r)
		for _, b := range bs {
			w.EncLast(kr, b)
		}
	}
	for r := 1; r <= 9; r++ {
		c.Commentf("AES round %d", r)
		enc(r)
		for _, s := range at[r] {
			s()
		}
	}
	more, more2, done := aesasm.NewLabel(k.lbl("r10")), aesasm.NewLabel(k.lbl("r12")), aesasm.NewLabel(k.lbl("aesdone"))
	c.CMPQ(k.rounds, U8(10))
	c.JNE(LabelRef(more))
	last(10)
	c.JMP(LabelRef(done))
	c.Label(more)
	enc(10)
	enc(11)
	c.CMPQ(k.rounds, U8(12))
	c.JNE(LabelRef(more2))
	last(12)
	c.JMP(LabelRef(done))
	c.Label(more2)
	enc(12)
	enc(13)
	last(14)
	c.Label(done)
}

// poly returns a register holding PolyConst in every lane, loading it into
// A (free at reduction time) on the widths that keep it in memory.
func (k *kern) poly(w aesasm.Width) VecPhysical {
	if k.polyReg != nil && w.Bytes == k.R {
		return k.polyReg
	}
	p := k.A
	if w.Bytes == 16 {
		p = aesasm.X(p)
	}
	w.Bcast(aesasm.PolyConst(), p)
	return p
}

// reduce reduces acc into Y (one lane; the upper lanes cleared).
func (k *kern) reduce() {
	c.Comment("GHASH: reduce the group into Y")
	k.w.GFReduce(k.acc, k.poly(k.w), k.T, k.Y)
	if k.W > 1 {
		k.w.GFFoldLanes(k.Y, k.T, aesasm.X(k.Y))
	}
}

// groupSteps returns the GHASH of one full group (nregs registers, at
// base+disp) as steps for aes to interleave: one per register, then the
// reduction. kara selects Karatsuba multiplication with the PowerMids
// operands (the mid register must hold them; ext and extM too for groups
// of more than 16 blocks), else schoolbook (aesasm.GFMulAcc).
func (k *kern) groupSteps(base Register, disp, nregs int, kara bool) []func() {
	blocks := nregs * k.W
	var steps []func()
	// Register 0 takes Y in. Where Y has a register of its own, register 0
	// goes last, so that the products of the others (independent of Y)
	// are off the dependency chain from one group's Y to the next.
	order := make([]int, nregs)
	for i := range order {
		order[i] = i
	}
	if k.Y != k.acc.Hi {
		order = append(order[1:], 0)
	}
	for i, j := range order {
		steps = append(steps, func() {
			c.Commentf("GHASH register %d of %d", j, nregs)
			k.w.Load(Mem{Base: base, Disp: disp + k.R*j}, k.A)
			k.pshufb(k.gmask, k.A)
			if j == 0 {
				k.w.Xor(k.Y, k.A)
			}
			// Register j holds the blocks whose factors are K_top ..
			// K_(top-W+1): pow[16-top..] or, above 16, ext[32-top..].
			top := blocks - j*k.W
			pow := Mem{Base: k.pow, Disp: 16 * (16 - top)}
			mid := Mem{Base: k.mid, Disp: 16 * (16 - top)}
			if top > 16 {
				pow, mid = k.ext.Offset(16*(32-top)), k.extM.Offset(16*(32-top))
			}
			if kara {
				k.w.GFMulAccKaratsuba(k.acc, k.A, pow, mid, k.T, k.T2, i == 0)
			} else {
				k.w.GFMulAcc(k.acc, k.A, pow, k.T, i == 0)
			}
		})
	}
	if kara {
		steps = append(steps, func() {
			c.Comment("Karatsuba: Mid = (a0+a1)(b0+b1) + a0b0 + a1b1")
			k.w.GFKaratsubaFix(k.acc)
		})
	}
	steps = append(steps, k.reduce)
	return steps
}

// extPowers computes K_17 .. K_32 = K_1 .. K_16 times K_16 (K_a K_b =
// K_(a+b) x^128 in POLYVAL's dot product) and their Karatsuba operands
// into the stack tables ext and extM, highest first, for main-loop groups
// of more than 16 blocks. The four multiplications are independent.
func (k *kern) extPowers() {
	w := k.w
	c.Comment("K_32 .. K_17 = K_16 .. K_1 times K_16, and their Karatsuba operands")
	k16 := k.B[7]
	w.Bcast(Mem{Base: k.pow}, k16)
	for j := 0; j < 16/k.W; j++ {
		w.Load(Mem{Base: k.pow, Disp: k.R * j}, k.A)
		w.GFMul(k.A, k16, k.acc, k.poly(w), k.T, k.B[j%4])
		w.Store(k.B[j%4], k.ext.Offset(k.R*j))
		w.GFMids(k.B[j%4], k.T)
		w.Store(k.T, k.extM.Offset(k.R*j))
	}
}

// batchSteps returns the GHASH of one batch (k.nb registers at base): its
// groups one after the other, each reduced into Y.
func (k *kern) batchSteps(base Register, kara bool) []func() {
	var steps []func()
	for g := 0; g < k.nb/k.mgrp; g++ {
		steps = append(steps, k.groupSteps(base, g*k.mgrp*k.R, k.mgrp, kara)...)
	}
	return steps
}

// copyIn copies n (0 <= n < 2*16 for ymm, < 16 for xmm) bytes from ptr to
// the zeroed stack slot, in pieces of 16 (ymm only), 8, 4, 2 and 1 bytes,
// and leaves ptr advanced; t1 and t2 are clobbered.
func (k *kern) copyIn(ptr, n Register) {
	c.LEAQ(k.buf, k.t1)
	sizes := []int{8, 4, 2, 1}
	if k.R == 32 {
		sizes = append([]int{16}, sizes...)
	}
	for _, s := range sizes {
		skip := aesasm.NewLabel(k.lbl(fmt.Sprintf("in%d", s)))
		c.TESTQ(U32(s), n)
		c.JZ(LabelRef(skip))
		switch s {
		case 16:
			c.VMOVDQU(Mem{Base: ptr}, aesasm.X(k.T))
			c.VMOVDQU(aesasm.X(k.T), Mem{Base: k.t1})
		case 8:
			c.MOVQ(Mem{Base: ptr}, k.t2)
			c.MOVQ(k.t2, Mem{Base: k.t1})
		case 4:
			c.MOVL(Mem{Base: ptr}, k.t2.As32())
			c.MOVL(k.t2.As32(), Mem{Base: k.t1})
		case 2:
			c.MOVW(Mem{Base: ptr}, k.t2.As16())
			c.MOVW(k.t2.As16(), Mem{Base: k.t1})
		case 1:
			c.MOVB(Mem{Base: ptr}, k.t2.As8())
			c.MOVB(k.t2.As8(), Mem{Base: k.t1})
		}
		c.ADDQ(U8(s), ptr)
		c.ADDQ(U8(s), k.t1)
		c.Label(skip)
	}
}

// zeroBuf clears the stack slot.
func (k *kern) zeroBuf() {
	k.w.Zero(k.T)
	k.w.Store(k.T, k.buf)
}

// hashMem absorbs n bytes at ptr into Y: full groups of k.grp registers,
// then one partial group of m = ceil(rest/16) blocks with the powers
// pow[16-m..15], its last block zero-padded. ptr and n are clobbered, and
// so are t1, t2, hpow, CX, the GHASH registers and B[1] (the powers of a
// partial register); B[0] and the counter registers are left alone.
//
// fuse, when not nil, emits a check that jumps to its label when the
// length block may not be absorbed here (it is not the last data of a
// message). Otherwise, when the partial group is at most 15 blocks, the
// length block joins it as its last block (factor K_1, the data and Y one
// power higher), the flag slot is set, and the reduction below yields the
// final S: one reduction fewer per message.
func (k *kern) hashMem(ptr, n Register, what string, fuse func(no LabelRef)) {
	w := k.w
	loop, rem, done := k.lbl(what+"_groups"), k.lbl(what+"_rem"), k.lbl(what+"_done")
	G := k.grp * k.W * 16
	c.Commentf("GHASH %s: full groups of %d blocks", what, G/16)
	c.Label(loop)
	c.CMPQ(n, U32(G))
	c.JB(LabelRef(rem))
	for _, s := range k.groupSteps(ptr, 0, k.grp, false) {
		s()
	}
	c.ADDQ(U32(G), ptr)
	c.SUBQ(U32(G), n)
	c.JMP(LabelRef(loop))

	c.Label(rem)
	c.TESTQ(n, n)
	c.JZ(LabelRef(done))
	c.Commentf("GHASH %s: the last m = ceil(n/16) blocks, powers pow[16-m..15]; Y H^m first", what)
	p := k.hpow
	c.LEAQ(Mem{Base: n, Disp: 15}, k.t1)
	c.ANDQ(I32(-16), k.t1)
	c.LEAQ(Mem{Base: k.pow, Disp: 256}, p)
	c.SUBQ(k.t1, p)
	xacc := aesasm.GFAcc{Lo: aesasm.X(k.acc.Lo), Mid: aesasm.X(k.acc.Mid), Hi: aesasm.X(k.acc.Hi)}
	if fuse != nil {
		nofuse, ydone := LabelRef(k.lbl(what+"_nofuse")), LabelRef(k.lbl(what+"_ydone"))
		fuse(nofuse)
		c.CMPQ(n, U32(240))
		c.JA(nofuse)
		c.Commentf("the length block joins the group: factor K_1, the data and Y one power up")
		c.SUBQ(U8(16), p)
		c.MOVQ(U32(1), k.flag)
		// Y first: it may be acc.Hi, which the first product overwrites.
		k.xw.Mov(aesasm.X(k.Y), aesasm.X(k.A))
		k.xw.GFMulAcc(xacc, aesasm.X(k.A), Mem{Base: p}, aesasm.X(k.T), true)
		k.lenBlock(aesasm.X(k.A), aesasm.X(k.T))
		k.xw.GFMulAcc(xacc, aesasm.X(k.A), Mem{Base: k.pow, Disp: 16 * 15}, aesasm.X(k.T), false)
		c.JMP(ydone)
		c.Label(string(nofuse))
		k.xw.Mov(aesasm.X(k.Y), aesasm.X(k.A))
		k.xw.GFMulAcc(xacc, aesasm.X(k.A), Mem{Base: p}, aesasm.X(k.T), true)
		c.Label(string(ydone))
	} else {
		k.xw.Mov(aesasm.X(k.Y), aesasm.X(k.A))
		k.xw.GFMulAcc(xacc, aesasm.X(k.A), Mem{Base: p}, aesasm.X(k.T), true)
	}

	if k.R > 16 {
		// At most one block of data: xmm throughout, with no lanes to fold.
		wide := k.lbl(what + "_wide")
		xA, xT := aesasm.X(k.A), aesasm.X(k.T)
		c.CMPQ(n, U8(16))
		c.JA(LabelRef(wide))
		c.Comment("one block (1..16 bytes), zero-padded, on xmm")
		if k.R == 64 {
			c.MOVQ(n, RCX)
			c.MOVQ(U32(1), k.t1)
			c.SHLQ(CL, k.t1)
			c.DECQ(k.t1)
			c.KMOVQ(k.t1, K1)
			c.VMOVDQU8_Z(Mem{Base: ptr}, K1, xA)
		} else {
			k.zeroBuf()
			k.copyIn(ptr, n)
			k.xw.Load(k.buf, xA)
		}
		k.pshufb(k.gmask, xA)
		k.xw.GFMulAcc(xacc, xA, Mem{Base: p}, xT, false)
		c.Comment("GHASH: reduce the block into Y")
		k.xw.GFReduce(xacc, k.poly(k.xw), xT, aesasm.X(k.Y))
		c.JMP(LabelRef(done))
		c.Label(wide)
	}
	rloop, part, red := k.lbl(what+"_regs"), k.lbl(what+"_part"), k.lbl(what+"_reduce")
	c.Label(rloop)
	c.CMPQ(n, U32(k.R))
	c.JB(LabelRef(part))
	w.Load(Mem{Base: ptr}, k.A)
	k.pshufb(k.gmask, k.A)
	w.GFMulAcc(k.acc, k.A, Mem{Base: p}, k.T, false)
	c.ADDQ(U32(k.R), ptr)
	c.ADDQ(U32(k.R), p)
	c.SUBQ(U32(k.R), n)
	c.JMP(LabelRef(rloop))

	c.Label(part)
	c.TESTQ(n, n)
	c.JZ(LabelRef(red))
	c.Commentf("partial register: n bytes, zero-padded; powers for ceil(n/16) lanes")
	P := k.B[1]
	switch k.R {
	case 64:
		// Byte mask for the data, quadword mask for the powers.
		c.MOVQ(n, RCX)
		c.MOVQ(U32(1), k.t1)
		c.SHLQ(CL, k.t1)
		c.DECQ(k.t1)
		c.KMOVQ(k.t1, K1)
		c.VMOVDQU8_Z(Mem{Base: ptr}, K1, k.A)
		c.LEAQ(Mem{Base: n, Disp: 15}, RCX)
		c.SHRQ(U8(4), RCX)
		c.SHLQ(U8(1), RCX)
		c.MOVQ(U32(1), k.t1)
		c.SHLQ(CL, k.t1)
		c.DECQ(k.t1)
		c.KMOVW(k.t1.As32(), K2)
		c.VMOVDQU64_Z(Mem{Base: p}, K2, P)
	case 32:
		k.zeroBuf()
		k.copyIn(ptr, n)
		w.Load(k.buf, k.A)
		one := k.lbl(what + "_onelane")
		pd := k.lbl(what + "_pdone")
		c.CMPQ(n, U8(16))
		c.JBE(LabelRef(one))
		w.Load(Mem{Base: p}, P)
		c.JMP(LabelRef(pd))
		c.Label(one)
		k.loadX(Mem{Base: p}, P)
		c.Label(pd)
	default:
		k.zeroBuf()
		k.copyIn(ptr, n)
		w.Load(k.buf, k.A)
		w.Load(Mem{Base: p}, P)
	}
	k.pshufb(k.gmask, k.A)
	w.GFMulAcc(k.acc, k.A, P, k.T, false)

	c.Label(red)
	k.reduce()
	c.Label(done)
}

// lenBlock sets the low lane of xa to the length block [8 len(ad)]_64 ||
// [8 len(src)]_64, reversed (lo = bits of src, hi = bits of ad); xt is
// scratch, and so are t1 and t2.
func (k *kern) lenBlock(xa, xt VecPhysical) {
	c.Load(c.Param("src").Len(), k.t1)
	c.SHLQ(U8(3), k.t1)
	c.Load(c.Param("ad").Len(), k.t2)
	c.SHLQ(U8(3), k.t2)
	if k.w.VEX {
		c.VMOVQ(k.t1, xa)
		c.VMOVQ(k.t2, xt)
		c.VPUNPCKLQDQ(xt, xa, xa)
	} else {
		c.MOVQ(k.t1, xa)
		c.MOVQ(k.t2, xt)
		c.PUNPCKLQDQ(xt, xa)
	}
}

// xorStore XORs the R bytes of src at off into B[j] and stores them to
// dst at off.
func (k *kern) xorStore(j, off int) {
	k.w.XorMem(Mem{Base: k.src, Disp: off}, k.B[j], k.T)
	k.w.Store(k.B[j], Mem{Base: k.dst, Disp: off})
}

func (k *kern) advance(by int) {
	c.ADDQ(U32(by), k.src)
	c.ADDQ(U32(by), k.dst)
	c.SUBQ(U32(by), k.n)
}

// ctrTail encrypts the last n < NB*R bytes: whole registers one at a
// time, then the final partial register.
func (k *kern) ctrTail() {
	loop, part, done := k.lbl("tail"), k.lbl("tailpart"), k.lbl("taildone")
	c.Label(loop)
	c.CMPQ(k.n, U32(k.R))
	c.JB(LabelRef(part))
	k.nextCounter(k.B[0])
	k.aes(k.B[:1], nil)
	k.xorStore(0, 0)
	k.advance(k.R)
	c.JMP(LabelRef(loop))

	c.Label(part)
	c.TESTQ(k.n, k.n)
	c.JZ(LabelRef(done))
	c.Commentf("final partial register: 1..%d bytes", k.R-1)
	k.nextCounter(k.B[0])
	k.aes(k.B[:1], nil)
	P := k.B[0]
	switch k.R {
	case 64:
		c.MOVQ(k.n, RCX)
		c.MOVQ(U32(1), k.t1)
		c.SHLQ(CL, k.t1)
		c.DECQ(k.t1)
		c.KMOVQ(k.t1, K1)
		c.VMOVDQU8_Z(Mem{Base: k.src}, K1, k.T)
		c.VPXORD(k.T, P, P)
		c.VMOVDQU8(P, K1, Mem{Base: k.dst})
		c.JMP(LabelRef(done))
	case 32:
		bytes := k.lbl("tailbytes")
		c.CMPQ(k.n, U8(16))
		c.JB(LabelRef(bytes))
		c.VEXTRACTI128(U8(1), P, aesasm.X(k.T))
		c.VPXOR(Mem{Base: k.src}, aesasm.X(P), aesasm.X(P))
		c.VMOVDQU(aesasm.X(P), Mem{Base: k.dst})
		k.advance(16)
		c.JZ(LabelRef(done))
		c.VMOVDQA(aesasm.X(k.T), aesasm.X(P))
		c.Label(bytes)
	}
	if k.R < 64 {
		x := aesasm.X(P)
		k.xw.Store(x, k.buf)
		c.LEAQ(k.buf, k.t1)
		for _, s := range []int{8, 4, 2, 1} {
			skip := aesasm.NewLabel(k.lbl(fmt.Sprintf("out%d", s)))
			c.TESTQ(U32(s), k.n)
			c.JZ(LabelRef(skip))
			switch s {
			case 8:
				c.MOVQ(Mem{Base: k.src}, k.t2)
				c.XORQ(Mem{Base: k.t1}, k.t2)
				c.MOVQ(k.t2, Mem{Base: k.dst})
			case 4:
				c.MOVL(Mem{Base: k.src}, k.t2.As32())
				c.XORL(Mem{Base: k.t1}, k.t2.As32())
				c.MOVL(k.t2.As32(), Mem{Base: k.dst})
			case 2:
				c.MOVW(Mem{Base: k.src}, k.t2.As16())
				c.XORW(Mem{Base: k.t1}, k.t2.As16())
				c.MOVW(k.t2.As16(), Mem{Base: k.dst})
			case 1:
				c.MOVB(Mem{Base: k.src}, k.t2.As8())
				c.XORB(Mem{Base: k.t1}, k.t2.As8())
				c.MOVB(k.t2.As8(), Mem{Base: k.dst})
			}
			c.ADDQ(U8(s), k.src)
			c.ADDQ(U8(s), k.dst)
			c.ADDQ(U8(s), k.t1)
			c.Label(skip)
		}
		c.Comment("clear the keystream from the stack")
		k.xw.Zero(x)
		k.xw.Store(x, k.buf)
	}
	c.Label(done)
}

func (k *kern) emit() {
	w := k.w
	c.Implement(k.name)
	c.Attributes(attr.NOSPLIT)
	if k.R < 64 {
		k.buf = c.AllocLocal(k.R)
	}
	if k.mgrp*k.W > 16 {
		k.ext = c.AllocLocal(16 * 16)
		k.extM = c.AllocLocal(16 * 16)
		k.extOn = true
	}
	k.flag = c.AllocLocal(8)
	BB := k.nb * k.R

	c.Load(c.Param("enc"), k.rk)
	c.Load(c.Param("rounds"), k.rounds)
	c.Load(c.Param("pow"), k.pow)
	c.Load(c.Param("dst").Base(), k.dst)
	c.Load(c.Param("src").Base(), k.src)
	c.Load(c.Param("src").Len(), k.n)

	if k.keys != nil {
		c.Comment("constants")
		w.Load(byteSwap64(), k.gmask.(VecPhysical))
		w.Load(ctrSwap64(), k.cmask.(VecPhysical))
		w.Load(ctrStep64(k.W), k.inc.(VecPhysical))
		w.Load(poly64(), k.polyReg)
		c.Commentf("round keys 0..%d, each in every lane (the others are loaded per round)", len(k.keys)-1)
		for r, kr := range k.keys {
			w.Bcast(Mem{Base: k.rk, Disp: 16 * r}, kr)
		}
	}

	// Message mode (tag != nil): J0 is *ctr, read as two 8-byte halves
	// (the caller may have written it that way: a 16-byte load that spans
	// two stores would not be store-forwarded), the counter starts at
	// inc32(J0) in registers and Y at zero; y is not used.
	msg, adh := k.lbl("msg"), k.lbl("adhash")
	c.Load(c.Param("ctr"), k.t1)
	c.Load(c.Param("tag"), k.t2)
	c.TESTQ(k.t2, k.t2)
	c.JNZ(LabelRef(msg))

	c.Comment("stream: Y = ByteReverse(*y), counter blocks from *ctr (native form: lane i = *ctr + i)")
	c.Load(c.Param("y"), k.hp)
	k.loadX(Mem{Base: k.hp}, k.Y)
	k.pshufb(k.gmask, aesasm.X(k.Y))
	w.Bcast(Mem{Base: k.t1}, k.cur)
	k.pshufb(k.cmask, k.cur)
	if k.W > 1 {
		k.padd(ctrLanes64(), k.cur)
	}
	c.JMP(LabelRef(adh))

	c.Label(msg)
	c.Comment("message: J0 = *ctr, counter blocks inc32(J0) + i, Y = 0, E(J0) into *tag")
	xJ, xT := aesasm.X(k.B[0]), aesasm.X(k.T)
	if w.VEX {
		c.VMOVQ(Mem{Base: k.t1}, xJ)
		c.VMOVQ(Mem{Base: k.t1, Disp: 8}, xT)
		c.VPUNPCKLQDQ(xT, xJ, xJ)
	} else {
		c.MOVQ(Mem{Base: k.t1}, xJ)
		c.MOVQ(Mem{Base: k.t1, Disp: 8}, xT)
		c.PUNPCKLQDQ(xT, xJ)
	}
	switch k.R {
	case 64:
		c.VSHUFI64X2(U8(0), k.B[0], k.B[0], k.cur)
	case 32:
		c.VINSERTI128(U8(1), xJ, k.B[0], k.cur)
	default:
		k.w.Mov(k.B[0], k.cur)
	}
	k.pshufb(k.cmask, k.cur)
	k.padd(ctrLanesInc64(), k.cur)
	k.xw.Zero(aesasm.X(k.Y))
	c.MOVQ(U32(0), k.flag)
	k.aes(k.B[:1], nil)
	k.storeX(k.B[0], Mem{Base: k.t2})

	c.Label(adh)
	c.Load(c.Param("ad").Base(), k.hp)
	c.Load(c.Param("ad").Len(), k.hn)
	k.hashMem(k.hp, k.hn, "ad", func(no LabelRef) {
		// the length block joins the associated data of a message without
		// plaintext
		c.Load(c.Param("tag"), k.t1)
		c.TESTQ(k.t1, k.t1)
		c.JZ(no)
		c.Load(c.Param("src").Len(), k.t1)
		c.TESTQ(k.t1, k.t1)
		c.JNZ(no)
	})

	msgOnly := func(no LabelRef) {
		c.Load(c.Param("tag"), k.t1)
		c.TESTQ(k.t1, k.t1)
		c.JZ(no)
	}
	batch := func(steps []func()) {
		for j := range k.B {
			k.nextCounter(k.B[j])
		}
		k.aes(k.B, steps)
		for j := range k.B {
			k.xorStore(j, j*k.R)
		}
	}
	tail := k.lbl("tailstart")
	if !k.open {
		c.CMPQ(k.n, U32(BB))
		c.JB(LabelRef(tail))
		c.Load(c.Param("mid"), k.mid)
		if k.extOn {
			k.extPowers()
		}
		c.Commentf("batch 0: %d blocks, no GHASH yet", BB/16)
		batch(nil)
		c.MOVQ(k.dst, k.hp)
		k.advance(BB)
		loop, drain := k.lbl("loop"), k.lbl("drain")
		c.Label(loop)
		c.CMPQ(k.n, U32(BB))
		c.JB(LabelRef(drain))
		c.Commentf("stitched: AES of the next %d blocks, GHASH of the previous batch", BB/16)
		batch(k.batchSteps(k.hp, true))
		c.MOVQ(k.dst, k.hp)
		k.advance(BB)
		c.JMP(LabelRef(loop))
		c.Label(drain)
		c.Comment("GHASH of the last full batch")
		for _, s := range k.batchSteps(k.hp, true) {
			s()
		}
		c.Label(tail)
		c.MOVQ(k.dst, k.hp)
		c.MOVQ(k.n, k.hn)
		k.ctrTail()
		k.hashMem(k.hp, k.hn, "ct", msgOnly)
	} else {
		loop := k.lbl("loop")
		c.CMPQ(k.n, U32(BB))
		c.JB(LabelRef(tail))
		c.Load(c.Param("mid"), k.mid)
		if k.extOn {
			k.extPowers()
		}
		c.Label(loop)
		c.CMPQ(k.n, U32(BB))
		c.JB(LabelRef(tail))
		c.Commentf("stitched: GHASH and AES of the next %d blocks", BB/16)
		batch(k.batchSteps(k.src, true))
		k.advance(BB)
		c.JMP(LabelRef(loop))
		c.Label(tail)
		c.MOVQ(k.src, k.hp)
		c.MOVQ(k.n, k.hn)
		k.hashMem(k.hp, k.hn, "ct", msgOnly)
		k.ctrTail()
	}

	stream, clr := k.lbl("streamdone"), k.lbl("clear")
	c.Load(c.Param("tag"), k.hp)
	c.TESTQ(k.hp, k.hp)
	c.JZ(LabelRef(stream))
	xY := aesasm.X(k.Y)
	lenDone := k.lbl("lendone")
	c.CMPQ(k.flag, U8(0))
	c.JNE(LabelRef(lenDone))
	c.Comment("length block: [8 len(ad)]_64 || [8 len(src)]_64, reversed: lo = bits of src, hi = bits of ad")
	xA := aesasm.X(k.A)
	k.lenBlock(xA, xT)
	xacc := aesasm.GFAcc{Lo: aesasm.X(k.acc.Lo), Mid: aesasm.X(k.acc.Mid), Hi: aesasm.X(k.acc.Hi)}
	k.xw.Xor(xY, xA)
	k.xw.GFMulAcc(xacc, xA, Mem{Base: k.pow, Disp: 16 * 15}, xT, true)
	k.xw.GFReduce(xacc, k.poly(k.xw), xT, xY)
	c.Label(lenDone)
	c.Comment("*tag = E(J0) ^ S")
	k.pshufb(k.gmask, xY)
	k.loadX(Mem{Base: k.hp}, k.T)
	k.xw.Xor(xY, xT)
	k.storeX(k.T, Mem{Base: k.hp})
	c.JMP(LabelRef(clr))

	c.Label(stream)
	c.Comment("*y = ByteReverse(Y)")
	k.pshufb(k.gmask, aesasm.X(k.Y))
	c.Load(c.Param("y"), k.t1)
	k.storeX(k.Y, Mem{Base: k.t1})
	c.Comment("advance the counter by ceil(len(src)/16) blocks")
	c.Load(c.Param("src").Len(), k.t1)
	c.ADDQ(U8(15), k.t1)
	c.SHRQ(U8(4), k.t1)
	c.Load(c.Param("ctr"), k.hp)
	c.MOVL(Mem{Base: k.hp, Disp: 12}, k.t2.As32())
	c.BSWAPL(k.t2.As32())
	c.ADDL(k.t1.As32(), k.t2.As32())
	c.BSWAPL(k.t2.As32())
	c.MOVL(k.t2.As32(), Mem{Base: k.hp, Disp: 12})

	c.Label(clr)
	if k.extOn {
		c.Comment("clear the powers K_17 .. K_32 from the stack, if the main loop ran")
		noext := k.lbl("noext")
		c.Load(c.Param("src").Len(), k.t1)
		c.CMPQ(k.t1, U32(BB))
		c.JB(LabelRef(noext))
		w.Zero(k.T)
		for off := 0; off < 256; off += k.R {
			w.Store(k.T, k.ext.Offset(off))
			w.Store(k.T, k.extM.Offset(off))
		}
		c.Label(noext)
	}
	if k.keys != nil {
		c.Comment("clear the round keys from zmm20..31 (VZEROUPPER leaves them)")
		for _, kr := range append(k.keys, k.key) {
			c.VPXORD(aesasm.X(kr), aesasm.X(kr), aesasm.X(kr))
		}
	}

	w.Vzeroupper()
	c.RET()
}
