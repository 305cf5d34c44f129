#!/usr/bin/env bash
# `make dist`: every artifact into dist/ (Python: sdist + four abi3 wheels;
# npm: alexpay, its four native addons, alexpay-wasm), each set checked
# (scripts/dist/check-python.sh, check-npm.sh, check-musl.sh). Installs what it needs: the
# packaging tools' venv, zig, cargo-zigbuild and the rustup targets, cached
# under ~/.cache/alexpay-dist.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
bash scripts/dist/check-links.sh
bash scripts/dist/python.sh
bash scripts/dist/node.sh
bash scripts/dist/check-musl.sh
echo "make dist: dist/python and dist/npm built and checked in $((SECONDS - start)) s"
