#!/usr/bin/env bash
# WebAssembly binding: builds pkg/{web,bundler,nodejs} (size budget checked),
# then checks that the module is the napi addon's native interface (issue 12:
# one JavaScript facade over both back ends): the parity type check of its
# declarations against bindings-node/native.d.ts, and the differential test
# against the napi addon (built here when missing or stale); then loads it in
# four real runtimes: Node (all three builds), headless Chromium
# (playwright-core + Debian's chromium), Deno and workerd (miniflare).
# Installs what is missing on a fresh machine: the wasm32 target,
# wasm-bindgen-cli (exact Cargo.lock version), npm deps, Chromium.
#
# The package is the one JavaScript facade (bindings-node/facade, built into
# entry/) over this module: the facade's suites run on it in every runtime
# (shared vectors, hostile inputs, secrets, flow scripts through the drivers).
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

node_log() { # node_log <name> <node args...>: runs node --test, prints its counts, and the failures
  local log="$logs/$1.log"; shift
  (cd "$wasm" && node "$@") > "$log" 2>&1
  local rc=$?
  grep -E '^ℹ (tests|pass|fail|cancelled|duration_ms) ' "$log" | sed 's/^ℹ /node --test: /'
  if [ $rc -ne 0 ]; then
    sed -n '/failing tests:/,$p' "$log" | head -80
    [ -s "$log" ] && ! grep -q 'failing tests:' "$log" && tail -40 "$log"
  fi
  return $rc
}

# The napi addon the differential test compares with, rebuilt when a source
# of it (its crate or the core) is newer than the built addon.
napi_addon() {
  local node_dir="$root/bindings-node"
  local addon
  addon="$(ls "$node_dir"/*.node 2>/dev/null | head -1)"
  if [ -n "$addon" ] && [ -f "$node_dir/native.js" ] && [ -f "$node_dir/native.d.ts" ] &&
    [ -z "$(find "$node_dir/src" "$node_dir/Cargo.toml" "$root/core/src" "$root/core/Cargo.toml" -newer "$addon" -print -quit)" ]; then
    echo "bindings-node: $(basename "$addon") is up to date"
    return 0
  fi
  if [ ! -x "$node_dir/node_modules/.bin/napi" ] || [ "$node_dir/package-lock.json" -nt "$node_dir/node_modules/.package-lock.json" ]; then
    (cd "$node_dir" && npm install --no-audit --no-fund --loglevel=error) || return 1
  fi
  (cd "$node_dir" && npm run build)
}

parity_types() {
  (cd "$wasm" && tsc -p tests/tsconfig.parity.json) &&
    echo "tsc --strict: pkg/{nodejs,web,bundler} declarations provide every export of bindings-node/native.d.ts with the same signatures (and the checker's self-test catches each kind of mismatch)"
}

# The Node package's own suites, switched to this package.
facade_suite() (
  export ALEXPAY_JS_PACKAGE=wasm
  node_log facade-suite --test --test-reporter=spec "$root/bindings-node/test/vectors.test.mjs" "$root/bindings-node/test/hostile.test.mjs" \
    "$root/bindings-node/test/secrets.test.js" "$root/bindings-node/test/fetch.test.js" "$root/bindings-node/test/flows.test.mjs"
)

# The facade's suites on the three entries.
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
    (cd "$wasm" && tsc -p examples/tsconfig.quickstart.json) && echo "tsc --strict (DOM lib): the README quickstart" &&
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
step "napi addon for the differential test (bindings-node: npm run build when stale)" napi_addon
step "TypeScript: parity of the declarations with bindings-node/native.d.ts (tsc --strict)" parity_types
step "Node: differential test, wasm vs napi (vectors, flow scripts, hostile and random inputs)" \
  node_log parity --test --test-reporter=spec tests/parity/
# --experimental-wasm-modules: the bundler build loads through ES module integration.
step "Node: the three builds load and pass the smoke test" \
  node_log smoke --experimental-wasm-modules --test --test-reporter=spec tests/smoke/
step "Chromium: the web entry served on 127.0.0.1 (playwright-core): vectors, hostile inputs, flow scripts through the drivers" node "$wasm/tests/browser/run.mjs"
step "Deno: the web entry, default init(): vectors, hostile inputs, flow scripts, Deno.inspect" deno run --allow-read "$wasm/tests/deno/run.mjs"
# The Worker example receives the sandbox's signed webhooks (built here when missing).
[ -x "${CARGO_TARGET_DIR:-$root/target}/debug/alexpay-sandbox" ] || cargo build --quiet -p alexpay-sandbox --bin alexpay-sandbox
step "workerd (miniflare): vectors, hostile inputs and flow scripts in a Worker; the Worker example as the sandbox's webhook receiver" node "$wasm/tests/workerd/run.mjs"
step "TypeScript declarations (tsc, deno check)" types_check
step "Node: node --test (web and bundler entries: vectors, hostile inputs, inspect; the nodejs entry runs the facade suites below)" node_suite
step "Deno: examples/deno/payout.ts" example_deno
# One JS suite, two packages: the Node package's suites on this package (the
# facade over the wasm back end): vectors, hostile inputs, secrets, fetch
# round trips and every flow script through the drivers.
step "Node: the shared facade suites on alexpay-wasm (ALEXPAY_JS_PACKAGE=wasm)" facade_suite
# publint/attw come with the Node package's dev dependencies (installed by the napi step above).
step "package: publint --strict, attw --pack (node16; ./web and ./bundler are ES-module only)" \
  env PATH="$root/bindings-node/node_modules/.bin:$PATH" bash -c "cd '$wasm' && npm run --silent lint:package > /dev/null"

echo
echo "==== test-wasm summary"
printf '%s\n' "${results[@]}"
rm -rf "$logs"
if [ $failed -ne 0 ]; then
  echo "test-wasm: $failed suite(s) failed" >&2
  exit 1
fi
echo "test-wasm: every suite passed"
