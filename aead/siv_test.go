package aead

import (
	"bytes"
	"crypto/aes"
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"
)

// This file tests AESSIV against RFC 5297 Appendix A, Wycheproof's
// deterministic (AES-SIV-CMAC) and nonce-based (AEAD-AES-SIV-CMAC) vectors,
// vectors generated with Python cryptography (no AD, empty AD, several
// components, 126 components), and a reference implementation written
// here from RFC 5297 and RFC 4493 on top of crypto/aes.

// sivCheckValid checks that c encrypts pt with the AD list ad to want
// (V || C) and decrypts it back through Encrypt, EncryptInto (separate and
// in place), Decrypt and DecryptInto (separate and in place), and that
// changing V, C or the AD list is ErrInvalidTag with the output zeroed.
func sivCheckValid(t *testing.T, name string, c *AESSIV, ad [][]byte, pt, want []byte) {
	t.Helper()
	got, err := c.Encrypt(pt, ad)
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("%s: Encrypt = %x, %v; want %x", name, got, err, want)
	}
	dst := ocbFill(len(want))
	if n, err := c.EncryptInto(dst, pt, ad); err != nil || n != len(want) || !bytes.Equal(dst, want) {
		t.Fatalf("%s: EncryptInto = %d, %v, %x", name, n, err, dst)
	}
	buf := make([]byte, len(want))
	copy(buf, pt)
	if _, err := c.EncryptInto(buf, buf[:len(pt)], ad); err != nil || !bytes.Equal(buf, want) {
		t.Fatalf("%s: EncryptInto in place = %v, %x", name, err, buf)
	}
	dec, err := c.Decrypt(want, ad)
	if err != nil || !bytes.Equal(dec, pt) {
		t.Fatalf("%s: Decrypt = %x, %v; want %x", name, dec, err, pt)
	}
	dst = ocbFill(len(pt))
	if n, err := c.DecryptInto(dst, want, ad); err != nil || n != len(pt) || !bytes.Equal(dst, pt) {
		t.Fatalf("%s: DecryptInto = %d, %v, %x", name, n, err, dst)
	}
	copy(buf, want)
	if _, err := c.DecryptInto(buf[:len(pt)], buf, ad); err != nil || !bytes.Equal(buf[:len(pt)], pt) {
		t.Fatalf("%s: DecryptInto in place = %v, %x", name, err, buf[:len(pt)])
	}
	bad := append([]byte(nil), want...)
	bad[0] ^= 0x80
	sivCheckInvalid(t, name+" (V changed)", c, ad, bad)
	if len(pt) > 0 {
		bad = append([]byte(nil), want...)
		bad[len(bad)-1] ^= 0x01
		sivCheckInvalid(t, name+" (C changed)", c, ad, bad)
	}
	if len(ad) < sivMaxAD {
		sivCheckInvalid(t, name+" (AD component added)", c, append(append([][]byte(nil), ad...), nil), want)
	}
	if len(ad) > 0 {
		sivCheckInvalid(t, name+" (AD component removed)", c, ad[1:], want)
	}
}

// sivCheckInvalid checks that ct does not decrypt with the AD list ad:
// ErrInvalidTag from Decrypt and from DecryptInto, whose dst must come
// back zeroed, also in place.
func sivCheckInvalid(t *testing.T, name string, c *AESSIV, ad [][]byte, ct []byte) {
	t.Helper()
	if p, err := c.Decrypt(ct, ad); !errors.Is(err, ErrInvalidTag) || p != nil {
		t.Fatalf("%s: Decrypt = %x, %v; want ErrInvalidTag", name, p, err)
	}
	if len(ct) < sivTagSize {
		return
	}
	dst := ocbFill(len(ct) - sivTagSize)
	if _, err := c.DecryptInto(dst, ct, ad); !errors.Is(err, ErrInvalidTag) {
		t.Fatalf("%s: DecryptInto error %v; want ErrInvalidTag", name, err)
	}
	if !bytes.Equal(dst, make([]byte, len(dst))) {
		t.Fatalf("%s: DecryptInto left %x in dst after a failure", name, dst)
	}
	buf := append([]byte(nil), ct...)
	if _, err := c.DecryptInto(buf[:len(ct)-sivTagSize], buf, ad); !errors.Is(err, ErrInvalidTag) {
		t.Fatalf("%s: DecryptInto in place error %v; want ErrInvalidTag", name, err)
	}
	if out := buf[:len(ct)-sivTagSize]; !bytes.Equal(out, make([]byte, len(out))) {
		t.Fatalf("%s: DecryptInto in place left %x after a failure", name, out)
	}
}

func TestAESSIVRFC5297(t *testing.T) {
	f := loadVectors(t, "rfc", "rfc5297_aes_siv_test.json")
	n := 0
	for _, g := range f.TestGroups {
		for _, tc := range g.Tests {
			c, err := NewAESSIV(tc.Key)
			if err != nil {
				t.Fatal(err)
			}
			ad := make([][]byte, len(tc.AADs))
			for i, a := range tc.AADs {
				ad[i] = a
			}
			sivCheckValid(t, tc.Comment, c, ad, tc.Msg, tc.CT)
			if r := sivReference(t, tc.Key, ad, tc.Msg); !bytes.Equal(r, tc.CT) {
				t.Fatalf("%s: the test's reference gives %x", tc.Comment, r)
			}
			n++
		}
	}
	if n != 2 {
		t.Errorf("ran %d RFC 5297 vectors, want 2", n)
	}
}

// TestAESSIVWycheproofDeterministic runs aes_siv_cmac_test.json: the AD
// list is the one component aad, and ct is V || C.
func TestAESSIVWycheproofDeterministic(t *testing.T) {
	f := loadVectors(t, "wycheproof", "aes_siv_cmac_test.json")
	n := 0
	for _, g := range f.TestGroups {
		for _, tc := range g.Tests {
			name := fmt.Sprintf("tcId %d (%s)", tc.TcID, tc.Comment)
			c, err := NewAESSIV(tc.Key)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			ad := [][]byte{tc.AAD}
			switch tc.Result {
			case "valid":
				sivCheckValid(t, name, c, ad, tc.Msg, tc.CT)
			case "invalid":
				sivCheckInvalid(t, name, c, ad, tc.CT)
			default:
				t.Fatalf("%s: result %q", name, tc.Result)
			}
			n++
		}
	}
	if n != 442 {
		t.Errorf("ran %d vectors, want 442", n)
	}
}

