#!/usr/bin/env bash
# Python artifacts into dist/python: the sdist and one stripped abi3 wheel per
# Linux target (manylinux2014 = glibc 2.17, musllinux_1_2), cross-compiled by
# `maturin build --zig` (zig from the `ziglang` wheel; no Docker). Then the
# checks: twine check --strict, check-wheel-contents, abi3audit, and the glibc
# floor each tag claims against the symbols the .so needs (auditwheel show
# and objdump -T; musl wheels: no GLIBC symbol and only musl's libc needed).
source "$(dirname "$0")/tools.sh"
need_dist_tools
need_apt objdump binutils
need_apt unzip unzip
out="$DIST/python"
rm -rf "$out"; mkdir -p "$out"

triples=(); for spec in "${LINUX_TARGETS[@]}"; do set -- $spec; triples+=("$1"); done
need_rust_targets "${triples[@]}"

echo "== dist/python: sdist"
maturin sdist -m "$root/bindings-python/Cargo.toml" --out "$out" >"$CACHE/sdist.log" 2>&1 || { cat "$CACHE/sdist.log"; exit 1; }
for spec in "${LINUX_TARGETS[@]}"; do
  set -- $spec
  echo "== dist/python: wheel $1 ($2)"
  maturin build --quiet --release --strip --zig --compatibility "$2" --target "$1" \
    -m "$root/bindings-python/Cargo.toml" --out "$out" 2>&1 | grep -v 'Compiler family detection failed' || true
done

echo "== dist/python: checks"
bash "$root/scripts/dist/check-python.sh" "$out"
