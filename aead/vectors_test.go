package aead

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// wpFile is a Wycheproof (or RFC-derived, same schema) AEAD/DAEAD vector file.
type wpFile struct {
	Algorithm  string    `json:"algorithm"`
	TestGroups []wpGroup `json:"testGroups"`
}

type wpGroup struct {
	Type    string   `json:"type"`
	KeySize int      `json:"keySize"`
	IVSize  int      `json:"ivSize"`
	TagSize int      `json:"tagSize"`
	Tests   []wpTest `json:"tests"`
}

type wpTest struct {
	TcID    int        `json:"tcId"`
	Comment string     `json:"comment"`
	Flags   []string   `json:"flags"`
	Key     hexBytes   `json:"key"`
	IV      hexBytes   `json:"iv"`
	AAD     hexBytes   `json:"aad"`
	AADs    []hexBytes `json:"aads"`
	Msg     hexBytes   `json:"msg"`
	CT      hexBytes   `json:"ct"`
	Tag     hexBytes   `json:"tag"`
	Result  string     `json:"result"`
	// OcbIteratedTest groups only.
	KeySize int      `json:"keySize"`
	Output  hexBytes `json:"output"`
}

func (t *wpTest) hasFlag(f string) bool {
	for _, x := range t.Flags {
		if x == f {
			return true
		}
	}
	return false
}

// hexBytes decodes a JSON hex string; an empty string is a non-nil empty slice.
type hexBytes []byte

func (h *hexBytes) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	d, err := hex.DecodeString(s)
	if err != nil {
		return err
	}
	*h = append([]byte{}, d...)
	return nil
}

// loadVectors reads testdata/<dir>/<name> (dir is "wycheproof" or "rfc").
func loadVectors(t *testing.T, dir, name string) *wpFile {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", dir, name))
	if err != nil {
		t.Fatal(err)
	}
	var f wpFile
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	n := 0
	for _, g := range f.TestGroups {
		n += len(g.Tests)
	}
	if n == 0 {
		t.Fatalf("%s: no tests", name)
	}
	return &f
}
