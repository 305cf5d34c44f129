#!/usr/bin/env bash
# The registry pages (PyPI, npm) show each package's README out of the
# repository, so every link in them must be absolute; and every package names
# the one repository URL, Cargo.toml's workspace `repository`.
source "$(dirname "$0")/tools.sh"
cd "$root"
repo="$(awk -F'"' '/^repository = / { print $2; exit }' Cargo.toml)"
fail=0
for readme in bindings-python/README.md bindings-node/README.md bindings-wasm/README.md bindings-node/npm/*/README.md; do
  if grep -noE '\]\([^)#]+\)' "$readme" | grep -vE '\]\((https?|mailto):' ; then
    echo "check-links: $readme: relative links (above) break on the registry page" >&2; fail=1
  fi
done
grep -q "^Source = \"$repo\"\$" bindings-python/pyproject.toml || { echo "check-links: pyproject Source is not $repo" >&2; fail=1; }
for pkg in bindings-node/package.json bindings-wasm/package.json bindings-node/npm/*/package.json; do
  [ "$(node -p "require('./$pkg').repository.url")" = "git+$repo.git" ] || { echo "check-links: $pkg: repository is not $repo" >&2; fail=1; }
done
[ "$fail" = 0 ] && echo "check-links: every package README link is absolute; every package names $repo"
exit "$fail"
