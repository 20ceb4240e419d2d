// Package hashgen is the one description of the GHASH and POLYVAL kernels
// (packages ghash and polyval), emitted for both packages and every amd64
// width by the generators asm/ghash and asm/ghash/polyval. The two hashes
// share all arithmetic (asm/internal/aesasm gf.go, POLYVAL's
// representation); GHASH only byte-reverses every block and the
// accumulator on load and store.
//
// Method: Gueron and Kounavis, "Intel Carry-Less Multiplication
// Instruction and its Usage for Computing the GCM Mode" (2014):
// carry-less multiplication (here Karatsuba, three multiplies per block)
// with aggregated reduction over precomputed powers of the key, and the
// POLYVAL (Montgomery) reduction of Gueron, Langley and Lindell, RFC 8452
// and "AES-GCM-SIV: Specification and Analysis" (2017).
//
// Speed on the target (AMD EPYC Zen 5, about 4 GHz; fastest of 15 runs of
// GHASH Update at 16 KiB, cycles per byte at the project's nominal
// 3.6 GHz): avx512 395 ns (0.087 c/B), vaes 792 ns (0.174), avx2 1532 ns
// (0.337), aesni 1701 ns (0.374). VPCLMULQDQ issues once per two cycles
// at every width on this core, so three multiplies per block bound the
// xmm tiers at about 6 cycles per block (1.5 ns per 16 bytes) and the ymm
// tier at half that; the kernels run within a few percent of those
// bounds. The zmm tier reaches its bound only with 32 blocks per
// reduction: at 16 the chain from one group's accumulator to the next
// (multiply, reduce, fold the lanes: about 40 cycles) is longer than the
// group's 24 cycles of multiplies.
package hashgen

