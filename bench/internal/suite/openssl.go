//go:build openssl && cgo

package suite

/*
#cgo pkg-config: libcrypto
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

enum { FA_GCM = 1, FA_CHACHA = 2, FA_OCB = 3, FA_CCM = 4, FA_SIV = 5 };
enum { FA_AUTH = -100 };

// fa_ossl holds one key's two contexts, created once and reused for every
// message, as an embedding application would.
typedef struct {
	EVP_CIPHER *cipher;
	EVP_CIPHER_CTX *enc, *dec;
	int kind, taglen, noncelen, keylen;
	unsigned char key[64]; // SIV only: see fa_seal
} fa_ossl;

static unsigned char fa_dummy[1];

// fa_nn and fa_out never pass NULL for a buffer: to OpenSSL a NULL output
// means "this is associated data", so an empty message must still point
// somewhere.
static const unsigned char *fa_nn(const unsigned char *p) { return p ? p : fa_dummy; }
static unsigned char *fa_out(unsigned char *p) { return p ? p : fa_dummy; }

static void fa_free(fa_ossl *s) {
	if (s == NULL) return;
	EVP_CIPHER_CTX_free(s->enc);
	EVP_CIPHER_CTX_free(s->dec);
	EVP_CIPHER_free(s->cipher);
	OPENSSL_cleanse(s->key, sizeof s->key);
	free(s);
}

static int fa_setup(fa_ossl *s, EVP_CIPHER_CTX *c, int enc, const unsigned char *key) {
	if (!EVP_CipherInit_ex(c, s->cipher, NULL, NULL, NULL, enc)) return 0;
	if (s->kind != FA_SIV && !EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_IVLEN, s->noncelen, NULL)) return 0;
	if (s->kind == FA_CCM && !EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_TAG, s->taglen, NULL)) return 0;
	return EVP_CipherInit_ex(c, NULL, NULL, key, NULL, enc);
}

// fa_new fetches the cipher by name and keys both contexts.
static fa_ossl *fa_new(const char *name, int kind, const unsigned char *key, int keylen, int noncelen, int taglen) {
	fa_ossl *s = calloc(1, sizeof *s);
	if (s == NULL) return NULL;
	s->kind = kind; s->taglen = taglen; s->noncelen = noncelen; s->keylen = keylen;
	if (keylen > (int)sizeof s->key) { free(s); return NULL; }
	memcpy(s->key, key, keylen);
	s->cipher = EVP_CIPHER_fetch(NULL, name, NULL);
	s->enc = EVP_CIPHER_CTX_new();
	s->dec = EVP_CIPHER_CTX_new();
	if (s->cipher == NULL || s->enc == NULL || s->dec == NULL ||
	    EVP_CIPHER_get_key_length(s->cipher) != keylen ||
	    !fa_setup(s, s->enc, 1, key) || !fa_setup(s, s->dec, 0, key)) {
		fa_free(s);
		return NULL;
	}
	return s;
}

// fa_seal writes ciphertext || tag (SIV: V || ciphertext) to out.
static int fa_seal(fa_ossl *s, const unsigned char *nonce, const unsigned char *ad, int adlen,
                   const unsigned char *in, int inlen, unsigned char *out) {
	EVP_CIPHER_CTX *c = s->enc;
	int n = 0, f = 0;
	unsigned char *body, *tag;
	out = fa_out(out);
	body = out;
	tag = out + inlen;
	if (s->kind == FA_SIV) {
		// OpenSSL's SIV runs one message per keying: restarting S2V
		// takes the key again.
		if (!EVP_EncryptInit_ex(c, NULL, NULL, s->key, NULL)) return -1;
		body = out + s->taglen;
		tag = out;
	} else if (!EVP_EncryptInit_ex(c, NULL, NULL, NULL, nonce)) {
		return -1;
	}
	if (s->kind == FA_CCM && !EVP_EncryptUpdate(c, NULL, &n, NULL, inlen)) return -2;
	if ((adlen > 0 || s->kind == FA_SIV) && !EVP_EncryptUpdate(c, NULL, &n, fa_nn(ad), adlen)) return -3;
	n = 0;
	if ((inlen > 0 || s->kind == FA_CCM || s->kind == FA_SIV) && !EVP_EncryptUpdate(c, body, &n, fa_nn(in), inlen)) return -4;
	if (!EVP_EncryptFinal_ex(c, body + n, &f)) return -5;
	if (n + f != inlen) return -6;
	if (!EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_GET_TAG, s->taglen, tag)) return -7;
	return 0;
}

// fa_open checks and decrypts in (ciphertext || tag; SIV: V || ciphertext)
// into out; FA_AUTH on a wrong tag.
static int fa_open(fa_ossl *s, const unsigned char *nonce, const unsigned char *ad, int adlen,
                   const unsigned char *in, int inlen, unsigned char *out) {
	EVP_CIPHER_CTX *c = s->dec;
	int n = 0, f = 0, ctlen = inlen - s->taglen;
	out = fa_out(out);
	const unsigned char *ct = in, *tag = in + ctlen;
	if (ctlen < 0) return FA_AUTH;
	if (s->kind == FA_SIV) {
		ct = in + s->taglen;
		tag = in;
		if (!EVP_DecryptInit_ex(c, NULL, NULL, s->key, NULL)) return -1;
		if (!EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_TAG, s->taglen, (void *)tag)) return -2;
	} else if (!EVP_DecryptInit_ex(c, NULL, NULL, NULL, nonce)) {
		return -1;
	}
	if (s->kind == FA_CCM) {
		if (!EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_TAG, s->taglen, (void *)tag)) return -2;
		if (!EVP_DecryptUpdate(c, NULL, &n, NULL, ctlen)) return -3;
	}
	if ((adlen > 0 || s->kind == FA_SIV) && !EVP_DecryptUpdate(c, NULL, &n, fa_nn(ad), adlen)) return -4;
	n = 0;
	if (ctlen > 0 || s->kind == FA_CCM || s->kind == FA_SIV) {
		if (EVP_DecryptUpdate(c, out, &n, fa_nn(ct), ctlen) <= 0) {
			// CCM (and SIV) verify inside the update.
			return (s->kind == FA_CCM || s->kind == FA_SIV) ? FA_AUTH : -5;
		}
	}
	if (s->kind == FA_CCM) return n == ctlen ? 0 : -6;
	if (s->kind != FA_SIV && !EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_TAG, s->taglen, (void *)tag)) return -7;
	if (EVP_DecryptFinal_ex(c, out + n, &f) <= 0) return FA_AUTH;
	return n + f == ctlen ? 0 : -8;
}

// fa_siv_empty_ok reports whether this OpenSSL seals an empty plaintext
// with AES-SIV (3.0 does not: its final step fails).
static int fa_siv_empty_ok(void) {
	static const unsigned char key[32];
	unsigned char out[16];
	fa_ossl *s = fa_new("AES-128-SIV", FA_SIV, key, 32, 0, 16);
	int ok;
	if (s == NULL) return 0;
	ok = fa_seal(s, NULL, NULL, 0, NULL, 0, out) == 0;
	fa_free(s);
	ERR_clear_error();
	return ok;
}

static void fa_err(char *buf, int len) {
	unsigned long e = ERR_get_error();
	if (buf != NULL && len > 0) {
		buf[0] = 0;
		if (e != 0) ERR_error_string_n(e, buf, len);
	}
	ERR_clear_error();
}

static const char *fa_version(void) { return OpenSSL_version(OPENSSL_VERSION); }
*/
import "C"

