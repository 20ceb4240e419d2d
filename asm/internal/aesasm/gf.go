package aesasm

import (
	"fmt"

	"github.com/fastaead/fastaead/internal/gen"

	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// GF(2^128) arithmetic for GHASH and POLYVAL, per 128-bit lane, at every
// Width.
//
// Representation. Everything is in POLYVAL's representation (RFC 8452):
// a field element is 128 bits read little-endian, quadword 0 (lo) holding
// the coefficients of x^0..x^63 and quadword 1 (hi) those of x^64..x^127,
// and the field is GF(2)[x] / Q with Q = x^128 + x^127 + x^126 + x^121 + 1.
// The product the helpers compute is POLYVAL's dot(a, b) = a * b * x^-128
// mod Q. GHASH uses the same arithmetic (RFC 8452 Appendix A): byte-reverse
// every GCM block (PSHUFB with ByteSwapMask, the accumulator too) and use
// the key K = mulX_POLYVAL(ByteReverse(H)); packages ghash and polyval
// store their keys and power tables (Powers) in this form already.
//
// Multiplication. GFMulAcc is the schoolbook method of Gueron and Kounavis
// ("Intel Carry-Less Multiplication Instruction and its Usage for
// Computing the GCM Mode", 2014): four PCLMULQDQ per 128-bit product,
//
//	a * b = a1b1 x^128 + (a0b1 + a1b0) x^64 + a0b0,
//
// kept unreduced in three registers (GFAcc: Lo = a0b0, Mid = a0b1 + a1b0,
// Hi = a1b1) so that many products can be summed and reduced once
// (aggregated reduction: reduction is linear). GFMulAccKaratsuba computes
// Mid as (a0 + a1)(b0 + b1) instead, three multiplies, with the (b0 + b1)
// operands precomputed (ghash/polyval Key.PowerMids) and (a0 + a1) formed
// by a PSHUFD and a PXOR; GFKaratsubaFix adds Lo + Hi to Mid once per sum.
//
// Which is faster was measured on the target (AMD EPYC Zen 5, ~4 GHz):
// VPCLMULQDQ there issues once per two cycles at every width (xmm, ymm
// and zmm alike; latency 5), while shuffles and XORs issue four per
// cycle, so the multiply count decides throughput. The Update kernels of
// package ghash at 16 KiB (fastest of 15 runs, Karatsuba vs schoolbook):
// aesni 1701 vs 2266 ns, avx2 1532 vs 2106, vaes 792 vs 1042, avx512 395
// vs 528; at 64 bytes the two are within noise. The kernels use Karatsuba
// at every width; GFMulAcc (schoolbook, no operand table) remains for
// code where the multiplier is not the bottleneck (key powers).
//
// Reduction (GFReduce) is the two-step Montgomery fold of Gueron's
// POLYVAL/GCM-SIV work: since Q = 1 mod x^64, adding T0 * Q for the low
// quadword T0 of a value clears it, and dividing by x^64 leaves
//
//	T / x^64 + T0 * (x^63 + x^62 + x^57) + T0 * x^64,
//
// where (x^63 + x^62 + x^57) is the high quadword 0xc200000000000000 of
// PolyConst. One fold of Lo's low quadword goes into Mid, one fold of the
// result's low quadword goes into Hi: two carry-less multiplies, two
// PSHUFD (quadword swaps) and four XORs (two VPTERNLOGD at the zmm width),
// with no byte shifts. GFReduceShifts forms the same two products from
// 64-bit shifts, which frees the multiplier where it is the bottleneck
// (about 3% at 16 KiB) at the cost of latency (about 2 ns at 64 bytes):
// the Update kernels use it in their main loops only.

// PolyConst returns a 16-byte DATA constant: the POLYVAL reduction constant
// 0xc2000000000000000000000000000001 as two little-endian quadwords
// (lo = 1, hi = 0xc200000000000000), loadable with w.Bcast. GFReduce reads
// its high quadword.
func PolyConst() Mem {
	return global("gfPoly", PolyWords())
}

// PolyWords returns gen.PolyLo, gen.PolyHi as four little-endian 32-bit
// words, for DATA constants.
func PolyWords() []uint32 {
	lo, hi := gen.PolyLo, gen.PolyHi
	return []uint32{uint32(lo), uint32(lo >> 32), uint32(hi), uint32(hi >> 32)}
}

// ByteSwapMask returns a 16-byte DATA constant: the PSHUFB mask that
// reverses the 16 bytes of a block (GCM block <-> POLYVAL element; not to
// be confused with SwapMask, which reverses the counter bytes 12..15
// only), loadable with w.Bcast.
func ByteSwapMask() Mem {
	return global("gfByteSwap", []uint32{0x0c0d0e0f, 0x08090a0b, 0x04050607, 0x00010203})
}

// GFAcc holds an unreduced 256-bit product per 128-bit lane, as the sum
// Hi x^128 + Mid x^64 + Lo; the three registers must be distinct.
type GFAcc struct{ Lo, Mid, Hi reg.VecPhysical }

// clmul emits dst = the carry-less product of quadword qa of the register
// a and quadword qb of b (a register or memory), per lane, in the
// three-operand form (VEX/EVEX widths only).
func (w Width) clmul(qa, qb int, a reg.VecPhysical, b Op, dst reg.VecPhysical) {
	imm := uint8(qa | qb<<4) // Intel: imm bit 0 selects src1 (a), bit 4 src2 (b)
	if w.Bytes == 16 {
		Ctx.VPCLMULQDQ(U8(imm), b, a, dst)
		return
	}
	WideCLMUL(imm, b, a, dst)
}

// loadOrMov copies b (a register or memory) to dst.
func (w Width) loadOrMov(b Op, dst reg.VecPhysical) {
	if m, ok := b.(Mem); ok {
		w.Load(m, dst)
		return
	}
	w.Mov(b.(reg.VecPhysical), dst)
}

func (w Width) checkRegs(what string, rs ...reg.VecPhysical) {
	for i, r := range rs {
		if r.Size() != uint(w.Bytes) {
			panic(fmt.Sprintf("aesasm: %s at %s width: register %s", what, w.Suffix, r.Asm()))
		}
		for _, s := range rs[:i] {
			if s.PhysicalIndex() == r.PhysicalIndex() {
				panic(fmt.Sprintf("aesasm: %s: register %s used twice", what, r.Asm()))
			}
		}
	}
}

// GFMulAcc sets acc (+)= a * b per lane, unreduced: first = true assigns
// (acc = a * b) instead of XORing. b is a register or a memory operand of
// the register's width (a powers table entry: with w.Bytes = 16 * n it
// multiplies lane i of a by the element at b + 16i); tmp is scratch. a,
// tmp and the three registers of acc must be distinct registers of the
// width's size, and b must not be one of acc's or tmp. a and b are left
// unchanged. Four carry-less multiplies and four XORs (three when first);
// on the legacy SSE encoding, b is first copied (MOVOU/MOVO) into each
// product's destination, so memory needs no alignment.
func (w Width) GFMulAcc(acc GFAcc, a reg.VecPhysical, b Op, tmp reg.VecPhysical, first bool) {
	w.checkRegs("GFMulAcc", acc.Lo, acc.Mid, acc.Hi, a, tmp)
	if r, ok := b.(reg.VecPhysical); ok {
		if r.Size() != uint(w.Bytes) {
			panic(fmt.Sprintf("aesasm: GFMulAcc at %s width: operand %s", w.Suffix, r.Asm()))
		}
		for _, s := range []reg.VecPhysical{acc.Lo, acc.Mid, acc.Hi, tmp} {
			if s.PhysicalIndex() == r.PhysicalIndex() {
				panic("aesasm: GFMulAcc: b aliases an output register")
			}
		}
	}
	type product struct {
		qa, qb int
		dst    reg.VecPhysical
	}
	ps := []product{{0, 0, acc.Lo}, {1, 1, acc.Hi}, {0, 1, acc.Mid}, {1, 0, acc.Mid}}
	for i, p := range ps {
		// The first product into each register assigns when first is set.
		assign := first && i < 3
		d := p.dst
		if !assign {
			d = tmp
		}
		if !w.VEX {
			// Legacy PCLMULQDQ $imm, src, dst: bit 0 selects dst's
			// quadword, bit 4 src's. dst holds a copy of b.
			w.loadOrMov(b, d)
			Ctx.PCLMULQDQ(U8(uint8(p.qb|p.qa<<4)), a, d)
		} else {
			w.clmul(p.qa, p.qb, a, b, d)
		}
		if !assign {
			w.Xor(tmp, p.dst)
		}
	}
}

// GFMulAccKaratsuba sets acc (+)= a * b per lane in Karatsuba form:
// Lo (+)= a0 b0, Hi (+)= a1 b1, Mid (+)= (a0 + a1)(b0 + b1), three
// carry-less multiplies instead of four. bx is b's Karatsuba operand, a
// register or memory holding b0 + b1 in the low quadword of every lane
// (tables such as ghash.Key.PowerMids hold it in both quadwords). A sum of
// such products must be converted with GFKaratsubaFix before GFReduce
// (once per sum: the conversion is linear). a's operand a0 + a1 is formed
// in tmp (PSHUFD, PXOR); tmp2 is scratch on the legacy SSE encoding only
// (it may be any register at the other widths and is not written). The
// register constraints of GFMulAcc apply to a, b, bx, tmp and tmp2.
func (w Width) GFMulAccKaratsuba(acc GFAcc, a reg.VecPhysical, b, bx Op, tmp, tmp2 reg.VecPhysical, first bool) {
	if w.VEX {
		w.checkRegs("GFMulAccKaratsuba", acc.Lo, acc.Mid, acc.Hi, a, tmp)
	} else {
		w.checkRegs("GFMulAccKaratsuba", acc.Lo, acc.Mid, acc.Hi, a, tmp, tmp2)
	}
	outs := []reg.VecPhysical{acc.Lo, acc.Mid, acc.Hi, tmp}
	if !w.VEX {
		outs = append(outs, tmp2)
	}
	for _, op := range []Op{b, bx} {
		if r, ok := op.(reg.VecPhysical); ok {
			if r.Size() != uint(w.Bytes) {
				panic(fmt.Sprintf("aesasm: GFMulAccKaratsuba at %s width: operand %s", w.Suffix, r.Asm()))
			}
			for _, s := range outs {
				if s.PhysicalIndex() == r.PhysicalIndex() {
					panic("aesasm: GFMulAccKaratsuba: an operand aliases an output register")
				}
			}
		}
	}
	// tmp = a0 + a1 in the low quadword (and the high one).
	w.swapQ(a, tmp)
	w.Xor(a, tmp)
	if !w.VEX {
		mid := tmp2
		if first {
			mid = acc.Mid
		}
		w.loadOrMov(bx, mid)
		Ctx.PCLMULQDQ(U8(0x00), tmp, mid)
		if !first {
			w.Xor(tmp2, acc.Mid)
		}
		for _, p := range []struct {
			q   int
			dst reg.VecPhysical
		}{{0, acc.Lo}, {1, acc.Hi}} {
			d := tmp
			if first {
				d = p.dst
			}
			w.loadOrMov(b, d)
			Ctx.PCLMULQDQ(U8(uint8(p.q|p.q<<4)), a, d)
			if !first {
				w.Xor(tmp, p.dst)
			}
		}
		return
	}
	if first {
		w.clmul(0, 0, tmp, bx, acc.Mid)
		w.clmul(0, 0, a, b, acc.Lo)
		w.clmul(1, 1, a, b, acc.Hi)
		return
	}
	w.clmul(0, 0, tmp, bx, tmp)
	w.Xor(tmp, acc.Mid)
	w.clmul(0, 0, a, b, tmp)
	w.Xor(tmp, acc.Lo)
	w.clmul(1, 1, a, b, tmp)
	w.Xor(tmp, acc.Hi)
}

// GFKaratsubaFix converts a sum of GFMulAccKaratsuba products to the form
// GFReduce takes: Mid += Lo + Hi.
func (w Width) GFKaratsubaFix(acc GFAcc) {
	w.checkRegs("GFKaratsubaFix", acc.Lo, acc.Mid, acc.Hi)
	w.xor3(acc.Lo, acc.Hi, acc.Mid)
}

// GFMids sets dst to the Karatsuba operand of every lane of src: the XOR
// of its two quadwords, in both (the entries of a PowerMids table).
func (w Width) GFMids(src, dst reg.VecPhysical) {
	w.checkRegs("GFMids", src, dst)
	w.swapQ(src, dst)
	w.Xor(src, dst)
}

// swapQ swaps the two quadwords of every lane of src into dst.
func (w Width) swapQ(src, dst reg.VecPhysical) {
	if !w.VEX {
		Ctx.PSHUFD(U8(0x4e), src, dst)
		return
	}
	Ctx.VPSHUFD(U8(0x4e), src, dst)
}

// xor3 sets dst ^= a ^ b.
func (w Width) xor3(a, b, dst reg.VecPhysical) {
	if w.Bytes == 64 {
		Ctx.VPTERNLOGD(U8(0x96), a, b, dst)
		return
	}
	w.Xor(a, dst)
	w.Xor(b, dst)
}

// GFReduce sets dst = acc * x^-128 mod x^128 + x^127 + x^126 + x^121 + 1
// per lane (the two-step fold described above), where poly holds PolyConst
// (w.Bcast) and tmp is scratch. acc's registers are clobbered; dst may be
// any of them or a further register (not poly or tmp). The result is fully
// reduced (degree < 128).
func (w Width) GFReduce(acc GFAcc, poly, tmp, dst reg.VecPhysical) {
	w.checkRegs("GFReduce", acc.Lo, acc.Mid, acc.Hi, poly, tmp)
	if dst.Size() != uint(w.Bytes) || dst.PhysicalIndex() == poly.PhysicalIndex() || dst.PhysicalIndex() == tmp.PhysicalIndex() {
		panic("aesasm: GFReduce: bad dst " + dst.Asm())
	}
	fold := func(src reg.VecPhysical) { // tmp = src.q0 * poly.q1
		if !w.VEX {
			w.Mov(src, tmp)
			Ctx.PCLMULQDQ(U8(0x10), poly, tmp)
			return
		}
		w.clmul(0, 1, src, poly, tmp)
	}
	// Step 1: Mid += swap(Lo) + Lo.q0 * c2.
	fold(acc.Lo)
	w.swapQ(acc.Lo, acc.Lo)
	w.xor3(tmp, acc.Lo, acc.Mid)
	// Step 2: dst = Hi + swap(Mid) + Mid.q0 * c2.
	fold(acc.Mid)
	w.swapQ(acc.Mid, acc.Mid)
	switch dst.PhysicalIndex() {
	case acc.Mid.PhysicalIndex():
		w.xor3(tmp, acc.Hi, acc.Mid)
	case acc.Hi.PhysicalIndex():
		w.xor3(tmp, acc.Mid, acc.Hi)
	default:
		w.xor3(tmp, acc.Mid, acc.Hi)
		w.Mov(acc.Hi, dst)
	}
}

// GFReduceShifts is GFReduce without carry-less multiplies: the product
// T0 * (x^63 + x^62 + x^57) of each step is formed from 64-bit shifts,
//
//	[ T0<<63 + T0<<62 + T0<<57 , T0>>1 + T0>>2 + T0>>7 ]
//
// (its low and high quadword), the halves paired by PUNPCKLQDQ. It costs
// six shifts and a few XORs per step instead of one multiply, for code
// whose throughput the carry-less multiplier limits (its latency is a
// little longer). tmp, tmp2 and tmp3 are scratch; acc is clobbered; dst
// as for GFReduce.
func (w Width) GFReduceShifts(acc GFAcc, tmp, tmp2, tmp3, dst reg.VecPhysical) {
	w.checkRegs("GFReduceShifts", acc.Lo, acc.Mid, acc.Hi, tmp, tmp2, tmp3)
	for _, t := range []reg.VecPhysical{tmp, tmp2, tmp3} {
		if dst.Size() != uint(w.Bytes) || dst.PhysicalIndex() == t.PhysicalIndex() {
			panic("aesasm: GFReduceShifts: bad dst " + dst.Asm())
		}
	}
	// fold sets tmp to the product of src's low quadword and
	// x^63 + x^62 + x^57, per lane; src is unchanged.
	fold := func(src reg.VecPhysical) {
		l, r := tmp, tmp2
		shift := func(left bool, imm uint8, d reg.VecPhysical) {
			switch {
			case !w.VEX && left:
				Ctx.MOVO(src, d)
				Ctx.PSLLQ(U8(imm), d)
			case !w.VEX:
				Ctx.MOVO(src, d)
				Ctx.PSRLQ(U8(imm), d)
			case left:
				Ctx.VPSLLQ(U8(imm), src, d)
			default:
				Ctx.VPSRLQ(U8(imm), src, d)
			}
		}
		if w.Bytes == 64 {
			shift(true, 63, l)
			shift(true, 62, r)
			shift(true, 57, tmp3)
			w.xor3(r, tmp3, l)
		} else {
			shift(true, 63, l)
			shift(true, 62, tmp3)
			w.Xor(tmp3, l)
			shift(true, 57, tmp3)
			w.Xor(tmp3, l)
		}
		shift(false, 1, r)
		shift(false, 2, tmp3)
		w.Xor(tmp3, r)
		shift(false, 7, tmp3)
		w.Xor(tmp3, r)
		if w.VEX {
			Ctx.VPUNPCKLQDQ(r, l, l)
		} else {
			Ctx.PUNPCKLQDQ(r, l)
		}
	}
	// Step 1: Mid += swap(Lo) + Lo.q0 * c2.
	fold(acc.Lo)
	w.swapQ(acc.Lo, acc.Lo)
	w.xor3(tmp, acc.Lo, acc.Mid)
	// Step 2: dst = Hi + swap(Mid) + Mid.q0 * c2.
	fold(acc.Mid)
	w.swapQ(acc.Mid, acc.Mid)
	switch dst.PhysicalIndex() {
	case acc.Mid.PhysicalIndex():
		w.xor3(tmp, acc.Hi, acc.Mid)
	case acc.Hi.PhysicalIndex():
		w.xor3(tmp, acc.Mid, acc.Hi)
	default:
		w.xor3(tmp, acc.Mid, acc.Hi)
		w.Mov(acc.Hi, dst)
	}
}

// GFMul sets dst = a * b * x^-128 mod Q per lane: GFMulAcc with first set,
// then GFReduce. acc and tmp are scratch; the constraints of both apply
// (dst may be a, or a register of acc).
func (w Width) GFMul(a reg.VecPhysical, b Op, acc GFAcc, poly, tmp, dst reg.VecPhysical) {
	w.GFMulAcc(acc, a, b, tmp, true)
	w.GFReduce(acc, poly, tmp, dst)
}

// GFFoldLanes sets the xmm register dstX to the XOR of all 128-bit lanes
// of src (a plain move, or nothing, at the xmm widths). tmp is scratch of
// the width's size; src is left unchanged unless dstX is X(src). dstX must
// not be X(tmp). The result is VEX/EVEX-encoded at the ymm and zmm widths,
// so the register's upper bits are zeroed.
func (w Width) GFFoldLanes(src, tmp reg.VecPhysical, dstX reg.VecPhysical) {
	w.checkRegs("GFFoldLanes", src, tmp)
	if dstX.Size() != 16 || dstX.PhysicalIndex() == tmp.PhysicalIndex() {
		panic("aesasm: GFFoldLanes: bad dst " + dstX.Asm())
	}
	switch w.Bytes {
	case 16:
		if dstX.PhysicalIndex() != src.PhysicalIndex() {
			w.Mov(src, dstX)
		}
	case 32:
		Ctx.VEXTRACTI128(U8(1), src, X(tmp))
		Ctx.VPXOR(X(tmp), X(src), dstX)
	default:
		Ctx.VEXTRACTI64X4(U8(1), src, Y(tmp))
		Ctx.VPXORD(Y(tmp), Y(src), Y(tmp))
		Ctx.VEXTRACTI32X4(U8(1), Y(tmp), dstX)
		Ctx.VPXORD(X(tmp), dstX, dstX)
	}
}
