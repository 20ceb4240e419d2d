package aesni

import (
	"encoding/binary"
	"math/bits"
)

// This file holds the portable block modes. They move data between byte
// slices and the core's word form (two little-endian uint64 per block, four
// blocks per core call) and do the mode arithmetic on those words.

var le = binary.LittleEndian

// checkLen panics when dst is too short for n bytes of output, before any
// byte is written.
func checkLen(dst []byte, n int) {
	if len(dst) < n {
		panic("aesni: output smaller than input")
	}
}

// loadBlocks loads nb (0..4) blocks from b into q in word form and zeroes
// the remaining lanes.
func loadBlocks(q *[8]uint64, b []byte, nb int) {
	for i := 0; i < 2*nb; i++ {
		q[i] = le.Uint64(b[8*i:])
	}
	for i := 2 * nb; i < 8; i++ {
		q[i] = 0
	}
}

// storeBlocks stores the first nb (0..4) blocks of q to b.
func storeBlocks(b []byte, q *[8]uint64, nb int) {
	for i := 0; i < 2*nb; i++ {
		le.PutUint64(b[8*i:], q[i])
	}
}

func encryptBlockGeneric(k *Key, dst, src []byte) {
	_, _ = src[15], dst[15]
	q := [8]uint64{0: le.Uint64(src), 1: le.Uint64(src[8:])}
	encrypt4(k, &q)
	le.PutUint64(dst, q[0])
	le.PutUint64(dst[8:], q[1])
}

func decryptBlockGeneric(k *Key, dst, src []byte) {
	_, _ = src[15], dst[15]
	q := [8]uint64{0: le.Uint64(src), 1: le.Uint64(src[8:])}
	decrypt4(k, &q)
	le.PutUint64(dst, q[0])
	le.PutUint64(dst[8:], q[1])
}

func encryptBlocksGeneric(k *Key, dst, src []byte) {
	n := len(src) / BlockSize
	checkLen(dst, n*BlockSize)
	var q [8]uint64
	for n > 0 {
		nb := min(n, 4)
		loadBlocks(&q, src, nb)
		encrypt4(k, &q)
		storeBlocks(dst, &q, nb)
		src, dst = src[16*nb:], dst[16*nb:]
		n -= nb
	}
}

func decryptBlocksGeneric(k *Key, dst, src []byte) {
	n := len(src) / BlockSize
	checkLen(dst, n*BlockSize)
	var q [8]uint64
	for n > 0 {
		nb := min(n, 4)
		loadBlocks(&q, src, nb)
		decrypt4(k, &q)
		storeBlocks(dst, &q, nb)
		src, dst = src[16*nb:], dst[16*nb:]
		n -= nb
	}
}

// Counter layouts of ctrGeneric.
const (
	ctr32BE = iota // bytes 12..15, big-endian, mod 2^32
	ctr32LE        // bytes 0..3, little-endian, mod 2^32
	ctr64BE        // bytes 8..15, big-endian, mod 2^64
)

// counterValue extracts the counter of the given layout from a counter block
// in word form.
func counterValue(lo, hi uint64, mode int) uint64 {
	switch mode {
	case ctr32BE:
		return uint64(bits.ReverseBytes32(uint32(hi >> 32)))
	case ctr32LE:
		return uint64(uint32(lo))
	default:
		return bits.ReverseBytes64(hi)
	}
}

// counterBlock returns the word form of the counter block lo||hi with its
// counter field replaced by c (truncated to the field's width), leaving
// every other byte as it is.
func counterBlock(lo, hi, c uint64, mode int) (uint64, uint64) {
	switch mode {
	case ctr32BE:
		return lo, hi&0x00000000ffffffff | uint64(bits.ReverseBytes32(uint32(c)))<<32
	case ctr32LE:
		return lo&0xffffffff00000000 | uint64(uint32(c)), hi
	default:
		return lo, bits.ReverseBytes64(c)
	}
}

func ctrGeneric(k *Key, dst, src []byte, ctr *[16]byte, mode int) {
	checkLen(dst, len(src))
	if len(src) == 0 {
		return
	}
	lo, hi := le.Uint64(ctr[0:]), le.Uint64(ctr[8:])
	c := counterValue(lo, hi, mode)
	var q [8]uint64
	for len(src) >= 64 {
		for j := 0; j < 4; j++ {
			q[2*j], q[2*j+1] = counterBlock(lo, hi, c+uint64(j), mode)
		}
		encrypt4(k, &q)
		s, d := src[:64], dst[:64]
		for i := 0; i < 8; i++ {
			le.PutUint64(d[8*i:], le.Uint64(s[8*i:])^q[i])
		}
		c += 4
		src, dst = src[64:], dst[64:]
	}
	if len(src) > 0 {
		nb := (len(src) + 15) / 16
		for j := 0; j < 4; j++ {
			q[2*j], q[2*j+1] = counterBlock(lo, hi, c+uint64(j), mode)
		}
		encrypt4(k, &q)
		var ks [64]byte
		for i := 0; i < 8; i++ {
			le.PutUint64(ks[8*i:], q[i])
		}
		for i := range src {
			dst[i] = src[i] ^ ks[i]
		}
		c += uint64(nb)
		clear(ks[:])
	}
	lo, hi = counterBlock(lo, hi, c, mode)
	le.PutUint64(ctr[0:], lo)
	le.PutUint64(ctr[8:], hi)
	clear(q[:])
}

