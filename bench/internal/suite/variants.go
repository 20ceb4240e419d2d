// Package suite is the measuring core shared by the aeadbench command and
// the go test benchmarks: the constructions and key sizes, the
// implementations (fastaead and its peers) behind one interface, the
// cross-check that compares every peer with fastaead before anything is
// timed, deterministic inputs, and the timing loop.
package suite

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// ADSize is the associated-data length of every measured message: 13 bytes,
// the size of a TLS 1.2 record's additional data.
const ADSize = 13

// NonceSize is the nonce length used for every nonce-based construction. It
// is the fast path of every construction and, for AES-CCM, leaves a 3-byte
// length field (messages below 16 MiB), so that 1 MiB messages are legal.
const NonceSize = 12

// MaxSize is the largest message size the suite measures (AES-CCM with a
// 12-byte nonce takes messages below 16 MiB).
const MaxSize = 16<<20 - 1

// Construction describes one of the six constructions as measured here.
type Construction struct {
	Name    string // as in package aead: "AESGCM", "ChaCha20Poly1305", ...
	KeyBits []int  // the key sizes it takes, in bits
	// Default lists the key sizes measured by default.
	Default []int
	// Nonce is the nonce length the suite passes; 0 for AES-SIV, which is
	// measured as deterministic AEAD with one associated-data component
	// (the only form every AES-SIV peer offers).
	Nonce int
	Tag   int // tag length in bytes
}

// Constructions lists the six constructions in the order reports use.
var Constructions = []Construction{
	{Name: "AESGCM", KeyBits: []int{128, 192, 256}, Default: []int{128, 256}, Nonce: NonceSize, Tag: 16},
	{Name: "ChaCha20Poly1305", KeyBits: []int{256}, Default: []int{256}, Nonce: NonceSize, Tag: 16},
	{Name: "AESGCMSIV", KeyBits: []int{128, 256}, Default: []int{256}, Nonce: NonceSize, Tag: 16},
	{Name: "AESOCB3", KeyBits: []int{128, 192, 256}, Default: []int{256}, Nonce: NonceSize, Tag: 16},
	// AES-SIV keys are two AES keys: 512 bits is AES-256 twice, the only
	// size Tink's AES-SIV takes.
	{Name: "AESSIV", KeyBits: []int{256, 384, 512}, Default: []int{512}, Nonce: 0, Tag: 16},
	{Name: "AESCCM", KeyBits: []int{128, 192, 256}, Default: []int{256}, Nonce: NonceSize, Tag: 16},
}

// Variant is a construction with one key size: the unit the suite measures.
type Variant struct {
	Construction string
	KeyBits      int
}

// Name returns the variant's name: the construction and the key size in
// bits ("AESGCM-128", "AESSIV-512"), or the bare name for a construction
// with a single key size ("ChaCha20Poly1305").
func (v Variant) Name() string {
	c := v.Info()
	if len(c.KeyBits) == 1 {
		return v.Construction
	}
	return v.Construction + "-" + strconv.Itoa(v.KeyBits)
}

// String returns Name.
func (v Variant) String() string { return v.Name() }

// KeySize returns the key length in bytes.
func (v Variant) KeySize() int { return v.KeyBits / 8 }

// Info returns the variant's construction.
func (v Variant) Info() Construction {
	for _, c := range Constructions {
		if c.Name == v.Construction {
			return c
		}
	}
	panic("suite: unknown construction " + v.Construction)
}

// AllVariants returns every construction at every key size.
func AllVariants() []Variant {
	var vs []Variant
	for _, c := range Constructions {
		for _, k := range c.KeyBits {
			vs = append(vs, Variant{c.Name, k})
		}
	}
	return vs
}

// DefaultVariants returns the variants measured when none are named.
func DefaultVariants() []Variant {
	var vs []Variant
	for _, c := range Constructions {
		for _, k := range c.Default {
			vs = append(vs, Variant{c.Name, k})
		}
	}
	return vs
}

