// Package aesasm holds the Avo building blocks that fastaead's amd64
// generators share: one vector instruction vocabulary parameterised by
// register width and encoding (Width), AES round sequences for 10, 12 and
// 14 rounds, round-key broadcast loads, counter-increment helpers, and the
// Generate entry point that writes a replayable header.
//
// A kernel family is described once, in terms of Width methods, and
// emitted for every tier:
//
//	SSE  xmm, legacy SSE encoding      (tier aesni)
//	AVX  xmm, VEX encoding             (tier avx2)
//	YMM  ymm, VEX encoding, VAES       (tier vaes)
//	ZMM  zmm, EVEX encoding, VAES      (tier avx512)
//
// Operations are written in place (dst op= src), which maps onto both the
// two-operand legacy forms and the three-operand VEX/EVEX forms.
package aesasm

import (
	"fmt"
	"strings"

	"github.com/fastaead/fastaead/internal/cpu"
	"github.com/mmcloughlin/avo/build"
	"github.com/mmcloughlin/avo/ir"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// Ctx is the build context every generator and helper emits into; see
// Generate.
var Ctx = build.NewContext()

// Width is a vector register width together with its encoding.
type Width struct {
	// Tier is the kernel tier (internal/cpu) this width implements.
	Tier cpu.Tier
	// Suffix is appended to kernel names: AESNI, AVX2, VAES, AVX512 (the
	// tier's name, upper-cased).
	Suffix string
	// Bytes is the register width: 16, 32 or 64.
	Bytes int
	// VEX selects the VEX (or, for zmm, EVEX) encoding; false only for
	// the legacy SSE xmm forms.
	VEX bool
}

// The four widths, one per amd64 tier.
var (
	SSE = newWidth(cpu.AESNI, 16, false)
	AVX = newWidth(cpu.AVX2, 16, true)
	YMM = newWidth(cpu.VAES, 32, true)
	ZMM = newWidth(cpu.AVX512, 64, true)
)

func newWidth(t cpu.Tier, bytes int, vex bool) Width {
	return Width{Tier: t, Suffix: strings.ToUpper(t.String()), Bytes: bytes, VEX: vex}
}

// Widths lists every width, narrowest first.
var Widths = []Width{SSE, AVX, YMM, ZMM}

// Blocks is the number of 16-byte AES blocks one register holds.
func (w Width) Blocks() int { return w.Bytes / 16 }

// Regs is the number of vector registers the width may use (legacy SSE
// and VEX encode 16, EVEX 32).
func (w Width) Regs() int {
	if w.Bytes == 64 {
		return 32
	}
	return 16
}

var xs = []reg.VecPhysical{reg.X0, reg.X1, reg.X2, reg.X3, reg.X4, reg.X5, reg.X6, reg.X7, reg.X8, reg.X9, reg.X10, reg.X11, reg.X12, reg.X13, reg.X14, reg.X15, reg.X16, reg.X17, reg.X18, reg.X19, reg.X20, reg.X21, reg.X22, reg.X23, reg.X24, reg.X25, reg.X26, reg.X27, reg.X28, reg.X29, reg.X30, reg.X31}
var ys = []reg.VecPhysical{reg.Y0, reg.Y1, reg.Y2, reg.Y3, reg.Y4, reg.Y5, reg.Y6, reg.Y7, reg.Y8, reg.Y9, reg.Y10, reg.Y11, reg.Y12, reg.Y13, reg.Y14, reg.Y15, reg.Y16, reg.Y17, reg.Y18, reg.Y19, reg.Y20, reg.Y21, reg.Y22, reg.Y23, reg.Y24, reg.Y25, reg.Y26, reg.Y27, reg.Y28, reg.Y29, reg.Y30, reg.Y31}
var zs = []reg.VecPhysical{reg.Z0, reg.Z1, reg.Z2, reg.Z3, reg.Z4, reg.Z5, reg.Z6, reg.Z7, reg.Z8, reg.Z9, reg.Z10, reg.Z11, reg.Z12, reg.Z13, reg.Z14, reg.Z15, reg.Z16, reg.Z17, reg.Z18, reg.Z19, reg.Z20, reg.Z21, reg.Z22, reg.Z23, reg.Z24, reg.Z25, reg.Z26, reg.Z27, reg.Z28, reg.Z29, reg.Z30, reg.Z31}

// Reg returns vector register i at this width (X, Y or Z).
func (w Width) Reg(i int) reg.VecPhysical {
	if i >= w.Regs() {
		panic(fmt.Sprintf("aesasm: register %d out of range for %s", i, w.Suffix))
	}
	switch w.Bytes {
	case 16:
		return xs[i]
	case 32:
		return ys[i]
	default:
		return zs[i]
	}
}

// X returns the xmm register that is the low 128 bits of r.
func X(r reg.VecPhysical) reg.VecPhysical { return xs[r.PhysicalIndex()] }

// Y returns the ymm register that is the low 256 bits of r.
func Y(r reg.VecPhysical) reg.VecPhysical { return ys[r.PhysicalIndex()] }

func check(i *ir.Instruction, err error) *ir.Instruction {
	if err != nil {
		panic(err)
	}
	return i
}

// Raw emits an instruction that Avo v0.5.0 has no form for: it knows
// VAESENC, VAESENCLAST, VAESDEC, VAESDECLAST and VPCLMULQDQ only on xmm
// (VEX.128), not the VAES / VPCLMULQDQ ymm (VEX.256) and zmm (EVEX.512)
// forms. The Go assembler encodes those forms from the same mnemonic, so
// Raw hands Avo an instruction node with the operands in Go assembler
// order; the last operand is written, the others are read, and isa is
// added to the function's "// Requires:" line. WideAES and WideCLMUL are
// the only callers, and they check the operand widths.
func Raw(opcode string, isa []string, ops ...Op) {
	Ctx.Instruction(&ir.Instruction{
		Opcode:   opcode,
		Operands: ops,
		Inputs:   ops[:len(ops)-1],
		Outputs:  ops[len(ops)-1:],
		ISA:      isa,
	})
}

// wideISA returns the features a VAES / VPCLMULQDQ form at this register
// size needs.
func wideISA(feature string, size uint) []string {
	if size == 64 {
		return []string{"AVX512F", feature}
	}
	return []string{"AVX", feature}
}

// WideAES emits op (VAESENC, VAESENCLAST, VAESDEC, VAESDECLAST) on ymm or
// zmm registers: dst = op(src, key). All three registers must have the
// same width of 32 or 64 bytes (the key may also be a memory operand of
// that width).
func WideAES(op string, key Op, src, dst reg.VecPhysical) {
	switch op {
	case "VAESENC", "VAESENCLAST", "VAESDEC", "VAESDECLAST":
	default:
		panic("aesasm: WideAES: unknown opcode " + op)
	}
	size := dst.Size()
	if (size != 32 && size != 64) || src.Size() != size {
		panic(fmt.Sprintf("aesasm: WideAES %s on %s, %s", op, src.Asm(), dst.Asm()))
	}
	if k, ok := key.(reg.VecPhysical); ok && k.Size() != size {
		panic(fmt.Sprintf("aesasm: WideAES %s key %s", op, k.Asm()))
	}
	Raw(op, wideISA("VAES", size), key, src, dst)
}

// WideCLMUL emits VPCLMULQDQ $imm, a, b, dst on ymm or zmm registers (the
// carry-less multiply of the imm-selected quadwords of each 128-bit lane).
func WideCLMUL(imm uint8, a Op, b, dst reg.VecPhysical) {
	size := dst.Size()
	if (size != 32 && size != 64) || b.Size() != size {
		panic(fmt.Sprintf("aesasm: WideCLMUL on %s, %s", b.Asm(), dst.Asm()))
	}
	Raw("VPCLMULQDQ", wideISA("VPCLMULQDQ", size), U8(imm), a, b, dst)
}

// Load loads a full register from memory (unaligned).
func (w Width) Load(m Mem, dst reg.VecPhysical) {
	switch {
	case !w.VEX:
		Ctx.MOVOU(m, dst)
	case w.Bytes == 64:
		Ctx.VMOVDQU64(m, dst)
	default:
		Ctx.VMOVDQU(m, dst)
	}
}

// Store stores a full register to memory (unaligned).
func (w Width) Store(src reg.VecPhysical, m Mem) {
	switch {
	case !w.VEX:
		Ctx.MOVOU(src, m)
	case w.Bytes == 64:
		Ctx.VMOVDQU64(src, m)
	default:
		Ctx.VMOVDQU(src, m)
	}
}

// Bcast loads the 16 bytes at m into every 128-bit lane of dst (the
// round-key broadcast: a plain load on xmm, VBROADCASTI128 on ymm,
// VBROADCASTI32X4 on zmm).
func (w Width) Bcast(m Mem, dst reg.VecPhysical) {
	switch w.Bytes {
	case 16:
		w.Load(m, dst)
	case 32:
		Ctx.VBROADCASTI128(m, dst)
	default:
		Ctx.VBROADCASTI32X4(m, dst)
	}
}

// Mov copies src to dst.
func (w Width) Mov(src, dst reg.VecPhysical) {
	switch {
	case !w.VEX:
		Ctx.MOVO(src, dst)
	case w.Bytes == 64:
		Ctx.VMOVDQA64(src, dst)
	default:
		Ctx.VMOVDQA(src, dst)
	}
}

// Zero clears dst.
func (w Width) Zero(dst reg.VecPhysical) { w.Xor(dst, dst) }

// Xor sets dst ^= src. src is a register, or a memory operand on the VEX
// widths (legacy SSE would demand alignment; use XorMem).
func (w Width) Xor(src Op, dst reg.VecPhysical) {
	switch {
	case !w.VEX:
		if IsMem(src) {
			panic("aesasm: legacy PXOR with a memory operand")
		}
		Ctx.PXOR(src, dst)
	case w.Bytes == 64:
		Ctx.VPXORD(src, dst, dst)
	default:
		Ctx.VPXOR(src, dst, dst)
	}
}

// XorMem sets dst ^= the register-sized data at m, through tmp on the
// legacy encoding, directly otherwise.
func (w Width) XorMem(m Mem, dst, tmp reg.VecPhysical) {
	if !w.VEX {
		Ctx.MOVOU(m, tmp)
		Ctx.PXOR(tmp, dst)
		return
	}
	w.Xor(m, dst)
}

// Add32 adds src to dst as 32-bit lanes (mod 2^32 each). src is a
// register, or memory on the VEX widths.
func (w Width) Add32(src Op, dst reg.VecPhysical) {
	if !w.VEX {
		if IsMem(src) {
			panic("aesasm: legacy PADDD with a memory operand")
		}
		Ctx.PADDD(src, dst)
		return
	}
	Ctx.VPADDD(src, dst, dst)
}

// Shuffle permutes the bytes of each 128-bit lane of dst by mask (PSHUFB).
func (w Width) Shuffle(mask reg.VecPhysical, dst reg.VecPhysical) {
	if !w.VEX {
		Ctx.PSHUFB(mask, dst)
		return
	}
	Ctx.VPSHUFB(mask, dst, dst)
}

// aes emits one AES round instruction dst = op(dst, key).
func (w Width) aes(op string, key Op, dst reg.VecPhysical) {
	if w.Bytes > 16 {
		WideAES(op, key, dst, dst)
		return
	}
	if !w.VEX {
		switch op {
		case "VAESENC":
			Ctx.AESENC(key, dst)
		case "VAESENCLAST":
			Ctx.AESENCLAST(key, dst)
		case "VAESDEC":
			Ctx.AESDEC(key, dst)
		case "VAESDECLAST":
			Ctx.AESDECLAST(key, dst)
		}
		return
	}
	switch op {
	case "VAESENC":
		Ctx.VAESENC(key, dst, dst)
	case "VAESENCLAST":
		Ctx.VAESENCLAST(key, dst, dst)
	case "VAESDEC":
		Ctx.VAESDEC(key, dst, dst)
	case "VAESDECLAST":
		Ctx.VAESDECLAST(key, dst, dst)
	}
}

// Enc runs one middle encryption round on dst with the round key key.
func (w Width) Enc(key reg.VecPhysical, dst reg.VecPhysical) { w.aes("VAESENC", key, dst) }

// EncLast runs the final encryption round on dst.
func (w Width) EncLast(key reg.VecPhysical, dst reg.VecPhysical) { w.aes("VAESENCLAST", key, dst) }

// Dec runs one middle decryption round (equivalent inverse cipher keys).
func (w Width) Dec(key reg.VecPhysical, dst reg.VecPhysical) { w.aes("VAESDEC", key, dst) }

// DecLast runs the final decryption round on dst.
func (w Width) DecLast(key reg.VecPhysical, dst reg.VecPhysical) { w.aes("VAESDECLAST", key, dst) }

// Vzeroupper ends a function that used ymm or zmm registers.
func (w Width) Vzeroupper() {
	if w.Bytes > 16 {
		Ctx.VZEROUPPER()
	}
}

// Schedule names the registers an AES round sequence uses.
type Schedule struct {
	RK     reg.Register    // GP: address of round key 0 (16 bytes per key)
	Last   reg.Register    // GP: address of the last round key (RK + 16*Rounds)
	Rounds reg.Register    // GP: 10, 12 or 14
	Key    reg.VecPhysical // vector scratch for the broadcast round key
}

var labelSeq int

// NewLabel returns a label name unique in the file, starting with prefix.
func NewLabel(prefix string) string {
	labelSeq++
	return fmt.Sprintf("%s_%d", prefix, labelSeq)
}

// Rounds emits the full AES (FIPS 197) on every register in bs: the initial
// AddRoundKey, Rounds-1 middle rounds and the final round. The round count
// is read at run time from s.Rounds; 10 rounds run straight through, and
// the two extra pairs of rounds of AES-192 and AES-256 are branched over on
// the (public) key size. decrypt selects AESDEC with the equivalent inverse
// cipher keys. Each round key is broadcast-loaded once and applied to all
// of bs, so the registers advance in parallel.
func (w Width) Rounds(s Schedule, bs []reg.VecPhysical, decrypt bool) {
	mid, last := w.Enc, w.EncLast
	if decrypt {
		mid, last = w.Dec, w.DecLast
	}
	done := NewLabel("lastround")
	Ctx.Comment("round 0: AddRoundKey")
	w.Bcast(Mem{Base: s.RK}, s.Key)
	for _, b := range bs {
		w.Xor(s.Key, b)
	}
	for r := 1; r < 14; r++ {
		switch r {
		case 10:
			Ctx.CMPQ(s.Rounds, U8(10))
			Ctx.JE(LabelRef(done))
		case 12:
			Ctx.CMPQ(s.Rounds, U8(12))
			Ctx.JE(LabelRef(done))
		}
		Ctx.Commentf("round %d", r)
		w.Bcast(Mem{Base: s.RK, Disp: 16 * r}, s.Key)
		for _, b := range bs {
			mid(s.Key, b)
		}
	}
	Ctx.Label(done)
	Ctx.Comment("final round")
	w.Bcast(Mem{Base: s.Last}, s.Key)
	for _, b := range bs {
		last(s.Key, b)
	}
}
