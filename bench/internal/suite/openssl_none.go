//go:build !openssl

package suite

// OpenSSLAvailable reports whether this binary was built with the openssl
// tag (and cgo), so that Options.OpenSSL adds OpenSSL's libcrypto. Rebuild
// with -tags openssl (cgo and Debian's libssl-dev needed) to get it.
const OpenSSLAvailable = false

func openSSLImpls() []Impl { return nil }
