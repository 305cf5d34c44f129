#!/usr/bin/env bash
# npm artifacts into dist/npm:
#   alexpay-<platform>-<v>.tgz  one native addon each (linux x64/arm64, gnu at
#                               glibc 2.17 and musl), cross-compiled by
#                               cargo-zigbuild, stripped;
#   alexpay-<v>.tgz             the facade and loader, no binary; its
#                               optionalDependencies (the four addons) and its
#                               dependency on alexpay-wasm are added here, in a
#                               staged copy, so that `npm install` in the
#                               checkout never asks a registry for them;
#   alexpay-wasm-<v>.tgz        the WebAssembly package (bindings-wasm/build.sh).
# Then scripts/dist/check-npm.sh.
source "$(dirname "$0")/tools.sh"
need_zigbuild
need_apt objdump binutils
node_dir="$root/bindings-node"
wasm_dir="$root/bindings-wasm"
out="$DIST/npm"
rm -rf "$out" "$DIST/stage"; mkdir -p "$out" "$DIST/stage"

[ -x "$node_dir/node_modules/.bin/publint" ] || (cd "$node_dir" && npm install --no-audit --no-fund --loglevel=error)
version="$(node -p "require('$node_dir/package.json').version")"

triples=(); for spec in "${LINUX_TARGETS[@]}"; do set -- $spec; triples+=("$1"); done
need_rust_targets "${triples[@]}"

for spec in "${LINUX_TARGETS[@]}"; do
  set -- $spec
  triple="$1" platform="$3"
  pkg_dir="$node_dir/npm/$platform"
  [ "$(node -p "require('$pkg_dir/package.json').version")" = "$version" ] || { echo "dist/node: $pkg_dir is not version $version" >&2; exit 1; }
  echo "== dist/npm: alexpay-$platform ($triple)"
  zig_target="$triple"
  case "$triple" in *-gnu) zig_target="$triple.2.17" ;; esac   # the glibc the addon links against
  # musl: link libc dynamically, as Node itself does on Alpine.
  triple_env="$(echo "$triple" | tr 'a-z-' 'A-Z_')"
  case "$triple" in *-musl) export "CARGO_TARGET_${triple_env}_RUSTFLAGS=-C target-feature=-crt-static" ;; esac
  CARGO_PROFILE_RELEASE_STRIP=symbols cargo zigbuild --quiet -p alexpay-node --lib --release \
    --no-default-features --target "$zig_target" 2>&1 | grep -v 'Compiler family detection failed' || true
  cp "$root/target/$triple/release/libalexpay_node.so" "$pkg_dir/alexpay.$platform.node"
  (cd "$pkg_dir" && npm pack --silent --pack-destination "$out" >/dev/null)
done

echo "== dist/npm: alexpay (facade + loader; optional addons, wasm fallback)"
(cd "$node_dir" && node facade/build.mjs . index.d.ts)
stage="$DIST/stage/alexpay"
mkdir -p "$stage"
files="$(node -p "require('$node_dir/package.json').files.join('\n')")"
for f in $files README.md LICENSE; do cp "$node_dir/$f" "$stage/"; done
node - "$node_dir" "$stage" <<'JS'
const fs = require('node:fs'), path = require('node:path')
const [src, stage] = process.argv.slice(2)
const pkg = JSON.parse(fs.readFileSync(path.join(src, 'package.json'), 'utf8'))
const platforms = fs.readdirSync(path.join(src, 'npm')).sort()
const out = {}
for (const [k, v] of Object.entries(pkg)) {
  if (k === 'devDependencies' || k === 'scripts') continue
  out[k] = v
  if (k === 'engines') {
    out.dependencies = { 'alexpay-wasm': pkg.version }
    out.optionalDependencies = Object.fromEntries(platforms.map((p) => [`alexpay-${p}`, pkg.version]))
  }
}
fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify(out, null, 2) + '\n')
JS
(cd "$stage" && npm pack --silent --pack-destination "$out" >/dev/null)

echo "== dist/npm: alexpay-wasm"
bash "$wasm_dir/build.sh" >"$DIST/wasm-build.log" 2>&1 || { cat "$DIST/wasm-build.log"; exit 1; }
grep '== sizes' "$DIST/wasm-build.log"
(cd "$wasm_dir" && npm pack --silent --pack-destination "$out" >/dev/null)

bash "$root/scripts/dist/check-npm.sh" "$out"
