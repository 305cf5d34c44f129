# Local registries on loopback for the install tests; source it, do not run it.
#   start_npm_registry   verdaccio (scripts/dist/registry), sets NPM_REGISTRY and
#                        NPM_USERCONFIG (an npmrc with a token for it)
#   start_pypi_index     pypiserver from the tools venv, sets PYPI_INDEX (the
#                        /simple/ URL) and PYPI_UPLOAD
# Each writes its data under $work and is stopped by stop_registries (trap it).
REGISTRY_PIDS=()

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

wait_http() { # wait_http <url> <what>
  for _ in $(seq 1 150); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.2; done
  echo "registries: $2 did not answer at $1" >&2; return 1
}

start_npm_registry() {
  local tools="$root/scripts/dist/registry" port
  if [ ! -x "$tools/node_modules/.bin/verdaccio" ] || [ "$tools/package.json" -nt "$tools/node_modules/.package-lock.json" ]; then
    (cd "$tools" && npm install --no-audit --no-fund --loglevel=error)
  fi
  mkdir -p "$work/verdaccio"
  cp "$tools/verdaccio.yaml" "$work/verdaccio/config.yaml"
  port="$(free_port)"
  "$tools/node_modules/.bin/verdaccio" --config "$work/verdaccio/config.yaml" --listen "127.0.0.1:$port" \
    >"$work/verdaccio/log.txt" 2>&1 &
  REGISTRY_PIDS+=($!)
  NPM_REGISTRY="http://127.0.0.1:$port/"
  wait_http "${NPM_REGISTRY}-/ping" verdaccio
  # A user, and an npmrc that points npm at this registry alone.
  local token
  token="$(curl -fsS -X PUT -H 'content-type: application/json' \
    -d '{"name":"alexpay-ci","password":"alexpay-ci-password"}' \
    "${NPM_REGISTRY}-/user/org.couchdb.user:alexpay-ci" | node -pe 'JSON.parse(require("fs").readFileSync(0)).token')"
  NPM_USERCONFIG="$work/npmrc"
  printf 'registry=%s\n//127.0.0.1:%s/:_authToken=%s\naudit=false\nfund=false\nupdate-notifier=false\n' \
    "$NPM_REGISTRY" "$port" "$token" >"$NPM_USERCONFIG"
  export NPM_CONFIG_USERCONFIG="$NPM_USERCONFIG"
  export npm_config_cache="$work/npm-cache"   # a cold cache: every package comes from this registry
}

start_pypi_index() {
  local port
  mkdir -p "$work/pypi"
  port="$(free_port)"
  "$CACHE/venv/bin/pypi-server" run -i 127.0.0.1 -p "$port" -a . -P . "$work/pypi" >"$work/pypi.log" 2>&1 &
  REGISTRY_PIDS+=($!)
  PYPI_UPLOAD="http://127.0.0.1:$port/"
  PYPI_INDEX="http://127.0.0.1:$port/simple/"
  wait_http "$PYPI_INDEX" pypiserver
}

stop_registries() {
  local pid
  for pid in "${REGISTRY_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${REGISTRY_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  REGISTRY_PIDS=()
}
