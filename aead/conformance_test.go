package aead

import (
	"bytes"
	"crypto/cipher"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"unsafe"

	"github.com/fastaead/fastaead/internal/cpu"
	"github.com/fastaead/fastaead/internal/testutil"
)

// This file is the conformance suite that every construction of the
// package must pass, run through one table (confRows) and once per kernel
// tier the machine supports (testutil.ForEachTierAll switches every
// primitive package to its best kernel not above the tier):
//
//   - RoundTrip: every plaintext length 0..300 and a few random larger
//     ones, through Encrypt, EncryptInto (separate and in place), Seal
//     (appending, with capacity, in place) and back through Decrypt,
//     DecryptInto and Open likewise; the bytes equal those of the generic
//     code, the inputs are left untouched, odd buffer offsets, nil and
//     empty inputs, and buffers against an inaccessible page
//     (testutil.Guarded, both sides).
//   - Tamper: at lengths 0, 1, 15, 16, 17, 64 and 255, every byte of the
//     ciphertext, tag, associated data and nonce flipped in turn, the
//     ciphertext and associated data shortened and lengthened, another
//     valid nonce length and another key: every entry point gives
//     ErrInvalidTag, returns no plaintext and leaves dst all zero.
//   - Sizes: wrong dst lengths give ErrBufferSize and leave dst untouched;
//     bad nonce sizes give ErrNonceSize; Seal and Open panic on a nonce of
//     the wrong size, as crypto/cipher's do.
//   - Overlap: dst shifted against the input by every offset either side
//     gives ErrOverlap when the ranges overlap other than exactly (and
//     works when they are disjoint), as does dst over the nonce or the
//     associated data; Seal and Open panic instead.
//   - Allocs: EncryptInto, DecryptInto, and Seal and Open given a dst with
//     capacity allocate nothing (AES-SIV also with a three-component AD
//     list).
//   - Concurrent: one value used from 16 goroutines at once (run it under
//     -race).
//
// TestConformanceParams checks, once, the constructors' key and tag size
// errors, the key generators, the length limits (ErrTooLarge one byte
// over), and that the error-returning API never panics on any combination
// of odd sizes. TestKernelsReport checks
// aead.Kernels.
//
// AES-SIV has no nonce argument: the suite drives it with the
// associated-data list [ad, nonce], which is what its crypto/cipher.AEAD
// view computes, so the two faces must agree byte for byte.

// confAEAD is the face of a construction that the suite drives.
type confAEAD interface {
	Overhead() int
	Encrypt(nonce, plaintext, ad []byte) ([]byte, error)
	EncryptInto(dst, nonce, plaintext, ad []byte) (int, error)
	Decrypt(nonce, ciphertext, ad []byte) ([]byte, error)
	DecryptInto(dst, nonce, ciphertext, ad []byte) (int, error)
	// Std returns the construction's crypto/cipher.AEAD face.
	Std() cipher.AEAD
}

// confNoncedAPI is the API of the five nonce-based constructions.
type confNoncedAPI interface {
	cipher.AEAD
	Encrypt(nonce, plaintext, ad []byte) ([]byte, error)
	EncryptInto(dst, nonce, plaintext, ad []byte) (int, error)
	Decrypt(nonce, ciphertext, ad []byte) ([]byte, error)
	DecryptInto(dst, nonce, ciphertext, ad []byte) (int, error)
}

// confNonced adapts a nonce-based construction: it is its own
// crypto/cipher.AEAD.
type confNonced struct{ confNoncedAPI }

func (c confNonced) Std() cipher.AEAD { return c.confNoncedAPI }

// confSIVNonce is the nonce size of the AES-SIV view the suite uses.
const confSIVNonce = 16

// confSIV adapts AES-SIV: the nonce becomes the last component of the
// associated-data list, [ad, nonce], as in the AEAD view.
type confSIV struct {
	c    *AESSIV
	view cipher.AEAD
}

func (s confSIV) Overhead() int    { return s.c.Overhead() }
func (s confSIV) Std() cipher.AEAD { return s.view }

func (s confSIV) Encrypt(nonce, plaintext, ad []byte) ([]byte, error) {
	return s.c.Encrypt(plaintext, [][]byte{ad, nonce})
}

func (s confSIV) EncryptInto(dst, nonce, plaintext, ad []byte) (int, error) {
	return s.c.EncryptInto(dst, plaintext, [][]byte{ad, nonce})
}

func (s confSIV) Decrypt(nonce, ciphertext, ad []byte) ([]byte, error) {
	return s.c.Decrypt(ciphertext, [][]byte{ad, nonce})
}

func (s confSIV) DecryptInto(dst, nonce, ciphertext, ad []byte) (int, error) {
	return s.c.DecryptInto(dst, ciphertext, [][]byte{ad, nonce})
}

// confRow describes one construction for the suite.
type confRow struct {
	name     string
	keySizes []int // valid key sizes in bytes
	tagSizes []int // valid tag sizes (AESCCM); nil when the tag is fixed
	// nonces lists nonce sizes the Encrypt family takes, the Std face's
	// NonceSize first; badNonces some it must refuse with ErrNonceSize.
	nonces, badNonces []int
	// newAEAD calls the constructor (tagSize is ignored unless tagSizes is
	// set). On error it returns a nil confAEAD and the constructor's error,
	// joined with errConfNotNil if the constructor also returned a
	// non-nil value.
	newAEAD func(key []byte, tagSize int) (confAEAD, error)
	// genKey calls the key generator; keyBits lists the valid bit lengths
	// (genKey is called with other lengths only when bitsArg is set).
	genKey  func(bits int) ([]byte, error)
	keyBits []int
	bitsArg bool
	// limit is the longest plaintext the construction takes with a
	// nonces[0]-byte nonce and adLimit the longest associated data, as
	// its specification sets them (0: no limit is checked).
	limit, adLimit uint64
}

// errConfNotNil marks a constructor that returned a value with its error.
var errConfNotNil = errors.New("constructor returned a non-nil value with its error")

func confNilErr(isNil bool, err error) error {
	if !isNil {
		return errors.Join(errConfNotNil, err)
	}
	return err
}

var confRows = []confRow{
	{
		name:      "ChaCha20Poly1305",
		keySizes:  []int{32},
		nonces:    []int{12},
		badNonces: []int{0, 1, 8, 11, 13, 16, 24, 32},
		newAEAD: func(key []byte, _ int) (confAEAD, error) {
			c, err := NewChaCha20Poly1305(key)
			if err != nil {
				return nil, confNilErr(c == nil, err)
			}
			return confNonced{c}, nil
		},
		genKey:  func(int) ([]byte, error) { return GenerateChaCha20Poly1305Key() },
		keyBits: []int{256},
		limit:   1<<38 - 64, // RFC 8439 section 2.8
	},
	{
		name:      "AESGCM",
		keySizes:  []int{16, 24, 32},
		nonces:    []int{12, 1, 8, 16, 64},
		badNonces: []int{0},
		newAEAD: func(key []byte, _ int) (confAEAD, error) {
			c, err := NewAESGCM(key)
			if err != nil {
				return nil, confNilErr(c == nil, err)
			}
			return confNonced{c}, nil
		},
		genKey: GenerateAESGCMKey, keyBits: []int{128, 192, 256}, bitsArg: true,
		limit: 1<<36 - 32, adLimit: 1<<61 - 1, // SP 800-38D section 5.2.1.1
	},
	{
		name:      "AESGCMSIV",
		keySizes:  []int{16, 24, 32},
		nonces:    []int{12},
		badNonces: []int{0, 1, 8, 11, 13, 16, 24},
		newAEAD: func(key []byte, _ int) (confAEAD, error) {
			c, err := NewAESGCMSIV(key)
			if err != nil {
				return nil, confNilErr(c == nil, err)
			}
			return confNonced{c}, nil
		},
		genKey: GenerateAESGCMSIVKey, keyBits: []int{128, 192, 256}, bitsArg: true,
		limit: 1 << 36, adLimit: 1 << 36, // RFC 8452 section 6
	},
	{
		name:      "AESOCB3",
		keySizes:  []int{16, 24, 32},
		nonces:    []int{12, 13, 14, 15},
		badNonces: []int{0, 1, 8, 11, 16, 24},
		newAEAD: func(key []byte, _ int) (confAEAD, error) {
			c, err := NewAESOCB3(key)
			if err != nil {
				return nil, confNilErr(c == nil, err)
			}
			return confNonced{c}, nil
		},
		genKey: GenerateAESOCB3Key, keyBits: []int{128, 192, 256}, bitsArg: true,
	},
	{
		name:     "AESSIV",
		keySizes: []int{32, 48, 64},
		// Through the list API any nonce length is a valid component,
		// the empty one included.
		nonces: []int{confSIVNonce, 0, 1, 12, 64},
		newAEAD: func(key []byte, _ int) (confAEAD, error) {
			c, err := NewAESSIV(key)
			if err != nil {
				return nil, confNilErr(c == nil, err)
			}
			v, err := c.AEAD(confSIVNonce)
			if err != nil {
				return nil, err
			}
			return confSIV{c: c, view: v}, nil
		},
		genKey: GenerateAESSIVKey, keyBits: []int{256, 384, 512}, bitsArg: true,
	},
	{
		name:     "AESCCM",
		keySizes: []int{16, 24, 32},
		// Python's default tag first, then every other one, so that
		// the seven instances cover every tag size.
		tagSizes:  []int{16, 4, 6, 8, 10, 12, 14},
		nonces:    []int{13, 7, 8, 9, 10, 11, 12},
		badNonces: []int{0, 1, 6, 14, 15, 16},
		newAEAD: func(key []byte, tagSize int) (confAEAD, error) {
			c, err := NewAESCCM(key, tagSize)
			if err != nil {
				return nil, confNilErr(c == nil, err)
			}
			return confNonced{c}, nil
		},
		genKey: GenerateAESCCMKey, keyBits: []int{128, 192, 256}, bitsArg: true,
		limit: 1<<16 - 1, // RFC 3610 section 2: L = 2 with a 13-byte nonce
	},
}

