#!/usr/bin/env bash
echo "sandbox: lands with the sandbox"