// TestAESSIVWycheproofAEAD runs aead_aes_siv_cmac_test.json through the
// crypto/cipher.AEAD view: the AD list is [aad, iv] and the output is
// tag || ct.
func TestAESSIVWycheproofAEAD(t *testing.T) {
	f := loadVectors(t, "wycheproof", "aead_aes_siv_cmac_test.json")
	n := 0
	for _, g := range f.TestGroups {
		for _, tc := range g.Tests {
			name := fmt.Sprintf("tcId %d (%s)", tc.TcID, tc.Comment)
			c, err := NewAESSIV(tc.Key)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			a, err := c.AEAD(len(tc.IV))
			if err != nil {
				t.Fatalf("%s: AEAD(%d): %v", name, len(tc.IV), err)
			}
			if a.NonceSize() != len(tc.IV) || a.Overhead() != 16 {
				t.Fatalf("%s: NonceSize, Overhead = %d, %d", name, a.NonceSize(), a.Overhead())
			}
			want := append(append([]byte(nil), tc.Tag...), tc.CT...)
			switch tc.Result {
			case "valid":
				if got := a.Seal([]byte("xy"), tc.IV, tc.Msg, tc.AAD); !bytes.Equal(got, append([]byte("xy"), want...)) {
					t.Fatalf("%s: Seal = %x, want xy||%x", name, got, want)
				}
				if got, err := a.Open([]byte("xy"), tc.IV, want, tc.AAD); err != nil || !bytes.Equal(got, append([]byte("xy"), tc.Msg...)) {
					t.Fatalf("%s: Open = %x, %v", name, got, err)
				}
				buf := make([]byte, len(want))
				copy(buf, tc.Msg)
				if got := a.Seal(buf[:0], tc.IV, buf[:len(tc.Msg)], tc.AAD); !bytes.Equal(got, want) {
					t.Fatalf("%s: Seal in place = %x", name, got)
				}
				if got, err := a.Open(buf[:0], tc.IV, buf, tc.AAD); err != nil || !bytes.Equal(got, tc.Msg) {
					t.Fatalf("%s: Open in place = %x, %v", name, got, err)
				}
				sivCheckValid(t, name, c, [][]byte{tc.AAD, tc.IV}, tc.Msg, want)
			case "invalid":
				out := make([]byte, 2, 2+len(want))
				if got, err := a.Open(out, tc.IV, want, tc.AAD); !errors.Is(err, ErrInvalidTag) || got != nil {
					t.Fatalf("%s: Open = %x, %v; want ErrInvalidTag", name, got, err)
				}
				if tail := out[2 : 2+len(want)-16]; !bytes.Equal(tail, make([]byte, len(tail))) {
					t.Fatalf("%s: Open left %x after a failure", name, tail)
				}
				sivCheckInvalid(t, name, c, [][]byte{tc.AAD, tc.IV}, want)
			default:
				t.Fatalf("%s: result %q", name, tc.Result)
			}
			n++
		}
	}
	if n != 900 {
		t.Errorf("ran %d vectors, want 900", n)
	}
}

