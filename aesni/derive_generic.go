package aesni

import "encoding/binary"

// This file holds the generic code of the AES-GCM-SIV key derivation and of
// EncKey, and sliceKeys, which builds the generic code's bitsliced keys
// from the round keys alone.

// deriveGCMSIVGeneric is Key.DeriveGCMSIV on the generic code: the
// derivation blocks through encryptBlocksGeneric, the derived key through
// expandKeyGeneric.
func deriveGCMSIVGeneric(k *Key, nonce *[12]byte, auth *[16]byte, enc *EncKey) {
	checkKey(k)
	// AES-128 needs blocks 0..3, AES-192 0..4, AES-256 0..5.
	nb := 2 + (k.rounds-6)/2
	var blocks [6 * BlockSize]byte
	for i := 0; i < nb; i++ {
		b := blocks[BlockSize*i:]
		le.PutUint32(b, uint32(i))
		copy(b[4:BlockSize], nonce[:])
	}
	encryptBlocksGeneric(k, blocks[:BlockSize*nb], blocks[:BlockSize*nb])
	copy(auth[0:8], blocks[0:8])
	copy(auth[8:16], blocks[16:24])
	var key [32]byte
	for i := 2; i < nb; i++ {
		copy(key[8*(i-2):], blocks[BlockSize*i:BlockSize*i+8])
	}
	var full Key
	expandKeyGeneric(&full, key[:8*(nb-2)])
	enc.enc, enc.rounds = full.enc, full.rounds
	wipeKey(&full)
	clear(blocks[:])
	clear(key[:])
}

// fullKey sets f to the Key whose encryption round keys k holds, with the
// bitsliced keys of the generic code (not the decryption keys, which
// encryption never reads).
func fullKey(f *Key, k *EncKey) {
	checkEncKey(k)
	f.enc, f.rounds = k.enc, k.rounds
	sliceKeys(f)
}

// encKeyEncryptGeneric is EncKey.Encrypt on the generic code.
func encKeyEncryptGeneric(k *EncKey, dst, src []byte) {
	_, _ = dst[15], src[15]
	var f Key
	fullKey(&f, k)
	encryptBlockGeneric(&f, dst, src)
	wipeKey(&f)
}

// encKeyCTR32LEGeneric is EncKey.XORKeyStreamCTR32LE on the generic code.
func encKeyCTR32LEGeneric(k *EncKey, dst, src []byte, ctr *[16]byte) {
	checkLen(dst, len(src))
	if len(src) == 0 {
		return
	}
	var f Key
	fullKey(&f, k)
	ctrGeneric(&f, dst, src, ctr, ctr32LE)
	wipeKey(&f)
}

// wipeKey zeroes a temporary Key; not inlined so that the stores are not
// removed as dead (a best effort).
//
//go:noinline
func wipeKey(k *Key) { *k = Key{} }

// sliceKeys fills k.sk, the generic code's bitsliced round keys, from
// k.enc, so that a Key expanded by a kernel also works when the package
// switches to the generic tier (tests, FASTAEAD_KERNEL), and so that an
// EncKey's methods can run the generic code (fullKey). It packs four
// round keys at a time, one per lane, then copies lane j of each plane
// into all four lanes: the bits of lane j sit at positions = j mod 4, so
// ((plane >> j) & 0x1111...) * 15 replicates each into its nibble.
func sliceKeys(k *Key) {
	for i := k.rounds + 1; i < len(k.sk); i++ {
		k.sk[i] = [8]uint64{}
	}
	for i := 0; i <= k.rounds; i += 4 {
		var q [8]uint64
		for j := 0; j < 4 && i+j <= k.rounds; j++ {
			q[2*j] = binary.LittleEndian.Uint64(k.enc[16*(i+j):])
			q[2*j+1] = binary.LittleEndian.Uint64(k.enc[16*(i+j)+8:])
		}
		pack(&q)
		for j := uint(0); j < 4 && i+int(j) <= k.rounds; j++ {
			const m = 0x1111111111111111
			k.sk[i+int(j)] = [8]uint64{
				(q[0] >> j & m) * 15, (q[1] >> j & m) * 15, (q[2] >> j & m) * 15, (q[3] >> j & m) * 15,
				(q[4] >> j & m) * 15, (q[5] >> j & m) * 15, (q[6] >> j & m) * 15, (q[7] >> j & m) * 15,
			}
		}
	}
}
