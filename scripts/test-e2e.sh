#!/usr/bin/env bash
# End to end: every language against the real sandbox over loopback.
# Uses the packages the surface suites built (make test runs those first);
# run alone, it builds whatever is missing through those suites.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --quiet -p alexpay-sandbox --bin alexpay-sandbox --example payout_flow --example payout_blocking
target_dir="${CARGO_TARGET_DIR:-$(pwd)/target}"
export ALEXPAY_SANDBOX_BIN="$target_dir/debug/alexpay-sandbox"

echo "== e2e: Rust (core + hyper, retry policy and tracker, in-process sandbox)"
"$target_dir/debug/examples/payout_flow"

echo "== e2e: Rust (PayoutFlow + ureq, blocking, in-process sandbox)"
"$target_dir/debug/examples/payout_blocking"

echo "== e2e: Python (httpx, requests, Flask receiver)"
.venv/bin/python -c "import alexpay" 2>/dev/null || bash scripts/test-python.sh
.venv/bin/python -c "import flask" 2>/dev/null || .venv/bin/pip install --quiet "flask>=3,<4"
.venv/bin/python -m pytest -q tests/e2e/python

echo "== e2e: Node and WebAssembly (global fetch, Express receiver)"
ls bindings-node/*.node >/dev/null 2>&1 || bash scripts/test-node.sh
[ -f bindings-wasm/pkg/nodejs/alexpay_wasm.js ] || bash scripts/test-wasm.sh
(cd tests/e2e/node && npm install --no-audit --no-fund --loglevel=error && node --test)
