package aesasm

import (
	"fmt"

	"github.com/mmcloughlin/avo/attr"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// Counter is the layout of a 32-bit block counter that wraps modulo 2^32
// inside its four bytes.
//
// BE: bytes 12..15 of the counter block, big-endian (GCM and CCM, NIST SP
// 800-38D section 6.2 inc32). The kernels keep the block with those four
// bytes reversed, so that dword 3 holds the counter as a native integer;
// VPADDD increments it, and a PSHUFB with SwapMask restores the byte order
// of each block just before it is encrypted.
//
// LE: bytes 0..3, little-endian (GCM-SIV, RFC 8452 section 4): dword 0 is
// the counter as it stands, and no shuffle is needed.
type Counter struct{ BE bool }

// The two counter layouts.
var (
	CTR32BE = Counter{BE: true}
	CTR32LE = Counter{BE: false}
)

// Name is "CTR32BE" or "CTR32LE".
func (c Counter) Name() string {
	if c.BE {
		return "CTR32BE"
	}
	return "CTR32LE"
}

// dword is the index of the 32-bit lane that carries the counter.
func (c Counter) dword() int {
	if c.BE {
		return 3
	}
	return 0
}

var globals = map[string]Mem{}

// global returns the RODATA symbol name, defining it with the given
// 32-bit words on first use.
func global(name string, words []uint32) Mem {
	if m, ok := globals[name]; ok {
		return m
	}
	m := Ctx.StaticGlobal(name)
	Ctx.DataAttributes(attr.RODATA | attr.NOPTR)
	for i, v := range words {
		Ctx.AddDatum(4*i, U32(v))
	}
	globals[name] = m
	return m
}

// SwapMask is the PSHUFB mask that reverses bytes 12..15 of a block and
// keeps bytes 0..11 (16 bytes; broadcast it to wider registers).
func SwapMask() Mem {
	return global("ctrSwap32", []uint32{0x03020100, 0x07060504, 0x0b0a0908, 0x0c0d0e0f})
}

// laneOffsets is a register-wide constant adding i to the counter of lane
// i (64 bytes; narrower widths read a prefix).
func (c Counter) laneOffsets() Mem {
	w := make([]uint32, 16)
	for lane := 0; lane < 4; lane++ {
		w[4*lane+c.dword()] = uint32(lane)
	}
	return global("ctrLanes"+c.Name(), w)
}

// step is a 16-byte constant that adds n to the counter of a block.
func (c Counter) step(n int) Mem {
	w := make([]uint32, 4)
	w[c.dword()] = uint32(n)
	return global(fmt.Sprintf("ctrStep%s_%d", c.Name(), n), w)
}

// CounterRegs names the registers of a counter stream.
type CounterRegs struct {
	Cur  reg.VecPhysical // next counter blocks, one per lane, in native form
	Inc  reg.VecPhysical // the register-wide step: Blocks() in every lane
	Mask reg.VecPhysical // SwapMask, broadcast (BE only)
}

// Setup loads the counter block at ctr into every lane of r.Cur, in the
// native form, adds the lane index to each lane's counter, and loads the
// per-register step into r.Inc (and the swap mask, for BE).
func (c Counter) Setup(w Width, ctr Mem, r CounterRegs) {
	Ctx.Commentf("%s counter: one block per lane, lane i = counter + i", c.Name())
	w.Bcast(ctr, r.Cur)
	if c.BE {
		w.Bcast(SwapMask(), r.Mask)
		w.Shuffle(r.Mask, r.Cur)
	}
	if w.Blocks() > 1 {
		w.Add32(c.laneOffsets(), r.Cur)
	}
	w.Bcast(c.step(w.Blocks()), r.Inc)
}

// Next sets dst to the next register of counter blocks, ready for AES
// (byte order restored), and advances r.Cur by one register's worth; each
// lane's counter wraps modulo 2^32 inside its four bytes.
func (c Counter) Next(w Width, r CounterRegs, dst reg.VecPhysical) {
	w.Mov(r.Cur, dst)
	w.Add32(r.Inc, r.Cur)
	if c.BE {
		w.Shuffle(r.Mask, dst)
	}
}
