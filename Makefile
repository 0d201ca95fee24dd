# vpcgate Makefile. Every target installs dependencies itself when node_modules is missing or
# older than package.json / package-lock.json, so a fresh clone needs only Node 20 and make.
SHELL := /bin/bash
NODE ?= node
NPM ?= npm
STAMP := node_modules/.vpcgate-stamp
SRC := $(shell find src -name '*.ts' 2>/dev/null)
CASES ?= ../shared/opa-cases
PLAN ?=

.PHONY: all deps build test check wasm runtime conformance bench bench-check fuzz clean

all: build

$(STAMP): package.json package-lock.json
	$(NPM) ci --no-audit --no-fund --loglevel=error
	@touch $@

deps: $(STAMP)

dist/.stamp: $(STAMP) $(SRC) tsconfig.json tsconfig.build.json $(wildcard scripts/bundle/*.mjs)
	@rm -rf dist
	$(NODE) node_modules/typescript/bin/tsc -p tsconfig.build.json
	$(NODE) scripts/bundle/build.mjs
	@touch $@

build: dist/.stamp

# Rebuild the Wasm runtime from its AssemblyScript sources (committed output: wasm/runtime.wasm).
runtime: $(STAMP)
	$(NODE) scripts/build-runtime.mjs

# Compile policies/iam into the committed default bundle wasm/iam.tar.gz, stamped with the hash of
# its policy sources (wasm/iam.hash); the check path loads it without importing the compiler.
wasm: build
	$(NODE) --input-type=module -e 'const m = await import("./dist/engine/iam.js"); const r = await m.writeIamBundle(); console.log("wasm/iam.tar.gz", r.bytes, "bytes, sources", r.hash.slice(0, 12));'

test: build
	$(NODE) scripts/run-tests.mjs

conformance: build
	$(NODE) scripts/conformance.mjs $(CASES)

check: build
ifeq ($(PLAN),)
	$(NODE) scripts/check-examples.mjs
else
	$(NODE) dist/bin/vpcgate.js check $(PLAN)
endif

bench: build
	$(NODE) bench/run.mjs

bench-check: build
	$(NODE) bench/run.mjs --check

fuzz: build
	VPCGATE_FUZZ_RUNS=100000 $(NODE) scripts/run-tests.mjs test/fuzz test/runtime/encoding-json-fuzz.test.ts

clean:
	rm -rf dist .tap node_modules/.vpcgate-stamp