// confInst is one keyed instance of a row.
type confInst struct {
	a       confAEAD
	key     []byte
	tagSize int
	label   string
}

// confInstances keys max(len(keySizes), len(tagSizes)) instances of r, so
// that every key size and every tag size appears.
func confInstances(t *testing.T, r *confRow, rng *rand.Rand) []confInst {
	t.Helper()
	n := max(len(r.keySizes), len(r.tagSizes))
	insts := make([]confInst, n)
	for i := range insts {
		in := &insts[i]
		in.key = confBytes(rng, r.keySizes[i%len(r.keySizes)], 0)
		in.tagSize = 16
		if r.tagSizes != nil {
			in.tagSize = r.tagSizes[i%len(r.tagSizes)]
		}
		a, err := r.newAEAD(in.key, in.tagSize)
		if err != nil {
			t.Fatalf("%s: %d-byte key, tag %d: %v", r.name, len(in.key), in.tagSize, err)
		}
		if a.Overhead() != in.tagSize {
			t.Fatalf("%s: Overhead() = %d, want %d", r.name, a.Overhead(), in.tagSize)
		}
		if a.Std().NonceSize() != r.nonces[0] || a.Std().Overhead() != in.tagSize {
			t.Fatalf("%s: Std face NonceSize %d Overhead %d, want %d and %d", r.name, a.Std().NonceSize(), a.Std().Overhead(), r.nonces[0], in.tagSize)
		}
		in.a = a
		in.label = fmt.Sprintf("%s (%d-byte key, %d-byte tag)", r.name, len(in.key), in.tagSize)
	}
	return insts
}

// confBuf returns a slice of n bytes set to fill, starting off bytes into
// its allocation (so that odd alignments are exercised).
func confBuf(n, off int, fill byte) []byte {
	b := make([]byte, off+n)[off:]
	for i := range b {
		b[i] = fill
	}
	return b
}

// confBytes returns n random bytes at offset off (mod 16) of their
// allocation.
func confBytes(rng *rand.Rand, n, off int) []byte {
	b := confBuf(n, off%16, 0)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	return b
}

// confAll reports whether every byte of b is x.
func confAll(b []byte, x byte) bool {
	for _, v := range b {
		if v != x {
			return false
		}
	}
	return true
}

// confAllGeneric reports whether every registered package runs its
// generic code now.
func confAllGeneric() bool {
	for _, tier := range cpu.Registered() {
		if tier != cpu.Generic.String() {
			return false
		}
	}
	return true
}

// confGeneric runs f with every package switched to its generic code.
func confGeneric(f func()) {
	restore := cpu.SetAll(cpu.Generic)
	defer restore()
	f()
}

// confPanics reports whether f panics.
func confPanics(f func()) (panicked bool) {
	defer func() {
		if recover() != nil {
			panicked = true
		}
	}()
	f()
	return false
}

// confSentinels are the errors the package's errors must wrap.
var confSentinels = []error{ErrInvalidTag, ErrKeySize, ErrNonceSize, ErrTagSize, ErrBufferSize, ErrTooLarge, ErrOverlap}

