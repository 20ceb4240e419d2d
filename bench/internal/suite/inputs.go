package suite

import (
	"encoding/binary"
	"hash/fnv"
	"math/rand/v2"
)

// Inputs are the key and message one measurement uses. They derive from
// a seed, the variant and the size only, so that every process (aeadbench
// runs each fastaead tier in a child process) builds identical inputs.
type Inputs struct {
	Key, Nonce, AD, Plaintext []byte
}

// NewInputs returns the inputs for variant v and a message of size bytes.
// The key depends on (seed, v) only; the nonce, AD and plaintext also on
// size.
func NewInputs(seed uint64, v Variant, size int) Inputs {
	kr := rng(seed, v.Name(), -1)
	in := Inputs{Key: randBytes(kr, v.KeySize())}
	r := rng(seed, v.Name(), size)
	in.Nonce = randBytes(r, v.Info().Nonce)
	in.AD = randBytes(r, ADSize)
	in.Plaintext = randBytes(r, size)
	return in
}

// rng returns a generator seeded from seed, a label and a number.
func rng(seed uint64, label string, n int) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(label))
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(int64(n)))
	h.Write(b[:])
	return rand.New(rand.NewPCG(seed, h.Sum64()))
}

func randBytes(r *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := 0; i < n; i += 8 {
		v := r.Uint64()
		for j := i; j < min(i+8, n); j++ {
			b[j] = byte(v)
			v >>= 8
		}
	}
	return b
}
