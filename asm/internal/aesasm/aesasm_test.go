package aesasm

import (
	"slices"
	"strings"
	"testing"

	"github.com/mmcloughlin/avo/attr"
	"github.com/mmcloughlin/avo/ir"
	"github.com/mmcloughlin/avo/pass"
	"github.com/mmcloughlin/avo/printer"
	"github.com/mmcloughlin/avo/reg"
)

func mustPanic(t *testing.T, what string, f func()) {
	t.Helper()
	defer func() {
		if recover() == nil {
			t.Errorf("%s did not panic", what)
		}
	}()
	f()
}

// TestWideAES checks the raw VAES / VPCLMULQDQ helper: the operand order
// and width checks, the ISA it adds to the Requires line, and the printed
// Go assembly (which the Go assembler then encodes; aesni's tests run it).
func TestWideAES(t *testing.T) {
	Ctx.Function("wide")
	Ctx.Attributes(attr.NOSPLIT)
	WideAES("VAESENC", reg.Y1, reg.Y2, reg.Y3)
	WideAES("VAESENCLAST", reg.Z11, reg.Z0, reg.Z0)
	WideCLMUL(0x11, reg.Z1, reg.Z2, reg.Z3)
	Ctx.RET()
	mustPanic(t, "xmm operands", func() { WideAES("VAESENC", reg.X1, reg.X2, reg.X3) })
	mustPanic(t, "mixed widths", func() { WideAES("VAESENC", reg.Y1, reg.Z2, reg.Z3) })
	mustPanic(t, "unknown opcode", func() { WideAES("VAESIMC", reg.Y1, reg.Y2, reg.Y3) })
	f, err := Ctx.Result()
	if err != nil {
		t.Fatal(err)
	}
	fn := f.Functions()[0]
	var got []string
	for _, n := range fn.Nodes {
		if i, ok := n.(*ir.Instruction); ok {
			got = append(got, i.Opcode)
		}
	}
	if !slices.Equal(got, []string{"VAESENC", "VAESENCLAST", "VPCLMULQDQ", "RET"}) {
		t.Errorf("instructions %v", got)
	}
	if err := pass.Compile.Execute(f); err != nil {
		t.Fatal(err)
	}
	b, err := printer.NewGoAsm(printer.Config{Name: "test"}).Print(f)
	if err != nil {
		t.Fatal(err)
	}
	out := string(b)
	for _, want := range []string{
		"// Requires: AVX, AVX512F, VAES, VPCLMULQDQ",
		"VAESENC     Y1, Y2, Y3",
		"VAESENCLAST Z11, Z0, Z0",
		"VPCLMULQDQ  $0x11, Z1, Z2, Z3",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestWidths(t *testing.T) {
	for _, w := range Widths {
		if w.Suffix != strings.ToUpper(w.Tier.String()) {
			t.Errorf("%v: suffix %s", w.Tier, w.Suffix)
		}
		if w.Reg(0).Size() != uint(w.Bytes) || X(w.Reg(5)) != reg.X5 {
			t.Errorf("%s: register widths", w.Suffix)
		}
	}
	mustPanic(t, "X16 on SSE", func() { SSE.Reg(16) })
}
