package suite

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// Fingerprint seals a fixed set of random messages (the cross-check's
// lengths, three keys, associated data of random length) with im and
// returns the SHA-256 of all the outputs, in hex. Two processes running
// fastaead at different kernel tiers must return the same fingerprint.
func Fingerprint(im Impl, v Variant, seed uint64) (fp string, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s %s: panic: %v", im.Name, v, p)
		}
	}()
	r := rng(seed, "fingerprint/"+v.Name(), 0)
	h := sha256.New()
	for k := 0; k < 3; k++ {
		a, err := im.New(v, randBytes(r, v.KeySize()))
		if err != nil {
			return "", fmt.Errorf("%s %s: %v", im.Name, v, err)
		}
		for _, n := range checkSizes {
			nonce := randBytes(r, v.Info().Nonce)
			ad := randBytes(r, r.IntN(49))
			h.Write(a.Seal(nil, nonce, randBytes(r, n), ad))
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
