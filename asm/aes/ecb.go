package main

import (
	"fmt"

	"github.com/fastaead/fastaead/asm/internal/aesasm"
	"github.com/mmcloughlin/avo/attr"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// dirName returns "Encrypt" or "Decrypt" and the name of the round-key
// parameter (enc or dec, see the contracts in aesni/aes_asm.go).
func dirName(decrypt bool) (dir, keys string) {
	if decrypt {
		return "Decrypt", "dec"
	}
	return "Encrypt", "enc"
}

// lastKey sets last = rk + 16*rounds, the address of the final round key.
func lastKey(rk, rounds, last Register) {
	c.Comment("last = &keys[16*rounds]")
	c.MOVQ(rounds, last)
	c.SHLQ(U8(4), last)
	c.ADDQ(rk, last)
}

// block emits {en,de}cryptBlock<tier>(keys *roundKeys, rounds int, dst,
// src *[16]byte): one block through the full cipher (FIPS 197 section
// 5.1, or the equivalent inverse cipher of section 5.3.5 with the dec
// keys). The whole block is loaded before the result is stored, so dst
// and src may overlap in any way. xmm widths only: a single block gains
// nothing from wider registers, and the avx2, vaes and avx512 tiers share
// the VEX form.
func block(w aesasm.Width, decrypt bool) {
	_, keys := dirName(decrypt)
	name := "encryptBlock" + w.Suffix
	if decrypt {
		name = "decryptBlock" + w.Suffix
	}
	c.Implement(name)
	c.Attributes(attr.NOSPLIT)
	rk, rounds, last, dst, src := RAX, RCX, R9, RDI, RSI
	c.Load(c.Param(keys), rk)
	c.Load(c.Param("rounds"), rounds)
	c.Load(c.Param("dst"), dst)
	c.Load(c.Param("src"), src)
	lastKey(rk, rounds, last)
	w.Load(Mem{Base: src}, X0)
	w.Rounds(aesasm.Schedule{RK: rk, Last: last, Rounds: rounds, Key: X1}, []VecPhysical{X0}, decrypt)
	w.Store(X0, Mem{Base: dst})
	c.RET()
}

// ecb emits ecb{Encrypt,Decrypt}<tier>(keys *roundKeys, rounds int, dst,
// src []byte): the ECB mode of NIST SP 800-38A section 6.1 over the
// len(src)/16 whole blocks of src (len(src) is a multiple of 16, checked
// by the caller, as is len(dst) >= len(src); dst may be exactly src).
//
// Structure, with R = register width in bytes (W = R/16 blocks):
//
//	main loop  8 registers (8W blocks) per iteration while 8R bytes remain
//	tail       the last 1..8W-1 blocks: one batch of 1, 2, 4 or 8
//	           registers (the smallest that covers them), all run through
//	           the rounds together. In the batch the registers that may
//	           lie past the data are loaded and stored only as far as the
//	           data goes: skipped when empty; a partial register is
//	           one block in the low half (ymm), or 1..3 blocks under a
//	           qword mask of AVX-512F masked moves (zmm), which neither
//	           read nor write the masked-off memory.
//
// No byte outside src[:len(src)] and dst[:len(src)] is read or written.
// Every branch depends on the length and the key size only.
func ecb(w aesasm.Width, decrypt bool) {
	dir, keys := dirName(decrypt)
	name := fmt.Sprintf("ecb%s%s", dir, w.Suffix)
	c.Implement(name)
	c.Attributes(attr.NOSPLIT)
	R := w.Bytes
	// CX is kept free for the shift count of the zmm mask.
	rk, rounds, last := RAX, R8, R9
	dst, src, n := RDI, RSI, RDX
	var B [8]VecPhysical
	for j := range B {
		B[j] = w.Reg(j)
	}
	sched := aesasm.Schedule{RK: rk, Last: last, Rounds: rounds, Key: w.Reg(8)}

	c.Load(c.Param(keys), rk)
	c.Load(c.Param("rounds"), rounds)
	c.Load(c.Param("dst").Base(), dst)
	c.Load(c.Param("src").Base(), src)
	c.Load(c.Param("src").Len(), n)
	lastKey(rk, rounds, last)

	lbl := func(s string) string { return name + "_" + s }
	done := lbl("done")

	c.Label(lbl("loop"))
	c.CMPQ(n, U32(8*R))
	c.JB(LabelRef(lbl("tail")))
	c.Commentf("8 registers (%d blocks)", 8*w.Blocks())
	for j := range B {
		w.Load(Mem{Base: src, Disp: j * R}, B[j])
	}
	w.Rounds(sched, B[:], decrypt)
	for j := range B {
		w.Store(B[j], Mem{Base: dst, Disp: j * R})
	}
	c.ADDQ(U32(8*R), src)
	c.ADDQ(U32(8*R), dst)
	c.SUBQ(U32(8*R), n)
	c.JMP(LabelRef(lbl("loop")))

	c.Label(lbl("tail"))
	c.TESTQ(n, n)
	c.JZ(LabelRef(done))
	if w.Bytes == 64 {
		c.Comment("K1: the qwords of the partial register, (1 << ((len mod 64) / 8)) - 1")
		c.MOVQ(n, RCX)
		c.ANDL(U8(63), ECX)
		c.SHRL(U8(3), ECX)
		c.MOVL(U32(1), R11L)
		c.SHLL(CL, R11L)
		c.DECL(R11L)
		c.KMOVW(R11L, K1)
	}
	c.CMPQ(n, U32(4*R))
	c.JA(LabelRef(lbl("tail8")))
	c.CMPQ(n, U32(2*R))
	c.JA(LabelRef(lbl("tail4")))
	c.CMPQ(n, U32(R))
	c.JA(LabelRef(lbl("tail2")))

	for _, k := range []int{1, 2, 4, 8} {
		tk := fmt.Sprintf("tail%d", k)
		c.Label(lbl(tk))
		c.Commentf("%d..%d blocks: a batch of %d register(s)", max(1, k/2*w.Blocks()+1), k*w.Blocks(), k)
		// minN is the fewest bytes this batch handles.
		minN := 16
		if k > 1 {
			minN = R*(k/2) + 16
		}
		move := func(phase string, full, part func(j int, m Mem), next string) {
			var partial []int
			for j := 0; j < k; j++ {
				m := Mem{Base: src, Disp: j * R}
				if phase == "store" {
					m.Base = dst
				}
				if R*(j+1) > minN {
					// Register j may be partial or empty.
					c.CMPQ(n, U32(R*(j+1)))
					if w.Blocks() == 1 {
						c.JB(LabelRef(next)) // empty: nothing after it either
					} else {
						c.JB(LabelRef(lbl(fmt.Sprintf("%s%s_%d", tk, phase, j))))
						partial = append(partial, j)
					}
				}
				full(j, m)
			}
			c.JMP(LabelRef(next))
			for _, j := range partial {
				c.Label(lbl(fmt.Sprintf("%s%s_%d", tk, phase, j)))
				m := Mem{Base: src, Disp: j * R}
				if phase == "store" {
					m.Base = dst
				}
				if R*j >= minN {
					c.CMPQ(n, U32(R*j))
					c.JE(LabelRef(next)) // empty
				}
				part(j, m)
				c.JMP(LabelRef(next))
			}
		}
		rounds := lbl(tk + "rounds")
		move("load",
			func(j int, m Mem) { w.Load(m, B[j]) },
			func(j int, m Mem) {
				if w.Bytes == 64 {
					c.VMOVDQU64_Z(m, K1, B[j])
				} else {
					c.VMOVDQU(m, aesasm.X(B[j])) // one block; clears the high half
				}
			}, rounds)
		c.Label(rounds)
		w.Rounds(sched, B[:k], decrypt)
		move("store",
			func(j int, m Mem) { w.Store(B[j], m) },
			func(j int, m Mem) {
				if w.Bytes == 64 {
					c.VMOVDQU64(B[j], K1, m)
				} else {
					c.VMOVDQU(aesasm.X(B[j]), m)
				}
			}, done)
	}

	c.Label(done)
	w.Vzeroupper()
	c.RET()
}
