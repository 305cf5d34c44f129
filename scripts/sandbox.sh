#!/usr/bin/env bash
# Builds and runs the local Alexpay sandbox (tests/sandbox). Flags pass
# through, e.g. `bash scripts/sandbox.sh --port 0 --delay-ms 500`; see
# tests/sandbox/README.md. The first stdout line is
# ALEXPAY_SANDBOX_URL=http://127.0.0.1:PORT; build output goes to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet -p alexpay-sandbox --bin alexpay-sandbox
target_dir="${CARGO_TARGET_DIR:-$(pwd)/target}"
exec "$target_dir/debug/alexpay-sandbox" "$@"
