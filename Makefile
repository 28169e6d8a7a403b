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

# Benchmarks of the document generators, then whole processes timed with
# hyperfine when it is installed (apt-get install hyperfine).
bench: build
	$(GO) test -run '^$$' -bench . -benchmem ./...
	@if command -v hyperfine >/dev/null; then \
	  hyperfine -N --warmup 3 \
	    '$(BIN) form community -o /tmp/roadmap-bench/form.pdf' \
	    '$(BIN) guide -o /tmp/roadmap-bench/guide.pdf' \
	    '$(BIN) sheet action-plan -o /tmp/roadmap-bench/action-plan.xlsx' \
	    '$(BIN) pack --out /tmp/roadmap-bench/pack'; \
	else echo "hyperfine not installed: apt-get install hyperfine"; fi

fuzz:
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime 30s ./internal/answers

clean:
	rm -rf bin output/*/
