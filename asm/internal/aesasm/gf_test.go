package aesasm

import (
	"encoding/hex"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"testing"

	"github.com/mmcloughlin/avo/attr"
	"github.com/mmcloughlin/avo/ir"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// The GF(2^128) helpers are checked by running what they emit: a small
// interpreter (vm) executes the instructions of a function built in Ctx on
// 32 registers of 512 bits, and the results are compared, lane by lane,
// with a bit-at-a-time reference of POLYVAL's dot product. Every width is
// covered, so the legacy two-operand forms, the VEX forms, the Raw
// VPCLMULQDQ on ymm/zmm and VPTERNLOGD all run. The kernels built from
// these helpers are tested against the Go code in packages ghash and
// polyval.

// elem is a field element: quadword 0 (lo) and 1 (hi).
type elem [2]uint64

// refDot is POLYVAL's dot(a, b) = a b x^-128 mod x^128 + x^127 + x^126 +
// x^121 + 1, bit by bit.
func refDot(a, b elem) elem {
	// 256-bit carry-less product.
	var p [4]uint64
	for i := 0; i < 128; i++ {
		if a[i/64]>>(i%64)&1 == 0 {
			continue
		}
		for j := 0; j < 128; j++ {
			if b[j/64]>>(j%64)&1 == 1 {
				k := i + j
				p[k/64] ^= 1 << (k % 64)
			}
		}
	}
	// Divide by x 128 times mod Q: add Q when the constant term is set,
	// then shift right. Q = x^128 + x^127 + x^126 + x^121 + 1.
	for range 128 {
		if p[0]&1 == 1 {
			p[0] ^= 1
			p[1] ^= 1<<(121-64) | 1<<(126-64) | 1<<(127-64)
			p[2] ^= 1
		}
		p[0] = p[0]>>1 | p[1]<<63
		p[1] = p[1]>>1 | p[2]<<63
		p[2] = p[2]>>1 | p[3]<<63
		p[3] >>= 1
	}
	if p[2] != 0 || p[3] != 0 {
		panic("refDot: not reduced")
	}
	return elem{p[0], p[1]}
}

// clmul64 is the 128-bit carry-less product of two quadwords.
func clmul64(a, b uint64) (lo, hi uint64) {
	for i := 0; i < 64; i++ {
		if b>>i&1 == 1 {
			lo ^= a << i
			if i > 0 {
				hi ^= a >> (64 - i)
			}
		}
	}
	return lo, hi
}

// vm is the register file: 32 registers of eight quadwords.
type vm struct{ z [32][8]uint64 }

func (m *vm) read(op Op) [8]uint64 {
	r := op.(reg.VecPhysical)
	v := m.z[r.PhysicalIndex()]
	for i := int(r.Size() / 8); i < 8; i++ {
		v[i] = 0
	}
	return v
}

// write sets register op to v; VEX/EVEX writes clear the bits above the
// operand's size, legacy SSE writes keep them.
func (m *vm) write(op Op, v [8]uint64, legacy bool) {
	r := op.(reg.VecPhysical)
	n := int(r.Size() / 8)
	d := &m.z[r.PhysicalIndex()]
	for i := 0; i < 8; i++ {
		switch {
		case i < n:
			d[i] = v[i]
		case !legacy:
			d[i] = 0
		}
	}
}

func imm(op Op) uint8 { return uint8(op.(U8)) }

// run executes the instructions of fn.
func (m *vm) run(t *testing.T, fn *ir.Function) {
	t.Helper()
	for _, n := range fn.Nodes {
		in, ok := n.(*ir.Instruction)
		if !ok {
			continue
		}
		ops := in.Operands
		lanes := func(op Op) int { return int(op.(reg.VecPhysical).Size() / 16) }
		switch in.Opcode {
		case "RET":
		case "MOVO", "VMOVDQA", "VMOVDQA64":
			m.write(ops[1], m.read(ops[0]), in.Opcode == "MOVO")
		case "PXOR", "VPXOR", "VPXORD":
			a, b := m.read(ops[0]), m.read(ops[1])
			var v [8]uint64
			for i := range v {
				v[i] = a[i] ^ b[i]
			}
			m.write(ops[len(ops)-1], v, in.Opcode == "PXOR")
		case "VPTERNLOGD":
			if imm(ops[0]) != 0x96 {
				t.Fatalf("VPTERNLOGD $%#x not modelled", imm(ops[0]))
			}
			a, b, c := m.read(ops[1]), m.read(ops[2]), m.read(ops[3])
			var v [8]uint64
			for i := range v {
				v[i] = a[i] ^ b[i] ^ c[i]
			}
			m.write(ops[3], v, false)
		case "PCLMULQDQ", "VPCLMULQDQ":
			// Go order: $imm, src2, src1[, dst]; bit 0 selects src1's
			// quadword, bit 4 src2's.
			k := imm(ops[0])
			s2 := m.read(ops[1])
			s1 := m.read(ops[len(ops)-2])
			if in.Opcode == "PCLMULQDQ" {
				s1 = m.read(ops[2])
			}
			var v [8]uint64
			for l := 0; l < lanes(ops[len(ops)-1]); l++ {
				v[2*l], v[2*l+1] = clmul64(s1[2*l+int(k&1)], s2[2*l+int(k>>4&1)])
			}
			m.write(ops[len(ops)-1], v, in.Opcode == "PCLMULQDQ")
		case "PSHUFD", "VPSHUFD":
			if imm(ops[0]) != 0x4e {
				t.Fatalf("PSHUFD $%#x not modelled", imm(ops[0]))
			}
			s := m.read(ops[1])
			var v [8]uint64
			for i := 0; i < 8; i += 2 {
				v[i], v[i+1] = s[i+1], s[i]
			}
			m.write(ops[2], v, in.Opcode == "PSHUFD")
		case "PSLLQ", "PSRLQ", "VPSLLQ", "VPSRLQ":
			k := imm(ops[0])
			s := m.read(ops[1])
			var v [8]uint64
			for i := range v {
				if in.Opcode[len(in.Opcode)-3] == 'L' {
					v[i] = s[i] << k
				} else {
					v[i] = s[i] >> k
				}
			}
			m.write(ops[len(ops)-1], v, in.Opcode[0] == 'P')
		case "PUNPCKLQDQ", "VPUNPCKLQDQ":
			// dst = [src1.q0, src2.q0] per lane; Go order src2, src1[, dst].
			s2 := m.read(ops[0])
			s1 := m.read(ops[1])
			var v [8]uint64
			for i := 0; i < 8; i += 2 {
				v[i], v[i+1] = s1[i], s2[i]
			}
			m.write(ops[len(ops)-1], v, in.Opcode[0] == 'P')
		case "VEXTRACTI128", "VEXTRACTI32X4", "VEXTRACTI64X4":
			k := int(imm(ops[0]))
			s := m.read(ops[1])
			q := int(ops[2].(reg.VecPhysical).Size() / 8)
			var v [8]uint64
			copy(v[:q], s[k*q:])
			m.write(ops[2], v, false)
		default:
			t.Fatalf("instruction %s not modelled", in.Opcode)
		}
	}
}

var fnSeq int

// emit builds a function in Ctx with body and returns it.
func emit(t *testing.T, body func()) *ir.Function {
	t.Helper()
	fnSeq++
	name := fmt.Sprintf("gftest%d", fnSeq)
	Ctx.Function(name)
	Ctx.Attributes(attr.NOSPLIT)
	body()
	Ctx.RET()
	f, err := Ctx.Result()
	if err != nil {
		t.Fatal(err)
	}
	for _, fn := range f.Functions() {
		if fn.Name == name {
			return fn
		}
	}
	t.Fatal("function not found")
	return nil
}

func randLanes(r *rand.Rand) [8]uint64 {
	var v [8]uint64
	for i := range v {
		v[i] = r.Uint64()
	}
	return v
}

func lane(v [8]uint64, l int) elem { return elem{v[2*l], v[2*l+1]} }

var polyLanes = [8]uint64{1, 0xc200000000000000, 1, 0xc200000000000000, 1, 0xc200000000000000, 1, 0xc200000000000000}

// TestGFArithmetic runs, at every width, two products summed and reduced
// (schoolbook with GFReduce, Karatsuba with GFReduceShifts), GFMul, and
// the lane fold, on random and extreme values.
func TestGFArithmetic(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, w := range Widths {
		t.Run(w.Suffix, func(t *testing.T) {
			a, b, c, d := w.Reg(1), w.Reg(2), w.Reg(3), w.Reg(4)
			acc := GFAcc{Lo: w.Reg(5), Mid: w.Reg(6), Hi: w.Reg(7)}
			tmp, tmp2, tmp3, poly, dst := w.Reg(8), w.Reg(9), w.Reg(10), w.Reg(11), w.Reg(12)
			bx, dx, fold := w.Reg(13), w.Reg(14), X(w.Reg(15))
			school := emit(t, func() {
				w.GFMulAcc(acc, a, b, tmp, true)
				w.GFMulAcc(acc, c, d, tmp, false)
				w.GFReduce(acc, poly, tmp, dst)
				w.GFFoldLanes(dst, tmp, fold)
			})
			kara := emit(t, func() {
				w.GFMids(b, bx)
				w.GFMids(d, dx)
				w.GFMulAccKaratsuba(acc, a, b, bx, tmp, tmp2, true)
				w.GFMulAccKaratsuba(acc, c, d, dx, tmp, tmp2, false)
				w.GFKaratsubaFix(acc)
				w.GFReduceShifts(acc, tmp, tmp2, tmp3, dst)
				w.GFFoldLanes(dst, tmp, fold)
			})
			mul := emit(t, func() {
				w.GFMul(a, b, acc, poly, tmp, a) // dst aliasing a
			})
			ones := [8]uint64{^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)}
			for iter := 0; iter < 200; iter++ {
				var in [4][8]uint64
				for i := range in {
					in[i] = randLanes(r)
					if iter < 16 && iter>>i&1 == 1 {
						in[i] = ones
					}
				}
				for _, prog := range []*ir.Function{school, kara} {
					var m vm
					for i, x := range in {
						m.z[1+i] = x
					}
					m.z[11] = polyLanes
					m.run(t, prog)
					var sum elem
					for l := 0; l < w.Blocks(); l++ {
						p := refDot(lane(in[0], l), lane(in[1], l))
						q := refDot(lane(in[2], l), lane(in[3], l))
						want := elem{p[0] ^ q[0], p[1] ^ q[1]}
						if got := lane(m.z[12], l); got != want {
							t.Fatalf("%s lane %d: a*b + c*d = %x, want %x", prog.Name, l, got, want)
						}
						sum[0] ^= want[0]
						sum[1] ^= want[1]
					}
					if got := lane(m.z[15], 0); got != sum || m.z[15][2]|m.z[15][3] != 0 && w.VEX {
						t.Fatalf("%s: folded lanes %x, want %x", prog.Name, m.z[15][:4], sum)
					}
				}
				var m vm
				m.z[1], m.z[2], m.z[11] = in[0], in[1], polyLanes
				m.run(t, mul)
				for l := 0; l < w.Blocks(); l++ {
					if got, want := lane(m.z[1], l), refDot(lane(in[0], l), lane(in[1], l)); got != want {
						t.Fatalf("GFMul lane %d: %x, want %x", l, got, want)
					}
				}
			}
		})
	}
}

