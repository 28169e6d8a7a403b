# The two set-up commands are `make pack` (the main job) and `make test`.
GO ?= go
BIN := bin/roadmap

.PHONY: all build pack test lint bench tables fuzz clean

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

# fuzz runs every fuzz target of the readers of user input for FUZZTIME each.
FUZZTIME ?= 30s
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./internal/answers
	$(GO) test -run '^$$' -fuzz '^FuzzLoad$$' -fuzztime $(FUZZTIME) ./internal/content
	$(GO) test -run '^$$' -fuzz '^FuzzLoadTheme$$' -fuzztime $(FUZZTIME) ./internal/pdf
	$(GO) test -run '^$$' -fuzz '^FuzzRender$$' -fuzztime $(FUZZTIME) ./internal/markdown
	$(GO) test -run '^$$' -fuzz '^FuzzRenderGFM$$' -fuzztime $(FUZZTIME) ./internal/markdown
	$(GO) test -run '^$$' -fuzz '^FuzzEscape$$' -fuzztime $(FUZZTIME) ./internal/markdown

clean:
	rm -rf bin output/*/
