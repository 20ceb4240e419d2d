package main

import (
	"github.com/fastaead/fastaead/asm/internal/aesasm"
	"github.com/mmcloughlin/avo/attr"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// deriveGCMSIV emits deriveGCMSIV<tier>(kgk *roundKeys, rounds int, nonce
// *[12]byte, auth *[16]byte, enc *roundKeys): the per-nonce key derivation
// of AES-GCM-SIV (RFC 8452 section 4) fused with the expansion of the
// derived key.
//
// Block i (i = 0..5) is E_kgk(le32(i) || nonce); the blocks run through
// the rounds together: four for AES-128, six for the others (AES-192
// needs five, but the sixth costs no latency), the blocks of the
// message-encryption key first. The message-authentication key is
// the first 8 bytes of blocks 0 and 1; the message-encryption key the
// first 8 bytes of blocks 2, 3 (AES-128), and 4 (AES-192), and 5
// (AES-256): a key of the kgk's own size, whose encryption round keys
// (expandEnc) go to enc. The rest of enc (the round-key slots past
// rounds) is zeroed, so that all 240 bytes are written. The nonce is read
// as exactly 12 bytes.
func deriveGCMSIV(w aesasm.Width) {
	o := xmmOps{w}
	name := "deriveGCMSIV" + w.Suffix
	c.Implement(name)
	c.Attributes(attr.NOSPLIT)
	rk, rounds, last := RAX, RCX, R9
	nonce, auth, enc, tmp := RBX, RDX, RDI, R11
	c.Load(c.Param("kgk"), rk)
	c.Load(c.Param("rounds"), rounds)
	c.Load(c.Param("nonce"), nonce)
	c.Load(c.Param("auth"), auth)
	c.Load(c.Param("enc"), enc)
	lastKey(rk, rounds, last)

	B := []VecPhysical{X0, X1, X2, X3, X4, X5}
	T, U := X6, X7
	unpackLo := func(hi, lo VecPhysical) { // lo = lo.q0 || hi.q0
		if w.VEX {
			c.VPUNPCKLQDQ(hi, lo, lo)
		} else {
			c.PUNPCKLQDQ(hi, lo)
		}
	}
	movq := func(src, dst Op) {
		if w.VEX {
			c.VMOVQ(src, dst)
		} else {
			c.MOVQ(src, dst)
		}
	}

	c.Comment("X0 = le32(0) || nonce (bytes 4..15), read as 8 + 4 bytes")
	o.load8(Mem{Base: nonce}, X0)
	c.MOVL(Mem{Base: nonce, Disp: 8}, R11L)
	movq(tmp, U)
	unpackLo(U, X0)
	if w.VEX {
		c.VPSLLDQ(U8(4), X0, X0)
	} else {
		c.PSLLDQ(U8(4), X0)
	}
	for i := 1; i < len(B); i++ {
		c.Commentf("X%d = le32(%d) || nonce", i, i)
		c.MOVL(U32(i), R11L)
		movq(tmp, U)
		w.Mov(X0, B[i])
		w.Xor(U, B[i])
	}
	lbl := func(s string) string { return name + "_" + s }
	sched := aesasm.Schedule{RK: rk, Last: last, Rounds: rounds, Key: T}
	authKey := func() {
		c.Comment("message-authentication key: first halves of blocks 0 and 1")
		unpackLo(X1, X0)
		w.Store(X0, Mem{Base: auth})
	}
	zeroFrom := func(slot int) {
		if slot > 14 {
			return
		}
		c.Commentf("clear round-key slots %d..14", slot)
		w.Zero(T)
		for s := slot; s <= 14; s++ {
			w.Store(T, Mem{Base: enc, Disp: 16 * s})
		}
	}

	c.CMPQ(rounds, U8(10))
	c.JNE(LabelRef(lbl("k6")))
	c.Comment("AES-128: blocks 0..3, the key's blocks 2, 3 first")
	w.Rounds(sched, []VecPhysical{X2, X3, X0, X1}, false)
	unpackLo(X3, X2)
	authKey()
	c.Comment("AES-128 message-encryption key (its last word is word 1 of block 3)")
	o.expandFast(128, enc, X2, X4, X3, 1, []VecPhysical{X0, X1, X4, X5, X6, X7, X8, X9, X10, X11, X12, X13, X14})
	zeroFrom(11)
	c.JMP(LabelRef(lbl("done")))

	c.Label(lbl("k6"))
	c.Comment("AES-192, AES-256: blocks 0..5, the key's blocks 2..5 first")
	w.Rounds(sched, []VecPhysical{X2, X3, X4, X5, X0, X1}, false)
	c.Comment("message-encryption key: first halves of blocks 2, 3, 4, 5")
	unpackLo(X3, X2)
	unpackLo(X5, X4)
	authKey()
	c.CMPQ(rounds, U8(12))
	c.JA(LabelRef(lbl("k256")))
	c.Comment("AES-192 message-encryption key (bytes 16..23 from block 4)")
	movq(X4, X4)
	o.expandEnc(192, enc, X2, X4, T, U, nil)
	zeroFrom(13)
	c.JMP(LabelRef(lbl("done")))

	c.Label(lbl("k256"))
	c.Comment("AES-256 message-encryption key (its last word is word 1 of block 5)")
	o.expandFast(256, enc, X2, X4, X5, 1, []VecPhysical{X0, X1, X3, X6, X7, X8, X9, X10, X11, X12, X13, X14})

	c.Label(lbl("done"))
	c.RET()
}
