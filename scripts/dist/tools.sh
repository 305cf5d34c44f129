# Shared set-up for scripts/dist/*.sh; source it, do not run it.
# Everything lands under ~/.cache/alexpay-dist so fresh clones on the same
# machine reuse it: the packaging tools' venv, zig (from the `ziglang` wheel),
# cargo-zigbuild, the Debian roots.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$root/scripts/lib.sh"

CACHE="${ALEXPAY_DIST_CACHE:-$HOME/.cache/alexpay-dist}"
DIST="$root/dist"
mkdir -p "$CACHE" "$DIST"

# A Debian package by name (need_apt in lib.sh goes by command).
need_apt_pkg() {
  dpkg -s "$1" >/dev/null 2>&1 && return 0
  [ -f /tmp/.alexpay-apt-updated ] || { apt-get update -qq && touch /tmp/.alexpay-apt-updated; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
}

# The Linux targets with prebuilt packages (Rust triple, wheel tag, npm suffix).
LINUX_TARGETS=(
  "x86_64-unknown-linux-gnu manylinux2014 linux-x64-gnu"
  "aarch64-unknown-linux-gnu manylinux2014 linux-arm64-gnu"
  "x86_64-unknown-linux-musl musllinux_1_2 linux-x64-musl"
  "aarch64-unknown-linux-musl musllinux_1_2 linux-arm64-musl"
)

# The tools venv, reinstalled only when requirements.txt changes.
need_dist_tools() {
  local venv="$CACHE/venv" reqs="$root/scripts/dist/requirements.txt"
  local stamp="$venv/.requirements.sha256" want
  want="$(sha256sum "$reqs" | cut -d' ' -f1)"
  if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv" 2>/dev/null || { rm -rf "$venv"; need_apt_pkg python3-venv; python3 -m venv "$venv"; }
  fi
  if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$reqs"
    echo "$want" >"$stamp"
  fi
  export PATH="$venv/bin:$PATH"
}

# rustup targets for the cross builds (the rustup dist server answers here).
need_rust_targets() {
  local missing=() t
  for t in "$@"; do rustup target list --installed | grep -qx "$t" || missing+=("$t"); done
  if [ ${#missing[@]} -gt 0 ]; then rustup target add "${missing[@]}"; fi
}

# The highest GLIBC_x.y symbol version an ELF file needs ("none" for musl).
glibc_floor() {
  objdump -T "$1" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1 | grep . || echo none
}

# zig on PATH (a wrapper over the `ziglang` wheel) and cargo-zigbuild (from
# crates.io, built once into the cache): what the napi addon's cross builds use.
need_zigbuild() {
  need_dist_tools
  mkdir -p "$CACHE/bin"
  if [ ! -x "$CACHE/bin/zig" ]; then
    printf '#!/bin/sh\nexec "%s" -m ziglang "$@"\n' "$CACHE/venv/bin/python" >"$CACHE/bin/zig"
    chmod +x "$CACHE/bin/zig"
  fi
  if ! "$CACHE/cargo/bin/cargo-zigbuild" --version 2>/dev/null | grep -q "^cargo-zigbuild $ZIGBUILD_VERSION\$"; then
    CARGO_PROFILE_RELEASE_DEBUG=0 cargo install --quiet cargo-zigbuild --version "=$ZIGBUILD_VERSION" --root "$CACHE/cargo"
  fi
  export PATH="$CACHE/bin:$CACHE/cargo/bin:$PATH"
}
ZIGBUILD_VERSION=0.24.0
