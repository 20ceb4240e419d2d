package bench

import (
	"fmt"
	"strconv"
	"sync"
	"testing"

	"github.com/fastaead/fastaead/bench/internal/suite"
)

// seed is the seed of the benchmarks' random keys and messages.
const seed = 1

// impls returns fastaead (at the tier in force) and every peer built in.
func impls(b *testing.B) []suite.Impl {
	fa, err := suite.Fastaead()
	if err != nil {
		b.Fatal(err)
	}
	return append([]suite.Impl{fa}, suite.Peers(suite.Options{OpenSSL: suite.OpenSSLAvailable})...)
}

// BenchmarkSeal measures Seal (encryption with the tag) for every
// construction, key size, message size and implementation.
func BenchmarkSeal(b *testing.B) { benchAll(b, true) }

// BenchmarkOpen measures Open (verification and decryption).
func BenchmarkOpen(b *testing.B) { benchAll(b, false) }

func benchAll(b *testing.B, seal bool) {
	all := impls(b)
	fa := all[0]
	for _, v := range suite.AllVariants() {
		b.Run(v.Name(), func(b *testing.B) {
			for _, n := range suite.DefaultSizes {
				b.Run(strconv.Itoa(n), func(b *testing.B) {
					for _, im := range all {
						if !im.Supports(v) || im.LacksReason(v, n) != "" {
							continue
						}
						b.Run("impl="+im.Name, func(b *testing.B) { benchOne(b, v, n, seal, fa, im) })
					}
				})
			}
		})
	}
}

// checked caches the cross-check of each (variant, implementation).
var checked sync.Map // key string -> error

func crossChecked(v suite.Variant, fa, im suite.Impl) error {
	key := v.Name() + "/" + im.Name
	if err, ok := checked.Load(key); ok {
		return err.(error)
	}
	var err error
	if im.Peer {
		err = suite.CrossCheck(v, fa, im, seed, suite.DefaultSizes)
	} else if _, ferr := suite.Fingerprint(im, v, seed); ferr != nil {
		err = fmt.Errorf("fastaead cannot run %s: %v", v, ferr)
	}
	if err == nil {
		err = errNone
	}
	checked.Store(key, err)
	return err
}

var errNone = fmt.Errorf("none")

func benchOne(b *testing.B, v suite.Variant, n int, seal bool, fa, im suite.Impl) {
	if err := crossChecked(v, fa, im); err != errNone {
		b.Fatal(err)
	}
	in := suite.NewInputs(seed, v, n)
	a, err := im.New(v, in.Key)
	if err != nil {
		b.Fatal(err)
	}
	ref, err := fa.New(v, in.Key)
	if err != nil {
		b.Fatal(err)
	}
	dst := make([]byte, 0, n+64)
	var out []byte
	b.SetBytes(int64(n))
	b.ReportAllocs()
	if seal {
		b.ResetTimer()
		for b.Loop() {
			out = a.Seal(dst[:0], in.Nonce, in.Plaintext, in.AD)
		}
	} else {
		ct := a.Seal(nil, in.Nonce, in.Plaintext, in.AD)
		b.ResetTimer()
		for b.Loop() {
			out, err = a.Open(dst[:0], in.Nonce, ct, in.AD)
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	b.StopTimer()
	want := ref.Seal(nil, in.Nonce, in.Plaintext, in.AD)
	if err := suite.CheckOutput(v, ref, im.Name, suite.NoncePrefixed(a), in, seal, out, want); err != nil {
		b.Fatal(err)
	}
}
