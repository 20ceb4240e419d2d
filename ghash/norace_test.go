//go:build !race

package ghash

// raceEnabled reports whether the race detector is on; allocation checks are
// skipped under it because its instrumentation allocates.
const raceEnabled = false
