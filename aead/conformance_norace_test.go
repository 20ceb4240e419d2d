//go:build !race

package aead

// confRace reports whether the race detector is on: the conformance suite
// then samples its longest loops and skips the allocation checks (the
// detector's instrumentation allocates).
const confRace = false
