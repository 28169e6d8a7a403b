# The two set-up commands are `make pack` (the main job) and `make test`.
GO ?= go
BIN := bin/roadmap

.PHONY: all build pack test lint bench fuzz clean

all: lint test build

build:
	$(GO) build -trimpath -o $(BIN) ./cmd/roadmap

pack:
	$(GO) run ./cmd/roadmap pack

test:
	$(GO) test ./...

lint:
	@test -z "$$(gofmt -l .)" || { echo "gofmt would change:"; gofmt -l .; exit 1; }
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@latest ./...

# Benchmarks of the document generators in process, then whole processes
# timed as a user runs them (scripts/bench: hyperfine, and render of 1,000
# answers files with its peak memory).
bench: build
	$(GO) test -run '^$$' -bench . -benchmem ./...
	scripts/bench $(BIN)

fuzz:
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime 30s ./internal/answers

clean:
	rm -rf bin output/*/
