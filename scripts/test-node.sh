#!/usr/bin/env bash
# Node binding (bindings-node, npm package `alexpay`): install the npm tools,
# build the napi-rs addon in release mode, type-check the examples with
# `tsc --noEmit --strict`, then run the `node --test` suites against the built
# package (every shared vector, hostile input, secret leaks, fetch/undici,
# ESM, d.ts drift, examples, npm install into a fresh folder).
#
# Needs only Node >= 18 with npm and rustup's stable Rust; every npm package
# comes from the npm registry. Re-runs skip `npm install` when nothing changed
# and rebuild incrementally.
set -euo pipefail
cd "$(dirname "$0")/../bindings-node"

for tool in node npm cargo; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "test-node: '$tool' is required (Node >= 18 with npm, and Rust via rustup)" >&2
    exit 1
  fi
done
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 18 ]; then
  echo "test-node: Node >= 18 is required, found $(node --version)" >&2
  exit 1
fi

# `npm install`, never `npm ci`: ci rejects lockfiles written here (they lack
# some other-platform optional packages). npm records what it installed in
# node_modules/.package-lock.json; skip the install when that is current.
stamp=node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ package.json -nt "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "test-node: npm install"
  npm install --no-audit --no-fund --loglevel=error
fi

# Release build of the addon (the crate's default `noop` feature is turned off
# here); writes alexpay.linux-x64-gnu.node, native.js and native.d.ts.
echo "test-node: napi build --platform --release"
npm run --silent build

echo "test-node: tsc --noEmit --strict (examples; the README quickstart with the DOM lib)"
npx --no-install tsc -p examples/tsconfig.json --noEmit --strict
npx --no-install tsc -p examples/tsconfig.quickstart.json
npx --no-install tsc -p test/types   # narrowing: PayoutResult, RetryDecision, AlexpayError by family

echo "test-node: publint --strict, attw --pack (the package as npm would publish it)"
npm run --silent lint:package >/dev/null

echo "test-node: node --test"
node --test test/*.test.js test/*.test.mjs
