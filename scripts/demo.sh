#!/usr/bin/env bash
# The README's main command: start the local sandbox and send payouts from
# Python, Node and WebAssembly, printing each payout's status flow as
# webhooks arrive (one payout succeeds, one fails), then stop the sandbox.
# With ALEXPAY_BASE_URL, ALEXPAY_PUBLIC_KEY and ALEXPAY_SECRET_KEY already set,
# the same programs run against that server (e.g. real Alexpay) instead.
set -euo pipefail
cd "$(dirname "$0")/.."

# Build what the demo needs, once (the surface suites build and install it).
.venv/bin/python -c "import alexpay, httpx" 2>/dev/null || bash scripts/test-python.sh
ls bindings-node/*.node >/dev/null 2>&1 || bash scripts/test-node.sh
[ -f bindings-wasm/pkg/nodejs/alexpay_wasm.js ] || bash scripts/test-wasm.sh

if [ -z "${ALEXPAY_BASE_URL:-}" ]; then
  cargo build --quiet -p alexpay-sandbox --bin alexpay-sandbox
  target_dir="${CARGO_TARGET_DIR:-$(pwd)/target}"
  export ALEXPAY_WEBHOOK_SECRET="whsec_ZGVtby1zYW5kYm94LXNpZ25pbmcta2V5LTAxMjM0NTY3"
  out=$(mktemp)
  "$target_dir/debug/alexpay-sandbox" --port 0 --delay-ms 1500 --webhook-secret "$ALEXPAY_WEBHOOK_SECRET" --quiet >"$out" &
  sandbox_pid=$!
  trap 'kill -TERM $sandbox_pid 2>/dev/null; wait $sandbox_pid 2>/dev/null; rm -f "$out"' EXIT
  for _ in $(seq 100); do [ "$(wc -l <"$out")" -ge 4 ] && break; sleep 0.1; done
  set -a; source <(head -4 "$out"); set +a
  echo "sandbox at $ALEXPAY_BASE_URL (keys $ALEXPAY_PUBLIC_KEY / [secret]); webhooks signed"
fi

.venv/bin/python demo/demo.py
node demo/demo.mjs node
node demo/demo.mjs wasm
echo "demo: every payout reached a terminal status"
