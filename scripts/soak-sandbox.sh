#!/usr/bin/env bash
# Sandbox soak: 1,000 payouts from concurrent clients, a flaky webhook
# receiver and malformed traffic, all on loopback (tests/soak/sandbox.mjs).
# usage: scripts/soak-sandbox.sh [payouts] [concurrency]
set -euo pipefail
cd "$(dirname "$0")/.."
ls bindings-node/*.node >/dev/null 2>&1 || bash scripts/test-node.sh
cargo build --quiet -p alexpay-sandbox --bin alexpay-sandbox
export ALEXPAY_SANDBOX_BIN="${CARGO_TARGET_DIR:-$(pwd)/target}/debug/alexpay-sandbox"
node tests/soak/sandbox.mjs "$@"
