#!/usr/bin/env bash
# The packages as a user installs them (part of `make test`):
#   1. `make dist` (every artifact, with its checks) unless ALEXPAY_DIST_READY=1;
#   2. a local npm registry (verdaccio) and a local package index (pypiserver)
#      on loopback, every artifact published to them;
#   3. in fresh venvs and folders, `pip install alexpay`, `npm install alexpay`,
#      `npm install alexpay-wasm`, each running tests/dist/program.* against
#      the sandbox;
#   4. the fallback: alexpay with no loadable addon (--omit=optional, and a
#      broken addon) runs on alexpay-wasm, through require and import, and
#      passes the shared vectors;
#   5. Debian 11 (glibc 2.31, Python 3.9) from debootstrap: the x86_64 wheel
#      from the index and the linux-x64-gnu addon under Node 20;
#   6. Deno on npm:alexpay-wasm from the registry and by path, the
#      bundler recipes (scripts/test-bundlers.sh), and esbuild bundling a Node
#      app that uses alexpay (with --external:alexpay and without a flag).
# The arm64 half of 5 is scripts/test-dist.sh (`make test-dist`).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/dist/tools.sh
source scripts/dist/registries.sh
source scripts/dist/sandbox.sh
t0=$SECONDS
step() { echo "== test-packages: $* ($((SECONDS - t0)) s)"; }

[ "${ALEXPAY_DIST_READY:-}" = 1 ] || bash scripts/dist.sh
need_dist_tools
version="$(node -p "require('./bindings-node/package.json').version")"

