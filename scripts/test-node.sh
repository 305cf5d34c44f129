#!/usr/bin/env bash
# Placeholder until the node suite lands.
echo "test-node: not yet built"
