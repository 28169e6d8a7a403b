# The two set-up commands are `make pack` (the main job) and `make test`.
GO ?= go
BIN := bin/roadmap

.PHONY: all build pack test lint bench tables fuzz snapshot clean

all: lint test build

build:
	$(GO) build -trimpath -o $(BIN) ./cmd/roadmap

# snapshot makes every release archive into dist/ (.goreleaser.yaml), as
# .ci/run does; nothing is published.
snapshot:
	$(GO) tool goreleaser release --snapshot --clean

pack:
	$(GO) run ./cmd/roadmap pack

test:
	$(GO) test ./...

lint:
	@test -z "$$(gofmt -l .)" || { echo "gofmt would change:"; gofmt -l .; exit 1; }
	$(GO) vet ./...
	$(GO) tool staticcheck ./...

# Whole processes timed as a user runs them, then the benchmarks of the
# document generators in process (scripts/bench: hyperfine, and render of
# 1,000 answers files with its peak memory). OLD=path/to/roadmap times
# another build side by side in the same runs.
bench: build
	scripts/bench $(BIN) $(OLD)

# tables rewrites what the program keeps of the built-in content so as not
# to compute it in every run: each language as Go code
# (internal/content/builtin_*.go), the booklet's page numbers and chapter
# settings (internal/guide/builtin_table.go) and the languages found clean
# (internal/cli/checked_clean.go). Run it after changing content/,
# templates/ or the layout code: until then the program computes them as
# before (slower) and the tests that check the tables fail.
tables:
	$(GO) test ./internal/content -count=1 -run '^TestBuiltinLanguages$$' -update
	$(GO) test ./internal/guide -count=1 -run '^TestBuiltinTable$$' -update
	$(GO) test ./internal/cli -count=1 -run '^TestCheckedClean$$' -update

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
	rm -rf bin dist output/*/
