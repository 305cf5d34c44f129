#!/usr/bin/env bash
echo "demo: lands with the sandbox"
