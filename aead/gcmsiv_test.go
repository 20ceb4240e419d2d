package aead

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/fastaead/fastaead/internal/cpu"
	"github.com/fastaead/fastaead/internal/testutil"
)

func newGCMSIVFamily(key []byte) (gcmFamily, error) {
	c, err := NewAESGCMSIV(key)
	if err != nil {
		return nil, err
	}
	return c, nil
}

// TestAESGCMSIVWycheproof runs the Wycheproof AES-GCM-SIV vectors on every
// kernel tier the machine supports, and on the generic code.
func TestAESGCMSIVWycheproof(t *testing.T) {
	f := loadVectors(t, "wycheproof", "aes_gcm_siv_test.json")
	testutil.ForEachTierAll(t, func(t *testing.T) {
		gcmRunVectors(t, f, newGCMSIVFamily)
	})
}

// TestAESGCMSIVRFC8452 runs the RFC 8452 Appendix C vectors (AES-128,
// AES-256 and the two counter-wrap vectors of C.3) on every tier.
func TestAESGCMSIVRFC8452(t *testing.T) {
	f := loadVectors(t, "rfc", "rfc8452_aes_gcm_siv_test.json")
	wraps := 0
	for _, g := range f.TestGroups {
		for i := range g.Tests {
			if g.Tests[i].hasFlag("CounterWrap") {
				wraps++
			}
		}
	}
	if wraps != 2 {
		t.Fatalf("%d CounterWrap vectors, want 2", wraps)
	}
	testutil.ForEachTierAll(t, func(t *testing.T) {
		gcmRunVectors(t, f, newGCMSIVFamily)
	})
}