// sivPythonVectors were generated for fastaead with Python cryptography
// 48.0.0 (OpenSSL 3.0.19): AESSIV(key).encrypt(pt, ad) for random inputs,
// each key size, the AD lists None (nil here), [], [b""], one and several
// components, and plaintexts of 0 to 47 bytes. Fields: key, AD list,
// plaintext, V || C.
var sivPythonVectors = []struct {
	key string
	ad  []string
	pt  string
	ct  string
}{
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", nil, "", "08f790a5ded28f099a639ce71b6fea99"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", nil, "21", "f4d9fa44352f6792629a82723d2a007a8d"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", nil, "a94fda34c9812b4712b3e6d3595dad", "29ec84bc0d4e98e22542d07488909bbe39ea16ca66c5f10e517e10c60c00cf"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", nil, "bfcbeed9e72352f07026468f32e44c5e", "bbaf23e82bc57daae25463aced7ec7dc0925ae797bb79bfddca0896845c435b5"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", nil, "dfbc717aa97a42410a809d5917c3f51c0c", "fabda566c998942489497f9c3a9bf0499ea310434acd3c5e4ce7168daf31f6e58e"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", nil, "9acc5f978b50efd89c0fbe6d04270d8abd7a77a81d8e510e2cf38b74d53133b9", "a56b9a65be24ef70981749f36c900ffeb448d20c88ef1f43915a1d45a1caa7fa4a23aed204e08fd7ae9fb5098ac46e96"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", nil, "c318548143ee48331d526a051b4b7bb353062d359ec187d34033309f36a41f4de0fe9bccfaa8e83016a0ac9026a130", "7b31b2c43523cb9c77e18c636692cee748e78bcdac64470a3064211ef41769fa3278f3dc4ff2ceaa2b02e3b826009e2217d38e855519b464767ad59b3e42b9"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", []string{}, "", "08f790a5ded28f099a639ce71b6fea99"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", []string{}, "bb", "dbec1db22b9e6955b3c374b09fa41e7f38"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", []string{}, "bcc570fa6331ff0e7b76b351ee2b35", "4801c40a2274163c795badab957ad24c363d3e4ac418345fae31dc9e965b58"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", []string{}, "79e1e6992f2385e44369e9c4e0fe15c9", "be411ea78fda8a72108423e566fd0b5f5e8a1902d7a913ce034207cba116a160"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", []string{}, "cd2cb73b9738a545274d4b941867d410ef", "0efb87d2f39b46523ac6e3cac788b8f391c6d540cce64b09ecf1202ae9a37fb852"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", []string{}, "cf128e9ae0ef92877127418b701e5bb5456a5e8a146bbd722558db69be00ed31", "d1db156a93d1006d9e7579177a6a1be16ee988684626eae0acc03be23b93a481d89b8d98553f1e6922a93bb1bf08bf39"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", []string{}, "d5f1f164c5171ddb9b22052e45918230dbf110f3162464accec03c90838e66bb51f10148b1942129df519e43e5d085", "489b08bf799afa8e4de9aaaf8227cd1f5fc41b95e36b4aefba97947b6a604aae6210a6a1a9c1fc2900f5c31c94112372e6c40e6bfe1b65ed02065ee4421f9d"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", []string{""}, "", "01bc276d993b63c09d3e58761aaa0f17"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", []string{""}, "14", "92abd416621123a490d5e21498a39ffdd7"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", []string{""}, "a929f5d262b14baa993c92ebc4b6fc", "ac66e7db07485b38c26c06ce6fff7e066839f58d6a7d27a61f64753b359364"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", []string{""}, "b5850a9a23ddcc10645c1f36bb4ce007", "d437169006fbc4c0a84178eb9a5510a36248c96dc112e70137aa81afa62de487"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", []string{""}, "3c762e1ec237101895fc244b1fa76ef749", "d0e8d5553bbbb130ad328c28d9ad8b735e12bac700f53281aebf5e352ac84dfa99"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", []string{""}, "7f16beaceae5d13ee654524118de3258278a252c37b1aa51db2e52082796205f", "f1048c34ae3a67db479a9a29f3cc644ca6931e6f75bb523a3ecf55f334a3848a9a5c3bac284924a68e2fd77693bdf82d"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", []string{""}, "e4ab9b0a0980fa9c9faf2ed43addf90e39960ae0234c31e16bb94368f6c00b9cbc6963202f5f9334e1b3c12560433c", "61ab578b8c40841384a30c6035d115fc12ea924408b3e5da7cd18e896cca820c35ab3cc57bdeb7b61236b67bbf7052f0c29fa1591fc1f0123a885c0a31dfb9"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", []string{"e758776f1a"}, "", "83ca61d3ea899d7605a8843800da8d16"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", []string{"e758776f1a"}, "b7", "bd3977b1a4955f7ce71b1e2be42dd32d72"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", []string{"e758776f1a"}, "90f8b8ef9a884511566c2aeba8559a", "8ee68bea5fbf372a179d7822b69f6eee47c5da78084268dc2df8c8dd013db1"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", []string{"e758776f1a"}, "4a20fb4294639bc0cd9f29273f9f0e29", "ad2faae38ee47e3707ac7c4b038831de9d197162ab35dd8a2a2ec62882679c4e"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", []string{"e758776f1a"}, "5383f473c0b3320365a7fe7f12abe76f5d", "6bcbeb2ec04e106cf7bffb96dad925231bce3b98d54de0624617c67cc0f222b3ca"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", []string{"e758776f1a"}, "c5a69f096b5fd6aca952fffcb2d167fef8566133364160818909af25f9b873aa", "53df7a3cf057cbfd3ef828bafbdf7078db2dbbfc511be258817070b0ff21afd75e6ea17f6488c6e77f4527d4450daffc"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", []string{"e758776f1a"}, "d33793cb883660e60444670f03e2a4ac16eec88745bd10484bedce7ebd8dfb28f03a3e853096d0702adb292dd6771a", "1deb7fb7d41390bafffbbe71a75a822f1f33262defdb43d4de2bb6971550999404ce9592a4126145b056245b5ae3395833e3d832a672ce1e656441b029a275"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", []string{"75665ac6230aed1c1a32ddaf16be554a", "", "2c3600ba0d3d1fad915d7ab2ef08e67fdcd8b6bbb574e0378f44e0416a313fd357"}, "", "2cdf780512edcfced1ff2ecde25f8c6f"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", []string{"75665ac6230aed1c1a32ddaf16be554a", "", "2c3600ba0d3d1fad915d7ab2ef08e67fdcd8b6bbb574e0378f44e0416a313fd357"}, "4b", "d1f6b354afd5fb8d50cec2fb79c5fa0d20"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", []string{"75665ac6230aed1c1a32ddaf16be554a", "", "2c3600ba0d3d1fad915d7ab2ef08e67fdcd8b6bbb574e0378f44e0416a313fd357"}, "1f6234b43af2d74986c25023a0d480", "a5ced04be31d4e4b9c47d2e715af77372ec3fce309c57932b6cd3905b517a9"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", []string{"75665ac6230aed1c1a32ddaf16be554a", "", "2c3600ba0d3d1fad915d7ab2ef08e67fdcd8b6bbb574e0378f44e0416a313fd357"}, "cc867b14fd0ecb2debc4c60eb2dc4fa7", "20ebb69524f12edb68691bf964a8def715ba0d23109376147186eeceb519bf00"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", []string{"75665ac6230aed1c1a32ddaf16be554a", "", "2c3600ba0d3d1fad915d7ab2ef08e67fdcd8b6bbb574e0378f44e0416a313fd357"}, "d8759f33dd7d7771a5d956795362aca271", "9255ebcf78e784245a2fe12d9611c9296b35cb71514d41f4dd5dd2ce4c1ce57dc7"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", []string{"75665ac6230aed1c1a32ddaf16be554a", "", "2c3600ba0d3d1fad915d7ab2ef08e67fdcd8b6bbb574e0378f44e0416a313fd357"}, "fa18c2b1faddfe32950eced84838416ba55e814921b155a62b6debc8e0a1de02", "6dd6f32f76f0b51666f22304acafc6a26eafe52c1874213e2ca1a2423459e4167a081bc20a2603127daad0e3694141cb"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", []string{"75665ac6230aed1c1a32ddaf16be554a", "", "2c3600ba0d3d1fad915d7ab2ef08e67fdcd8b6bbb574e0378f44e0416a313fd357"}, "7e2a1e6040fe6d3a732db6abe2d8c66df44464036041895edb0e28dda9caf68d5b51be955a095c13c088da0b154a05", "bdfa21a8bafa305e197e93431514144076586ac7d01adc825668938a89ecc7f8644c8e059a45b552f3e7dc84e3d34c6c5903101515533217597a46e6cb69b2"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", []string{"26da80292c4c3d5cd4ac6b1ebc43cf68bb522107d7d1d8175301e43e0ecc5919d14340c0f1cb8854", "6998cf504752b4"}, "", "d74e5b89c01d809c5d79c209938ce760"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", []string{"26da80292c4c3d5cd4ac6b1ebc43cf68bb522107d7d1d8175301e43e0ecc5919d14340c0f1cb8854", "6998cf504752b4"}, "0c", "da8131b770e04b365857778d6437efdc41"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", []string{"26da80292c4c3d5cd4ac6b1ebc43cf68bb522107d7d1d8175301e43e0ecc5919d14340c0f1cb8854", "6998cf504752b4"}, "53a18f665e558cf80840130560e543", "eefd6892d1a6b32f88ae5a63623e1fae62c22761973a620bfa5e13e5094972"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", []string{"26da80292c4c3d5cd4ac6b1ebc43cf68bb522107d7d1d8175301e43e0ecc5919d14340c0f1cb8854", "6998cf504752b4"}, "d61f3bb56139d90a84a36927ff1b0054", "11706599f95860eb948ae0fb753ae2dcee7a0cdf6c2d7025118f3025bd223f36"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", []string{"26da80292c4c3d5cd4ac6b1ebc43cf68bb522107d7d1d8175301e43e0ecc5919d14340c0f1cb8854", "6998cf504752b4"}, "3dba5728cd9ca23f8cce9671280a6cd738", "3a54eede3014263aaa03f715be4fbd3b6ffa0c257e9ec57558ec9839126ca0cca0"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", []string{"26da80292c4c3d5cd4ac6b1ebc43cf68bb522107d7d1d8175301e43e0ecc5919d14340c0f1cb8854", "6998cf504752b4"}, "922cd3a6f1a9fbe8ebe5e3ad836b12fe59d33a039e1993c6fc9e943c62703367", "9d02917e8135f6e6dbd4ceb0b013cf6ab57021973b7af16b44e6cdf1802e76f18b6c3f54d94a9068bb26c9fdfed2f62c"},
	{"4012d88115003dde23a38544fefe8be8bd2f57f13c44e3763913a7a61fef1b2a", []string{"26da80292c4c3d5cd4ac6b1ebc43cf68bb522107d7d1d8175301e43e0ecc5919d14340c0f1cb8854", "6998cf504752b4"}, "21ab62ad9c094fb8e868ec3f930479e2297fae2e54d7f291058eab36754f4303a0f9fb40c44f4d37f3a3e6029204f7", "f0d27fbbaec72b8ebb557a5ea27041c26827b80754fe330e2127807ed50d92352a2dd9aeb95d349858b01cb2aa660720b61267b0cbf66b29a329c4af1c51a3"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", nil, "", "8aa3dd3722dc04ffdff290314d311e65"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", nil, "76", "8dfd0d146d9942588889a5af0c89e58771"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", nil, "314f6fe4086c49d13c9ff8319bb42b", "86faa3aba97499be9d4b91c7356ae18f8a5a82c8062b77453d962f463de4a1"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", nil, "58daa34b2980359c605197ca3286f1cd", "4b5099ef146765b3d7623990745049f281e05056dffbfca3722bfe898141a4f7"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", nil, "3791eecf72b167f1f5d9558311b87a75fe", "ef671e862328974e070903de666019adb72af6f71a3748032c7ed6bdb1361432a7"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", nil, "86346ec2a329986b08cd8d48a81307b3a07555ce3e66c0b15ece9985f9647f4f", "1324374e381aa46c06f6542ef3366f64989c126108bf7620f18a28edb26757c5efa144300d217942cbd3a276e98d1475"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", nil, "88bba149701f56ea61d1c695e73a80f7f7a3e4443434f422094d194d01f5c7dbadcd56e6cd9585bbc5409fafa6e8f4", "fc2c495e71bd13ddac007963138cf41c236ebbb6a516f998d848e5c787b732ac39aa12c7e0210abf410d3314e562a39b5d2efe7f8c729d86fd6bc1bc4f0896"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", []string{}, "", "8aa3dd3722dc04ffdff290314d311e65"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", []string{}, "61", "22a5eac32fbb2484bb53a78bb6010a8971"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", []string{}, "0aa53dc05a12922e949651111b4bed", "5ee7a72b573bc782913d16ceb957f7cb337637663fe72802eaadf5c4659476"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", []string{}, "fa57404415285c1dc7f735ad98a4312f", "7fb6c481d36dd826e6e2b256b9e92efb422af9c5bd7bb3aab881d244e12fd860"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", []string{}, "7197f4f1f97b9df54e825d92bdbbce8e49", "ddf4cbdb6cb0feae3ad563ec966480dba4115c264dd360d1106c547fa07ee0bdb6"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", []string{}, "4aa07bcda9326c90225341b1191c4385c95f0ad0d25cd11a1e1c674657322b7e", "a877ed915b580417bb963f2e639e796d686811f8fa5e4dcbe3e4d2698129e5202d2ca7280f42ac3efb4ef23dc2522b1e"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", []string{}, "648722fd9cd2aff29851a51fc34d514b3f18e5b741080998536992e87a35d66c8fe2ac620d88b3fc3bebbb093fa517", "f6d595341c548a5f5c65cdf32f66df52a5ab6bb5088e69aef5f3c12f03bf9dde50e157796de7c809744ede25df874bd4a538b98219a20c0b7ebf7b53396a9b"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", []string{""}, "", "6068a1b63d72ce49422ce650c32da0f0"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", []string{""}, "c0", "e72d2dc8090c3bb37de33a77b5d1e4dcc3"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", []string{""}, "a2b931585aa697ec80a9fae25de236", "3f8d5f344d814d2a211ea2719b64351e6eb46252b6d436a7141f524676499e"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", []string{""}, "617d2c61990fe772483d10027b1dde4d", "aaafd4ade93aff148d75d8f0593bd55c6b8b1c41ce4bfe4dfa5a1412dbf37f5a"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", []string{""}, "9a038164bf77445f8e468643b5438ba59b", "2c9ce8b10d474377e232a4beec668a7cea012ccae373260d5f58a11136ea35f4a2"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", []string{""}, "a0e744596131d07ff32fc720c9a04dd40529aa07fb5e02b9da51b8ae79d3c09a", "2799332a8e89c0d0290a7e0b2a0d078013fc54ff8c62b74b57015d9a104830ad3fe80e084f00c6360d67f102aa1004a7"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", []string{""}, "42dd180ae48457be2e8152ff4772fe1f1a7c2927c538b3b447ca33a713ac5fb28cee37b5c3790191407a202c64eb50", "997e0e0760fb4ba5a19607adf89fff5dec77ddc6c227e770065bf729e1295de8232c8a6397b2c250da0984e543a27c4807e218f846c3497f49c5f476686539"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", []string{"4011749668"}, "", "d38e21821187b566d5f56bdd2d7edb49"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", []string{"4011749668"}, "a5", "836448372b7c3c9603643d5975ac9cd742"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", []string{"4011749668"}, "89b4f48aebc295b591d1ae764a672c", "eaa12008ab200c909c967bc60ffe4c07caac583272ede828e1afa35905e3b3"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", []string{"4011749668"}, "e682e44d5ca714b34df0d9aaa0cb9f40", "39c6f0e07df85e95e3c10bb6af3010a3fb9e2fe0719b2bfc66527b3f52121333"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", []string{"4011749668"}, "592efa719c27637d54733850b32920382b", "5db8dbc0b9d47bb35b5319c636f6140eb5ccf562395891eaa5953fe232137f2815"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", []string{"4011749668"}, "bf61035f14135913876eb72db908ff9b08d4ee40fb99c8f1943f6caf85f27d8a", "c1afe25d7aca0f98acce8142eb399f9881fe7ca9cd11bb215360238d0d2bab441aa9bdb76d913b4a6c0e99ab68811d9a"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", []string{"4011749668"}, "fa96cb15994292c698160398b5243a2805d5819b30a64b51da10648b26a22b12c74643c4f004b93b7431fc7ff0439e", "b6b06afd654947ce91d7b51d4d2de4117c94cb87fcf1261b1c35c43ba4b642795455c0f0aa6fce2018d9cb6543cbedbea6da6359f2a0876874c55dd954a0a4"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", []string{"c85a1d9825a9d8258afd9c0e4c7a591c", "", "0b977afdb3952a96d35365b51736eb8259bd8bd5125a1190a38b715a285da4c770"}, "", "c5eccdb76b6351bd7616328ef9e17c05"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", []string{"c85a1d9825a9d8258afd9c0e4c7a591c", "", "0b977afdb3952a96d35365b51736eb8259bd8bd5125a1190a38b715a285da4c770"}, "1b", "971e3ac0d5053ed52fc65c36c418e6c5a2"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", []string{"c85a1d9825a9d8258afd9c0e4c7a591c", "", "0b977afdb3952a96d35365b51736eb8259bd8bd5125a1190a38b715a285da4c770"}, "7a8017657a1ed661c9b7a2e3f04f3a", "5bfd3fe3ce7204b4aee99bf76eab63e4031d872326680576322c9e1ffaef8f"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", []string{"c85a1d9825a9d8258afd9c0e4c7a591c", "", "0b977afdb3952a96d35365b51736eb8259bd8bd5125a1190a38b715a285da4c770"}, "996e6767b3cff6bb319b6233eaaca780", "e8873d78964e348ce4e41eac03fd7934d7a593a8081fc65701ce462010620bac"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", []string{"c85a1d9825a9d8258afd9c0e4c7a591c", "", "0b977afdb3952a96d35365b51736eb8259bd8bd5125a1190a38b715a285da4c770"}, "d6239e5d39c2a6a462fa66e526bf759f65", "db64ffd17179e1f431347561988d7a38073e858deb5d6041352d4ca33e5e86f28d"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", []string{"c85a1d9825a9d8258afd9c0e4c7a591c", "", "0b977afdb3952a96d35365b51736eb8259bd8bd5125a1190a38b715a285da4c770"}, "72c3695c9666e60f1f69b30cf9a8b67cc92e01af9663770c573f665eb40d70ba", "f9259278b704244f1f5d55a43984012719b2712f5b627836f4a98ae546edc8f1cffe9a58b5e51b4a419a786ad73b7d0d"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", []string{"c85a1d9825a9d8258afd9c0e4c7a591c", "", "0b977afdb3952a96d35365b51736eb8259bd8bd5125a1190a38b715a285da4c770"}, "33195b4db82bb36f245cbeb17ae8f472763bef6a9ddd8a14c15c82c054b1fb0822d021da9b875a012f066351683ce3", "2891363c409de03653350a23c22d6aa42fbb95d3aa1f56e587836e2cf8bce1a6919957a8dd19833efc75e44bb047d4198b5ecf416e9302fe311d0bb5c98821"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", []string{"8184575c0e4f0798e6aecef5e336e06a256c545f22f5b3b8c388af00c743840fd82aa87629c0be99", "0d918c5ee6a4f5"}, "", "2c29cd173374dafb94046438caa0156c"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", []string{"8184575c0e4f0798e6aecef5e336e06a256c545f22f5b3b8c388af00c743840fd82aa87629c0be99", "0d918c5ee6a4f5"}, "d1", "992a2946b051247a69949e0217d08ade7c"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", []string{"8184575c0e4f0798e6aecef5e336e06a256c545f22f5b3b8c388af00c743840fd82aa87629c0be99", "0d918c5ee6a4f5"}, "e05e638fbdebdefb2e9a0201040417", "f44ce5cefffed2c3895e7765f410da03b0fb941bf98e7fac4c737278364a45"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", []string{"8184575c0e4f0798e6aecef5e336e06a256c545f22f5b3b8c388af00c743840fd82aa87629c0be99", "0d918c5ee6a4f5"}, "8990ef89654f2400de01f10142833838", "efb4c09a16e8f632fb6c93cbe6ff2852362557a10b38eff7cf82ef90ecbf3371"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", []string{"8184575c0e4f0798e6aecef5e336e06a256c545f22f5b3b8c388af00c743840fd82aa87629c0be99", "0d918c5ee6a4f5"}, "c98c3c61f1ac047949a2844a41696d37b7", "5f648d5709615c911058eccca043f9f65ff88453bbfe3edb49ebbd8de13286c645"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", []string{"8184575c0e4f0798e6aecef5e336e06a256c545f22f5b3b8c388af00c743840fd82aa87629c0be99", "0d918c5ee6a4f5"}, "174a9a6b3129d256ecfc76370e2adc768dc7195948504de4f15b5e434d6c5e44", "a8fc68101c7209fce5ae2b702431c6c664194904466f1f53ddb919b4ef34eef979bf7d2b84bc24404ddd92e3bd2a9aeb"},
	{"d2b0587927a2631195d82dd7aad2af9c6ceef7b8ee33cc07f134df6e96ebb06104fc37b86ea7cafbdb9237acd04d289e", []string{"8184575c0e4f0798e6aecef5e336e06a256c545f22f5b3b8c388af00c743840fd82aa87629c0be99", "0d918c5ee6a4f5"}, "0d290edf00439558323828c6b23a9252afc0019f70c2b077e18d94d87d333883a4696bd259ea570c30baf2f34ee152", "822aad1f161f134638296b15285600990218832c7261aaf1ffa6f42f5bc936f67fefe877605f312400ae85876f1699708f92f2c462e0cd2c3c382a55368837"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", nil, "", "6ceb14188d9b8be50f23d188070efe15"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", nil, "7c", "64e78421fff2511f7cd3af05b34c4965bc"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", nil, "e09a862704cbac3553d1039a7c5ca3", "755e82ad8d815f5078149ae5dc560bc745077091636daa2d88e1008c7909b7"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", nil, "6cf1bd4bd7ed9c80c51d1a874e739fe5", "a0e31da9565f9cc2b0f3a854d3dc64bc3cd36ed1df37404026986ee5fcdaef4b"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", nil, "f76beffd197f0c44e107b8e838665cb93b", "6ad6e0e32a89a529ef48b824825181cbbc1176a726cdc92525f336504dc6d0cb9d"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", nil, "2fc9f07e40c2034d9eaef910fd2ee82f08bff2a16cec2aff3b4f1ed1ef669939", "a1e9274b16eb70c2fc73eb1edffa907b18454fe0c3f49c293d1d40297bf3b11732e0f1a6c0ea7e4eeedd9bcc8c098521"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", nil, "4c642aa28b133b69ebc0d7a95023703ce9129f4c61f271651b4b55610a203da625e85e5aba27181f31f1fc2e3972d8", "01647bd5b552a8fc2d98faf09f5123fb962bcd2531ff836d38a2bb37fb0541e05780a1924c6897f51f3db237f88c555cf6a9cd53ce645d365bcdc1b2b1e7d5"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", []string{}, "", "6ceb14188d9b8be50f23d188070efe15"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", []string{}, "1d", "a486d66661b0e5c4ad1b4bc36bf2a2a513"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", []string{}, "bb3b66012d2879aae78fee200aa159", "d0a6e7291d38d41786ab28d57016495ec93214a686959db6ee7dd7815e544d"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", []string{}, "7ef7ad4735b2639c037a83669eda3337", "405731eeab0ab6b1310b35a83b9ffdbccd59ed8ee6ab0845f1e15bc02567a695"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", []string{}, "a27041bfb31b00555ca4769c9fc053d13f", "2e27234bef8d0ea8e8a7bfcc216ee22c4a8901b3a0bab0e07c602a2d4522eecd53"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", []string{}, "1d6c2185c8fc99546d8c6dce2fd2ce5765080c14371157df661f63e0c2f60dd3", "f48e02026b2b472a803d9821b31ba1e17c1b338aa408cc5b4251de22cb720c1dd2de8c5411004fd18b5156efba9336d4"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", []string{}, "4d53c0e0ac04f5d46c6e1cdc2aef924844560aa7b68facd1e1144c2581978c74ad7eaf49262007cbd99fc7cd647841", "37a685509d3881549e43072155fe2948618f19e4b02316e611dac8ccce2dc6a42acceb9935682d25c645aafdb6474fe1264beaac701beff120fb67a8fdc1e2"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", []string{""}, "", "5917bf98dad3c7888c00462454a1d3ff"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", []string{""}, "d7", "3201c981e47a154db592256efbdb66503a"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", []string{""}, "cae782675d27bde4000385ca0001f4", "1675a8b26c93f5b739d656853d0059fe7d34990c822d635dcd26ef4aa5c712"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", []string{""}, "8cb0d0ecd6909f7491cfa978b4bc22eb", "c492a4e39daebc5ff0119349e606e336289dc75eee500740cf59e8cb639f5f42"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", []string{""}, "ac675bab4a223f206b78f4d04a05141423", "f3707b565b1572dd8c57ef0a8836c903d948cb3ff2b3cd84bcbffe26e4a6930008"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", []string{""}, "7bd1fdbfda33e5515f7e1fbd29555a91b75d87318f51c9bcd0d9be0d56a55432", "387c215d9923e4eba249dcc4bbde0bd78b84562de92a7bba5dbb23f994cedc85b667d5039b055cfd1974672be87cae2e"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", []string{""}, "fb893c2a25c263e1db94c5696150102b9a06f5f6eb54bb8e885a780898db8069688e1e49c60950b7321451711e40c8", "b5e96f214e9e27ced33e2ad2cc85ad9025723b537d111ab86b4beb181dd6c29b03f5544f0af67015124a0d8f517b2177830fb961253338d1e6b89ebe288a3f"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", []string{"2d25e7a315"}, "", "4932e75229a543f836b68d9ef331bafc"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", []string{"2d25e7a315"}, "77", "f0a3ca5fa82ff24f5c0e9df0a8557c5b3e"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", []string{"2d25e7a315"}, "12a87a4ac872bd3d7f95a836f0a6e5", "9fa4edb45e927513386c77644a900fa9e689dced599ef4931896e7021099d0"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", []string{"2d25e7a315"}, "1be5eaf5602738b6e5db5ea9350858cb", "e0f3ace2567dfd5612c5048f0dbb2daddb9cd42711e17c981aa508d309bcfd8d"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", []string{"2d25e7a315"}, "2173beafd3a1cdb5e3b4031cb098743e85", "b5ea615c6fe27ff4362051ce6bfe71e6d5dc79c3a19d6c3b57c5ebcf97b7523ff7"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", []string{"2d25e7a315"}, "06c7b912ce7289c5c412c5bac4fe263c9b590e3a218fb0b665e8c39e2370f3bb", "2605fe2659a844ca7881929c4469531367f6eb29083fe1f41f11dc7f9f86e209bbd84fbdbacdf4771bfbb5eb0cbf64bc"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", []string{"2d25e7a315"}, "409753deadb0f29806fd543a38a22647240fa6d35ee3af84f5c2949847fe6f842f943c637fcdfe6cdc8b75daab3f64", "6eab61cf0ec9d101ccc5bc64cb9b93006da083f2a843898f56faf9aa02d5c03d0ec1f654485598dac6103d49da66dbc22eb32b89389dd3175a64dc75319db6"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", []string{"5a1bc1c0740206a8ab0cc7d6cc05d335", "", "7f178fdb444d3fde868855a8adb49f3720f7ac4974cd88d2b3f771263560d105b7"}, "", "1dfc514381ceff48ffb56a16f65813e9"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", []string{"5a1bc1c0740206a8ab0cc7d6cc05d335", "", "7f178fdb444d3fde868855a8adb49f3720f7ac4974cd88d2b3f771263560d105b7"}, "ce", "cb6262488c538a87156742bb1cfe1224be"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", []string{"5a1bc1c0740206a8ab0cc7d6cc05d335", "", "7f178fdb444d3fde868855a8adb49f3720f7ac4974cd88d2b3f771263560d105b7"}, "0b7a0025725be4bc624570663fcf31", "5af8a06058b32aeb181c300d88f7d26835940e8a943532116c7ee202031d29"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", []string{"5a1bc1c0740206a8ab0cc7d6cc05d335", "", "7f178fdb444d3fde868855a8adb49f3720f7ac4974cd88d2b3f771263560d105b7"}, "96ad08e10eef5004752de987ff8cdc42", "d95f57268e5ccdcdc9ba3e4d5d54d18128363e5fb88d55725140404e88f8127c"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", []string{"5a1bc1c0740206a8ab0cc7d6cc05d335", "", "7f178fdb444d3fde868855a8adb49f3720f7ac4974cd88d2b3f771263560d105b7"}, "506d9147f5f22cd6cc19d3f9e52b82ec48", "16fd306e7694c260b18f16f45c8d6e11b9a8488cbbf860d5c90036ac4f62decdad"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", []string{"5a1bc1c0740206a8ab0cc7d6cc05d335", "", "7f178fdb444d3fde868855a8adb49f3720f7ac4974cd88d2b3f771263560d105b7"}, "1dfd6d13fc3bf21fb6a527618a9edecc37091c218a4f3964333f84be1f8dd74e", "bfb8678d96a52c1db3898e5fa467823abf013df6c8aa6de35368000a31000d6910c5d50691c085fd55559bce3106cddf"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", []string{"5a1bc1c0740206a8ab0cc7d6cc05d335", "", "7f178fdb444d3fde868855a8adb49f3720f7ac4974cd88d2b3f771263560d105b7"}, "72cf382a37968b0c46fa33347c82ada09502bc9180da0949c3da6b03f4a8baa05aa4546780e8b5402195d03e7d5add", "a97a69b294101e1a97e05cdc9b6235e5b9c698174b2319e37c04fdaec8acc8ebd6449b796f6d94f3f4e84518a978a94f0bf1c7642a97ab59bf056e25a3abfe"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", []string{"4242d249ad8fe38cb43b4afcc00431665d2e075100627f8c1d58b5e1aa9bdfe65ce2afcbf997d1c2", "f45158535d2ad9"}, "", "f310f5029c564a3f864702d35eaec3fd"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", []string{"4242d249ad8fe38cb43b4afcc00431665d2e075100627f8c1d58b5e1aa9bdfe65ce2afcbf997d1c2", "f45158535d2ad9"}, "96", "18c931d1c88783ffc4e7bc7b728970b2a7"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", []string{"4242d249ad8fe38cb43b4afcc00431665d2e075100627f8c1d58b5e1aa9bdfe65ce2afcbf997d1c2", "f45158535d2ad9"}, "44b84bac05124d54a94f7027a639f8", "f47e802dd20320ecd295b42e1238e4cd0498c7b9740b96bceae3c9e0ac969d"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", []string{"4242d249ad8fe38cb43b4afcc00431665d2e075100627f8c1d58b5e1aa9bdfe65ce2afcbf997d1c2", "f45158535d2ad9"}, "ce4b5cc6b047555add441a520fc0b177", "ccfe48a91a0b80d7611a936ca5b5d594297015b1b6e6079ab6d585aa845d3509"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", []string{"4242d249ad8fe38cb43b4afcc00431665d2e075100627f8c1d58b5e1aa9bdfe65ce2afcbf997d1c2", "f45158535d2ad9"}, "5639f898c0cdd0c5b0328e1337877eb611", "1565299774553661158057402c548c69a581d4fc3cc99ff8ba56fbcba2273d1d5a"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", []string{"4242d249ad8fe38cb43b4afcc00431665d2e075100627f8c1d58b5e1aa9bdfe65ce2afcbf997d1c2", "f45158535d2ad9"}, "38a588f01e5fc77a2a07c4955ef1380dba802ebe6d36d646a136e7817f014668", "8183052c756678d1eb63b16a3c0d8d994ede51337be645756b559c6170f6ac77d8ba413ef46e8285eb55f9a3d04706d7"},
	{"d6bbc7d21f7bf7ec1a9e20595cf59146484a2577ebcc05c4417166cf354b563156e4f5aaa05993e73b097978e1d398b1a816bedbf05502daf22aa4cb0e450b84", []string{"4242d249ad8fe38cb43b4afcc00431665d2e075100627f8c1d58b5e1aa9bdfe65ce2afcbf997d1c2", "f45158535d2ad9"}, "e992a819a97bc1300564b2f471ca16a0c13ef6da4a9e94f7eb7998d7332811738a07a195038641bb21e59904ac86e1", "e7f1e3c403e9eef1737cfe443768905faf1322a0c5ff8d329dbab5e0787689916dc5528be0c2c0f807873954d6c9ee8925f7d75734234e1b8827da7b77741f"},
}

func TestAESSIVPythonVectors(t *testing.T) {
	for i, v := range sivPythonVectors {
		key := ocbUnhex(t, v.key)
		c, err := NewAESSIV(key)
		if err != nil {
			t.Fatal(err)
		}
		var ad [][]byte
		if v.ad != nil {
			ad = [][]byte{}
			for _, a := range v.ad {
				ad = append(ad, ocbUnhex(t, a))
			}
		}
		pt, ct := ocbUnhex(t, v.pt), ocbUnhex(t, v.ct)
		sivCheckValid(t, fmt.Sprintf("python vector %d", i), c, ad, pt, ct)
		if r := sivReference(t, key, ad, pt); !bytes.Equal(r, ct) {
			t.Fatalf("python vector %d: the test's reference gives %x", i, r)
		}
	}
}

// sivManyComponents returns the deterministic AD list the Python generator
// used: component i is i%33 copies of the byte i.
func sivManyComponents(n int) [][]byte {
	ad := make([][]byte, n)
	for i := range ad {
		ad[i] = bytes.Repeat([]byte{byte(i)}, i%33)
	}
	return ad
}

// sivPattern returns n bytes (i*a+b) mod 256.
func sivPattern(n, a, b int) []byte {
	p := make([]byte, n)
	for i := range p {
		p[i] = byte(i*a + b)
	}
	return p
}

// TestAESSIVComponentLimit checks the RFC 5297 limit of 126 AD components:
// 126 give Python cryptography's output, 127 are ErrTooLarge everywhere
// (Python, through OpenSSL, does not enforce the limit).
func TestAESSIVComponentLimit(t *testing.T) {
	key := sivPattern(64, 13, 5)
	pt := sivPattern(50, 3, 1)
	c, err := NewAESSIV(key)
	if err != nil {
		t.Fatal(err)
	}
	ad := sivManyComponents(126)
	want := ocbUnhex(t, "d0956f84bd4ea3401ac7e14a14967fd21ce7e5aa47a2e42654a5094e9973764819dfccf6ba15dab6e32a1395f0b528e48c85f810ba002656d82add32a04d10f21017")
	sivCheckValid(t, "126 components", c, ad, pt, want)
	ad = append(ad, []byte("x"))
	if _, err := c.Encrypt(pt, ad); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Encrypt with 127 components: %v", err)
	}
	if _, err := c.EncryptInto(make([]byte, len(pt)+16), pt, ad); !errors.Is(err, ErrTooLarge) {
		t.Errorf("EncryptInto with 127 components: %v", err)
	}
	if _, err := c.Decrypt(want, ad); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Decrypt with 127 components: %v", err)
	}
	if _, err := c.DecryptInto(make([]byte, len(pt)), want, ad); !errors.Is(err, ErrTooLarge) {
		t.Errorf("DecryptInto with 127 components: %v", err)
	}
}