// confIsSentinel reports whether err wraps one of the package's sentinels.
func confIsSentinel(err error) bool {
	for _, s := range confSentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// TestConformance runs the suite for every construction on every tier.
func TestConformance(t *testing.T) {
	t.Logf("tiers: %v (race %v)", testutil.AllTiers(t), confRace)
	testutil.ForEachTierAll(t, func(t *testing.T) {
		generic := confAllGeneric()
		for i := range confRows {
			r := &confRows[i]
			t.Run(r.name, func(t *testing.T) {
				// The same seed on every tier: the same messages.
				rng := rand.New(rand.NewPCG(uint64(i), 0x636f6e66))
				insts := confInstances(t, r, rng)
				t.Run("RoundTrip", func(t *testing.T) { confRoundTrip(t, r, insts, rng, generic) })
				t.Run("Tamper", func(t *testing.T) { confTamper(t, r, insts, rng) })
				t.Run("Sizes", func(t *testing.T) { confSizes(t, r, insts, rng) })
				t.Run("Overlap", func(t *testing.T) { confOverlap(t, r, insts, rng) })
				t.Run("Allocs", func(t *testing.T) { confAllocs(t, r, insts, rng) })
				t.Run("Concurrent", func(t *testing.T) { confConcurrent(t, r, insts, rng) })
			})
		}
	})
}

// confRoundTrip checks every length 0..300 and four random larger ones.
// Instances, nonce sizes, associated-data lengths and buffer offsets
// rotate with the length.
func confRoundTrip(t *testing.T, r *confRow, insts []confInst, rng *rand.Rand, generic bool) {
	var lengths []int
	for n := 0; n <= 300; n++ {
		lengths = append(lengths, n)
	}
	lengths = append(lengths, 301+rng.IntN(1800), 301+rng.IntN(4000), 2048+rng.IntN(2048), 8192+rng.IntN(12000))
	guards := confGuards(t, slices.Max(lengths)+16)
	for j, n := range lengths {
		in := insts[j%len(insts)]
		a := in.a
		ns := r.nonces[j%len(r.nonces)]
		std := ns == a.Std().NonceSize()
		adLen := (j * 7) % 45
		if j%29 == 3 {
			adLen = 250 + j%16
		}
		off := j % 16
		nonce := confBytes(rng, ns, off)
		pt := confBytes(rng, n, off+5)
		ad := confBytes(rng, adLen, off+11)
		if j%3 == 0 {
			// nil instead of empty, for the inputs that are empty.
			if n == 0 {
				pt = nil
			}
			if adLen == 0 {
				ad = nil
			}
			if ns == 0 {
				nonce = nil
			}
		}
		what := fmt.Sprintf("%s, %d-byte nonce, %d-byte plaintext, %d-byte ad", in.label, ns, n, adLen)
		ct := confSealAll(t, what, a, nonce, pt, ad, std, generic)
		if ct == nil {
			return
		}
		confOpenAll(t, what, a, nonce, ct, ad, pt, std)
		// Under -race, the guard-page pass samples the short lengths.
		if !confRace || j%4 == 0 || n > 300 {
			confGuardedPass(t, what, guards, a, nonce, pt, ad, ct, std)
		}
		if t.Failed() {
			return
		}
	}
}

// confSealAll encrypts through every entry point, checks that all agree
// (and with the generic code unless generic is set) and that the inputs
// are left untouched, and returns the ciphertext (nil after a failure).
func confSealAll(t *testing.T, what string, a confAEAD, nonce, pt, ad []byte, std, generic bool) []byte {
	t.Helper()
	ov := a.Overhead()
	pt0, ad0, nonce0 := slices.Clone(pt), slices.Clone(ad), slices.Clone(nonce)
	want, err := a.Encrypt(nonce, pt, ad)
	if err != nil || len(want) != len(pt)+ov {
		t.Errorf("%s: Encrypt = %d bytes, %v; want %d bytes", what, len(want), err, len(pt)+ov)
		return nil
	}
	if !bytes.Equal(pt, pt0) || !bytes.Equal(ad, ad0) || !bytes.Equal(nonce, nonce0) {
		t.Errorf("%s: Encrypt changed its inputs", what)
	}
	if !generic {
		var ref []byte
		var rerr error
		confGeneric(func() { ref, rerr = a.Encrypt(nonce, pt, ad) })
		if rerr != nil || !bytes.Equal(want, ref) {
			t.Errorf("%s: the output differs from the generic code's (%v)\n got %x\nwant %x", what, rerr, want, ref)
			return nil
		}
	}
	dst := confBuf(len(want), 3, 0xa5)
	if k, err := a.EncryptInto(dst, nonce, pt, ad); err != nil || k != len(want) || !bytes.Equal(dst, want) {
		t.Errorf("%s: EncryptInto = %d, %v, %x; want %x", what, k, err, dst, want)
	}
	if !bytes.Equal(pt, pt0) || !bytes.Equal(ad, ad0) || !bytes.Equal(nonce, nonce0) {
		t.Errorf("%s: EncryptInto changed its inputs", what)
	}
	buf := confBuf(len(want), 7, 0x5a)
	copy(buf, pt)
	if k, err := a.EncryptInto(buf, nonce, buf[:len(pt)], ad); err != nil || k != len(want) || !bytes.Equal(buf, want) {
		t.Errorf("%s: EncryptInto in place = %d, %v, %x; want %x", what, k, err, buf, want)
	}
	if !std {
		return want
	}
	s := a.Std()
	if got := s.Seal([]byte("prefix"), nonce, pt, ad); !bytes.HasPrefix(got, []byte("prefix")) || !bytes.Equal(got[6:], want) {
		t.Errorf("%s: Seal appending to a full slice = %x; want prefix || %x", what, got, want)
	}
	d := confBuf(5+len(want), 9, 0xa5)[:5]
	if got := s.Seal(d, nonce, pt, ad); &got[0] != &d[0] || !bytes.Equal(got[:5], d) || !bytes.Equal(got[5:], want) {
		t.Errorf("%s: Seal into capacity = %x; want %x || %x in place", what, got, d, want)
	}
	buf = confBuf(len(want), 1, 0x5a)
	copy(buf, pt)
	if got := s.Seal(buf[:0], nonce, buf[:len(pt)], ad); &got[0] != &buf[0] || !bytes.Equal(got, want) {
		t.Errorf("%s: Seal in place = %x; want %x", what, got, want)
	}
	if !bytes.Equal(pt, pt0) || !bytes.Equal(ad, ad0) || !bytes.Equal(nonce, nonce0) {
		t.Errorf("%s: Seal changed its inputs", what)
	}
	return want
}

// confOpenAll decrypts ct through every entry point and checks that each
// gives pt and leaves the inputs untouched.
func confOpenAll(t *testing.T, what string, a confAEAD, nonce, ct, ad, pt []byte, std bool) {
	t.Helper()
	ct0 := slices.Clone(ct)
	if got, err := a.Decrypt(nonce, ct, ad); err != nil || len(got) != len(pt) || !bytes.Equal(got, pt) {
		t.Errorf("%s: Decrypt = %x, %v; want %x", what, got, err, pt)
	}
	dst := confBuf(len(pt), 5, 0xa5)
	if k, err := a.DecryptInto(dst, nonce, ct, ad); err != nil || k != len(pt) || !bytes.Equal(dst, pt) {
		t.Errorf("%s: DecryptInto = %d, %v, %x; want %x", what, k, err, dst, pt)
	}
	if !bytes.Equal(ct, ct0) {
		t.Errorf("%s: Decrypt or DecryptInto changed the ciphertext", what)
	}
	buf := confBuf(len(ct), 13, 0)
	copy(buf, ct)
	if k, err := a.DecryptInto(buf[:len(pt)], nonce, buf, ad); err != nil || k != len(pt) || !bytes.Equal(buf[:len(pt)], pt) {
		t.Errorf("%s: DecryptInto in place = %d, %v, %x; want %x", what, k, err, buf[:len(pt)], pt)
	}
	if len(ad) == 0 {
		// nil and empty associated data are the same thing.
		other := []byte{}
		if ad != nil {
			other = nil
		}
		if got, err := a.Decrypt(nonce, ct, other); err != nil || !bytes.Equal(got, pt) {
			t.Errorf("%s: Decrypt with ad %v instead of %v: %v", what, other, ad, err)
		}
	}
	if !std {
		return
	}
	s := a.Std()
	if got, err := s.Open([]byte("prefix"), nonce, ct, ad); err != nil || !bytes.HasPrefix(got, []byte("prefix")) || !bytes.Equal(got[6:], pt) {
		t.Errorf("%s: Open appending to a full slice = %x, %v; want prefix || %x", what, got, err, pt)
	}
	d := confBuf(5+len(pt), 9, 0xa5)[:5]
	if got, err := s.Open(d, nonce, ct, ad); err != nil || &got[0] != &d[0] || !bytes.Equal(got[:5], d) || !bytes.Equal(got[5:], pt) {
		t.Errorf("%s: Open into capacity = %x, %v; want %x || %x in place", what, got, err, d, pt)
	}
	buf = confBuf(len(ct), 2, 0)
	copy(buf, ct)
	if got, err := s.Open(buf[:0], nonce, buf, ad); err != nil || !bytes.Equal(got, pt) || (len(pt) > 0 && &got[0] != &buf[0]) {
		t.Errorf("%s: Open in place = %x, %v; want %x", what, got, err, pt)
	}
	if !bytes.Equal(ct, ct0) {
		t.Errorf("%s: Open changed the ciphertext", what)
	}
}

// confGuard holds regions that touch an inaccessible page on one side.
type confGuard struct {
	mode                  testutil.GuardMode
	src, dst, ad, nonceRg []byte
}

// at returns n bytes of region that touch the inaccessible page.
func (g *confGuard) at(region []byte, n int) []byte {
	if g.mode == testutil.GuardAfter {
		return region[len(region)-n:]
	}
	return region[:n:n]
}

func confGuards(t *testing.T, max int) []*confGuard {
	var gs []*confGuard
	for _, m := range testutil.GuardModes {
		gs = append(gs, &confGuard{
			mode:    m,
			src:     testutil.Guarded(t, max, m),
			dst:     testutil.Guarded(t, max, m),
			ad:      testutil.Guarded(t, 512, m),
			nonceRg: testutil.Guarded(t, 128, m),
		})
	}
	return gs
}

// confGuardedPass repeats the round trip with every buffer against an
// inaccessible page, on each side in turn: a read or write past either
// end faults.
func confGuardedPass(t *testing.T, what string, gs []*confGuard, a confAEAD, nonce, pt, ad, ct []byte, std bool) {
	t.Helper()
	for _, g := range gs {
		what := fmt.Sprintf("%s, guard page %v", what, g.mode)
		p := g.at(g.src, len(pt))
		copy(p, pt)
		nn := g.at(g.nonceRg, len(nonce))
		copy(nn, nonce)
		aa := g.at(g.ad, len(ad))
		copy(aa, ad)
		d := g.at(g.dst, len(ct))
		clear(d)
		if k, err := a.EncryptInto(d, nn, p, aa); err != nil || k != len(ct) || !bytes.Equal(d, ct) {
			t.Errorf("%s: EncryptInto = %d, %v", what, k, err)
		}
		clear(p)
		if k, err := a.DecryptInto(p, nn, d, aa); err != nil || k != len(pt) || !bytes.Equal(p, pt) {
			t.Errorf("%s: DecryptInto = %d, %v", what, k, err)
		}
		b := g.at(g.dst, len(ct))
		copy(b, pt)
		if k, err := a.EncryptInto(b, nn, b[:len(pt)], aa); err != nil || k != len(ct) || !bytes.Equal(b, ct) {
			t.Errorf("%s: EncryptInto in place = %d, %v", what, k, err)
		}
		if k, err := a.DecryptInto(b[:len(pt)], nn, b, aa); err != nil || k != len(pt) || !bytes.Equal(b[:len(pt)], pt) {
			t.Errorf("%s: DecryptInto in place = %d, %v", what, k, err)
		}
		if std {
			s := a.Std()
			copy(p, pt)
			if got := s.Seal(d[:0], nn, p, aa); !bytes.Equal(got, ct) {
				t.Errorf("%s: Seal = %x", what, got)
			}
			clear(p)
			if got, err := s.Open(p[:0], nn, d, aa); err != nil || !bytes.Equal(got, pt) {
				t.Errorf("%s: Open = %x, %v", what, got, err)
			}
		}
	}
}

// confAuthFail checks that every decryption entry point refuses ct with
// ErrInvalidTag, returns no plaintext, and zeroes its destination (a
// ciphertext shorter than the tag leaves no destination to zero).
func confAuthFail(t *testing.T, what string, a confAEAD, nonce, ct, ad []byte) {
	t.Helper()
	ov := a.Overhead()
	s := a.Std()
	std := len(nonce) == s.NonceSize()
	if got, err := a.Decrypt(nonce, ct, ad); got != nil || !errors.Is(err, ErrInvalidTag) {
		t.Errorf("%s: Decrypt = %x, %v; want nil, ErrInvalidTag", what, got, err)
	}
	if len(ct) < ov {
		if k, err := a.DecryptInto(nil, nonce, ct, ad); k != 0 || !errors.Is(err, ErrInvalidTag) {
			t.Errorf("%s: DecryptInto = %d, %v; want 0, ErrInvalidTag", what, k, err)
		}
		if std {
			if got, err := s.Open(nil, nonce, ct, ad); got != nil || !errors.Is(err, ErrInvalidTag) {
				t.Errorf("%s: Open = %x, %v; want nil, ErrInvalidTag", what, got, err)
			}
		}
		return
	}
	m := len(ct) - ov
	ct0 := slices.Clone(ct)
	dst := confBuf(m, 0, 0xa5)
	if k, err := a.DecryptInto(dst, nonce, ct, ad); k != 0 || !errors.Is(err, ErrInvalidTag) || !confAll(dst, 0) {
		t.Errorf("%s: DecryptInto = %d, %v, dst %x; want 0, ErrInvalidTag, zeros", what, k, err, dst)
	}
	if !bytes.Equal(ct, ct0) {
		t.Errorf("%s: a failed DecryptInto changed the ciphertext", what)
	}
	buf := slices.Clone(ct)
	if k, err := a.DecryptInto(buf[:m], nonce, buf, ad); k != 0 || !errors.Is(err, ErrInvalidTag) || !confAll(buf[:m], 0) {
		t.Errorf("%s: DecryptInto in place = %d, %v, dst %x; want 0, ErrInvalidTag, zeros", what, k, err, buf[:m])
	}
	if !std {
		return
	}
	pre := confBuf(3+m, 0, 0xa5)
	if got, err := s.Open(pre[:3], nonce, ct, ad); got != nil || !errors.Is(err, ErrInvalidTag) || !confAll(pre[:3], 0xa5) || !confAll(pre[3:], 0) {
		t.Errorf("%s: Open into capacity = %x, %v, buffer %x; want nil, ErrInvalidTag, a5a5a5 || zeros", what, got, err, pre)
	}
	buf = slices.Clone(ct)
	if got, err := s.Open(buf[:0], nonce, buf, ad); got != nil || !errors.Is(err, ErrInvalidTag) || !confAll(buf[:m], 0) {
		t.Errorf("%s: Open in place = %x, %v, dst %x; want nil, ErrInvalidTag, zeros", what, got, err, buf[:m])
	}
}

// confTamperLengths are the plaintext lengths the tamper test runs.
var confTamperLengths = []int{0, 1, 15, 16, 17, 64, 255}

// confTamper flips every byte of ciphertext, tag, associated data and
// nonce in turn, and changes lengths, nonce size and key.
func confTamper(t *testing.T, r *confRow, insts []confInst, rng *rand.Rand) {
	for idx, n := range confTamperLengths {
		in := insts[idx%len(insts)]
		a := in.a
		ov := a.Overhead()
		ns := r.nonces[idx%len(r.nonces)]
		nonce := confBytes(rng, ns, idx)
		pt := confBytes(rng, n, idx+3)
		ad := confBytes(rng, 1+3*idx, idx+6)
		what := fmt.Sprintf("%s, %d-byte nonce, %d-byte plaintext, %d-byte ad", in.label, ns, n, len(ad))
		ct, err := a.Encrypt(nonce, pt, ad)
		if err != nil {
			t.Fatalf("%s: Encrypt: %v", what, err)
		}
		// The untouched message opens: the failures below are not
		// spurious.
		if got, err := a.Decrypt(nonce, ct, ad); err != nil || !bytes.Equal(got, pt) {
			t.Fatalf("%s: Decrypt of the untouched message: %v", what, err)
		}
		for i := range ct {
			bad := slices.Clone(ct)
			bad[i] ^= 1 << (i % 8)
			confAuthFail(t, fmt.Sprintf("%s, byte %d of %d of the ciphertext flipped", what, i, len(ct)), a, nonce, bad, ad)
		}
		for i := range ad {
			bad := slices.Clone(ad)
			bad[i] ^= 1 << (i % 8)
			confAuthFail(t, fmt.Sprintf("%s, ad byte %d flipped", what, i), a, nonce, ct, bad)
		}
		for i := range nonce {
			bad := slices.Clone(nonce)
			bad[i] ^= 1 << (i % 8)
			confAuthFail(t, fmt.Sprintf("%s, nonce byte %d flipped", what, i), a, bad, ct, ad)
		}
		for m := 0; m < len(ct); m++ {
			if m < ov || m == len(ct)-1 {
				confAuthFail(t, fmt.Sprintf("%s, ciphertext cut to %d bytes", what, m), a, nonce, ct[:m], ad)
			}
		}
		confAuthFail(t, what+", first ciphertext byte dropped", a, nonce, ct[1:], ad)
		confAuthFail(t, what+", a zero byte appended to the ciphertext", a, nonce, append(slices.Clone(ct), 0), ad)
		confAuthFail(t, what+", a zero byte appended to the ad", a, nonce, ct, append(slices.Clone(ad), 0))
		confAuthFail(t, what+", last ad byte dropped", a, nonce, ct, ad[:len(ad)-1])
		confAuthFail(t, what+", no ad", a, nonce, ct, nil)
		for _, other := range r.nonces {
			if other != ns {
				n2 := make([]byte, other)
				copy(n2, nonce)
				confAuthFail(t, fmt.Sprintf("%s, nonce resized to %d bytes", what, other), a, n2, ct, ad)
			}
		}
		otherKey := slices.Clone(in.key)
		otherKey[idx%len(otherKey)] ^= 0x10
		b, err := r.newAEAD(otherKey, in.tagSize)
		if err != nil {
			t.Fatal(err)
		}
		confAuthFail(t, what+", another key", b, nonce, ct, ad)
		if s, ok := a.(confSIV); ok {
			confSIVLists(t, what, s, nonce, ct, ad)
		}
		if t.Failed() {
			return
		}
	}
}

// confSIVLists checks that AES-SIV authenticates the shape of the AD list:
// order, number of components and their boundaries.
func confSIVLists(t *testing.T, what string, s confSIV, nonce, ct, ad []byte) {
	t.Helper()
	if got, err := s.c.Decrypt(ct, [][]byte{ad, nonce}); err != nil || len(got) != len(ct)-16 {
		t.Errorf("%s: Decrypt with the right list: %v", what, err)
	}
	joined := append(slices.Clone(ad), nonce...)
	for _, l := range []struct {
		name string
		list [][]byte
	}{
		{"components swapped", [][]byte{nonce, ad}},
		{"nonce dropped", [][]byte{ad}},
		{"empty component appended", [][]byte{ad, nonce, nil}},
		{"empty component prepended", [][]byte{nil, ad, nonce}},
		{"ad and nonce joined", [][]byte{joined}},
		{"ad and nonce split elsewhere", [][]byte{joined[:len(ad)-1], joined[len(ad)-1:]}},
		{"no list", nil},
	} {
		dst := confBuf(len(ct)-16, 0, 0xa5)
		if k, err := s.c.DecryptInto(dst, ct, l.list); k != 0 || !errors.Is(err, ErrInvalidTag) || !confAll(dst, 0) {
			t.Errorf("%s, %s: DecryptInto = %d, %v, dst %x; want ErrInvalidTag and zeros", what, l.name, k, err, dst)
		}
		if got, err := s.c.Decrypt(ct, l.list); got != nil || !errors.Is(err, ErrInvalidTag) {
			t.Errorf("%s, %s: Decrypt = %x, %v; want ErrInvalidTag", what, l.name, got, err)
		}
	}
}

// confWrongLens returns lengths other than want, none negative.
func confWrongLens(want int) []int {
	var ls []int
	for _, l := range []int{0, want - 1, want + 1, want + 16, 2*want + 1} {
		if l >= 0 && l != want && !slices.Contains(ls, l) {
			ls = append(ls, l)
		}
	}
	return ls
}

// confSizes checks the ErrBufferSize and ErrNonceSize cases and the
// panics of Seal and Open on a wrong nonce size.
func confSizes(t *testing.T, r *confRow, insts []confInst, rng *rand.Rand) {
	for ii, in := range insts {
		a := in.a
		ov := a.Overhead()
		nonce := confBytes(rng, r.nonces[0], 1)
		for _, n := range []int{0, 1, 16, 100} {
			pt := confBytes(rng, n, 2)
			ad := confBytes(rng, 10, 3)
			ct, err := a.Encrypt(nonce, pt, ad)
			if err != nil {
				t.Fatal(err)
			}
			what := fmt.Sprintf("%s, %d-byte plaintext", in.label, n)
			for _, l := range confWrongLens(n + ov) {
				dst := confBuf(l, 0, 0x5a)
				if l == 0 && n%2 == 0 {
					dst = nil
				}
				if k, err := a.EncryptInto(dst, nonce, pt, ad); k != 0 || !errors.Is(err, ErrBufferSize) || !confAll(dst, 0x5a) {
					t.Errorf("%s: EncryptInto with a %d-byte dst = %d, %v; want 0, ErrBufferSize, dst untouched", what, l, k, err)
				}
			}
			for _, l := range confWrongLens(n) {
				dst := confBuf(l, 0, 0x5a)
				if k, err := a.DecryptInto(dst, nonce, ct, ad); k != 0 || !errors.Is(err, ErrBufferSize) || !confAll(dst, 0x5a) {
					t.Errorf("%s: DecryptInto with a %d-byte dst = %d, %v; want 0, ErrBufferSize, dst untouched", what, l, k, err)
				}
			}
			for _, bn := range r.badNonces {
				var bad []byte
				if bn > 0 {
					bad = confBytes(rng, bn, 0)
				}
				what := fmt.Sprintf("%s, %d-byte nonce", what, bn)
				if got, err := a.Encrypt(bad, pt, ad); got != nil || !errors.Is(err, ErrNonceSize) {
					t.Errorf("%s: Encrypt = %x, %v; want nil, ErrNonceSize", what, got, err)
				}
				dst := confBuf(n+ov, 0, 0x5a)
				if k, err := a.EncryptInto(dst, bad, pt, ad); k != 0 || !errors.Is(err, ErrNonceSize) || !confAll(dst, 0x5a) {
					t.Errorf("%s: EncryptInto = %d, %v; want 0, ErrNonceSize, dst untouched", what, k, err)
				}
				if got, err := a.Decrypt(bad, ct, ad); got != nil || !errors.Is(err, ErrNonceSize) {
					t.Errorf("%s: Decrypt = %x, %v; want nil, ErrNonceSize", what, got, err)
				}
				dst = confBuf(n, 0, 0x5a)
				if k, err := a.DecryptInto(dst, bad, ct, ad); k != 0 || !errors.Is(err, ErrNonceSize) || !confAll(dst, 0x5a) {
					t.Errorf("%s: DecryptInto = %d, %v; want 0, ErrNonceSize, dst untouched", what, k, err)
				}
			}
		}
		if ii > 0 {
			continue
		}
		// The crypto/cipher face takes exactly NonceSize() bytes and
		// panics otherwise, as crypto/cipher's GCM does.
		s := a.Std()
		ct := s.Seal(nil, nonce, []byte("message"), nil)
		for ns := 0; ns <= 70; ns++ {
			if ns == s.NonceSize() {
				continue
			}
			bad := make([]byte, ns)
			if !confPanics(func() { s.Seal(nil, bad, []byte("message"), nil) }) {
				t.Errorf("%s: Seal with a %d-byte nonce did not panic", in.label, ns)
			}
			if !confPanics(func() { _, _ = s.Open(nil, bad, ct, nil) }) {
				t.Errorf("%s: Open with a %d-byte nonce did not panic", in.label, ns)
			}
		}
		if sv, ok := a.(confSIV); ok {
			for _, ns := range []int{math.MinInt, math.MinInt32, -1, 0, 65, 128, math.MaxInt32, math.MaxInt} {
				if v, err := sv.c.AEAD(ns); v != nil || !errors.Is(err, ErrNonceSize) {
					t.Errorf("%s: AEAD(%d) = %v, %v; want nil, ErrNonceSize", in.label, ns, v, err)
				}
			}
			for ns := 1; ns <= 64; ns++ {
				v, err := sv.c.AEAD(ns)
				if err != nil || v.NonceSize() != ns || v.Overhead() != 16 {
					t.Fatalf("%s: AEAD(%d): %v", in.label, ns, err)
				}
			}
		}
	}
}

// confOverlap shifts dst against the input by every offset either side
// and puts dst over the nonce and the associated data.
func confOverlap(t *testing.T, r *confRow, insts []confInst, rng *rand.Rand) {
	in := insts[0]
	a := in.a
	s := a.Std()
	ov := a.Overhead()
	for _, n := range []int{1, 16, 33, 100} {
		nonce := confBytes(rng, r.nonces[0], 0)
		pt := confBytes(rng, n, 0)
		ad := confBytes(rng, 20, 0)
		ct, err := a.Encrypt(nonce, pt, ad)
		if err != nil {
			t.Fatal(err)
		}
		size := n + ov
		base := 2*size + 32
		buf := make([]byte, 4*size+64)
		what := fmt.Sprintf("%s, %d-byte plaintext", in.label, n)
		for sh := -(size + 1); sh <= size+1; sh++ {
			if sh == 0 {
				continue // in place, checked by the round trip
			}
			// Encryption: src = buf[base:base+n], dst = buf[base+sh:][:size].
			for i := range buf {
				buf[i] = byte(rng.Uint32())
			}
			copy(buf[base:], pt)
			snap := slices.Clone(buf)
			src := buf[base : base+n]
			dst := buf[base+sh : base+sh+size]
			overlap := sh < n && sh+size > 0
			k, err := a.EncryptInto(dst, nonce, src, ad)
			switch {
			case overlap && (k != 0 || !errors.Is(err, ErrOverlap) || !bytes.Equal(buf, snap)):
				t.Errorf("%s: EncryptInto with dst shifted by %d = %d, %v; want 0, ErrOverlap, nothing written", what, sh, k, err)
			case !overlap && (err != nil || !bytes.Equal(dst, ct) || !bytes.Equal(src, pt)):
				t.Errorf("%s: EncryptInto with dst %d bytes away (disjoint): %v", what, sh, err)
			}
			copy(buf, snap)
			panicked := confPanics(func() { s.Seal(buf[base+sh:base+sh], nonce, src, ad) })
			if panicked != overlap {
				t.Errorf("%s: Seal with dst shifted by %d: panic %v, want %v", what, sh, panicked, overlap)
			}

			// Decryption: src = buf[base:base+size], dst = buf[base+sh:][:n].
			copy(buf, snap)
			copy(buf[base:], ct)
			snap = slices.Clone(buf)
			src = buf[base : base+size]
			dst = buf[base+sh : base+sh+n]
			overlap = sh < size && sh+n > 0
			k, err = a.DecryptInto(dst, nonce, src, ad)
			switch {
			case overlap && (k != 0 || !errors.Is(err, ErrOverlap) || !bytes.Equal(buf, snap)):
				t.Errorf("%s: DecryptInto with dst shifted by %d = %d, %v; want 0, ErrOverlap, nothing written", what, sh, k, err)
			case !overlap && (err != nil || !bytes.Equal(dst, pt) || !bytes.Equal(src, ct)):
				t.Errorf("%s: DecryptInto with dst %d bytes away (disjoint): %v", what, sh, err)
			}
			copy(buf, snap)
			panicked = confPanics(func() { _, _ = s.Open(buf[base+sh:base+sh], nonce, src, ad) })
			if panicked != overlap {
				t.Errorf("%s: Open with dst shifted by %d: panic %v, want %v", what, sh, panicked, overlap)
			}
			if t.Failed() {
				return
			}
		}

		// dst over the associated data or the nonce, anywhere, even
		// where dst starts: ErrOverlap; right next to dst: fine.
		for _, at := range []int{0, 1, size / 2, size - 1} {
			for i := range buf {
				buf[i] = byte(rng.Uint32())
			}
			dst := buf[base : base+size]
			adIn := buf[base+at : base+at+len(ad)]
			copy(adIn, ad)
			snap := slices.Clone(buf)
			if k, err := a.EncryptInto(dst, nonce, pt, adIn); k != 0 || !errors.Is(err, ErrOverlap) || !bytes.Equal(buf, snap) {
				t.Errorf("%s: EncryptInto with the ad at dst[%d:] = %d, %v; want ErrOverlap, nothing written", what, at, k, err)
			}
			if !confPanics(func() { s.Seal(dst[:0], nonce, pt, adIn) }) {
				t.Errorf("%s: Seal with the ad at dst[%d:] did not panic", what, at)
			}
			out := buf[base : base+n]
			if at < n {
				if k, err := a.DecryptInto(out, nonce, ct, adIn); k != 0 || !errors.Is(err, ErrOverlap) || !bytes.Equal(buf, snap) {
					t.Errorf("%s: DecryptInto with the ad at dst[%d:] = %d, %v; want ErrOverlap, nothing written", what, at, k, err)
				}
				if !confPanics(func() { _, _ = s.Open(out[:0], nonce, ct, adIn) }) {
					t.Errorf("%s: Open with the ad at dst[%d:] did not panic", what, at)
				}
			}
			if len(nonce) == 0 {
				continue
			}
			copy(buf, snap)
			nIn := buf[base+at : base+at+len(nonce)]
			copy(nIn, nonce)
			snap = slices.Clone(buf)
			if k, err := a.EncryptInto(dst, nIn, pt, ad); k != 0 || !errors.Is(err, ErrOverlap) || !bytes.Equal(buf, snap) {
				t.Errorf("%s: EncryptInto with the nonce at dst[%d:] = %d, %v; want ErrOverlap, nothing written", what, at, k, err)
			}
			if !confPanics(func() { s.Seal(dst[:0], nIn, pt, ad) }) {
				t.Errorf("%s: Seal with the nonce at dst[%d:] did not panic", what, at)
			}
			if at < n {
				if k, err := a.DecryptInto(out, nIn, ct, ad); k != 0 || !errors.Is(err, ErrOverlap) || !bytes.Equal(buf, snap) {
					t.Errorf("%s: DecryptInto with the nonce at dst[%d:] = %d, %v; want ErrOverlap, nothing written", what, at, k, err)
				}
			}
		}
		dst := buf[base : base+size]
		adNext := buf[base+size : base+size+len(ad)]
		copy(adNext, ad)
		if k, err := a.EncryptInto(dst, nonce, pt, adNext); err != nil || k != size || !bytes.Equal(dst, ct) {
			t.Errorf("%s: EncryptInto with the ad right after dst: %d, %v", what, k, err)
		}
	}
}

// confAllocs checks that the hot paths allocate nothing.
func confAllocs(t *testing.T, r *confRow, insts []confInst, rng *rand.Rand) {
	if confRace {
		t.Skip("the race detector's instrumentation allocates")
	}
	in := insts[0]
	a := in.a
	s := a.Std()
	nonce := confBytes(rng, r.nonces[0], 0)
	pt := confBytes(rng, 100, 0)
	ad := confBytes(rng, 29, 0)
	ct := make([]byte, len(pt)+a.Overhead())
	out := make([]byte, len(pt))
	sealBuf := make([]byte, 0, len(ct))
	inPlace := make([]byte, len(ct))
	copy(inPlace, pt)
	check := func(name string, f func() error) {
		t.Helper()
		var err error
		if n := testing.AllocsPerRun(20, func() {
			if e := f(); e != nil {
				err = e
			}
		}); n != 0 {
			t.Errorf("%s: %s: %v allocations per call, want 0", in.label, name, n)
		}
		if err != nil {
			t.Errorf("%s: %s: %v", in.label, name, err)
		}
	}
	check("EncryptInto", func() error { _, err := a.EncryptInto(ct, nonce, pt, ad); return err })
	check("DecryptInto", func() error { _, err := a.DecryptInto(out, nonce, ct, ad); return err })
	check("Seal with capacity", func() error { s.Seal(sealBuf[:0], nonce, pt, ad); return nil })
	check("Open with capacity", func() error { _, err := s.Open(out[:0], nonce, ct, ad); return err })
	check("EncryptInto and DecryptInto in place", func() error {
		if _, err := a.EncryptInto(inPlace, nonce, inPlace[:len(pt)], ad); err != nil {
			return err
		}
		_, err := a.DecryptInto(inPlace[:len(pt)], nonce, inPlace, ad)
		return err
	})
	check("Seal and Open in place", func() error {
		sealed := s.Seal(inPlace[:0], nonce, inPlace[:len(pt)], ad)
		_, err := s.Open(sealed[:0], nonce, sealed, ad)
		return err
	})
	bad := slices.Clone(ct)
	bad[0] ^= 1
	check("DecryptInto failing", func() error {
		if _, err := a.DecryptInto(out, nonce, bad, ad); !errors.Is(err, ErrInvalidTag) {
			return fmt.Errorf("tampered message: %v", err)
		}
		return nil
	})
	if !bytes.Equal(inPlace[:len(pt)], pt) {
		t.Errorf("%s: the in-place round trips lost the plaintext", in.label)
	}
	if sv, ok := a.(confSIV); ok {
		// A three-component list built where it is used, as a caller
		// would write it.
		hdr := []byte("header")
		check("AESSIV EncryptInto, 3-component AD list", func() error {
			_, err := sv.c.EncryptInto(ct, pt, [][]byte{ad, hdr, nonce})
			return err
		})
		check("AESSIV DecryptInto, 3-component AD list", func() error {
			_, err := sv.c.DecryptInto(out, ct, [][]byte{ad, hdr, nonce})
			return err
		})
	}
}

// confConcurrent uses one value from 16 goroutines at once, each with its
// own messages, through every hot entry point; run under -race it also
// proves that the value is only read.
func confConcurrent(t *testing.T, r *confRow, insts []confInst, rng *rand.Rand) {
	const workers = 16
	per := 6
	if confRace {
		per = 3
	}
	a := insts[len(insts)-1].a
	type job struct{ nonce, pt, ad, ct []byte }
	jobs := make([][]job, workers)
	for w := range jobs {
		for i := 0; i < per; i++ {
			j := job{
				nonce: confBytes(rng, r.nonces[0], w),
				pt:    confBytes(rng, rng.IntN(700), i),
				ad:    confBytes(rng, rng.IntN(40), 0),
			}
			var err error
			if j.ct, err = a.Encrypt(j.nonce, j.pt, j.ad); err != nil {
				t.Fatal(err)
			}
			jobs[w] = append(jobs[w], j)
		}
	}
	start := make(chan struct{})
	var wg sync.WaitGroup
	for w := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			s := a.Std()
			for i, j := range jobs[w] {
				dst := make([]byte, len(j.ct))
				if _, err := a.EncryptInto(dst, j.nonce, j.pt, j.ad); err != nil || !bytes.Equal(dst, j.ct) {
					t.Errorf("worker %d message %d: EncryptInto: %v", w, i, err)
				}
				out := make([]byte, len(j.pt))
				if _, err := a.DecryptInto(out, j.nonce, j.ct, j.ad); err != nil || !bytes.Equal(out, j.pt) {
					t.Errorf("worker %d message %d: DecryptInto: %v", w, i, err)
				}
				if got := s.Seal(nil, j.nonce, j.pt, j.ad); !bytes.Equal(got, j.ct) {
					t.Errorf("worker %d message %d: Seal differs", w, i)
				}
				if got, err := s.Open(nil, j.nonce, j.ct, j.ad); err != nil || !bytes.Equal(got, j.pt) {
					t.Errorf("worker %d message %d: Open: %v", w, i, err)
				}
				bad := slices.Clone(j.ct)
				bad[len(bad)-1] ^= 0x80
				if _, err := a.DecryptInto(out, j.nonce, bad, j.ad); !errors.Is(err, ErrInvalidTag) || !confAll(out, 0) {
					t.Errorf("worker %d message %d: tampered DecryptInto: %v", w, i, err)
				}
			}
		}()
	}
	close(start)
	wg.Wait()
}