// gcmsiv192Vectors are AES-GCM-SIV vectors with 24-byte keys, which RFC
// 8452 does not define and Wycheproof does not cover. They were computed
// with Python cryptography 48.0.0 (AESGCMSIV, on OpenSSL 4.0.0, whose
// per-nonce derivation for a 24-byte key takes the first halves of blocks
// 2, 3 and 4 as the AES-192 message-encryption key), from inputs derived
// from SHA-256 of fixed labels. Fields: key, nonce, ad, plaintext,
// ciphertext || tag.
var gcmsiv192Vectors = [][5]string{
	{"03ba6b40e9d76e860ad06e10e11402e74aa0b0c0019f2938", "08526b4f6cfc0ab9a0faa84f", "", "", "dfeb2a7d1c6b88a500e8a7f9323741f4"},
	{"c147f262cd2ac908568d2dcd6a03a7a14bc3a2647e1cc359", "f8e09f80be48917ec5090b42", "c3", "", "8a76e50a500db07a54869124bb8df8a3"},
	{"edd003ce0319e58267d16f127e1269724bcc29913804b83b", "78c3818312285f2095e00235", "", "30", "780c7596aeaa15a505b47b5a27b96231d4"},
	{"f015c211df1fdfafe5fd262073fc754b346e7f490dd5f958", "366935ebd0f020d08c2c3dd3", "89abc4b0fc3c6650449e806b415930fe79a22d24", "1c95e6608f161d94bfee20ee", "0236473710b716a209b4f86126868960a3d76ef0845afb2f228c6439"},
	{"dfb211efbd99065f1eb8d68dbddb112f1e15406ed5f18ca8", "6a1fc796fa953feee474340a", "13ceebfd3fa93dbcd99328a8c30b40a2", "b4a22776edf3942d253f5a84d24c3587", "8fa709956dad2cc0615346eca717d4742b3e13539ab6f7420ff80a842fcfe75e"},
	{"72f267aa6bf556fa3853913e3ff4b961c7b0847f13642c9e", "b38035d26b6230a11a015963", "085f1ac89a", "8decb4a5e79972e2464627aa89603ef972", "3a7e24c9050dc3ed33788e793170938e83db4faaa4c94420970a92cb645399bcc2"},
	{"cca7ab2151547a3c6dfb53c237f1edb135f13813a4d16ceb", "712cc2a7fc5dbe96456ab630", "", "5cbc1489f09e70e07dda43be95fa55be370624cf8adaddc00382b2dbcefe2366", "d937edb54daec5bdc9d2f9305f230af8cd93a7f26c50db222dd08da76fcc951d6a8c0a54e94705618ad36d55fb7c1666"},
	{"1da2094ba45730017213437b164bb068c0886a8aea742a6d", "59c1a02a87890e3108e95f10", "034b4229ac9cbe920cce6bd1b642071f4c1ce4b7d593fd8581b213b8c76b0222d6", "11c01730e29f4cbd0627bfc18c036a3f7b2bff479fb09cce1a3b86b6434874a380", "888f7e2eb2e56a1db877b3a008dfcc9e77d7d62c00df93b221fe5fc67ab1b280d600cfaaa291e9fa278d9078163d7c008b"},
	{"8d1b2e023407030deb64dbb926f226a64a906d9d2433a39f", "5a1958e79735e2609b24f561", "fb6e43ae7811921522c23acc78", "335f7bd28d180a6381dec2ddb863c453bd754ca4a67722a64b781e162eddf0c455af57b016c592c857936ab8e78dd9ab0d76df2c450955e5d39b295794192c00", "22b731180f30243f277ccbc7a8dbb07532745a900b95f4b15cbc392666e5fabfd6220268c04a2223636cc31bfe6d45245c40730e84cb3bfb59713e966e31561192a7f39f66c43f099d9f07f9daa8337b"},
	{"96283679f12d3df84de288735d08be4be0990e1f64e77c78", "adcbb69d06234f4bf8265180", "747fb6f52927cbd62428a4bffc8bb957c30a672c440983b330da5f0a0612d0aea70cc8c81c9ad65922d8c9e02299d147", "958f27081907d6897973cfc9259959f9a5d5cf24ffc0cbbb155a431e4b8dec2010aed9dfbbc4622b912a392bcb4f47cb1b625d340ec155a3959d2c1b63cd717d9959d7ac86213fed0a221eed38e311b748b11f3ac0a97306810b4834084978720b539ce5", "4ec51123e250f64472c807039e172ea6f4fe33c71837b8b2ae3049df35acf1eff2a8fada866a04b13736636472d1663e9c862bca24649326943acf28ad6fcbfeaa77815c3dd5290bde56157443cd6af61390ae319bdc9f89f4d70e3d892d2c28d65d4773b3dc13afcc142703a9ccd2aa8cefb593"},
	{"0720d39deda1c780a58168a7141eee96321336798902e1f4", "50d7521a8247ded66841a74d", "ff", "11bb27d007701034df15dbc8a72d496ce3b388d1fa0c64ba258d99d3b265769397bdf3ad5f933bbc6092ff4646db436b9d179a9f288bf5541836e4040b53ee05e7f7b4a422e970bdee217549560d5264cdbcc7e268ab7ea0a7ac79758e8bb75f08db1b558a3a34a9c2d819fbf092b37eaf1af5e85a0c78fbbde9b58ca25200257531d1d9e018ba81c50df2375f3988e59e0607b385e948cf3b2b8f64c40f72fa2dfa2bf6ad45227b5e506f002f74529153193df9a154f006ac9e49bcf28c7a582efb51cd791619955d211b5068a37505f731634fa0f2939d9b1f3abbdfd8efc73550cbbc4cba4af9d461c3815ef5d4d3c6a14dc77339d72356d198da0645d2", "a8cb3c7e3869e049e200d6da4c8e5b25c0538f6c6b86b22b3aadf6ba43de94b5a566788e0d4a51009427de6f4325511bd101244db51c0e9eb7527c8039e696d23bf9cf1d79e83ae381d56bd47cfbcdaf5240c5bf85a76c6066a7dc139e419c5f917124487677a1ffa185efc48ba11defd030d3293207aa3d45e1a030f106dacd362946f957d91bdb8ba20b7575d28b4227d62a4b1368ef568aeee1b3582851c85d85ae2b04a8b9702a1e27b819eba39ac1379d53f8bad3cbb140de461131f57b8e670c0927b50bc030190c63845e9a9109d3fed83d181089a7e7f648d6c10b6e07bd4ea07f40a910a86c39242938eef065a9fc017401eeb1e80eebca9b8e66ebf100059f723ff0c34ee6704921dfd0"},
}

func TestAESGCMSIV192(t *testing.T) {
	testutil.ForEachTierAll(t, testAESGCMSIV192)
}

