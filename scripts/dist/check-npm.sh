#!/usr/bin/env bash
# Checks on dist/npm (or the folder given): exactly the six tarballs, each
# holding exactly the files listed in scripts/dist/npm-files/<name>.txt
# (nothing stray), publint --strict on each, @arethetypeswrong/cli on the two
# with JavaScript entry points, and the addons stripped, gnu ones needing no
# glibc above 2.17 and musl ones none at all.
source "$(dirname "$0")/tools.sh"
need_apt objdump binutils
out="${1:-$DIST/npm}"
bin="$root/bindings-node/node_modules/.bin"
lists="$root/scripts/dist/npm-files"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT

names=(alexpay alexpay-wasm)
for spec in "${LINUX_TARGETS[@]}"; do set -- $spec; names+=("alexpay-$3"); done
[ "$(ls "$out"/*.tgz | wc -l)" -eq ${#names[@]} ] || { echo "check-npm: want ${#names[@]} tarballs in $out: $(ls "$out")" >&2; exit 1; }

for name in "${names[@]}"; do
  tgz="$(ls "$out/$name"-[0-9]*.tgz)"
  # 1. The file list, exactly.
  if ! diff -u "$lists/$name.txt" <(tar tzf "$tgz" | sed 's|^package/||' | sort); then
    echo "check-npm: $name: the tarball's files differ from scripts/dist/npm-files/$name.txt" >&2; exit 1
  fi
  # 2. publint --strict and attw, on the tarball as the registry gets it.
  "$bin/publint" run --strict "$tgz" >"$tmp/publint.txt" 2>&1 || { cat "$tmp/publint.txt"; exit 1; }
  checked="files, publint --strict, attw"
  case "$name" in
    alexpay-linux-*) checked="files, publint --strict, stripped" ;;   # an addon only: no JavaScript entry point to type
    alexpay-wasm) "$bin/attw" "$tgz" --profile node16 --exclude-entrypoints alexpay_wasm_bg.wasm --ignore-rules cjs-resolves-to-esm >"$tmp/attw.txt" 2>&1 || { cat "$tmp/attw.txt"; exit 1; } ;;
    *) "$bin/attw" "$tgz" >"$tmp/attw.txt" 2>&1 || { cat "$tmp/attw.txt"; exit 1; } ;;
  esac
  # 3. Binaries: none in the main package; each addon at its glibc floor.
  floor=-
  case "$name" in
    alexpay-linux-*)
      rm -rf "$tmp/x"; mkdir "$tmp/x"; tar xzf "$tgz" -C "$tmp/x"
      addon="$(ls "$tmp"/x/package/*.node)"
      floor="$(glibc_floor "$addon")"
      case "$name" in
        *-gnu) [ "$(printf '%s\n' "$floor" 2.17 | sort -V | tail -1)" = 2.17 ] || { echo "check-npm: $name needs GLIBC_$floor > 2.17" >&2; exit 1; } ;;
        *-musl) [ "$floor" = none ] || { echo "check-npm: $name (musl) needs GLIBC_$floor" >&2; exit 1; } ;;
      esac
      file "$addon" | grep -q ', stripped' || { echo "check-npm: $name: the addon is not stripped" >&2; exit 1; }
      ;;
  esac
  printf 'check-npm: %-34s %8d B  glibc floor %-5s (%s: OK)\n' "$(basename "$tgz")" "$(stat -c %s "$tgz")" "$floor" "$checked"
done
