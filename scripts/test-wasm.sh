#!/usr/bin/env bash
# WebAssembly binding: builds pkg/{web,bundler,nodejs} (size budget checked),
# type-checks the declarations and examples, then runs the shared vectors,
# the hostile-input suite and the secret checks in four real runtimes:
# Node (node --test, nodejs and web builds), headless Chromium
# (playwright-core + Debian's chromium), Deno and workerd (miniflare).
# Installs what is missing on a fresh machine: the wasm32 target,
# wasm-bindgen-cli (exact Cargo.lock version), npm deps, Chromium.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
root="$PWD"
wasm="$root/bindings-wasm"
logs="$(mktemp -d)"
export PATH="$wasm/node_modules/.bin:${ALEXPAY_TOOLS:-$HOME/.cache/alexpay-tools}/bin:$PATH"
export DENO_NO_UPDATE_CHECK=1 DENO_NO_PROMPT=1

results=()
failed=0
step() { # step <name> <command...>: runs, times and records one suite
  local name="$1"; shift
  local start=$SECONDS
  echo
  echo "==== $name"
  if "$@"; then
    results+=("PASS  $name ($((SECONDS - start)) s)")
  else
    results+=("FAIL  $name ($((SECONDS - start)) s)")
    failed=$((failed + 1))
  fi
}

node_suite() {
  local log="$logs/node-test.log"
  # --experimental-wasm-modules: the bundler build loads through ES module integration.
  (cd "$wasm" && node --experimental-wasm-modules --test --test-reporter=spec tests/node/) > "$log" 2>&1
  local rc=$?
  grep -E '^ℹ (tests|pass|fail|cancelled|duration_ms) ' "$log" | sed 's/^ℹ /node --test: /'
  if [ $rc -ne 0 ]; then
    sed -n '/failing tests:/,$p' "$log" | head -80
    [ -s "$log" ] && ! grep -q 'failing tests:' "$log" && tail -40 "$log"
  fi
  return $rc
}

types_check() {
  (cd "$wasm" && tsc -p tests/types/tsconfig.json) && echo "tsc --strict: declarations accept the usage file and refuse the wrong calls" &&
    (cd "$wasm" && deno check examples/deno/payout.ts tests/deno/run.mjs 2>&1) && echo "deno check: examples type-check against pkg/web"
}

example_deno() {
  (cd "$wasm" && deno run --allow-read examples/deno/payout.ts > "$logs/deno-example.log") &&
    grep -q '"\[REDACTED\]"' "$logs/deno-example.log" && grep -q 'confirm with: GET' "$logs/deno-example.log" &&
    echo "examples/deno/payout.ts ran (request built and redacted, webhook verified and confirmed)"
}

if [ ! -x /usr/bin/chromium ]; then
  echo "== installing Debian's chromium"
  need_apt chromium chromium
fi

step "build (cargo wasm32 release, wasm-bindgen web/bundler/nodejs, wasm-opt -Oz, size budget)" bash "$wasm/build.sh"
if [ ! -f "$wasm/pkg/web/alexpay_wasm_bg.wasm" ]; then
  echo "test-wasm: the build failed; nothing to test" >&2
  exit 1
fi
step "TypeScript declarations (tsc, deno check)" types_check
step "Node: node --test (nodejs, web and bundler builds: vectors, hostile inputs, secrets)" node_suite
step "Chromium: web build served on 127.0.0.1 (playwright-core)" node "$wasm/tests/browser/run.mjs"
step "Deno: web build, default init()" deno run --allow-read "$wasm/tests/deno/run.mjs"
step "Deno: examples/deno/payout.ts" example_deno
step "workerd (miniflare): vectors in a Worker, Worker example end to end" node "$wasm/tests/workerd/run.mjs"

echo
echo "==== test-wasm summary"
printf '%s\n' "${results[@]}"
rm -rf "$logs"
if [ $failed -ne 0 ]; then
  echo "test-wasm: $failed suite(s) failed" >&2
  exit 1
fi
echo "test-wasm: every suite passed"
