#!/usr/bin/env bash
# Checks on dist/python (or the folder given): exactly one sdist and the four
# wheels, metadata (twine --strict), contents, abi3, and for each wheel that
# the platform tag it claims is the one its native module needs.
source "$(dirname "$0")/tools.sh"
need_dist_tools
out="${1:-$DIST/python}"
cd "$out"

expect=(alexpay-*.tar.gz
  alexpay-*-cp39-abi3-manylinux2014_x86_64.manylinux_2_17_x86_64.whl
  alexpay-*-cp39-abi3-manylinux2014_aarch64.manylinux_2_17_aarch64.whl
  alexpay-*-cp39-abi3-musllinux_1_2_x86_64.whl
  alexpay-*-cp39-abi3-musllinux_1_2_aarch64.whl)
for pattern in "${expect[@]}"; do
  [ -f "$pattern" ] || { echo "check-python: missing $pattern in $out" >&2; exit 1; }
done
[ "$(ls | wc -l)" -eq ${#expect[@]} ] || { echo "check-python: stray files in $out: $(ls)" >&2; exit 1; }

twine check --strict ./* >/dev/null || { twine check --strict ./*; exit 1; }
check-wheel-contents --no-config ./*.whl >/dev/null
abi3audit --strict --summary ./*.whl >/dev/null 2>&1 || { abi3audit --strict --summary ./*.whl; exit 1; }

# The sdist: the crate sources and the package, no tests, a LICENSE.
sdist_files="$(tar tzf alexpay-*.tar.gz)"
for want in LICENSE pyproject.toml Cargo.lock core/src/lib.rs python/alexpay/__init__.py python/alexpay/py.typed; do
  grep -q "^alexpay-[^/]*/$want\$" <<<"$sdist_files" || { echo "check-python: the sdist lacks $want" >&2; exit 1; }
done
if grep -q '/tests/test_' <<<"$sdist_files"; then echo "check-python: the sdist ships the test suite" >&2; exit 1; fi

tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
for wheel in ./*.whl; do
  rm -rf "$tmp/w"; mkdir "$tmp/w"; unzip -q "$wheel" -d "$tmp/w"
  so="$(ls "$tmp"/w/alexpay/_alexpay*.so)"
  file "$so" | grep -q 'stripped' && ! file "$so" | grep -q 'not stripped' || { echo "check-python: $wheel: not stripped" >&2; exit 1; }
  [ -f "$tmp"/w/alexpay-*.dist-info/licenses/LICENSE ] || { echo "check-python: $wheel: no LICENSE" >&2; exit 1; }
  needed="$(objdump -p "$so" | awk '/NEEDED/ {print $2}' | sort | paste -sd' ')"
  floor="$(glibc_floor "$so")"
  case "$wheel" in
    *manylinux_2_17*)
      # The tag claims glibc 2.17: no symbol version above it, and auditwheel
      # (the symbol policy PyPI applies) agrees.
      [ "$(printf '%s\n' "$floor" 2.17 | sort -V | tail -1)" = 2.17 ] || { echo "check-python: $wheel needs GLIBC_$floor > 2.17" >&2; exit 1; }
      auditwheel show "$wheel" >"$tmp/show.txt"
      grep -q 'is consistent with the following platform tag' "$tmp/show.txt" && grep -q '"manylinux_2_17_' "$tmp/show.txt" || { cat "$tmp/show.txt"; exit 1; }
      if grep -q 'constrains the platform tag to' "$tmp/show.txt"; then
        tr '\n' ' ' <"$tmp/show.txt" | grep -q 'constrains the platform tag to *"manylinux_2_17_' || { cat "$tmp/show.txt"; exit 1; }
      fi
      ;;
    *musllinux_1_2*)
      # auditwheel show needs a musl host; here: no glibc symbol, and only
      # musl's libc (which serves libc.so itself) among the needed libraries.
      [ "$floor" = none ] || { echo "check-python: $wheel (musl) needs GLIBC_$floor" >&2; exit 1; }
      [ "$needed" = libc.so ] || { echo "check-python: $wheel (musl) needs $needed" >&2; exit 1; }
      ;;
  esac
  printf 'check-python: %-75s %7d B  glibc floor %-5s needs: %s\n' "$(basename "$wheel")" "$(stat -c %s "$wheel")" "$floor" "$needed"
done
printf 'check-python: %-75s %7d B\n' "$(ls alexpay-*.tar.gz)" "$(stat -c %s alexpay-*.tar.gz)"
echo "check-python: $(ls | wc -l) artifacts OK (twine --strict, check-wheel-contents, abi3audit, glibc floors)"