// TestConformanceParams checks the constructors' key and tag sizes, the
// key generators, and that the error-returning API never panics, whatever
// the sizes of its arguments.
func TestConformanceParams(t *testing.T) {
	for i := range confRows {
		r := &confRows[i]
		t.Run(r.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(i), 0x70617261))
			insts := confInstances(t, r, rng)
			confKeys(t, r)
			var noPanic []confInst
			for _, in := range insts {
				// The first instance, and for AESCCM the shortest tag.
				if len(noPanic) == 0 || in.tagSize == 4 {
					noPanic = append(noPanic, in)
				}
			}
			for _, in := range noPanic {
				confNoPanic(t, r, in, rng)
			}
			if sv, ok := insts[0].a.(confSIV); ok {
				confNoPanicSIV(t, sv, rng)
			}
			confLimits(t, r, insts[0])
		})
	}
}

// confKeys checks every key size from 0 to 100 bytes (and nil), the tag
// sizes of AESCCM, and the key generator.
func confKeys(t *testing.T, r *confRow) {
	tag := 16
	for k := -1; k <= 100; k++ {
		var key []byte // nil for k == -1
		if k >= 0 {
			key = make([]byte, k)
		}
		a, err := r.newAEAD(key, tag)
		switch {
		case slices.Contains(r.keySizes, k):
			if err != nil || a == nil {
				t.Errorf("%d-byte key: %v", k, err)
			}
		case a != nil || !errors.Is(err, ErrKeySize) || errors.Is(err, errConfNotNil):
			t.Errorf("%d-byte key: %v, %v; want nil, ErrKeySize", k, a, err)
		}
	}
	if r.tagSizes != nil {
		for _, ts := range []int{math.MinInt, math.MinInt32, -16, -1, 0, 1, 2, 3, 5, 7, 9, 11, 13, 15, 17, 18, 20, 24, 32, 64, math.MaxInt32, math.MaxInt} {
			if a, err := r.newAEAD(make([]byte, 16), ts); a != nil || !errors.Is(err, ErrTagSize) || errors.Is(err, errConfNotNil) {
				t.Errorf("tag size %d: %v, %v; want nil, ErrTagSize", ts, a, err)
			}
			// Both wrong: either error, no panic.
			if a, err := r.newAEAD(make([]byte, 5), ts); a != nil || !(errors.Is(err, ErrKeySize) || errors.Is(err, ErrTagSize)) {
				t.Errorf("5-byte key and tag size %d: %v, %v", ts, a, err)
			}
		}
		for _, ts := range r.tagSizes {
			if a, err := r.newAEAD(make([]byte, 16), ts); err != nil || a.Overhead() != ts {
				t.Errorf("tag size %d: %v", ts, err)
			}
		}
	}
	for _, bits := range r.keyBits {
		k1, err1 := r.genKey(bits)
		k2, err2 := r.genKey(bits)
		if err1 != nil || err2 != nil || len(k1) != bits/8 || len(k2) != bits/8 || bytes.Equal(k1, k2) {
			t.Errorf("generated %d-bit keys: %x (%v), %x (%v)", bits, k1, err1, k2, err2)
			continue
		}
		if _, err := r.newAEAD(k1, tag); err != nil {
			t.Errorf("a generated %d-bit key: %v", bits, err)
		}
	}
	if !r.bitsArg {
		return
	}
	for _, bits := range []int{math.MinInt, -256, -128, -1, 0, 1, 8, 16, 64, 127, 129, 160, 255, 257, 320, 384, 448, 512, 1024, math.MaxInt32, math.MaxInt} {
		if slices.Contains(r.keyBits, bits) {
			continue
		}
		if k, err := r.genKey(bits); k != nil || !errors.Is(err, ErrKeySize) {
			t.Errorf("generating a %d-bit key: %x, %v; want nil, ErrKeySize", bits, k, err)
		}
	}
}

