#!/usr/bin/env bash
# Builds the wasm package into bindings-wasm/pkg/{web,bundler,nodejs}:
#   cargo build --target wasm32-unknown-unknown --release (opt-level "z")
#   -> wasm-bindgen CLI (the exact version in Cargo.lock) for each target
#   -> wasm-opt -Oz from the npm `binaryen` package.
# Installs what is missing (rustup target, wasm-bindgen-cli, npm deps).
# Prints raw / wasm-bindgen / optimised / gzipped sizes and fails when the
# optimised .wasm is over the 100 KB gzipped budget.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"
source scripts/lib.sh

TOOLS="${ALEXPAY_TOOLS:-$HOME/.cache/alexpay-tools}"
BUDGET_GZ=$((100 * 1024))

need_rust_wasm_target

# npm deps (binaryen's wasm-opt, and the test runtimes). `npm install`, not
# `npm ci`: it respects the lockfile and tolerates this registry's gaps.
if [ ! -x "$here/node_modules/.bin/wasm-opt" ] || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
  (cd "$here" && npm install --no-audit --no-fund --loglevel=error)
fi
# Never Debian's wasm-opt (its modules fail to instantiate with this wasm-bindgen).
export PATH="$here/node_modules/.bin:$TOOLS/bin:$PATH"

echo "== cargo build (wasm32-unknown-unknown, release, opt-level z)"
# opt-level "z", chosen by measurement (issue 13; 2026-12-02, same core, each
# level followed by wasm-opt, gzip -9 of the .wasm, and median ns per call of
# interleaved rounds in Node; build / status / webhook / verify):
#   z + wasm-opt -Oz:  87,745 B   7,958 / 5,835 / 4,532 / 5,758 ns
#   s + wasm-opt -Oz:  93,876 B   6,652 / 4,361 / 3,890 / 4,621 ns
#   3 + wasm-opt -O3: 100,077 B   5,515 / 4,052 / 3,283 / 4,240 ns
# (a second run agreed within 10%, on a loaded machine). 3 is 1.3-1.4x
# faster per call but 12 KB (14%) larger, and s sits between;
# size is what binds here (the budget below, and a browser downloads the
# module), while the 1-3 us per call saved are far below one HTTP round trip.
# This level applies to this build only (the shared release profile stays at 3);
# lto and codegen-units=1 come from the workspace profile. No `strip`
# (it breaks wasm-bindgen's feature detection); wasm-opt drops names.
CARGO_PROFILE_RELEASE_OPT_LEVEL=z cargo build -p alexpay-wasm --target wasm32-unknown-unknown --release
raw="$root/target/wasm32-unknown-unknown/release/alexpay_wasm.wasm"

# wasm-bindgen CLI: exactly the wasm-bindgen version Cargo.lock resolved.
want="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
if [ -z "$want" ]; then echo "wasm-bindgen is not in Cargo.lock" >&2; exit 1; fi
have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have" != "$want" ]; then
  echo "== installing wasm-bindgen-cli $want into $TOOLS (found: ${have:-none})"
  # No --locked: its lockfile pins crates newer than this registry has.
  CARGO_PROFILE_DEV_DEBUG=0 cargo install --debug wasm-bindgen-cli --version "=$want" --root "$TOOLS"
fi

WASM_OPT_FEATURES=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue)

rm -rf "$here/pkg"
for target in web bundler nodejs; do
  out="$here/pkg/$target"
  echo "== wasm-bindgen --target $target"
  # --debug: the glue checks JS types before copying into wasm memory, so a
  # wrong-typed argument throws (as napi-rs does) instead of trapping the
  # module or allocating from a bogus `length` (a number passed as a string
  # did both without it). JS glue only; the .wasm is the same.
  wasm-bindgen --target "$target" --debug --out-dir "$out" --remove-producers-section "$raw"
  wasm-opt -Oz "${WASM_OPT_FEATURES[@]}" --strip-debug --strip-producers \
    "$out/alexpay_wasm_bg.wasm" -o "$out/alexpay_wasm_bg.opt.wasm"
  mv "$out/alexpay_wasm_bg.opt.wasm" "$out/alexpay_wasm_bg.wasm"
done

# Module kinds for Node's resolver: web and bundler are ES modules, nodejs is
# CommonJS. When the crate imports a JS snippet (it imported js/alexpay.js
# before the module became the napi-shaped native interface; it imports none
# now), wasm-bindgen copies it into each build and the CommonJS build gets a
# CommonJS rendering of it, so it loads on every Node without require(esm).
echo '{ "type": "module" }' > "$here/pkg/web/package.json"
echo '{ "type": "module" }' > "$here/pkg/bundler/package.json"
echo '{ "type": "commonjs" }' > "$here/pkg/nodejs/package.json"
shopt -s nullglob
for snippet in "$here"/pkg/nodejs/snippets/*/js/*.js; do
  names="$(sed -n -E 's/^export (class|function) ([A-Za-z_]+).*/\2/p' "$snippet" | paste -sd, -)"
  sed -i -E 's/^export (class|function) /\1 /' "$snippet"
  if grep -q '^export' "$snippet"; then echo "unconverted export in $snippet" >&2; exit 1; fi
  echo "module.exports = { ${names//,/, } };" >> "$snippet"
done

# The raw wasm ABI declarations (InitOutput, *_bg.wasm.d.ts) type externref
# parameters and results as `any`; declare them `unknown` so no export is
# typed `any`.
for dts in "$here"/pkg/*/*.d.ts; do
  sed -i -E -e 's/\b([a-z]): any\b/\1: unknown/g' -e 's/=> any;/=> unknown;/g' "$dts"
done
if grep -nw any "$here"/pkg/*/*.d.ts | grep -v '^\S*:[0-9]*: *\*'; then
  echo "an \`any\` is left in the TypeScript declarations" >&2; exit 1
fi

# The one JavaScript facade (shared with the Node package) and its one
# declaration, built into entry/ beside the entry points that load the module.
node "$root/bindings-node/facade/build.mjs" "$here/entry"
cat "$root/bindings-node/index.d.ts" "$here/entry/init.d.ts" > "$here/entry/index.d.ts"
cp "$here/entry/index.d.ts" "$here/entry/index.d.mts"  # ES-module importers' own copy (not "masquerading as CJS")

raw_size=$(stat -c %s "$raw")
opt="$here/pkg/web/alexpay_wasm_bg.wasm"
opt_size=$(stat -c %s "$opt")
gz_size=$(gzip -9 -c "$opt" | wc -c)
awk -v r="$raw_size" -v o="$opt_size" -v g="$gz_size" 'BEGIN {
  printf "== sizes: cargo output %d B; optimised .wasm %d B (%.1f KiB); gzip -9 %d B (%.1f KiB; budget 100 KiB)\n", r, o, o/1024, g, g/1024 }'
if [ "$gz_size" -gt "$BUDGET_GZ" ]; then
  echo "size budget exceeded: $gz_size B gzipped > $BUDGET_GZ B" >&2
  exit 1
fi
