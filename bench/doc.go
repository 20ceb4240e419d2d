// Package bench holds fastaead's benchmark suite: go test benchmarks for
// every construction x key size x message size x direction x
// implementation, and (in cmd/aeadbench) the comparison command.
//
// It is its own module, so that the peers it measures (golang.org/x/crypto,
// Tink, ProtonMail's go-crypto, pion/dtls, and OpenSSL through cgo with the
// openssl build tag) never become dependencies of the library.
//
// The benchmarks are named for benchstat:
//
//	BenchmarkSeal/AESGCM-128/16384/impl=fastaead-avx512
//	BenchmarkSeal/AESGCM-128/16384/impl=stdlib
//
// (construction and key bits / message bytes / implementation; fastaead
// carries the kernel tier in force). They report MB/s and allocations.
// Every peer is cross-checked against fastaead before it is timed, and the
// output of the timed loop is checked afterwards. Examples:
//
//	cd bench
//	go test -run '^$' -bench 'Seal/AESGCM-128/16384' -count 10 > gcm.txt
//	benchstat -col /impl gcm.txt
//	FASTAEAD_KERNEL=generic go test -run '^$' -bench 'Seal/AESGCM' -count 10 > generic.txt
//	go test -tags openssl -run '^$' -bench . -benchtime 200ms
//
// FASTAEAD_KERNEL caps fastaead's tier for the whole process, so that one
// run per tier, concatenated, compares tiers with benchstat -col /impl.
package bench
