#!/usr/bin/env bash
# Rust core: format, lints, unit tests, the shared vectors, and a wasm32 build.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
need_rust_wasm_target

cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
cargo test --workspace
cargo build -p alexpay-core --target wasm32-unknown-unknown