func cbcMACGeneric(k *Key, state *[16]byte, src []byte) {
	s0, s1 := le.Uint64(state[0:]), le.Uint64(state[8:])
	var q [8]uint64
	for len(src) >= 16 {
		q = [8]uint64{0: s0 ^ le.Uint64(src), 1: s1 ^ le.Uint64(src[8:])}
		encrypt4(k, &q)
		s0, s1 = q[0], q[1]
		src = src[16:]
	}
	le.PutUint64(state[0:], s0)
	le.PutUint64(state[8:], s1)
}

// ntz returns the number of trailing zero bits of the block index x (a
// public value), capped at 63 so that it always indexes an OCBTable.
func ntz(x uint64) int {
	return bits.TrailingZeros64(x | 1<<63)
}

// ocbOffsets advances the OCB offset o0||o1 (word form) over the nb blocks
// start+1 .. start+nb, storing each block's offset in off.
func ocbOffsets(off *[8]uint64, o0, o1 uint64, l *OCBTable, start uint64, nb int) (uint64, uint64) {
	for j := 0; j < nb; j++ {
		start++
		li := &l[ntz(start)]
		o0 ^= le.Uint64(li[0:])
		o1 ^= le.Uint64(li[8:])
		off[2*j], off[2*j+1] = o0, o1
	}
	for j := 2 * nb; j < 8; j++ {
		off[j] = 0
	}
	return o0, o1
}

func ocbEncryptGeneric(k *Key, dst, src []byte, offset, checksum *[16]byte, l *OCBTable, start uint64) {
	n := len(src) / BlockSize
	checkLen(dst, n*BlockSize)
	o0, o1 := le.Uint64(offset[0:]), le.Uint64(offset[8:])
	c0, c1 := le.Uint64(checksum[0:]), le.Uint64(checksum[8:])
	var q, off [8]uint64
	for n > 0 {
		nb := min(n, 4)
		o0, o1 = ocbOffsets(&off, o0, o1, l, start, nb)
		start += uint64(nb)
		loadBlocks(&q, src, nb)
		for i := 0; i < 2*nb; i += 2 {
			c0 ^= q[i]
			c1 ^= q[i+1]
		}
		for i := range q {
			q[i] ^= off[i]
		}
		encrypt4(k, &q)
		for i := range q {
			q[i] ^= off[i]
		}
		storeBlocks(dst, &q, nb)
		src, dst = src[16*nb:], dst[16*nb:]
		n -= nb
	}
	le.PutUint64(offset[0:], o0)
	le.PutUint64(offset[8:], o1)
	le.PutUint64(checksum[0:], c0)
	le.PutUint64(checksum[8:], c1)
	clear(q[:])
}

func ocbDecryptGeneric(k *Key, dst, src []byte, offset, checksum *[16]byte, l *OCBTable, start uint64) {
	n := len(src) / BlockSize
	checkLen(dst, n*BlockSize)
	o0, o1 := le.Uint64(offset[0:]), le.Uint64(offset[8:])
	c0, c1 := le.Uint64(checksum[0:]), le.Uint64(checksum[8:])
	var q, off [8]uint64
	for n > 0 {
		nb := min(n, 4)
		o0, o1 = ocbOffsets(&off, o0, o1, l, start, nb)
		start += uint64(nb)
		loadBlocks(&q, src, nb)
		for i := range q {
			q[i] ^= off[i]
		}
		decrypt4(k, &q)
		for i := range q {
			q[i] ^= off[i]
		}
		for i := 0; i < 2*nb; i += 2 {
			c0 ^= q[i]
			c1 ^= q[i+1]
		}
		storeBlocks(dst, &q, nb)
		src, dst = src[16*nb:], dst[16*nb:]
		n -= nb
	}
	le.PutUint64(offset[0:], o0)
	le.PutUint64(offset[8:], o1)
	le.PutUint64(checksum[0:], c0)
	le.PutUint64(checksum[8:], c1)
	clear(q[:])
}

func ocbHashGeneric(k *Key, sum, offset *[16]byte, src []byte, l *OCBTable, start uint64) {
	n := len(src) / BlockSize
	o0, o1 := le.Uint64(offset[0:]), le.Uint64(offset[8:])
	s0, s1 := le.Uint64(sum[0:]), le.Uint64(sum[8:])
	var q, off [8]uint64
	for n > 0 {
		nb := min(n, 4)
		o0, o1 = ocbOffsets(&off, o0, o1, l, start, nb)
		start += uint64(nb)
		loadBlocks(&q, src, nb)
		for i := range q {
			q[i] ^= off[i]
		}
		encrypt4(k, &q)
		for i := 0; i < 2*nb; i += 2 {
			s0 ^= q[i]
			s1 ^= q[i+1]
		}
		src = src[16*nb:]
		n -= nb
	}
	le.PutUint64(offset[0:], o0)
	le.PutUint64(offset[8:], o1)
	le.PutUint64(sum[0:], s0)
	le.PutUint64(sum[8:], s1)
	clear(q[:])
}
