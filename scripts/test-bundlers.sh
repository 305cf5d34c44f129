#!/usr/bin/env bash
# The alexpay-wasm recipes of bindings-wasm/README.md ("Bundlers and
# runtimes"), from the packed alexpay-wasm tarball (dist/npm, made by
# `make dist`; built here when missing): esbuild, Vite build and dev server,
# webpack 5, Rollup and bun build each make a page that headless Chromium
# loads under a strict CSP; edge-runtime and wrangler + workerd run a Worker
# (tests/bundlers/run.mjs). Part of `make test` through test-packages.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
need_apt chromium chromium
tgz="$(ls dist/npm/alexpay-wasm-[0-9]*.tgz 2>/dev/null || true)"
[ -n "$tgz" ] || { bash scripts/dist/node.sh; tgz="$(ls dist/npm/alexpay-wasm-[0-9]*.tgz)"; }
cd tests/bundlers
# The tools come from the public registry as configured: not from a local one
# that test-packages.sh may have pointed npm at.
unset NPM_CONFIG_USERCONFIG npm_config_cache
stamp=node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ package.json -nt "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  npm install --no-audit --no-fund --loglevel=error
fi
# alexpay-wasm as npm installs it: the tarball's package/ into node_modules.
rm -rf node_modules/alexpay-wasm && mkdir node_modules/alexpay-wasm
tar xzf "../../$tgz" -C node_modules/alexpay-wasm --strip-components=1
export WRANGLER_SEND_METRICS=false
node run.mjs