func testAESGCMSIV192(t *testing.T) {
	for i, v := range gcmsiv192Vectors {
		var b [5][]byte
		for j, s := range v {
			var err error
			if b[j], err = hex.DecodeString(s); err != nil {
				t.Fatal(err)
			}
		}
		a, err := NewAESGCMSIV(b[0])
		if err != nil {
			t.Fatal(err)
		}
		tc := &wpTest{TcID: i, Key: b[0], IV: b[1], AAD: b[2], Msg: b[3],
			CT: b[4][:len(b[4])-16], Tag: b[4][len(b[4])-16:], Result: "valid"}
		gcmCheckVector(t, fmt.Sprintf("AES-192 vector %d", i), a, tc)
		// The same vector with the last tag bit flipped must fail.
		tc.Tag = append([]byte{}, tc.Tag...)
		tc.Tag[15] ^= 0x80
		tc.Result = "invalid"
		gcmCheckVector(t, fmt.Sprintf("AES-192 vector %d (bad tag)", i), a, tc)
	}
}

func TestAESGCMSIVKeys(t *testing.T) {
	gcmCheckKeys(t, newGCMSIVFamily, []int{16, 24, 32}, GenerateAESGCMSIVKey, []int{128, 192, 256})
}

func TestAESGCMSIVErrors(t *testing.T) {
	c, err := NewAESGCMSIV(make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	if c.NonceSize() != 12 || c.Overhead() != 16 {
		t.Fatalf("NonceSize %d, Overhead %d", c.NonceSize(), c.Overhead())
	}
	gcmCheckErrors(t, c, []int{0, 1, 8, 11, 13, 16}, gcmsivMaxPlaintext, gcmsivMaxAD)
}

// TestAESGCMSIVInPlace checks that in-place encryption and decryption (the
// plaintext is read twice: by POLYVAL and by CTR) give the same bytes as
// separate buffers, for every key size and lengths across block and
// counter boundaries.
func TestAESGCMSIVInPlace(t *testing.T) {
	rng := rand.New(rand.NewPCG(8452, 1))
	lengths := []int{0, 1, 15, 16, 17, 63, 64, 65, 255, 256, 1000, 4097}
	if !gcmTestRace() {
		lengths = append(lengths, 1<<16+3)
	}
	for _, keySize := range []int{16, 24, 32} {
		key := make([]byte, keySize)
		for i := range key {
			key[i] = byte(rng.Uint32())
		}
		c, err := NewAESGCMSIV(key)
		if err != nil {
			t.Fatal(err)
		}
		nonce := make([]byte, 12)
		for _, n := range lengths {
			pt := make([]byte, n)
			ad := make([]byte, rng.IntN(40))
			for i := range pt {
				pt[i] = byte(rng.Uint32())
			}
			for i := range nonce {
				nonce[i] = byte(rng.Uint32())
			}
			want, err := c.Encrypt(nonce, pt, ad)
			if err != nil {
				t.Fatal(err)
			}
			buf := make([]byte, n+16)
			copy(buf, pt)
			if _, err := c.EncryptInto(buf, nonce, buf[:n], ad); err != nil || !bytes.Equal(buf, want) {
				t.Fatalf("key %d, len %d: in-place encryption differs: %v", keySize, n, err)
			}
			if _, err := c.DecryptInto(buf[:n], nonce, buf, ad); err != nil || !bytes.Equal(buf[:n], pt) {
				t.Fatalf("key %d, len %d: in-place decryption: %v", keySize, n, err)
			}
			// A different nonce or key size gives a different output
			// (the per-nonce keys are in use).
			nonce[0] ^= 1
			other, _ := c.Encrypt(nonce, pt, ad)
			if bytes.Equal(other, want) {
				t.Fatalf("key %d, len %d: output does not depend on the nonce", keySize, n)
			}
		}
	}
}

// --- The kernels against the generic code ---
//
// The tests below run AES-GCM-SIV with every package switched to the best
// kernel of each tier (cpu.SetAll) and compare the bytes with the same
// call on the generic code of every package.

// gcmsivKernelTiers returns the tiers to compare with the generic code:
// those of testutil.AllTiers at which aesni or polyval runs assembly
// (none in a purego build).
func gcmsivKernelTiers(t testing.TB) []cpu.Tier {
	var ts []cpu.Tier
	for _, tier := range testutil.AllTiers(t) {
		gcmsivAt(tier, func() {
			a, _ := cpu.Current("aesni")
			p, _ := cpu.Current("polyval")
			if a != cpu.Generic || p != cpu.Generic {
				ts = append(ts, tier)
			}
		})
	}
	return ts
}

// gcmsivAt runs f with every package switched to tier.
func gcmsivAt(tier cpu.Tier, f func()) {
	restore := cpu.SetAll(tier)
	defer restore()
	f()
}

// gcmsivCiphers returns one AESGCMSIV per key size (16, 24, 32).
func gcmsivCiphers(t testing.TB, rng *rand.Rand) []*AESGCMSIV {
	var cs []*AESGCMSIV
	for _, size := range []int{16, 24, 32} {
		c, err := NewAESGCMSIV(gcmsivRandBytes(rng, size))
		if err != nil {
			t.Fatal(err)
		}
		cs = append(cs, c)
	}
	return cs
}

func gcmsivRandBytes(rng *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	return b
}

// gcmsivCheckTier checks, at the current tier, that c seals (nonce, pt,
// ad) to want, opens want back to pt, and refuses want with one bit
// flipped at position flip, leaving a zeroed dst.
func gcmsivCheckTier(t *testing.T, tier cpu.Tier, c *AESGCMSIV, nonce, pt, ad, want []byte, flip int) {
	t.Helper()
	dst := make([]byte, len(pt)+gcmsivTagSize)
	if _, err := c.EncryptInto(dst, nonce, pt, ad); err != nil || !bytes.Equal(dst, want) {
		t.Fatalf("%v key %d, pt %d, ad %d: EncryptInto = %x, %v; generic %x", tier, c.keyLen, len(pt), len(ad), dst, err, want)
	}
	out := make([]byte, len(pt))
	if _, err := c.DecryptInto(out, nonce, want, ad); err != nil || !bytes.Equal(out, pt) {
		t.Fatalf("%v key %d, pt %d, ad %d: DecryptInto: %v", tier, c.keyLen, len(pt), len(ad), err)
	}
	bad := append([]byte(nil), want...)
	bad[flip/8] ^= 1 << (flip % 8)
	for i := range out {
		out[i] = 0xaa
	}
	if _, err := c.DecryptInto(out, nonce, bad, ad); !errors.Is(err, ErrInvalidTag) || !gcmAllZero(out) {
		t.Fatalf("%v key %d, pt %d, ad %d, bit %d flipped: DecryptInto: %v, dst %x", tier, c.keyLen, len(pt), len(ad), flip, err, out)
	}
}

// TestAESGCMSIVKernels compares every tier with the generic code for every
// plaintext length 0..1024 combined with every AD length 0..80 (one AD
// length per plaintext length under the race detector or -short),
// cycling through the key sizes.
func TestAESGCMSIVKernels(t *testing.T) {
	rng := rand.New(rand.NewPCG(8452, 2))
	tiers := gcmsivKernelTiers(t)
	if len(tiers) == 0 {
		t.Skip("no assembly kernels in this build: nothing to compare with the generic code")
	}
	cs := gcmsivCiphers(t, rng)
	ptBuf := gcmsivRandBytes(rng, 1024)
	adBuf := gcmsivRandBytes(rng, 80)
	race := gcmTestRace() || testing.Short()
	want := make([][]byte, 81)
	nonces := make([][]byte, 81)
	for n := 0; n <= 1024; n++ {
		pt := ptBuf[:n]
		var ads []int
		if race {
			ads = []int{n % 81}
		} else {
			for a := 0; a <= 80; a++ {
				ads = append(ads, a)
			}
		}
		gcmsivAt(cpu.Generic, func() {
			for _, a := range ads {
				nonces[a] = gcmsivRandBytes(rng, 12)
				var err error
				want[a], err = cs[(n+a)%3].Encrypt(nonces[a], pt, adBuf[:a])
				if err != nil {
					t.Fatal(err)
				}
			}
		})
		for _, tier := range tiers {
			gcmsivAt(tier, func() {
				for _, a := range ads {
					gcmsivCheckTier(t, tier, cs[(n+a)%3], nonces[a], pt, adBuf[:a], want[a], rng.IntN(8*(n+16)))
				}
			})
		}
	}
}

// TestAESGCMSIVKernelsLong compares the tiers with the generic code on
// random lengths up to 256 KiB.
func TestAESGCMSIVKernelsLong(t *testing.T) {
	rng := rand.New(rand.NewPCG(8452, 3))
	tiers := gcmsivKernelTiers(t)
	cs := gcmsivCiphers(t, rng)
	count := 6
	if gcmTestRace() || testing.Short() {
		count = 2
	}
	buf := gcmsivRandBytes(rng, 256*1024)
	for i := 0; i < count; i++ {
		n := rng.IntN(len(buf) + 1)
		if i == 0 {
			n = len(buf)
		}
		pt, ad, nonce := buf[:n], gcmsivRandBytes(rng, rng.IntN(1000)), gcmsivRandBytes(rng, 12)
		c := cs[i%3]
		var want []byte
		gcmsivAt(cpu.Generic, func() { want, _ = c.Encrypt(nonce, pt, ad) })
		for _, tier := range tiers {
			gcmsivAt(tier, func() { gcmsivCheckTier(t, tier, c, nonce, pt, ad, want, rng.IntN(8*len(want))) })
		}
	}
}

// TestAESGCMSIVKernelsUnaligned runs plaintext, AD and destination at every
// offset 0..15, and in place, on every tier.
func TestAESGCMSIVKernelsUnaligned(t *testing.T) {
	rng := rand.New(rand.NewPCG(8452, 4))
	tiers := gcmsivKernelTiers(t)
	cs := gcmsivCiphers(t, rng)
	back := make([]byte, 8192)
	adBack := make([]byte, 128)
	for off := 0; off < 16; off++ {
		for i, n := range []int{1, 15, 16, 17, 63, 64, 65, 200, 511, 512, 513, 1000, 4096 + 7} {
			c := cs[(off+i)%3]
			pt := back[off : off+n]
			copy(pt, gcmsivRandBytes(rng, n))
			ad := adBack[(3*off)%16:][:rng.IntN(100)]
			copy(ad, gcmsivRandBytes(rng, len(ad)))
			nonce := gcmsivRandBytes(rng, 12)
			var want []byte
			gcmsivAt(cpu.Generic, func() { want, _ = c.Encrypt(nonce, pt, ad) })
			for _, tier := range tiers {
				gcmsivAt(tier, func() {
					dst := make([]byte, n+16+16)[15-off:][:n+16]
					if _, err := c.EncryptInto(dst, nonce, pt, ad); err != nil || !bytes.Equal(dst, want) {
						t.Fatalf("%v off %d len %d: unaligned EncryptInto differs: %v", tier, off, n, err)
					}
					out := make([]byte, n+16)[off:][:n]
					if _, err := c.DecryptInto(out, nonce, dst, ad); err != nil || !bytes.Equal(out, pt) {
						t.Fatalf("%v off %d len %d: unaligned DecryptInto: %v", tier, off, n, err)
					}
					// In place, at the same offset.
					buf := make([]byte, n+16+16)[off:][:n+16]
					copy(buf, pt)
					if _, err := c.EncryptInto(buf, nonce, buf[:n], ad); err != nil || !bytes.Equal(buf, want) {
						t.Fatalf("%v off %d len %d: in-place EncryptInto differs: %v", tier, off, n, err)
					}
					if _, err := c.DecryptInto(buf[:n], nonce, buf, ad); err != nil || !bytes.Equal(buf[:n], pt) {
						t.Fatalf("%v off %d len %d: in-place DecryptInto: %v", tier, off, n, err)
					}
					// In place with a bad tag: the buffer ends zeroed.
					copy(buf, want)
					buf[n] ^= 0x40
					if _, err := c.DecryptInto(buf[:n], nonce, buf, ad); !errors.Is(err, ErrInvalidTag) || !gcmAllZero(buf[:n]) {
						t.Fatalf("%v off %d len %d: in-place DecryptInto with a bad tag: %v", tier, off, n, err)
					}
				})
			}
		}
	}
}

// gcmsivGuard is one guarded region: its buffer and where a slice of n
// bytes goes so that it touches the inaccessible page.
type gcmsivGuard struct {
	buf  []byte
	mode testutil.GuardMode
}

func (g gcmsivGuard) at(n int) []byte {
	if g.mode == testutil.GuardAfter {
		return g.buf[len(g.buf)-n:]
	}
	return g.buf[:n]
}

// TestAESGCMSIVKernelsGuardPages runs every plaintext length 0..1024 with
// the plaintext, ciphertext, AD, nonce and destination each ending right
// before, or starting right after, an inaccessible page, on every tier:
// a kernel that reads or writes one byte outside its buffers crashes.
func TestAESGCMSIVKernelsGuardPages(t *testing.T) {
	rng := rand.New(rand.NewPCG(8452, 5))
	tiers := gcmsivKernelTiers(t)
	cs := gcmsivCiphers(t, rng)
	const max = 1024
	data := gcmsivRandBytes(rng, max)
	adData := gcmsivRandBytes(rng, 80)
	nonceData := gcmsivRandBytes(rng, 12)
	step := 1
	if gcmTestRace() {
		step = 3
	}
	for _, mode := range testutil.GuardModes {
		g := func(n int) gcmsivGuard { return gcmsivGuard{testutil.Guarded(t, n, mode), mode} }
		ptG, ctG, dstG, outG, adG, nonceG := g(max), g(max+16), g(max+16), g(max), g(80), g(12)
		nonce := nonceG.at(12)
		copy(nonce, nonceData)
		for n := 0; n <= max; n += step {
			c := cs[n%3]
			pt, ad := ptG.at(n), adG.at(n%81)
			copy(pt, data)
			copy(ad, adData)
			var want []byte
			gcmsivAt(cpu.Generic, func() { want, _ = c.Encrypt(nonce, pt, ad) })
			ct := ctG.at(n + 16)
			copy(ct, want)
			for _, tier := range tiers {
				gcmsivAt(tier, func() {
					dst := dstG.at(n + 16)
					if _, err := c.EncryptInto(dst, nonce, pt, ad); err != nil || !bytes.Equal(dst, want) {
						t.Fatalf("%v guard %v len %d: EncryptInto differs: %v", tier, mode, n, err)
					}
					out := outG.at(n)
					if _, err := c.DecryptInto(out, nonce, ct, ad); err != nil || !bytes.Equal(out, pt) {
						t.Fatalf("%v guard %v len %d: DecryptInto: %v", tier, mode, n, err)
					}
					// In place in the guarded destination.
					copy(dst, pt)
					if _, err := c.EncryptInto(dst, nonce, dst[:n], ad); err != nil || !bytes.Equal(dst, want) {
						t.Fatalf("%v guard %v len %d: in-place EncryptInto differs: %v", tier, mode, n, err)
					}
					if _, err := c.DecryptInto(dst[:n], nonce, dst, ad); err != nil || !bytes.Equal(dst[:n], pt) {
						t.Fatalf("%v guard %v len %d: in-place DecryptInto: %v", tier, mode, n, err)
					}
				})
			}
		}
	}
}

func TestAESGCMSIVZeroAllocs(t *testing.T) {
	if gcmTestRace() {
		t.Skip("the race detector allocates")
	}
	rng := rand.New(rand.NewPCG(8452, 6))
	cs := gcmsivCiphers(t, rng)
	nonce := make([]byte, 12)
	ad := make([]byte, 13)
	pt := make([]byte, 1000)
	dst := make([]byte, len(pt)+16)
	out := make([]byte, len(pt))
	sealBuf := make([]byte, 0, len(pt)+16)
	openBuf := make([]byte, 0, len(pt))
	testutil.ForEachTierAll(t, func(t *testing.T) {
		for _, c := range cs {
			ct, _ := c.Encrypt(nonce, pt, ad)
			bad := append([]byte(nil), ct...)
			bad[5] ^= 1
			for name, f := range map[string]func(){
				"EncryptInto":     func() { _, _ = c.EncryptInto(dst, nonce, pt, ad) },
				"DecryptInto":     func() { _, _ = c.DecryptInto(out, nonce, ct, ad) },
				"DecryptInto/bad": func() { _, _ = c.DecryptInto(out, nonce, bad, ad) },
				"Seal":            func() { _ = c.Seal(sealBuf, nonce, pt, ad) },
				"Open":            func() { _, _ = c.Open(openBuf, nonce, ct, ad) },
			} {
				if a := testing.AllocsPerRun(20, f); a != 0 {
					t.Errorf("key %d %s: %v allocations per run, want 0", c.keyLen, name, a)
				}
			}
		}
	})
}

// FuzzGCMSIV compares every kernel tier with the generic code: it seals
// pt under the key (the first byte picks the size), nonce (padded or cut
// to 12 bytes) and ad, opens the result, and also opens pt itself as a
// ciphertext (almost always a forgery: every tier must refuse it alike,
// with a zeroed dst).
func FuzzGCMSIV(f *testing.F) {
	f.Add([]byte("0123456789abcdef"), []byte("nonce 12 byt"), []byte("hello"), []byte("ad"))
	f.Add(bytes.Repeat([]byte{2}, 32), make([]byte, 12), make([]byte, 1000), make([]byte, 80))
	f.Fuzz(func(t *testing.T, key, nonce, pt, ad []byte) {
		if len(key) == 0 {
			return
		}
		size := []int{16, 24, 32}[int(key[0])%3]
		key = append(key, make([]byte, 32)...)[:size]
		nonce = append(nonce, make([]byte, 12)...)[:12]
		c, err := NewAESGCMSIV(key)
		if err != nil {
			t.Fatal(err)
		}
		var want, wantOpen []byte
		var wantErr error
		gcmsivAt(cpu.Generic, func() {
			want, err = c.Encrypt(nonce, pt, ad)
			wantOpen, wantErr = c.Decrypt(nonce, pt, ad)
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, tier := range gcmsivKernelTiers(t) {
			gcmsivAt(tier, func() {
				got, err := c.Encrypt(nonce, pt, ad)
				if err != nil || !bytes.Equal(got, want) {
					t.Fatalf("%v: Encrypt differs from generic: %v", tier, err)
				}
				back, err := c.Decrypt(nonce, got, ad)
				if err != nil || !bytes.Equal(back, pt) {
					t.Fatalf("%v: Decrypt: %v", tier, err)
				}
				o, err := c.Decrypt(nonce, pt, ad)
				if !bytes.Equal(o, wantOpen) || (err == nil) != (wantErr == nil) {
					t.Fatalf("%v: Decrypt of the input = %x, %v; generic %x, %v", tier, o, err, wantOpen, wantErr)
				}
				if len(pt) >= 16 {
					dst := bytes.Repeat([]byte{0xaa}, len(pt)-16)
					_, err := c.DecryptInto(dst, nonce, pt, ad)
					if (err == nil) != (wantErr == nil) || (err != nil && !gcmAllZero(dst)) {
						t.Fatalf("%v: DecryptInto of the input: %v, dst %x", tier, err, dst)
					}
				}
			})
		}
	})
}

// BenchmarkGCMSIVKernels measures AES-GCM-SIV seal and open per tier at 64
// B, 1 KiB and 16 KiB (empty AD), next to the standard library's AES-GCM
// with the same key size. Per-message cost: the 64-byte rows.
func BenchmarkGCMSIVKernels(b *testing.B) {
	for _, size := range []int{16, 32} {
		key := bytes.Repeat([]byte{0x42}, size)
		for _, n := range []int{64, 1024, 16 * 1024} {
			for _, open := range []bool{false, true} {
				dir := "Seal"
				if open {
					dir = "Open"
				}
				b.Run(fmt.Sprintf("AES-%d/%s/%d", 8*size, dir, n), func(b *testing.B) {
					nonce := make([]byte, 12)
					pt := make([]byte, n)
					testutil.ForEachTierAllB(b, func(b *testing.B) {
						c, err := NewAESGCMSIV(key)
						if err != nil {
							b.Fatal(err)
						}
						ct, _ := c.Encrypt(nonce, pt, nil)
						buf := make([]byte, n+16)
						b.SetBytes(int64(n))
						for b.Loop() {
							if open {
								if _, err := c.DecryptInto(buf[:n], nonce, ct, nil); err != nil {
									b.Fatal(err)
								}
							} else {
								_, _ = c.EncryptInto(buf, nonce, pt, nil)
							}
						}
					})
					b.Run("stdlibGCM", func(b *testing.B) {
						blk, _ := aes.NewCipher(key)
						g, _ := cipher.NewGCM(blk)
						ct := g.Seal(nil, nonce, pt, nil)
						buf := make([]byte, n+16)
						b.SetBytes(int64(n))
						for b.Loop() {
							if open {
								if _, err := g.Open(buf[:0], nonce, ct, nil); err != nil {
									b.Fatal(err)
								}
							} else {
								g.Seal(buf[:0], nonce, pt, nil)
							}
						}
					})
				})
			}
		}
	}
}