// ParseVariants parses a comma-separated list of names: a variant
// ("AESGCM-256"), a construction (all its key sizes: "AESGCM"), "default"
// or "all". Names are case-insensitive; the result is in report order,
// without duplicates.
func ParseVariants(list string) ([]Variant, error) {
	seen := map[Variant]bool{}
	named := false
	for _, tok := range strings.Split(list, ",") {
		tok = strings.TrimSpace(tok)
		if tok == "" {
			continue
		}
		named = true
		var add []Variant
		switch strings.ToLower(tok) {
		case "all":
			add = AllVariants()
		case "default":
			add = DefaultVariants()
		default:
			for _, v := range AllVariants() {
				if strings.EqualFold(tok, v.Construction) || strings.EqualFold(tok, v.Name()) ||
					strings.EqualFold(tok, v.Construction+"-"+strconv.Itoa(v.KeyBits)) {
					add = append(add, v)
				}
			}
			if add == nil {
				return nil, fmt.Errorf("unknown construction %q (want all, default, a construction: %s, or one with its key size in bits: %s)",
					tok, strings.Join(constructionNames(), ", "), strings.Join(variantNames(), ", "))
			}
		}
		for _, v := range add {
			seen[v] = true
		}
	}
	if !named {
		return nil, fmt.Errorf("no construction named")
	}
	var out []Variant
	for _, v := range AllVariants() {
		if seen[v] {
			out = append(out, v)
		}
	}
	return out, nil
}

func constructionNames() []string {
	var s []string
	for _, c := range Constructions {
		s = append(s, c.Name)
	}
	return s
}

func variantNames() []string {
	var s []string
	for _, v := range AllVariants() {
		s = append(s, v.Name())
	}
	return s
}

// DefaultSizes are the message sizes measured by default, in bytes.
var DefaultSizes = []int{0, 64, 1 << 10, 8 << 10, 16 << 10, 1 << 20}

// ParseSizes parses a comma-separated list of message sizes in bytes, each
// a decimal number optionally followed by K, KiB, M or MiB (powers of
// 1024; B is accepted and ignored). The result is sorted, without
// duplicates; every size is within 0..MaxSize.
func ParseSizes(list string) ([]int, error) {
	seen := map[int]bool{}
	for _, tok := range strings.Split(list, ",") {
		tok = strings.TrimSpace(tok)
		if tok == "" {
			continue
		}
		n, err := parseSize(tok)
		if err != nil {
			return nil, err
		}
		seen[n] = true
	}
	if len(seen) == 0 {
		return nil, fmt.Errorf("no size given")
	}
	var out []int
	for n := range seen {
		out = append(out, n)
	}
	sort.Ints(out)
	return out, nil
}

func parseSize(tok string) (int, error) {
	s := strings.ToUpper(tok)
	mult := 1
	for _, suf := range []struct {
		s string
		m int
	}{{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"KB", 1 << 10}, {"MB", 1 << 20}, {"K", 1 << 10}, {"M", 1 << 20}, {"B", 1}} {
		if strings.HasSuffix(s, suf.s) {
			s, mult = strings.TrimSuffix(s, suf.s), suf.m
			break
		}
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("bad size %q (want a number of bytes, optionally with K or M, e.g. 64, 1K, 1M)", tok)
	}
	if n < 0 || n > MaxSize/mult || n*mult > MaxSize {
		return 0, fmt.Errorf("size %q out of range (0 to %d bytes)", tok, MaxSize)
	}
	return n * mult, nil
}

// FormatSize formats n bytes the way reports print sizes: "0 B", "64 B",
// "1 KiB", "1 MiB"; sizes that are not whole KiB or MiB print in bytes.
func FormatSize(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.Itoa(n>>20) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.Itoa(n>>10) + " KiB"
	}
	return strconv.Itoa(n) + " B"
}