// sivRefCMAC is AES-CMAC of RFC 4493 section 2.4, written plainly.
func sivRefCMAC(t *testing.T, key, m []byte) []byte {
	b, err := aes.NewCipher(key)
	if err != nil {
		t.Fatal(err)
	}
	l := make([]byte, 16)
	b.Encrypt(l, l)
	k1 := ocbRefDouble(l)
	k2 := ocbRefDouble(k1)
	n := (len(m) + 15) / 16
	complete := n > 0 && len(m)%16 == 0
	if n == 0 {
		n = 1
	}
	var last []byte
	if complete {
		last = ocbRefXor(m[16*(n-1):], k1)
	} else {
		p := append(append([]byte(nil), m[16*(n-1):]...), 0x80)
		p = append(p, make([]byte, 16-len(p))...)
		last = ocbRefXor(p, k2)
	}
	x := make([]byte, 16)
	for i := 0; i < n-1; i++ {
		x = ocbRefXor(x, m[16*i:16*i+16])
		b.Encrypt(x, x)
	}
	x = ocbRefXor(x, last)
	b.Encrypt(x, x)
	return x
}

// sivReference is SIV-ENCRYPT of RFC 5297 section 2.6 with S2V of section
// 2.4, written independently of siv.go: crypto/aes, a fresh CMAC per
// string, and the counter Q+i computed with 128-bit integer addition.
func sivReference(t *testing.T, key []byte, ad [][]byte, pt []byte) []byte {
	t.Helper()
	k1, k2 := key[:len(key)/2], key[len(key)/2:]
	d := sivRefCMAC(t, k1, make([]byte, 16))
	for _, s := range ad {
		d = ocbRefXor(ocbRefDouble(d), sivRefCMAC(t, k1, s))
	}
	var last []byte
	if len(pt) >= 16 {
		last = append([]byte(nil), pt...)
		copy(last[len(last)-16:], ocbRefXor(last[len(last)-16:], d))
	} else {
		p := append(append([]byte(nil), pt...), 0x80)
		p = append(p, make([]byte, 16-len(p))...)
		last = ocbRefXor(ocbRefDouble(d), p)
	}
	v := sivRefCMAC(t, k1, last)
	q := ocbBig(v)
	q.AndNot(q, new(big.Int).Lsh(big.NewInt(1), 63))
	q.AndNot(q, new(big.Int).Lsh(big.NewInt(1), 31))
	b, err := aes.NewCipher(k2)
	if err != nil {
		t.Fatal(err)
	}
	out := append([]byte(nil), v...)
	ks := make([]byte, 16)
	for i := 0; i < len(pt); i += 16 {
		b.Encrypt(ks, ocbBlock(new(big.Int).Add(q, big.NewInt(int64(i/16)))))
		for j := i; j < len(pt) && j < i+16; j++ {
			out = append(out, pt[j]^ks[j-i])
		}
	}
	return out
}

