#!/usr/bin/env bash
# Payout round trip against the real sandbox on loopback (issue 13: "the flow
# drivers add at most 5%"): the SDK's drivers vs hand-written code doing the
# same requests, in Python (urllib, httpx) and Node (napi, wasm; fetch).
# Prints one table per language and writes target/bench/roundtrip.{py,js}.json.
# A harness, never a test: nothing here fails on a timing.
# usage: bash bench/roundtrip/run.sh [--rounds N] [--block N]   (from scripts/bench.sh)
set -euo pipefail
cd "$(dirname "$0")/../.."
# The release build: a faster server leaves the client's share, the driver's
# overhead included, larger, so the ratio is the stricter one.
cargo build --quiet --release -p alexpay-sandbox --bin alexpay-sandbox
sandbox="${CARGO_TARGET_DIR:-$(pwd)/target}/release/alexpay-sandbox"
out=target/bench
mkdir -p "$out"
echo "== round trip, Python (bench/roundtrip/roundtrip.py)"
.venv/bin/python bench/roundtrip/roundtrip.py "$sandbox" --json "$out/roundtrip.py.json" "$@"
echo "== round trip, Node (bench/roundtrip/roundtrip.mjs)"
node bench/roundtrip/roundtrip.mjs "$sandbox" --json "$out/roundtrip.js.json" "$@"
echo "== round trip, both languages (driver / hand-written: below 1.05 meets the goal)"
.venv/bin/python bench/roundtrip/table.py "$out"
