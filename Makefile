# fastaead — see README.md.
GO ?= go
PKGS := ./...

.PHONY: test vet fmt-check test-race test-norace test-purego cross generate check-generated fuzz

## test: everything CI runs (generated files, vet on every target, gofmt,
## race tests, purego tests, and the benchmark harness's own tests)
test: check-generated vet fmt-check test-race test-norace test-purego bench-test

vet:
	$(GO) vet -C asm ./...
	$(GO) vet $(PKGS)
	$(GO) vet -tags purego $(PKGS)
	GOARCH=arm64 $(GO) vet $(PKGS)
	GOARCH=386 $(GO) vet $(PKGS)

fmt-check:
	@out=$$(gofmt -l .); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

test-race:
	$(GO) test -race -count=1 -timeout 12m $(PKGS)

# Without the race detector the kernel tests run their exhaustive forms
# (every length 0..1024 against the generic code on every tier; under -race
# some loops are sampled to keep the time down).
test-norace:
	$(GO) test -count=1 -timeout 10m $(PKGS)
	$(GO) test -C asm -count=1 ./...

# The portable build (no assembly) must pass the same tests.
test-purego:
	$(GO) test -tags purego -count=1 -timeout 10m $(PKGS)

## fuzz: run every fuzz target of the library for FUZZTIME each (not part of
## make test). Targets are found with go test -list, so new ones join.
FUZZTIME ?= 30s
fuzz:
	@set -e; for pkg in $$($(GO) list $(PKGS)); do \
		for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
			echo "$(GO) test -run ^$$ -fuzz ^$$f\$$ -fuzztime $(FUZZTIME) $$pkg"; \
			$(GO) test -run '^$$' -fuzz "^$$f\$$" -fuzztime $(FUZZTIME) $$pkg; \
		done; \
	done

## cross: build for the other architectures
cross:
	GOARCH=arm64 $(GO) build $(PKGS)
	GOARCH=386 $(GO) build $(PKGS)
	GOARCH=riscv64 $(GO) build $(PKGS)

# --- bench/ (its own module: the peers never enter the library's go.mod) ---
# make bench              compare fastaead with its peers (about 2 minutes);
#                         writes bench/results/latest.json, .svg and .txt (benchstat)
# make bench GHZ=3.6      also print cycles per byte (the clock under load)
# make bench OPENSSL=1    also measure OpenSSL (cgo, Debian libssl-dev)
# make bench BENCH_FLAGS='-constructions AESGCM -tiers'   any aeadbench flags
# make bench-example      regenerate the committed example the README shows
#                         (with OpenSSL; make bench-example OPENSSL= without)
# make bench-test         the harness's own tests (no OpenSSL needed)
GHZ ?=
OPENSSL ?=
BENCH_FLAGS ?=
BENCH_RUN = cd bench && $(GO) run $(if $(OPENSSL),-tags openssl) ./cmd/aeadbench \
	-duration 70ms -windows 6 $(if $(GHZ),-ghz $(GHZ)) $(if $(OPENSSL),-openssl)

.PHONY: bench bench-example bench-test

bench:
	$(BENCH_RUN) -json results/latest.json -svg results/latest.svg -benchfmt results/latest.txt $(BENCH_FLAGS)

bench-example: OPENSSL = 1
bench-example:
	$(BENCH_RUN) -json results/example.json -svg results/example.svg -benchfmt results/example.txt $(BENCH_FLAGS)

bench-test:
	cd bench && $(GO) vet ./... && $(GO) test -race -count=1 -timeout 5m ./...
	@if pkg-config --exists libcrypto 2>/dev/null; then \
		echo "cd bench && $(GO) test -tags openssl -count=1 ./internal/suite"; \
		cd bench && $(GO) vet -tags openssl ./... && $(GO) test -tags openssl -count=1 ./internal/suite; \
	else echo "bench-test: no libcrypto (libssl-dev): OpenSSL peer cross-checks skipped"; fi

## generate: regenerate every committed assembly file, running each Avo
## generator of the asm/ module by path (the command is also in each file's
## header). GENERATED lists their outputs.
GENERATED := aesni/aes_amd64.s aesni/gcm_amd64.s ghash/ghash_amd64.s polyval/polyval_amd64.s

generate:
	$(GO) run -C asm ./aes -out ../aesni/aes_amd64.s
	$(GO) run -C asm ./gcm -out ../aesni/gcm_amd64.s
	$(GO) run -C asm ./ghash -out ../ghash/ghash_amd64.s
	$(GO) run -C asm ./ghash/polyval -out ../polyval/polyval_amd64.s

## check-generated: delete the generated files, regenerate them, and fail if
## any differs from the copy that was in the tree or from git.
check-generated:
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	for f in $(GENERATED); do \
		mkdir -p "$$tmp/$$(dirname $$f)"; cp "$$f" "$$tmp/$$f" 2>/dev/null || echo "$$f: missing"; rm -f "$$f"; \
	done; \
	$(MAKE) --no-print-directory generate; \
	for f in $(GENERATED); do \
		cmp -s "$$f" "$$tmp/$$f" || { echo "$$f: regenerated file differs from the one in the tree (run make generate)"; exit 1; }; \
	done; \
	out=$$(git status --porcelain --untracked-files=no -- $(GENERATED)); \
	if [ -n "$$out" ]; then echo "generated files differ from git:"; echo "$$out"; exit 1; fi; \
	echo "check-generated: $(GENERATED) up to date"