import (
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"unsafe"
)

// OpenSSLAvailable reports whether this binary was built with the openssl
// tag (and cgo), so that Options.OpenSSL adds OpenSSL's libcrypto.
const OpenSSLAvailable = true

func openSSLImpls() []Impl {
	sivEmpty := C.fa_siv_empty_ok() != 0
	return []Impl{{
		Name:    "openssl",
		Package: "libcrypto " + C.GoString(C.fa_version()) + " (EVP, cgo)",
		Peer:    true,
		Note: "one EVP_CIPHER_CTX per key and direction, created once and reused for every message; " +
			"AES-SIV passes the key again per message (OpenSSL's SIV context runs one message per keying)",
		Supports: func(v Variant) bool { return v.Construction != "AESGCMSIV" },
		Lacks: func(v Variant, size int) string {
			if v.Construction == "AESSIV" && size == 0 && !sivEmpty {
				return "this OpenSSL cannot seal an empty plaintext with AES-SIV (EVP_EncryptFinal_ex fails)"
			}
			return ""
		},
		New: newOpenSSL,
	}}
}

type osslAEAD struct {
	s      *C.fa_ossl
	taglen int
}

func newOpenSSL(v Variant, key []byte) (AEAD, error) {
	var name string
	var kind C.int
	aesBits := strconv.Itoa(v.KeyBits)
	switch v.Construction {
	case "AESGCM":
		name, kind = "AES-"+aesBits+"-GCM", C.FA_GCM
	case "ChaCha20Poly1305":
		name, kind = "ChaCha20-Poly1305", C.FA_CHACHA
	case "AESOCB3":
		name, kind = "AES-"+aesBits+"-OCB", C.FA_OCB
	case "AESCCM":
		name, kind = "AES-"+aesBits+"-CCM", C.FA_CCM
	case "AESSIV":
		name, kind = "AES-"+strconv.Itoa(v.KeyBits/2)+"-SIV", C.FA_SIV
	default:
		return nil, errUnsupported
	}
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	s := C.fa_new(cname, kind, (*C.uchar)(unsafe.Pointer(&key[0])), C.int(len(key)), C.int(v.Info().Nonce), C.int(v.Info().Tag))
	if s == nil {
		return nil, fmt.Errorf("openssl: cannot set up %s: %s", name, osslErr())
	}
	a := &osslAEAD{s: s, taglen: v.Info().Tag}
	runtime.AddCleanup(a, func(s *C.fa_ossl) { C.fa_free(s) }, s)
	return a, nil
}

