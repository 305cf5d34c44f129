#!/usr/bin/env bash
# Placeholder until the python suite lands.
echo "test-python: not yet built"
