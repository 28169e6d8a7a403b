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

# fuzz runs every fuzz target of the readers of user input for FUZZTIME
# each (they are found, none skipped). A new input found is minimised for
# at most FUZZMINTIME: the default 60 s would eat a short run.
FUZZTIME ?= 30s
FUZZMINTIME ?= 5s
fuzz:
	@set -e; for dir in $$(grep -l '^func Fuzz' $$(find . -name '*_test.go' -not -path './.git/*') | xargs -n1 dirname | sort -u); do \
	  for t in $$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' $$dir/*_test.go | sort); do \
	    echo "== $$t ($$dir)"; \
	    $(GO) test -run '^$$' -fuzz "^$$t\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINTIME) $$dir; \
	  done; \
	done

clean:
	rm -rf bin output/*/
