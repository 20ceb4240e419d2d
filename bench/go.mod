module github.com/fastaead/fastaead/bench

go 1.26.0

replace github.com/fastaead/fastaead => ../

require (
	github.com/ProtonMail/go-crypto v1.5.2
	github.com/fastaead/fastaead v0.0.0-00010101000000-000000000000
	github.com/pion/dtls/v3 v3.1.16
	github.com/tink-crypto/tink-go/v2 v2.9.0
	golang.org/x/crypto v0.59.0
)

require (
	github.com/klauspost/cpuid/v2 v2.4.2 // indirect
	golang.org/x/sys v0.50.0 // indirect
	google.golang.org/protobuf v1.36.11 // indirect
)
