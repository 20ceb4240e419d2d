package aead

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"testing"
)

func newGCMSIVFamily(key []byte) (gcmFamily, error) {
	c, err := NewAESGCMSIV(key)
	if err != nil {
		return nil, err
	}
	return c, nil
}

func TestAESGCMSIVWycheproof(t *testing.T) {
	gcmRunVectors(t, loadVectors(t, "wycheproof", "aes_gcm_siv_test.json"), newGCMSIVFamily)
}

// TestAESGCMSIVRFC8452 runs the RFC 8452 Appendix C vectors (AES-128,
// AES-256 and the two counter-wrap vectors of C.3).
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
	gcmRunVectors(t, f, newGCMSIVFamily)
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
