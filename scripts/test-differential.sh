#!/usr/bin/env bash
# Differential check: the same seeded random inputs (a few thousand cases:
# client configs, request building, response and webhook parsing, signature
# verification, confirmation, statuses, retry decisions, flow steps) through
# Python, Node (napi) and WebAssembly; every surface must give the same result
# or the same error code and field. The seed is printed; replay a failure with
#   ALEXPAY_DIFF_SEED=<seed> bash scripts/test-differential.sh
# Uses the packages the surface suites built (make test runs those first);
# run alone, it builds whatever is missing through those suites.
set -euo pipefail
cd "$(dirname "$0")/.."

seed="${ALEXPAY_DIFF_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}"
count="${ALEXPAY_DIFF_CASES:-3000}"
replay="ALEXPAY_DIFF_SEED=$seed${ALEXPAY_DIFF_PENDING:+ ALEXPAY_DIFF_PENDING=1} bash scripts/test-differential.sh"
export ALEXPAY_DIFF_REPLAY="$replay"
echo "== differential: seed $seed, $count cases (replay: $replay)"

.venv/bin/python -c "import alexpay" 2>/dev/null || bash scripts/test-python.sh
ls bindings-node/*.node >/dev/null 2>&1 || bash scripts/test-node.sh
[ -f bindings-wasm/pkg/nodejs/alexpay_wasm.js ] || bash scripts/test-wasm.sh

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
# ALEXPAY_DIFF_PENDING=1 adds the input classes issue 15 is still making one
# behaviour (lone surrogates, repeated signature headers, negative tolerance,
# attempts >= 2^32): off until that lands (tests/differential/README.md).
python3 tests/differential/generate.py "$seed" "$count" "$out/cases.json" ${ALEXPAY_DIFF_PENDING:+--pending}
.venv/bin/python tests/differential/run_python.py "$out/cases.json" "$out/python.json"
node tests/differential/run_node.mjs "$out/cases.json" "$out"
python3 tests/differential/compare.py "$seed" "$out/cases.json" "$out/python.json" "$out/napi.json" "$out/wasm.json"
