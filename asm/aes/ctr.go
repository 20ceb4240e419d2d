package main

import (
	"fmt"

	"github.com/fastaead/fastaead/asm/internal/aesasm"
	"github.com/mmcloughlin/avo/attr"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// ctr emits ctr32{BE,LE}<tier>(enc *roundKeys, rounds int, dst, src
// []byte, ctr *[16]byte), the CTR mode of NIST SP 800-38A section 6.5 with
// the 32-bit counter cn (see aesasm.Counter and the contract in
// aesni/aes_asm.go).
//
// Structure, with R = register width in bytes (W = R/16 blocks):
//
//	main loop   8 registers (8W blocks) per iteration while 8R bytes remain
//	tail        the last 1..8R-1 bytes: one batch of 1, 2, 4 or 8
//	            registers (the smallest that covers them), whole registers
//	            stored as in the main loop, then the final partial register:
//	              zmm: byte-masked load and store (AVX-512BW)
//	              ymm: one 16-byte half, then as xmm
//	              xmm: 8-, 4-, 2- and 1-byte pieces against the keystream
//	                   spilled to a 16-byte stack slot (cleared after)
//	counter     *ctr advanced by ceil(len/16), modulo 2^32 in its field
//
// Every branch depends on lengths and the key size only.
func ctr(w aesasm.Width, cn aesasm.Counter) {
	name := fmt.Sprintf("ctr%s%s", cn.Name()[3:], w.Suffix)
	c.Implement(name)
	c.Attributes(attr.NOSPLIT)
	var buf Mem
	if w.Bytes < 64 {
		buf = c.AllocLocal(16)
	}
	R := w.Bytes
	rk, rounds, last := RAX, RCX, R9
	dst, src, n, ctrp, blocks, tmp := RDI, RSI, RDX, R8, R10, R11
	var B [8]VecPhysical
	for j := range B {
		B[j] = w.Reg(j)
	}
	cr := aesasm.CounterRegs{Cur: w.Reg(8), Inc: w.Reg(9), Mask: w.Reg(10)}
	sched := aesasm.Schedule{RK: rk, Last: last, Rounds: rounds, Key: w.Reg(11)}
	TMP, P := w.Reg(12), w.Reg(13)

	c.Load(c.Param("enc"), rk)
	c.Load(c.Param("rounds"), rounds)
	c.Load(c.Param("dst").Base(), dst)
	c.Load(c.Param("src").Base(), src)
	c.Load(c.Param("src").Len(), n)
	c.Load(c.Param("ctr"), ctrp)
	c.Comment("last = &enc[16*rounds]; blocks = ceil(len/16)")
	c.MOVQ(rounds, last)
	c.SHLQ(U8(4), last)
	c.ADDQ(rk, last)
	c.LEAQ(Mem{Base: n, Disp: 15}, blocks)
	c.SHRQ(U8(4), blocks)
	cn.Setup(w, Mem{Base: ctrp}, cr)

	lbl := func(s string) string { return name + "_" + s }
	done := lbl("done")
	partial := lbl("partial")

	batch := func(k int) {
		c.Commentf("%d counter registers (%d blocks)", k, k*w.Blocks())
		for j := 0; j < k; j++ {
			cn.Next(w, cr, B[j])
		}
		w.Rounds(sched, B[:k], false)
	}
	xorStore := func(j, off int) {
		w.XorMem(Mem{Base: src, Disp: off}, B[j], TMP)
		w.Store(B[j], Mem{Base: dst, Disp: off})
	}
	advance := func(by int) {
		c.ADDQ(U32(by), src)
		c.ADDQ(U32(by), dst)
		c.SUBQ(U32(by), n)
	}

	c.Label(lbl("loop"))
	c.CMPQ(n, U32(8*R))
	c.JB(LabelRef(lbl("tail")))
	batch(8)
	for j := 0; j < 8; j++ {
		xorStore(j, j*R)
	}
	advance(8 * R)
	c.JMP(LabelRef(lbl("loop")))

	c.Label(lbl("tail"))
	c.TESTQ(n, n)
	c.JZ(LabelRef(done))
	c.CMPQ(n, U32(4*R))
	c.JA(LabelRef(lbl("tail8")))
	c.CMPQ(n, U32(2*R))
	c.JA(LabelRef(lbl("tail4")))
	c.CMPQ(n, U32(R))
	c.JA(LabelRef(lbl("tail2")))
	for _, k := range []int{1, 2, 4, 8} {
		c.Label(lbl(fmt.Sprintf("tail%d", k)))
		batch(k)
		for j := 0; j < k; j++ {
			c.CMPQ(n, U32(R))
			c.JB(LabelRef(lbl(fmt.Sprintf("part%d_%d", k, j))))
			xorStore(j, 0)
			advance(R)
			c.JZ(LabelRef(done))
		}
		c.JMP(LabelRef(done))
		for j := 0; j < k; j++ {
			c.Label(lbl(fmt.Sprintf("part%d_%d", k, j)))
			w.Mov(B[j], P)
			c.JMP(LabelRef(partial))
		}
	}

	c.Label(partial)
	c.Commentf("final partial register: 1..%d bytes of keystream in P", R-1)
	switch w.Bytes {
	case 64:
		c.MOVQ(n, RCX)
		c.MOVQ(U32(1), tmp)
		c.SHLQ(CL, tmp)
		c.DECQ(tmp)
		c.KMOVQ(tmp, K1)
		c.VMOVDQU8_Z(Mem{Base: src}, K1, TMP)
		c.VPXORD(TMP, P, P)
		c.VMOVDQU8(P, K1, Mem{Base: dst})
		c.JMP(LabelRef(done))
	case 32:
		c.CMPQ(n, U8(16))
		c.JB(LabelRef(lbl("bytes")))
		c.VEXTRACTI128(U8(1), P, aesasm.X(TMP))
		c.VPXOR(Mem{Base: src}, aesasm.X(P), aesasm.X(P))
		c.VMOVDQU(aesasm.X(P), Mem{Base: dst})
		advance(16)
		c.JZ(LabelRef(done))
		c.VMOVDQA(aesasm.X(TMP), aesasm.X(P))
	}
	if w.Bytes < 64 {
		x := aesasm.X(P)
		c.Label(lbl("bytes"))
		xw := aesasm.Width{Tier: w.Tier, Suffix: w.Suffix, Bytes: 16, VEX: w.VEX}
		xw.Store(x, buf)
		c.LEAQ(buf, RBX)
		type piece struct {
			size     int
			mov, xor func(a, b Op)
			r        Register
		}
		for _, p := range []piece{
			{8, func(a, b Op) { c.MOVQ(a, b) }, func(a, b Op) { c.XORQ(a, b) }, tmp},
			{4, func(a, b Op) { c.MOVL(a, b) }, func(a, b Op) { c.XORL(a, b) }, R11L},
			{2, func(a, b Op) { c.MOVW(a, b) }, func(a, b Op) { c.XORW(a, b) }, R11W},
			{1, func(a, b Op) { c.MOVB(a, b) }, func(a, b Op) { c.XORB(a, b) }, R11B},
		} {
			skip := lbl(fmt.Sprintf("no%d", p.size))
			c.TESTQ(U32(p.size), n)
			c.JZ(LabelRef(skip))
			p.mov(Mem{Base: src}, p.r)
			p.xor(Mem{Base: RBX}, p.r)
			p.mov(p.r, Mem{Base: dst})
			c.ADDQ(U8(p.size), src)
			c.ADDQ(U8(p.size), dst)
			c.ADDQ(U8(p.size), RBX)
			c.Label(skip)
		}
		c.Comment("clear the keystream from the stack")
		xw.Zero(x)
		xw.Store(x, buf)
	}

	c.Label(done)
	c.Comment("advance the counter by ceil(len/16) blocks")
	if cn.BE {
		c.MOVL(Mem{Base: ctrp, Disp: 12}, R11L)
		c.BSWAPL(R11L)
		c.ADDL(R10L, R11L)
		c.BSWAPL(R11L)
		c.MOVL(R11L, Mem{Base: ctrp, Disp: 12})
	} else {
		c.ADDL(R10L, Mem{Base: ctrp})
	}
	w.Vzeroupper()
	c.RET()
}
