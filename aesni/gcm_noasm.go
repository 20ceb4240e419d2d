//go:build !amd64 || purego

package aesni

import "github.com/fastaead/fastaead/ghash"

// Without assembly the GCM operations run the generic code.

func gcmSeal(k *Key, dst, src []byte, ctr *[16]byte, h *ghash.Key, y *[16]byte) {
	gcmSealGeneric(k, dst, src, ctr, h, y)
}

func gcmOpen(k *Key, dst, src []byte, ctr *[16]byte, h *ghash.Key, y *[16]byte) {
	gcmOpenGeneric(k, dst, src, ctr, h, y)
}

func gcmSealMessage(k *Key, dst, src, ad []byte, j0 *[16]byte, h *ghash.Key, tag *[16]byte) {
	gcmMessageGeneric(k, dst, src, ad, j0, h, tag, false)
}

func gcmOpenMessage(k *Key, dst, src, ad []byte, j0 *[16]byte, h *ghash.Key, tag *[16]byte) {
	gcmMessageGeneric(k, dst, src, ad, j0, h, tag, true)
}