import (
	"fmt"

	"github.com/fastaead/fastaead/asm/internal/aesasm"
	"github.com/mmcloughlin/avo/attr"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

var c = aesasm.Ctx

// numPowers is ghash.NumPowers and polyval.NumPowers: the table holds
// K_16 .. K_1, 16 bytes each, highest first.
const numPowers = 16

// midOff is the offset of the Karatsuba operand table (tables.pmid) from
// the powers (tables.pow): NumPowers + powPad entries of 16 bytes.
const midOff = 16 * (numPowers + 3)

// karatsuba selects, per register width in bytes, Karatsuba
// multiplication (three carry-less multiplies per block, with the pmid
// table) over schoolbook (four). Measured at 16 KiB, Karatsuba vs
// schoolbook: aesni 1701 vs 2266 ns, avx2 1532 vs 2106, vaes 792 vs 1042,
// avx512 395 vs 528; equal within noise at 64 bytes.
var karatsuba = map[int]bool{16: true, 32: true, 64: true}

// shiftReduce selects, per width, GFReduceShifts over GFReduce in the
// Update main loops, which the carry-less multiplier's throughput limits
// (2 to 4% faster at 16 KiB); the tail, whose one reduction is on the
// critical path of short inputs, always uses the multiply-based GFReduce
// (shorter latency: about 2 ns less at 64 bytes).
var shiftReduce = map[int]bool{16: true, 32: true, 64: true}

// wide512Min is the input length from which the zmm kernels compute
// K_17 .. K_32 (about 40 cycles) and absorb 32 blocks per reduction.
// Measured: 768 bytes 32 vs 38 ns with a threshold of 512 vs 1024, 512
// bytes equal; 1 KiB 37 vs 49 ns with 1024 vs 2048.
const wide512Min = 512

// group returns the number of blocks absorbed per reduction in the main
// loop at width w (the zmm kernels also have a 32-block loop). More than 8
// at xmm gains nothing once the reduction uses no multiplies (the three
// multiplies per block are the bound).
func group(w aesasm.Width) int {
	if w.Bytes == 16 {
		return 8
	}
	return 16
}

// Emit adds the update and init kernels of package pkg ("ghash" or
// "polyval") for every width to aesasm.Ctx.
func Emit(pkg string) {
	var swap bool
	switch pkg {
	case "ghash":
		swap = true
	case "polyval":
	default:
		panic("hashgen: unknown package " + pkg)
	}
	c.Package("github.com/fastaead/fastaead/" + pkg)
	c.ConstraintExpr("!purego")
	acc := "s" // the accumulator parameter's name in the declarations
	if swap {
		acc = "y"
	}
	for _, w := range aesasm.Widths {
		update(w, swap, acc)
	}
	for _, w := range aesasm.Widths {
		initPowers(w, pkg == "polyval")
	}
}

// xmmOf returns the xmm width with w's encoding.
func xmmOf(w aesasm.Width) aesasm.Width {
	return aesasm.Width{Tier: w.Tier, Suffix: w.Suffix, Bytes: 16, VEX: w.VEX}
}

// update emits update<tier>(t *tables, y *[16]byte, src []byte) (the
// accumulator parameter is named accParam); see the contract in
// ghash/ghash_asm.go.
//
// Structure, with R = register width in bytes, W = R/16 blocks per
// register and G = group(w) blocks per reduction:
//
//	load       y (byte-reversed for GHASH) into lane 0 of Y, other lanes 0
//	main loop  while 16G bytes remain: G/W registers of data, register j
//	           multiplied by the powers pow[16-G+jW ..] (K_G first), y
//	           XORed into block 0; the products summed unreduced, one
//	           reduction, the lanes folded into Y. Register 0, the one
//	           that depends on y, is multiplied last, so that the next
//	           group's independent products overlap the reduction.
//	tail       1..16G-1 bytes, g = ceil(len/16) blocks: one more group
//	           with powers from pow[16-g]; whole registers in a loop, then
//	           the final partial register (zero-padded: zmm byte-masked
//	           load, else copied to a zeroed stack buffer, cleared after);
//	           one reduction.
//	store      Y (byte-reversed for GHASH) to *y
//
// Every branch depends on len(src) only.
func update(w aesasm.Width, swap bool, accParam string) {
	name := "update" + w.Suffix
	c.Implement(name)
	c.Attributes(attr.NOSPLIT)
	R, W, G := w.Bytes, w.Blocks(), group(w)
	var buf Mem
	if R < 64 {
		buf = c.AllocLocal(R)
	}
	xw := xmmOf(w)
	powp, yp, src, n, tp, bufp, t64 := RAX, RDI, RSI, RDX, R10, R9, R8
	Y := w.Reg(0)
	acc := aesasm.GFAcc{Lo: w.Reg(1), Mid: w.Reg(2), Hi: w.Reg(3)}
	T, D, POLY, MASK, T2 := w.Reg(4), w.Reg(5), w.Reg(6), w.Reg(7), w.Reg(8)
	lbl := func(s string) string { return name + "_" + s }
	kara := karatsuba[R]
	mul := func(d VecPhysical, pw, pm Op, first bool) {
		if kara {
			w.GFMulAccKaratsuba(acc, d, pw, pm, T, T2, first)
		} else {
			w.GFMulAcc(acc, d, pw, T, first)
		}
	}
	reduce := func(inLoop bool) {
		if kara {
			w.GFKaratsubaFix(acc)
		}
		if inLoop && shiftReduce[R] {
			w.GFReduceShifts(acc, T, w.Reg(11), w.Reg(12), acc.Hi)
		} else {
			w.GFReduce(acc, POLY, T, acc.Hi)
		}
		w.GFFoldLanes(acc.Hi, T, aesasm.X(Y))
	}

	c.Load(c.Param("t"), powp)
	c.Load(c.Param(accParam), yp)
	c.Load(c.Param("src").Base(), src)
	c.Load(c.Param("src").Len(), n)

	w.Bcast(aesasm.PolyConst(), POLY)
	if swap {
		w.Bcast(aesasm.ByteSwapMask(), MASK)
	}
	c.Comment("Y = y in lane 0, zero in the others")
	xw.Load(Mem{Base: yp}, aesasm.X(Y))
	if swap {
		xw.Shuffle(aesasm.X(MASK), aesasm.X(Y))
	}

	loadData := func(m Mem, dst VecPhysical) {
		w.Load(m, dst)
		if swap {
			w.Shuffle(MASK, dst)
		}
	}

	// loop emits a loop absorbing G blocks per iteration, one reduction
	// each, with the powers (and Karatsuba operands) of register j in
	// pw[j] (pm[j]), while 16G bytes remain.
	loop := func(G int, pw, pm []Op) {
		regs := G / W
		top, done := lbl(fmt.Sprintf("loop%d", G)), lbl(fmt.Sprintf("loop%ddone", G))
		c.Label(top)
		c.CMPQ(n, U32(16*G))
		c.JB(LabelRef(done))
		c.Commentf("%d blocks, one reduction", G)
		for i := 0; i < regs; i++ {
			j := (i + 1) % regs // registers 1, 2, ..., regs-1, then 0
			loadData(Mem{Base: src, Disp: j * R}, D)
			if j == 0 {
				w.Xor(Y, D)
			}
			mul(D, pw[j], pm[j], i == 0)
		}
		reduce(true)
		c.ADDQ(U32(16*G), src)
		c.SUBQ(U32(16*G), n)
		c.JMP(LabelRef(top))
		c.Label(done)
	}
	// The powers of the G-block loop: K_G first, from the table.
	regs := G / W
	pw, pm := make([]Op, regs), make([]Op, regs)
	for j := range pw {
		m := Mem{Base: powp, Disp: 16 * (numPowers - G + j*W)}
		pw[j], pm[j] = m, m.Offset(midOff)
	}
	if R == 64 {
		// zmm: the powers live in registers 16..31 (the loops need no
		// loads for them): K_16 .. K_1 and their Karatsuba operands in
		// P[4..7], PM[4..7], loaded when a 16-block group exists; for long
		// inputs also K_32 .. K_17 in P[0..3], PM[0..3], computed here, and
		// a 32-block loop runs first.
		var P, PM []Op
		for j := range 8 {
			P = append(P, w.Reg(16+j))
			PM = append(PM, w.Reg(24+j))
		}
		c.CMPQ(n, U32(16*G))
		c.JB(LabelRef(lbl("tail")))
		for j := range 4 {
			w.Load(pw[j].(Mem), P[4+j].(VecPhysical))
			w.Load(pm[j].(Mem), PM[4+j].(VecPhysical))
		}
		c.CMPQ(n, U32(wide512Min))
		c.JB(LabelRef(lbl("loop16")))
		c.Comment("K_32 .. K_17 = K_16 .. K_1 times K_16 (B, BM: K_16 and its operand in every lane)")
		B, BM := w.Reg(9), w.Reg(10)
		c.VSHUFI64X2(U8(0), P[4], P[4], B)
		c.VSHUFI64X2(U8(0), PM[4], PM[4], BM)
		for j := range 4 {
			w.GFMulAccKaratsuba(acc, P[4+j].(VecPhysical), B, BM, T, T2, true)
			w.GFKaratsubaFix(acc)
			w.GFReduce(acc, POLY, T, P[j].(VecPhysical))
			w.GFMids(P[j].(VecPhysical), PM[j].(VecPhysical))
		}
		loop(32, P, PM)
		loop(16, P[4:], PM[4:])
	} else {
		loop(G, pw, pm)
	}

	c.Label(lbl("tail"))
	c.TESTQ(n, n)
	c.JZ(LabelRef(lbl("store")))
	c.Comment("g = ceil(len/16) blocks left: powers from pow[16-g]")
	c.LEAQ(Mem{Base: n, Disp: 15}, t64)
	c.ANDQ(I8(-16), t64)
	c.LEAQ(Mem{Base: powp, Disp: 16 * numPowers}, tp)
	c.SUBQ(t64, tp)
	w.Zero(acc.Lo)
	w.Zero(acc.Mid)
	w.Zero(acc.Hi)
	c.Label(lbl("tailloop"))
	c.CMPQ(n, U32(R))
	c.JB(LabelRef(lbl("partial")))
	loadData(Mem{Base: src}, D)
	w.Xor(Y, D)
	w.Zero(Y)
	mul(D, Mem{Base: tp}, Mem{Base: tp, Disp: midOff}, false)
	c.ADDQ(U32(R), src)
	c.ADDQ(U32(R), tp)
	c.SUBQ(U32(R), n)
	c.JMP(LabelRef(lbl("tailloop")))

	c.Label(lbl("partial"))
	c.TESTQ(n, n)
	c.JZ(LabelRef(lbl("reduce")))
	c.Commentf("final partial register: 1..%d bytes, zero-padded", R-1)
	if R == 64 {
		c.MOVQ(n, RCX)
		c.MOVQ(U32(1), t64)
		c.SHLQ(CL, t64)
		c.DECQ(t64)
		c.KMOVQ(t64, K1)
		c.VMOVDQU8_Z(Mem{Base: src}, K1, D)
		if swap {
			w.Shuffle(MASK, D)
		}
	} else {
		w.Zero(D)
		w.Store(D, buf)
		c.LEAQ(buf, bufp)
		type piece struct {
			size int
			mov  func(a, b Op)
			r    Register
		}
		pieces := []piece{
			{8, func(a, b Op) { c.MOVQ(a, b) }, t64},
			{4, func(a, b Op) { c.MOVL(a, b) }, R8L},
			{2, func(a, b Op) { c.MOVW(a, b) }, R8W},
			{1, func(a, b Op) { c.MOVB(a, b) }, R8B},
		}
		if R == 32 {
			pieces = append([]piece{{16, nil, nil}}, pieces...)
		}
		for _, p := range pieces {
			skip := lbl(fmt.Sprintf("no%d", p.size))
			c.TESTQ(U32(p.size), n)
			c.JZ(LabelRef(skip))
			if p.size == 16 {
				xw.Load(Mem{Base: src}, aesasm.X(T))
				xw.Store(aesasm.X(T), Mem{Base: bufp})
			} else {
				p.mov(Mem{Base: src}, p.r)
				p.mov(p.r, Mem{Base: bufp})
			}
			c.ADDQ(U8(p.size), src)
			c.ADDQ(U8(p.size), bufp)
			c.Label(skip)
		}
		loadData(buf, D)
		c.Comment("clear the copy from the stack")
		w.Zero(T)
		w.Store(T, buf)
	}
	w.Xor(Y, D)
	mul(D, Mem{Base: tp}, Mem{Base: tp, Disp: midOff}, false)

	c.Label(lbl("reduce"))
	reduce(false)

	c.Label(lbl("store"))
	if swap {
		xw.Shuffle(aesasm.X(MASK), aesasm.X(Y))
	}
	xw.Store(aesasm.X(Y), Mem{Base: yp})
	w.Vzeroupper()
	c.RET()
}

// initPowers emits init<tier>(t *tables, lo, hi uint64): pow = K_16 .. K_1
// from K_1 = hi:lo by doubling (see ghash/ghash_asm.go), with schoolbook
// GFMul (the chain of four dependent levels, not the multiplier, bounds
// it), and pmid: each power's Karatsuba operand (GFMids) stored next to it.
//
//	xmm          K_2 = K_1 K_1; K_3 = K_2 K_1, K_4 = K_2 K_2
//	xmm widths   K_5..K_8 = K_1..K_4 times K_4, K_9..K_16 = K_1..K_8
//	             times K_8, one xmm product each, the sources reloaded
//	             from the table (same-size store forwarding)
//	ymm          [K_4 K_3], [K_2 K_1] built from the xmm results; times
//	             K_4 broadcast, then the four registers times K_8
//	zmm          [K_4 K_3 K_2 K_1] built from the xmm results; times K_4
//	             broadcast gives [K_8 .. K_5]; both times K_8 broadcast
//
// Lane i of a register stored at pow[j] is pow[j+i]: highest power first.
//
// With short (package polyval), the kernel takes a fourth argument n and
// stops after K_8 .. K_1 when n <= 8 (the K_9 .. K_16 step is skipped: a
// branch on n, a public length).
func initPowers(w aesasm.Width, short bool) {
	name := "init" + w.Suffix
	done := name + "_done"
	// stopAt8 emits the early exit after K_8 .. K_1 are stored.
	stopAt8 := func() {
		if !short {
			return
		}
		c.Comment("n <= 8: K_8 .. K_1 are all the caller needs")
		c.Load(c.Param("n"), RCX)
		c.CMPQ(RCX, U8(8))
		c.JLE(LabelRef(done))
	}
	c.Implement(name)
	c.Attributes(attr.NOSPLIT)
	xw := xmmOf(w)
	powp := RAX
	at := func(i int) Mem { return Mem{Base: powp, Disp: 16 * i} }
	M := w.Reg(14)
	// store writes the power register v (of width ww) at pow[i] and its
	// Karatsuba operands at pmid[i].
	store := func(ww aesasm.Width, v VecPhysical, i int) {
		m := M
		if ww.Bytes == 16 {
			m = aesasm.X(M)
		}
		ww.Store(v, at(i))
		ww.GFMids(v, m)
		ww.Store(m, at(i).Offset(midOff))
	}
	acc := aesasm.GFAcc{Lo: w.Reg(1), Mid: w.Reg(2), Hi: w.Reg(3)}
	T, POLY := w.Reg(4), w.Reg(5)
	xacc := aesasm.GFAcc{Lo: aesasm.X(acc.Lo), Mid: aesasm.X(acc.Mid), Hi: aesasm.X(acc.Hi)}
	xT, xPOLY := aesasm.X(T), aesasm.X(POLY)
	// K_1 .. K_4 in xmm registers 8..11 (K[i] = K_(i+1)).
	K := []VecPhysical{aesasm.X(w.Reg(8)), aesasm.X(w.Reg(9)), aesasm.X(w.Reg(10)), aesasm.X(w.Reg(11))}

	c.Load(c.Param("t"), powp)
	w.Bcast(aesasm.PolyConst(), POLY)
	c.Comment("K_2 = K_1 K_1; K_3 = K_2 K_1; K_4 = K_2 K_2")
	c.Comment("K_1 = hi:lo from the arguments")
	c.Load(c.Param("lo"), RCX)
	c.Load(c.Param("hi"), RDX)
	if w.VEX {
		c.VMOVQ(RCX, K[0])
		c.VMOVQ(RDX, xT)
		c.VPUNPCKLQDQ(xT, K[0], K[0])
	} else {
		c.MOVQ(RCX, K[0])
		c.MOVQ(RDX, xT)
		c.PUNPCKLQDQ(xT, K[0])
	}
	xw.GFMul(K[0], K[0], xacc, xPOLY, xT, K[1])
	xw.GFMul(K[1], K[0], xacc, xPOLY, xT, K[2])
	xw.GFMul(K[1], K[1], xacc, xPOLY, xT, K[3])
	for i, k := range K {
		store(xw, k, 15-i)
	}

	switch w.Bytes {
	case 16:
		A, B := w.Reg(6), w.Reg(7)
		for _, s := range []int{4, 8} {
			c.Commentf("K_%d .. K_%d = K_%d .. K_1 times K_%d", 2*s, s+1, s, s)
			xw.Load(at(16-s), B)
			for j := 0; j < s; j++ {
				xw.Load(at(16-s+j), A)
				xw.GFMul(A, B, acc, POLY, T, A)
				store(xw, A, 16-2*s+j)
			}
			if s == 4 {
				stopAt8()
			}
		}
	case 32:
		V43, V21, B, V87, V65, P := w.Reg(6), w.Reg(7), w.Reg(12), w.Reg(13), w.Reg(15), w.Reg(0)
		c.Comment("[K_4 K_3], [K_2 K_1]; B = [K_4 K_4]")
		c.VINSERTI128(U8(1), K[2], aesasm.Y(K[3]), V43)
		c.VINSERTI128(U8(1), K[0], aesasm.Y(K[1]), V21)
		c.VPERMQ(U8(0x44), V43, B)
		c.Comment("[K_8 K_7] at pow[8], [K_6 K_5] at pow[10]")
		w.GFMul(V43, B, acc, POLY, T, V87)
		w.GFMul(V21, B, acc, POLY, T, V65)
		store(w, V87, 8)
		store(w, V65, 10)
		stopAt8()
		c.Comment("B = [K_8 K_8]; K_16 .. K_9 at pow[0..7]")
		c.VPERMQ(U8(0x44), V87, B)
		for j, v := range []VecPhysical{V87, V65, V43, V21} {
			w.GFMul(v, B, acc, POLY, T, P)
			store(w, P, 2*j)
		}
	default:
		Z, B, Z8, P := w.Reg(6), w.Reg(7), w.Reg(12), w.Reg(13)
		c.Comment("Z = [K_4 K_3 K_2 K_1]; B = K_4 in every lane")
		w.Mov(w.Reg(11), Z) // K_4 in lane 0, zero above (VEX-written)
		c.VINSERTI32X4(U8(1), K[2], Z, Z)
		c.VINSERTI32X4(U8(2), K[1], Z, Z)
		c.VINSERTI32X4(U8(3), K[0], Z, Z)
		c.VSHUFI64X2(U8(0), Z, Z, B)
		c.Comment("[K_8 .. K_5] at pow[8]")
		w.GFMul(Z, B, acc, POLY, T, Z8)
		store(w, Z8, 8)
		stopAt8()
		c.Comment("B = K_8 in every lane; [K_16 .. K_13] at pow[0], [K_12 .. K_9] at pow[4]")
		c.VSHUFI64X2(U8(0), Z8, Z8, B)
		w.GFMul(Z8, B, acc, POLY, T, P)
		store(w, P, 0)
		w.GFMul(Z, B, acc, POLY, T, P)
		store(w, P, 4)
	}
	if short {
		c.Label(done)
	}
	w.Vzeroupper()
	c.RET()
}
