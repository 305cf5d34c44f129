#!/usr/bin/env bash
# Memory soak: a million SDK calls in Python, Node and wasm-in-Node, resident
# memory measured before and after; each fails if it grew past its budget.
# usage: scripts/soak-memory.sh [iterations]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000000}"
.venv/bin/python -c "import alexpay" 2>/dev/null || bash scripts/test-python.sh
ls bindings-node/*.node >/dev/null 2>&1 || bash scripts/test-node.sh
[ -f bindings-wasm/pkg/nodejs/alexpay_wasm.js ] || bash scripts/test-wasm.sh
.venv/bin/python tests/soak/memory.py "$n"
node --expose-gc tests/soak/memory.mjs node "$n"
node --expose-gc tests/soak/memory.mjs wasm "$n"
