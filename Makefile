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

# Whole processes timed as a user runs them, then the benchmarks of the
# document generators in process (scripts/bench: hyperfine, and render of
# 1,000 answers files with its peak memory). OLD=path/to/roadmap times
# another build side by side in the same runs.
bench: build
	scripts/bench $(BIN) $(OLD)

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
