#!/usr/bin/env bash
# The musl artifacts, without an Alpine userland (none comes from the
# registries here): with Debian's musl (1.2, packages musl and musl-tools),
#   - every symbol the musllinux wheels' module and the musl addons import
#     (bar CPython's own) is exported by musl's libc.so (x86_64's list serves
#     aarch64 too: musl exports the same names on both);
#   - the linux-x64-musl addon loads with musl's dynamic loader (dlopen
#     RTLD_NOW from a musl-gcc program), and the glibc addon does not.
source "$(dirname "$0")/tools.sh"
need_apt nm binutils
need_apt musl-gcc musl-tools
musl_libc=/lib/x86_64-linux-musl/libc.so
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
nm -D --defined-only "$musl_libc" | awk '{ print $3 }' | sort -u >"$tmp/musl.txt"

imports_resolve() { # imports_resolve <elf> <label>
  nm -D --undefined-only "$1" | awk '$1 == "U" { print $2 }' | sed 's/@.*//' | grep -v '^_\?Py' | sort -u >"$tmp/need.txt"
  local missing; missing="$(comm -23 "$tmp/need.txt" "$tmp/musl.txt" | paste -sd' ')"
  [ -z "$missing" ] || { echo "check-musl: $2 imports what musl lacks: $missing" >&2; exit 1; }
  echo "check-musl: $2: all $(wc -l <"$tmp/need.txt") imports are in musl's libc"
}
for wheel in "$DIST"/python/*musllinux*.whl; do
  rm -rf "$tmp/w" && mkdir "$tmp/w" && unzip -q "$wheel" -d "$tmp/w"
  imports_resolve "$(ls "$tmp"/w/alexpay/_alexpay*.so)" "$(basename "$wheel")"
done
for addon in "$root"/bindings-node/npm/linux-*-musl/*.node; do imports_resolve "$addon" "$(basename "$addon")"; done

musl-gcc -o "$tmp/dlopen" "$root/tests/dist/musl-dlopen.c"
"$tmp/dlopen" "$root/bindings-node/npm/linux-x64-musl/alexpay.linux-x64-musl.node"
if "$tmp/dlopen" "$root/bindings-node/npm/linux-x64-gnu/alexpay.linux-x64-gnu.node" >/dev/null; then
  echo "check-musl: the glibc addon loaded under musl: this check proves nothing" >&2; exit 1
fi
echo "check-musl: linux-x64-musl loads under musl's loader (the glibc addon does not)"
