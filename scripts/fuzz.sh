#!/usr/bin/env bash
# Runs each cargo-fuzz target of the core for a fixed time (default 600 s).
# usage: scripts/fuzz.sh [seconds per target] [target...]
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-600}"; shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(parse_responses webhooks build_payouts flows)

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz

# Seed each corpus with the shared vectors' bodies so fuzzing starts from real shapes.
python3 - <<'PY'
import base64, glob, hashlib, json, os
for target in ("parse_responses", "webhooks", "build_payouts", "flows"):
    os.makedirs(f"core/fuzz/corpus/{target}", exist_ok=True)
for path in glob.glob("tests/vectors/*.json"):
    for case in json.load(open(path))["cases"]:
        body = case["input"].get("body")
        if isinstance(body, str):
            for target in ("parse_responses", "webhooks"):
                name = hashlib.sha1(body.encode()).hexdigest()
                open(f"core/fuzz/corpus/{target}/{name}", "wb").write(body.encode())
PY

mkdir -p core/fuzz/artifacts
for t in "${targets[@]}"; do
  echo "== fuzzing $t for ${secs}s"
  log="core/fuzz/artifacts/$t.log"
  if ! (cd core/fuzz && cargo +nightly fuzz run "$t" -- -max_total_time="$secs" -max_len=4096) >"$log" 2>&1; then
    grep -E "panicked|assertion|SUMMARY|Test unit written" "$log" || tail -n 20 "$log"
    echo "fuzz: $t crashed; reproduce with: cd core/fuzz && cargo +nightly fuzz run $t <artifact>" >&2
    exit 1
  fi
  grep -E "^Done [0-9]+ runs" "$log"
done
