#!/usr/bin/env bash
# Python binding: build the abi3 wheel with maturin, install it into a virtual
# environment (.venv at the repo root), run the pytest suite against the
# INSTALLED package, and mypy --strict over the examples.
# Works on a fresh machine (Debian + rustup Rust + Python 3.9+ with pip);
# re-runs skip what is already in place.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

root="$(pwd)"
venv="$root/.venv"
py="$venv/bin/python"
reqs="bindings-python/requirements-dev.txt"
wheels="$root/target/python-wheels"

# 1. The virtual environment (Debian's python3 needs python3-venv for it).
if [ ! -x "$py" ]; then
  python3 -m venv "$venv" 2>/dev/null || {
    rm -rf "$venv"
    need_apt_pkg() { dpkg -s "$1" >/dev/null 2>&1 || {
      [ -f /tmp/.alexpay-apt-updated ] || { apt-get update -qq && touch /tmp/.alexpay-apt-updated; }
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null; }; }
    need_apt_pkg python3-venv
    python3 -m venv "$venv"
  }
fi

# 2. Pinned tools, installed again only when the pins change.
stamp="$venv/.alexpay-requirements.sha256"
want="$(sha256sum "$reqs" | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
  "$py" -m pip install --quiet --disable-pip-version-check --upgrade pip
  "$py" -m pip install --quiet --disable-pip-version-check -r "$reqs"
  echo "$want" >"$stamp"
fi

# 3. Build the wheel (release, abi3) and install it over any previous one.
rm -rf "$wheels"
"$venv/bin/maturin" build --release --quiet -m bindings-python/Cargo.toml -i "$py" --out "$wheels"
wheel="$(ls "$wheels"/alexpay-*.whl)"
"$py" -m pip install --quiet --disable-pip-version-check --no-deps --force-reinstall "$wheel"

# 4. The suite, run from outside the source tree so only the installed package
#    can be imported.
cd "$root/bindings-python/tests"
"$py" -m pytest -p no:cacheprovider -q .

# 5. Static typing of the examples against the installed stubs.
cd "$root/bindings-python"
"$venv/bin/mypy" --strict --no-incremental examples

# 6. pyright: strict on the examples (pyrightconfig.json), and the installed
#    package's public surface fully typed and documented (--verifytypes).
PATH="$venv/bin:$PATH" "$venv/bin/pyright" --pythonpath "$py"
(cd /tmp && PATH="$venv/bin:$PATH" "$venv/bin/pyright" --pythonpath "$py" --verifytypes alexpay --ignoreexternal) > "$root/target/pyright-verifytypes.txt" || {
  cat "$root/target/pyright-verifytypes.txt"; exit 1; }
grep -E "Type completeness score: 100%" "$root/target/pyright-verifytypes.txt"
grep -qE "Functions without docstring: 0" "$root/target/pyright-verifytypes.txt" || { cat "$root/target/pyright-verifytypes.txt"; exit 1; }