// confHuge returns a slice of length n backed by 16 bytes, to test the
// length limits without allocating them: it must never be read past its
// first 16 bytes, and the limits are checked before any data is touched.
// (Built from a header rather than with unsafe.Slice, which -race's
// checkptr rejects.) It needs a 64-bit int.
func confHuge(n uint64) []byte {
	backing := make([]byte, 16)
	hdr := struct {
		p    unsafe.Pointer
		l, c int
	}{unsafe.Pointer(&backing[0]), int(n), int(n)}
	return *(*[]byte)(unsafe.Pointer(&hdr))
}

// confLimits checks that inputs one byte over the construction's limits
// are ErrTooLarge (a panic in Seal, as crypto/cipher's), and that inputs
// exactly at the limit pass the length checks (the error is then the nil
// dst's ErrBufferSize).
func confLimits(t *testing.T, r *confRow, in confInst) {
	if r.limit == 0 {
		return
	}
	if ^uint(0)>>32 == 0 {
		t.Log("length limits not checked: int is 32 bits")
		return
	}
	a := in.a
	s := a.Std()
	ov := uint64(a.Overhead())
	nonce := make([]byte, r.nonces[0])
	over, overCT := confHuge(r.limit+1), confHuge(r.limit+ov+1)
	if got, err := a.Encrypt(nonce, over, nil); got != nil || !errors.Is(err, ErrTooLarge) {
		t.Errorf("%s: Encrypt of %d bytes: %v; want ErrTooLarge", in.label, len(over), err)
	}
	if k, err := a.EncryptInto(nil, nonce, over, nil); k != 0 || !errors.Is(err, ErrTooLarge) {
		t.Errorf("%s: EncryptInto of %d bytes: %v; want ErrTooLarge", in.label, len(over), err)
	}
	if got, err := a.Decrypt(nonce, overCT, nil); got != nil || !errors.Is(err, ErrTooLarge) {
		t.Errorf("%s: Decrypt of %d bytes: %v; want ErrTooLarge", in.label, len(overCT), err)
	}
	if k, err := a.DecryptInto(nil, nonce, overCT, nil); k != 0 || !errors.Is(err, ErrTooLarge) {
		t.Errorf("%s: DecryptInto of %d bytes: %v; want ErrTooLarge", in.label, len(overCT), err)
	}
	if got, err := s.Open(nil, nonce, overCT, nil); got != nil || !errors.Is(err, ErrTooLarge) {
		t.Errorf("%s: Open of %d bytes: %v; want ErrTooLarge", in.label, len(overCT), err)
	}
	if !confPanics(func() { s.Seal(nil, nonce, over, nil) }) {
		t.Errorf("%s: Seal of %d bytes did not panic", in.label, len(over))
	}
	if k, err := a.EncryptInto(nil, nonce, confHuge(r.limit), nil); k != 0 || !errors.Is(err, ErrBufferSize) {
		t.Errorf("%s: EncryptInto of %d bytes (the limit) into nil: %v; want ErrBufferSize", in.label, r.limit, err)
	}
	if k, err := a.DecryptInto(nil, nonce, confHuge(r.limit+ov), nil); k != 0 || !errors.Is(err, ErrBufferSize) {
		t.Errorf("%s: DecryptInto of %d bytes (the limit) into nil: %v; want ErrBufferSize", in.label, r.limit+ov, err)
	}
	if r.adLimit == 0 {
		return
	}
	hugeAD := confHuge(r.adLimit + 1)
	ct, err := a.Encrypt(nonce, []byte("message"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := a.Encrypt(nonce, []byte("message"), hugeAD); got != nil || !errors.Is(err, ErrTooLarge) {
		t.Errorf("%s: Encrypt with %d bytes of ad: %v; want ErrTooLarge", in.label, len(hugeAD), err)
	}
	if got, err := a.Decrypt(nonce, ct, hugeAD); got != nil || !errors.Is(err, ErrTooLarge) {
		t.Errorf("%s: Decrypt with %d bytes of ad: %v; want ErrTooLarge", in.label, len(hugeAD), err)
	}
	if !confPanics(func() { s.Seal(nil, nonce, []byte("message"), hugeAD) }) {
		t.Errorf("%s: Seal with %d bytes of ad did not panic", in.label, len(hugeAD))
	}
}

// confArgLens are the lengths the no-panic grid gives each argument (-1
// is nil).
var confArgLens = []int{-1, 0, 1, 7, 12, 13, 15, 16, 17, 64}

// confNoPanic calls every error-returning entry point with every
// combination of odd sizes and checks that none panics, that every error
// wraps a sentinel and comes with no output, and that dst is only written
// on success or zeroed on an authentication failure.
func confNoPanic(t *testing.T, r *confRow, in confInst, rng *rand.Rand) {
	a := in.a
	ov := a.Overhead()
	arg := func(n int) []byte {
		if n < 0 {
			return nil
		}
		return confBytes(rng, n, n)
	}
	calls := 0
	for _, nl := range confArgLens {
		nonce := arg(nl)
		for _, il := range confArgLens {
			input := arg(il)
			for _, al := range []int{-1, 0, 5} {
				ad := arg(al)
				// dst: nil, empty, and around the sizes Encrypt and
				// Decrypt want.
				for _, dl := range []int{-1, 0, len(input) + ov, len(input) + ov - 1, len(input) + ov + 1, len(input) - ov, len(input) - ov + 1} {
					if dl < -1 {
						continue
					}
					what := fmt.Sprintf("%s: nonce %d, input %d, ad %d, dst %d", in.label, nl, il, al, dl)
					calls++
					confNoPanicCall(t, what+", EncryptInto", arg(dl), false, func(dst []byte) (int, error) {
						return a.EncryptInto(dst, nonce, input, ad)
					})
					confNoPanicCall(t, what+", DecryptInto", arg(dl), len(input) >= ov && dl == len(input)-ov, func(dst []byte) (int, error) {
						return a.DecryptInto(dst, nonce, input, ad)
					})
				}
				what := fmt.Sprintf("%s: nonce %d, input %d, ad %d", in.label, nl, il, al)
				var got []byte
				var err error
				if p := confPanics(func() { got, err = a.Encrypt(nonce, input, ad) }); p {
					t.Errorf("%s: Encrypt panicked", what)
				} else if err != nil && (got != nil || !confIsSentinel(err)) {
					t.Errorf("%s: Encrypt = %x, %v; want nil and a sentinel error", what, got, err)
				} else if err == nil && len(got) != len(input)+ov {
					t.Errorf("%s: Encrypt = %d bytes", what, len(got))
				}
				if p := confPanics(func() { got, err = a.Decrypt(nonce, input, ad) }); p {
					t.Errorf("%s: Decrypt panicked", what)
				} else if err == nil || got != nil || !confIsSentinel(err) {
					t.Errorf("%s: Decrypt of random bytes = %x, %v; want nil and a sentinel error", what, got, err)
				}
				if nl == a.Std().NonceSize() {
					// Open also returns errors: with the right nonce
					// size it must not panic either.
					s := a.Std()
					for _, dst := range [][]byte{nil, []byte("xyz")} {
						if p := confPanics(func() { got, err = s.Open(dst, nonce, input, ad) }); p {
							t.Errorf("%s: Open panicked", what)
						} else if err == nil || got != nil || !confIsSentinel(err) {
							t.Errorf("%s: Open of random bytes = %x, %v; want nil and a sentinel error", what, got, err)
						}
					}
				}
			}
		}
	}
	t.Logf("%s: %d argument combinations", in.label, calls)
}

// confNoPanicCall runs an Into call with dst and checks it as confNoPanic
// says; zeroed says whether a failure must leave dst all zero (an
// authentication failure with a dst of the right size).
func confNoPanicCall(t *testing.T, what string, dst []byte, zeroed bool, f func(dst []byte) (int, error)) {
	t.Helper()
	for i := range dst {
		dst[i] = 0x5a
	}
	var k int
	var err error
	if confPanics(func() { k, err = f(dst) }) {
		t.Errorf("%s: panicked", what)
		return
	}
	switch {
	case err == nil:
		if k != len(dst) {
			t.Errorf("%s: wrote %d of %d bytes", what, k, len(dst))
		}
	case k != 0 || !confIsSentinel(err):
		t.Errorf("%s: %d, %v; want 0 and a sentinel error", what, k, err)
	case zeroed && errors.Is(err, ErrInvalidTag):
		if !confAll(dst, 0) {
			t.Errorf("%s: %v, dst %x; want it zeroed", what, err, dst)
		}
	case !confAll(dst, 0x5a):
		t.Errorf("%s: %v, but dst was written: %x", what, err, dst)
	}
}

// confNoPanicSIV gives AES-SIV's list API odd lists: nil, empty, empty
// components, and the limit of 126 components and beyond (ErrTooLarge).
func confNoPanicSIV(t *testing.T, sv confSIV, rng *rand.Rand) {
	comps := func(n int, c []byte) [][]byte {
		l := make([][]byte, n)
		for i := range l {
			l[i] = c
		}
		return l
	}
	lists := []struct {
		name    string
		list    [][]byte
		tooMany bool
	}{
		{"nil list", nil, false},
		{"empty list", [][]byte{}, false},
		{"one nil component", [][]byte{nil}, false},
		{"two empty components", [][]byte{{}, {}}, false},
		{"126 components", comps(126, []byte("c")), false},
		{"127 components", comps(127, []byte("c")), true},
		{"1000 nil components", comps(1000, nil), true},
	}
	for _, l := range lists {
		for _, il := range confArgLens {
			input := []byte(nil)
			if il >= 0 {
				input = confBytes(rng, il, 0)
			}
			what := fmt.Sprintf("AESSIV: %s, input %d", l.name, il)
			var got []byte
			var err error
			if confPanics(func() { got, err = sv.c.Encrypt(input, l.list) }) {
				t.Errorf("%s: Encrypt panicked", what)
			} else if l.tooMany != errors.Is(err, ErrTooLarge) || (err == nil) == l.tooMany {
				t.Errorf("%s: Encrypt: %v", what, err)
			} else if err == nil {
				if back, err := sv.c.Decrypt(got, l.list); err != nil || !bytes.Equal(back, input) {
					t.Errorf("%s: round trip: %v", what, err)
				}
			}
			if confPanics(func() { got, err = sv.c.Decrypt(input, l.list) }) {
				t.Errorf("%s: Decrypt panicked", what)
			} else if err == nil || got != nil || !confIsSentinel(err) || (l.tooMany && !errors.Is(err, ErrTooLarge)) {
				t.Errorf("%s: Decrypt of random bytes = %x, %v", what, got, err)
			}
			for _, dl := range []int{-1, 0, len(input) + 16, len(input) - 16, len(input) + 15} {
				if dl < -1 {
					continue
				}
				var dst []byte
				if dl >= 0 {
					dst = make([]byte, dl)
				}
				confNoPanicCall(t, fmt.Sprintf("%s, dst %d, EncryptInto", what, dl), dst, false, func(dst []byte) (int, error) {
					return sv.c.EncryptInto(dst, input, l.list)
				})
				confNoPanicCall(t, fmt.Sprintf("%s, dst %d, DecryptInto", what, dl), dst, len(input) >= 16 && dl == len(input)-16, func(dst []byte) (int, error) {
					return sv.c.DecryptInto(dst, input, l.list)
				})
			}
		}
	}
}

// confConstructionNames are the constructions aead.Kernels must report, in
// the package's order.
var confConstructionNames = []string{"ChaCha20Poly1305", "AESGCM", "AESGCMSIV", "AESOCB3", "AESSIV", "AESCCM"}

// TestKernelsReport checks aead.Kernels: the six constructions, valid tier
// names, "generic" everywhere when every package is switched to its
// generic code, and, at each tier, the tier of each package for the
// operations that package registered.
func TestKernelsReport(t *testing.T) {
	check := func(t *testing.T, limit cpu.Tier) KernelReport {
		t.Helper()
		r := Kernels()
		if r.Arch != runtime.GOARCH {
			t.Errorf("Arch %q, want %q", r.Arch, runtime.GOARCH)
		}
		if _, err := cpu.ParseTier(r.Tier); err != nil {
			t.Errorf("Tier: %v", err)
		}
		if len(r.Supported) == 0 || r.Supported[len(r.Supported)-1] != "generic" {
			t.Errorf("Supported %v: want a list ending in generic", r.Supported)
		}
		for _, s := range r.Supported {
			if _, err := cpu.ParseTier(s); err != nil {
				t.Errorf("Supported: %v", err)
			}
		}
		var names []string
		for _, c := range r.Constructions {
			names = append(names, c.Name)
			if len(c.Parts) == 0 {
				t.Errorf("%s: no parts", c.Name)
			}
			same := true
			for _, p := range c.Parts {
				tier, err := cpu.ParseTier(p.Tier)
				if err != nil || p.Primitive == "" || p.Op == "" {
					t.Errorf("%s: part %+v: %v", c.Name, p, err)
					continue
				}
				if tier > limit {
					t.Errorf("%s: %s.%s runs %s, above the %s in force", c.Name, p.Primitive, p.Op, tier, limit)
				}
				// The part's tier is its package's tier if the
				// package registered an assembly kernel for the
				// operation, else generic.
				want := cpu.Generic
				if cur, ok := cpu.Current(p.Primitive); ok && cpu.OpTier(p.Primitive, p.Op) != cpu.Generic {
					want = cur
				}
				if tier != want {
					t.Errorf("%s: %s.%s reports %s, want %s", c.Name, p.Primitive, p.Op, tier, want)
				}
				if p.Tier != c.Parts[0].Tier {
					same = false
				}
			}
			if same && c.Kernel != c.Parts[0].Tier {
				t.Errorf("%s: Kernel %q, want %q (every part)", c.Name, c.Kernel, c.Parts[0].Tier)
			}
			if !same {
				for _, p := range c.Parts {
					if !strings.Contains(c.Kernel, p.Primitive+"."+p.Op+"="+p.Tier) {
						t.Errorf("%s: Kernel %q does not name part %s.%s=%s", c.Name, c.Kernel, p.Primitive, p.Op, p.Tier)
					}
				}
			}
			if !strings.Contains(r.String(), c.Name) {
				t.Errorf("String() does not mention %s", c.Name)
			}
		}
		if !slices.Equal(names, confConstructionNames) {
			t.Errorf("constructions %v, want %v", names, confConstructionNames)
		}
		return r
	}

	t.Run("generic", func(t *testing.T) {
		testutil.UseTierAll(t, cpu.Generic)
		r := check(t, cpu.Generic)
		for _, c := range r.Constructions {
			if c.Kernel != "generic" {
				t.Errorf("%s: Kernel %q, want generic", c.Name, c.Kernel)
			}
			for _, p := range c.Parts {
				if p.Tier != "generic" {
					t.Errorf("%s: %s.%s = %s, want generic", c.Name, p.Primitive, p.Op, p.Tier)
				}
			}
		}
	})

	for _, tier := range testutil.AllTiers(t) {
		t.Run(tier.String(), func(t *testing.T) {
			testutil.UseTierAll(t, tier)
			r := check(t, tier)
			// A package with an available kernel not above the tier
			// runs it, and the parts whose operation it registered
			// report it.
			nonGeneric := 0
			for _, c := range r.Constructions {
				for _, p := range c.Parts {
					ks, _ := cpu.Kernels(p.Primitive)
					var best cpu.Tier
					for _, k := range ks {
						if k.Tier <= tier && k.Available() {
							best = k.Tier
							break
						}
					}
					if cur, _ := cpu.Current(p.Primitive); cur != best {
						t.Errorf("%s: package %s runs %s at tier %s, want %s", c.Name, p.Primitive, cur, tier, best)
					}
					if cpu.OpTier(p.Primitive, p.Op) != cpu.Generic {
						if p.Tier != best.String() || best == cpu.Generic {
							t.Errorf("%s: %s.%s has a kernel; reports %s at tier %s, want %s", c.Name, p.Primitive, p.Op, p.Tier, tier, best)
						}
						nonGeneric++
					}
				}
			}
			t.Logf("tier %s: %d parts run assembly\n%s", tier, nonGeneric, r)
		})
	}
}