// TestAESSIVReference compares AESSIV with the reference for every key
// size, AD lists of 0 to 4 components and message lengths across several
// multi-block batches.
func TestAESSIVReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(5297, 1))
	rnd := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		return b
	}
	maxLen := 200
	if testing.Short() {
		maxLen = 70
	}
	for _, ks := range []int{32, 48, 64} {
		key := rnd(ks)
		c, err := NewAESSIV(key)
		if err != nil {
			t.Fatal(err)
		}
		for n := 0; n <= maxLen; n += 1 + n/16 {
			var ad [][]byte
			for i := 0; i < n%5; i++ {
				ad = append(ad, rnd(rng.IntN(70)))
			}
			pt := rnd(n)
			want := sivReference(t, key, ad, pt)
			sivCheckValid(t, fmt.Sprintf("reference, %d-byte key, %d bytes, %d components", ks, n, len(ad)), c, ad, pt, want)
		}
	}
}

func TestAESSIVParameters(t *testing.T) {
	for _, n := range []int{0, 16, 24, 31, 33, 47, 49, 63, 65, 128} {
		if _, err := NewAESSIV(make([]byte, n)); !errors.Is(err, ErrKeySize) {
			t.Errorf("NewAESSIV(%d-byte key) error %v, want ErrKeySize", n, err)
		}
	}
	for _, bitLen := range []int{256, 384, 512} {
		k, err := GenerateAESSIVKey(bitLen)
		if err != nil || len(k) != bitLen/8 {
			t.Fatalf("GenerateAESSIVKey(%d) = %d bytes, %v", bitLen, len(k), err)
		}
		if _, err := NewAESSIV(k); err != nil {
			t.Fatal(err)
		}
	}
	for _, bitLen := range []int{0, 128, 192, 255, 1024} {
		if _, err := GenerateAESSIVKey(bitLen); !errors.Is(err, ErrKeySize) {
			t.Errorf("GenerateAESSIVKey(%d) error %v, want ErrKeySize", bitLen, err)
		}
	}
	c, err := NewAESSIV(sivPattern(32, 1, 0))
	if err != nil {
		t.Fatal(err)
	}
	if c.Overhead() != 16 {
		t.Errorf("Overhead = %d", c.Overhead())
	}
	for _, n := range []int{-1, 0, 65, 1000} {
		if _, err := c.AEAD(n); !errors.Is(err, ErrNonceSize) {
			t.Errorf("AEAD(%d) error %v, want ErrNonceSize", n, err)
		}
	}
	for _, n := range []int{1, 12, 16, 64} {
		a, err := c.AEAD(n)
		if err != nil || a.NonceSize() != n || a.Overhead() != 16 {
			t.Fatalf("AEAD(%d) = %v, %v", n, a, err)
		}
		ocbMustPanic(t, "view Seal with a wrong nonce size", func() { a.Seal(nil, make([]byte, n+1), nil, nil) })
		ocbMustPanic(t, "view Open with a wrong nonce size", func() { _, _ = a.Open(nil, make([]byte, n-1), make([]byte, 16), nil) })
		if _, err := a.Open(nil, make([]byte, n), make([]byte, 15), nil); !errors.Is(err, ErrInvalidTag) {
			t.Errorf("view Open of 15 bytes: %v", err)
		}
	}
	pt := []byte("sixteen byte msg and more")
	ad := [][]byte{[]byte("header")}
	for n := 0; n < 16; n++ {
		if _, err := c.Decrypt(make([]byte, n), ad); !errors.Is(err, ErrInvalidTag) {
			t.Errorf("Decrypt of %d bytes: %v", n, err)
		}
		if _, err := c.DecryptInto(nil, make([]byte, n), ad); !errors.Is(err, ErrInvalidTag) {
			t.Errorf("DecryptInto of %d bytes: %v", n, err)
		}
	}
	if _, err := c.EncryptInto(make([]byte, len(pt)), pt, ad); !errors.Is(err, ErrBufferSize) {
		t.Errorf("EncryptInto with a short dst: %v", err)
	}
	if _, err := c.DecryptInto(make([]byte, 20), make([]byte, 20), ad); !errors.Is(err, ErrBufferSize) {
		t.Errorf("DecryptInto with a long dst: %v", err)
	}
	buf := make([]byte, 100)
	copy(buf[16:], pt)
	if _, err := c.EncryptInto(buf[:len(pt)+16], buf[16:16+len(pt)], ad); !errors.Is(err, ErrOverlap) {
		t.Errorf("EncryptInto with dst[16:] aliasing the plaintext: %v", err)
	}
	if _, err := c.EncryptInto(buf[:len(pt)+16], pt, [][]byte{nil, buf[30:40]}); !errors.Is(err, ErrOverlap) {
		t.Errorf("EncryptInto with dst over an AD component: %v", err)
	}
	if _, err := c.DecryptInto(buf[16:40], buf[:40], ad); !errors.Is(err, ErrOverlap) {
		t.Errorf("DecryptInto with dst at ciphertext[16:]: %v", err)
	}
}