work="$(mktemp -d /tmp/alexpay-packages.XXXXXX)"
cleanup() { stop_sandbox; stop_registries; bash scripts/dist/debian-root.sh --unmount all >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

step "local registries"
start_npm_registry
start_pypi_index
for tgz in dist/npm/alexpay-wasm-*.tgz dist/npm/alexpay-linux-*.tgz dist/npm/alexpay-"$version".tgz; do
  npm publish --silent "$tgz" >/dev/null
done
twine upload --disable-progress-bar --non-interactive --repository-url "$PYPI_UPLOAD" -u ci -p ci dist/python/* >/dev/null
npm view alexpay optionalDependencies --json | node -e '
  const deps = JSON.parse(require("fs").readFileSync(0, "utf8"))
  const want = ["alexpay-linux-arm64-gnu", "alexpay-linux-arm64-musl", "alexpay-linux-x64-gnu", "alexpay-linux-x64-musl"]
  if (JSON.stringify(Object.keys(deps).sort()) !== JSON.stringify(want)) throw new Error("optionalDependencies: " + JSON.stringify(deps))'
start_sandbox

step "pip install alexpay (Python $(python3 -V | cut -d' ' -f2), from pypiserver)"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check --index-url "$PYPI_INDEX" alexpay
"$work/venv/bin/pip" show --files alexpay | grep '_alexpay.abi3.so' >/dev/null || { echo "no native module installed" >&2; exit 1; }
grep -qx 'Tag: cp39-abi3-manylinux_2_17_x86_64' "$work"/venv/lib/python3*/site-packages/alexpay-*.dist-info/WHEEL || {
  echo "pip did not pick the manylinux2014 wheel" >&2; cat "$work"/venv/lib/python3*/site-packages/alexpay-*.dist-info/WHEEL; exit 1; }
(cd "$work" && venv/bin/python "$root/tests/dist/program.py")

step "npm install alexpay (from verdaccio): the linux-x64-gnu addon"
mkdir "$work/app" && cd "$work/app"
echo '{ "name": "app", "private": true }' >package.json
npm install --silent alexpay >/dev/null
cd "$root"
installed="$(ls "$work/app/node_modules" | paste -sd' ')"
[ "$installed" = "alexpay alexpay-linux-x64-gnu alexpay-wasm" ] || { echo "npm installed: $installed" >&2; exit 1; }
cp tests/dist/program.cjs tests/dist/program-alexpay.mjs "$work/app/"
(cd "$work/app" && node program.cjs | tee "$work/out.txt" && node program-alexpay.mjs | tee -a "$work/out.txt")
[ "$(grep -c 'backend napi' "$work/out.txt")" = 2 ] || { echo "alexpay did not load its addon" >&2; exit 1; }

step "npm install alexpay-wasm (from verdaccio)"
mkdir "$work/wasm-app" && cd "$work/wasm-app"
echo '{ "name": "wasm-app", "private": true, "type": "module" }' >package.json
npm install --silent alexpay-wasm >/dev/null
cp "$root/tests/dist/program-wasm.mjs" "$root/tests/dist/program.cjs" .
node program-wasm.mjs
ALEXPAY_PROGRAM_PACKAGE=alexpay-wasm node program.cjs
cd "$root"

step "Deno: npm:alexpay-wasm from verdaccio, then the installed package by path"
deno="$root/bindings-wasm/node_modules/.bin/deno"
[ -x "$deno" ] || (cd bindings-wasm && npm install --no-audit --no-fund --loglevel=error)
# --minimum-dependency-age=0: Deno 2.9 skips versions published in the last 24 h.
NPM_CONFIG_REGISTRY="$NPM_REGISTRY" DENO_DIR="$work/deno" DENO_NO_UPDATE_CHECK=1 \
  "$deno" run --quiet --minimum-dependency-age=0 --allow-net=127.0.0.1 --allow-read --allow-env "$root/tests/dist/program-deno.mjs"
sed "s|'npm:alexpay-wasm@[0-9.]*'|'$work/wasm-app/node_modules/alexpay-wasm/entry/web.mjs'|" tests/dist/program-deno.mjs >"$work/wasm-app/deno-path.mjs"
grep -q "entry/web.mjs'" "$work/wasm-app/deno-path.mjs"
DENO_DIR="$work/deno" DENO_NO_UPDATE_CHECK=1 "$deno" run --quiet --allow-net=127.0.0.1 --allow-read --allow-env "$work/wasm-app/deno-path.mjs"

step "fallback: npm install --omit=optional alexpay runs on alexpay-wasm"
mkdir "$work/fallback" && cd "$work/fallback"
echo '{ "name": "fallback", "private": true }' >package.json
npm install --silent --omit=optional alexpay >/dev/null
[ ! -e node_modules/alexpay-linux-x64-gnu ] || { echo "--omit=optional installed the addon" >&2; exit 1; }
cp "$root/tests/dist/program.cjs" "$root/tests/dist/program-alexpay.mjs" .
node program.cjs | tee "$work/out.txt"; node program-alexpay.mjs | tee -a "$work/out.txt"
[ "$(grep -c 'backend wasm' "$work/out.txt")" = 2 ] || { echo "alexpay did not fall back to wasm" >&2; exit 1; }
cd "$root"
step "fallback: the shared vectors through require('alexpay') on the wasm back end"
ALEXPAY_JS_PACKAGE="$work/fallback/node_modules/alexpay" ALEXPAY_EXPECT_BACKEND=wasm \
  node --test bindings-node/test/vectors.test.js bindings-node/test/flows.test.js
step "fallback: a broken addon (an empty .node) falls back too; ALEXPAY_BACKEND=napi then says why"
cp -r "$work/app" "$work/broken"
: >"$work/broken/node_modules/alexpay-linux-x64-gnu/alexpay.linux-x64-gnu.node"
(cd "$work/broken" && node -e "const a = require('alexpay'); if (a.backend !== 'wasm') process.exit(1); console.log('broken addon: backend', a.backend)")
(cd "$work/broken" && node --input-type=module -e "import { backend } from 'alexpay'; if (backend !== 'wasm') process.exit(1)")
if (cd "$work/broken" && ALEXPAY_BACKEND=napi node -e "require('alexpay')" 2>"$work/err.txt"); then
  echo "ALEXPAY_BACKEND=napi loaded a broken addon" >&2; exit 1
fi
grep -q 'no back end loads on linux-x64-gnu' "$work/err.txt" && grep -q 'npm install alexpay-linux-x64-gnu' "$work/err.txt" || { cat "$work/err.txt"; exit 1; }
rm -rf "$work/broken/node_modules/alexpay-wasm"
(cd "$work/broken" && ! node -e "require('alexpay')" 2>"$work/err.txt") && grep -q 'alexpay-wasm' "$work/err.txt" || { cat "$work/err.txt"; exit 1; }

step "Debian 11 (bullseye, x86_64): pip install alexpay into Python 3.9, the addon under Node 20"
bash scripts/dist/debian-root.sh amd64 "$work" "$PYPI_INDEX" "$work/app"

step "bundler recipes (alexpay-wasm from dist/npm): pages in headless Chromium, edge-runtime, workerd"
bash scripts/test-bundlers.sh

step "esbuild bundles a Node app using alexpay: with --external:alexpay and without a flag"
esbuild="$root/tests/bundlers/node_modules/.bin/esbuild"
(cd "$work/app" && "$esbuild" program.cjs --bundle --platform=node --log-level=error --external:alexpay --outfile=out/external.cjs &&
  "$esbuild" program.cjs --bundle --platform=node --log-level=warning --outfile=out/bundled.cjs &&
  node out/external.cjs && node out/bundled.cjs) | tee "$work/out.txt"
[ "$(grep -c 'backend napi' "$work/out.txt")" = 2 ] || { echo "a bundled app did not load the addon" >&2; exit 1; }

step "done"
echo "test-packages: every install passed in $((SECONDS - t0)) s"