func ptr(b []byte) *C.uchar { return (*C.uchar)(unsafe.Pointer(unsafe.SliceData(b))) }

func (a *osslAEAD) Seal(dst, nonce, plaintext, ad []byte) []byte {
	ret, out := grow(dst, len(plaintext)+a.taglen)
	rc := C.fa_seal(a.s, ptr(nonce), ptr(ad), C.int(len(ad)), ptr(plaintext), C.int(len(plaintext)), ptr(out))
	runtime.KeepAlive(a)
	if rc != 0 {
		panic(fmt.Sprintf("openssl: seal failed (step %d): %s", -rc, osslErr()))
	}
	return ret
}

var errOpenSSLAuth = errors.New("openssl: message authentication failed")

func (a *osslAEAD) Open(dst, nonce, ciphertext, ad []byte) ([]byte, error) {
	if len(ciphertext) < a.taglen {
		return nil, errOpenSSLAuth
	}
	ret, out := grow(dst, len(ciphertext)-a.taglen)
	rc := C.fa_open(a.s, ptr(nonce), ptr(ad), C.int(len(ad)), ptr(ciphertext), C.int(len(ciphertext)), ptr(out))
	runtime.KeepAlive(a)
	switch {
	case rc == C.FA_AUTH:
		clear(out)
		C.fa_err(nil, 0) // clear OpenSSL's error queue
		return nil, errOpenSSLAuth
	case rc != 0:
		clear(out)
		return nil, fmt.Errorf("openssl: open failed (step %d): %s", -rc, osslErr())
	}
	return ret, nil
}

func osslErr() string {
	var buf [256]C.char
	C.fa_err(&buf[0], C.int(len(buf)))
	if s := C.GoString(&buf[0]); s != "" {
		return s
	}
	return "no OpenSSL error queued"
}
