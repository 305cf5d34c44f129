# One command per job. Each surface's script installs what it needs on a
# fresh machine (Debian + rustup Rust + Python 3.11 + Node 20), then tests.
.PHONY: test test-core test-python test-node test-wasm test-e2e test-differential test-packages dist test-dist demo sandbox fuzz soak-memory soak-sandbox bench

test: test-core test-python test-node test-wasm test-e2e test-differential test-packages
	@echo "make test: every suite passed"

test-core:
	bash scripts/test-core.sh

test-python:
	bash scripts/test-python.sh

test-node:
	bash scripts/test-node.sh

test-wasm:
	bash scripts/test-wasm.sh

test-e2e:
	bash scripts/test-e2e.sh

# After the surface suites: it compares the packages they built.
test-differential:
	bash scripts/test-differential.sh

# Packaging (issue 14): every artifact into dist/ with its checks; the
# installs from local registries, the wasm fallback, Debian 11 x86_64 (in
# `make test`); the arm64 half under qemu (`make test-dist`, not in CI).
dist:
	bash scripts/dist.sh

test-packages:
	bash scripts/test-packages.sh

test-dist:
	bash scripts/test-dist.sh

demo:
	bash scripts/demo.sh

sandbox:
	bash scripts/sandbox.sh

# Proof harnesses (issue 7): not part of `make test`, each one command.
fuzz:
	bash scripts/fuzz.sh

soak-memory:
	bash scripts/soak-memory.sh

soak-sandbox:
	bash scripts/soak-sandbox.sh

bench:
	bash scripts/bench.sh