// TestAESSIVAllocs checks that EncryptInto and DecryptInto with a
// three-component AD list, and the AEAD view's Seal and Open with a dst
// of enough capacity, allocate nothing.
func TestAESSIVAllocs(t *testing.T) {
	c, err := NewAESSIV(sivPattern(64, 7, 3))
	if err != nil {
		t.Fatal(err)
	}
	a, err := c.AEAD(16)
	if err != nil {
		t.Fatal(err)
	}
	pt := sivPattern(100, 5, 1)
	ad := [][]byte{[]byte("one"), sivPattern(40, 1, 1), []byte("nonce-nonce-nonce")}
	ct := make([]byte, len(pt)+16)
	out := make([]byte, len(pt))
	nonce := sivPattern(16, 9, 9)
	buf := make([]byte, 0, len(pt)+16)
	if n := testing.AllocsPerRun(20, func() {
		if _, err := c.EncryptInto(ct, pt, ad); err != nil {
			t.Fatal(err)
		}
		if _, err := c.DecryptInto(out, ct, ad); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("EncryptInto+DecryptInto: %v allocations, want 0", n)
	}
	if n := testing.AllocsPerRun(20, func() {
		sealed := a.Seal(buf[:0], nonce, pt, ad[0])
		if _, err := a.Open(out[:0], nonce, sealed, ad[0]); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("view Seal+Open: %v allocations, want 0", n)
	}
}
