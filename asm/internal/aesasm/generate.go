package aesasm

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"github.com/mmcloughlin/avo/build"
	"github.com/mmcloughlin/avo/pass"
	"github.com/mmcloughlin/avo/printer"
)

// Generate writes the file built in Ctx to the path given by the -out flag
// (or standard output). genPath is the generator's package path relative
// to the asm module ("./aes"); the header names the command that
// reproduces the file from the repository root, "go run -C asm <genPath>
// <flags>", so -out is relative to asm/. It exits the process on error.
func Generate(genPath string) {
	// Avo's build package registers its own flags on flag.CommandLine;
	// this generator has its own set.
	fs := flag.NewFlagSet(os.Args[0], flag.ExitOnError)
	out := fs.String("out", "", "assembly output `file` (relative to asm/); default standard output")
	_ = fs.Parse(os.Args[1:])
	if fs.NArg() != 0 {
		fs.Usage()
		os.Exit(2)
	}
	argv := append([]string{"go", "run", "-C", "asm", genPath}, os.Args[1:]...)
	cfg := printer.Config{Argv: argv, Pkg: "", Name: genPath}
	var buf bytes.Buffer
	status := build.Main(&build.Config{
		ErrOut:    os.Stderr,
		MaxErrors: 10,
		Passes:    []pass.Interface{pass.Compile, &pass.Output{Writer: nopCloser{&buf}, Printer: printer.NewGoAsm(cfg)}},
	}, Ctx)
	if status != 0 {
		os.Exit(status)
	}
	// Write only a complete file: a failed run leaves the old one alone.
	var err error
	if *out == "" {
		_, err = os.Stdout.Write(buf.Bytes())
	} else {
		err = os.WriteFile(*out, buf.Bytes(), 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

type nopCloser struct{ *bytes.Buffer }

func (nopCloser) Close() error { return nil }
