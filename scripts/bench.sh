#!/usr/bin/env bash
# All benchmarks (issue 7, Performance; figures in BENCHMARKS.md), one command:
#   Rust core against its floors (callgrind instruction counts, and criterion),
#   Python binding vs pure Python vs pydantic v2,
#   Node binding and wasm-in-Node vs plain JS vs zod, wasm size and start-up,
#   and a payout round trip against the sandbox: drivers vs hand-written code.
# Builds a binding only when its artifact is missing (as soak-memory.sh does).
# Harnesses print figures; nothing here fails on a timing.
# usage: scripts/bench.sh [runs]   (default 3 runs of the Python and JS
#        harnesses, medians printed at the end; BENCH_QUICK=1 for a smoke run)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-${BENCH_RUNS:-3}}"
quick=()
criterion=()
# JS columns timed in alternating rounds, so a busy machine's load hits the
# binding and its baselines alike (quick runs skip it).
interleave=(--interleaved 9)
if [ "${BENCH_QUICK:-0}" = 1 ]; then
  quick=(--quick)
  interleave=()
  criterion=(--warm-up-time 1 --measurement-time 2)
fi
out=target/bench
mkdir -p "$out"
rm -f "$out"/py.*.json "$out"/js.*.json "$out"/instructions.json "$out"/roundtrip.*.json

.venv/bin/python -c "import alexpay" 2>/dev/null || bash scripts/test-python.sh
ls bindings-node/*.node >/dev/null 2>&1 || bash scripts/test-node.sh
[ -f bindings-wasm/pkg/nodejs/alexpay_wasm.js ] || bash scripts/test-wasm.sh
# Baselines: pydantic v2 from PyPI into the project venv, zod, standardwebhooks and svix from npm.
.venv/bin/python -c "import pydantic, sys; sys.exit(not pydantic.VERSION.startswith('2.'))" 2>/dev/null ||
  .venv/bin/python -m pip install --quiet "pydantic>=2,<3"
# Verification peers (issue 13): the standardwebhooks and svix packages.
.venv/bin/python -c "import standardwebhooks, svix" 2>/dev/null ||
  .venv/bin/python -m pip install --quiet "standardwebhooks>=1,<2" "svix>=1,<3"
if [ ! -d bench/js/node_modules/zod ] || [ ! -d bench/js/node_modules/svix ] || [ bench/js/package-lock.json -nt bench/js/node_modules/.package-lock.json ]; then
  (cd bench/js && npm install --no-audit --no-fund --loglevel=error)
fi

echo "== machine: $(nproc) cores; $(uptime | sed 's/.*load average/load average/')"
echo "== Rust core vs its floors (callgrind instruction counts): scripts/bench-instructions.sh"
bash scripts/bench-instructions.sh
echo "== Rust core (criterion): cargo bench -p alexpay-core --bench core"
cargo bench -p alexpay-core --bench core -- "${criterion[@]}" 2>&1 | grep -E '^[a-z_]+ +time:|^[a-z_]+$|^ +time:' || true

for i in $(seq 1 "$runs"); do
  echo "== run $i/$runs: Python (bench/python/bench.py)"
  .venv/bin/python bench/python/bench.py "${quick[@]}" --json "$out/py.$i.json"
  echo "== run $i/$runs: Node + wasm (bench/js/bench.mjs)"
  node bench/js/bench.mjs "${quick[@]}" "${interleave[@]}" --json "$out/js.$i.json"
done

# The drivers' share of a payout round trip (issue 13), interleaved rounds in one process per language.
if [ "${BENCH_QUICK:-0}" = 1 ]; then
  bash bench/roundtrip/run.sh --rounds 10 --block 5
else
  bash bench/roundtrip/run.sh
fi

echo "== load after: $(uptime | sed 's/.*load average/load average/')"
echo "== medians over $runs run(s)"
.venv/bin/python bench/summarize.py "$out" target/criterion
