//go:build !amd64 && !arm64

package cpu

func detect() Info {
	return Info{Supported: []Tier{Generic}, Preferred: Generic}
}
