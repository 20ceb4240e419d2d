//go:build openssl && !cgo

package suite

// The openssl build tag needs cgo (CGO_ENABLED=1 and a C compiler) and
// OpenSSL 3's headers (Debian: apt-get install libssl-dev).
var _ = the_openssl_build_tag_needs_cgo_enabled

// OpenSSLAvailable is false: see above.
const OpenSSLAvailable = false

func openSSLImpls() []Impl { return nil }
