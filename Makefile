# fastaead — see README.md.
GO ?= go
PKGS := ./...

.PHONY: test vet fmt-check test-race test-purego cross

## test: everything CI runs (vet on every target, gofmt, race tests, purego tests)
test: vet fmt-check test-race test-purego

vet:
	$(GO) vet $(PKGS)
	$(GO) vet -tags purego $(PKGS)
	GOARCH=arm64 $(GO) vet $(PKGS)
	GOARCH=386 $(GO) vet $(PKGS)

fmt-check:
	@out=$$(gofmt -l .); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

test-race:
	$(GO) test -race -count=1 -timeout 12m $(PKGS)

# The portable build (no assembly) must pass the same tests.
test-purego:
	$(GO) test -tags purego -count=1 -timeout 10m $(PKGS)

## cross: build for the other architectures
cross:
	GOARCH=arm64 $(GO) build $(PKGS)
	GOARCH=386 $(GO) build $(PKGS)
	GOARCH=riscv64 $(GO) build $(PKGS)