// The reference itself, against RFC 8452 Appendix A: dot(X1, H) and then
// dot(dot(X1, H) + X2, H) give the document's POLYVAL value.
func TestRefDot(t *testing.T) {
	le := func(s string) elem {
		b, err := hex.DecodeString(s)
		if err != nil || len(b) != 16 {
			t.Fatal(s, err)
		}
		var e elem
		for i := 0; i < 8; i++ {
			e[0] |= uint64(b[i]) << (8 * i)
			e[1] |= uint64(b[8+i]) << (8 * i)
		}
		return e
	}
	h := le("25629347589242761d31f826ba4b757b")
	s := refDot(le("4f4f95668c83dfb6401762bb2d01a262"), h)
	x2 := le("d1a24ddd2721d006bbe45f20d3c9f362")
	s = refDot(elem{s[0] ^ x2[0], s[1] ^ x2[1]}, h)
	if want := le("f7a3b47b846119fae5b7866cf5e5b77e"); s != want {
		t.Fatalf("POLYVAL = %x, want %x", s, want)
	}
	if lo, hi := clmul64(^uint64(0), ^uint64(0)); bits.OnesCount64(lo)+bits.OnesCount64(hi) != 64 {
		t.Fatalf("clmul64(ones, ones) = %x %x", hi, lo)
	}
}

// Misuse panics at generation time.
func TestGFChecks(t *testing.T) {
	acc := GFAcc{Lo: reg.X1, Mid: reg.X2, Hi: reg.X3}
	mustPanic(t, "a aliasing acc", func() { AVX.GFMulAcc(acc, reg.X1, reg.X4, reg.X5, true) })
	mustPanic(t, "b aliasing tmp", func() { AVX.GFMulAcc(acc, reg.X4, reg.X5, reg.X5, true) })
	mustPanic(t, "width mismatch", func() { YMM.GFMulAcc(acc, reg.X4, reg.X5, reg.X6, true) })
	mustPanic(t, "dst = tmp", func() { AVX.GFReduce(acc, reg.X4, reg.X5, reg.X5) })
	mustPanic(t, "fold into tmp", func() { ZMM.GFFoldLanes(reg.Z1, reg.Z2, reg.X2) })
	mustPanic(t, "SSE Karatsuba tmp2 aliasing", func() { SSE.GFMulAccKaratsuba(acc, reg.X4, reg.X5, reg.X6, reg.X7, reg.X7, true) })
}
