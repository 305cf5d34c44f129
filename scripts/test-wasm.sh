#!/usr/bin/env bash
# Placeholder until the wasm suite lands.
echo "test-wasm: not yet built"
