# The sandbox for the install tests; source it (needs $root and $work).
# start_sandbox exports ALEXPAY_BASE_URL / _PUBLIC_KEY / _SECRET_KEY;
# stop_sandbox (trap it) ends it.
SANDBOX_PID=
start_sandbox() {
  cargo build --quiet -p alexpay-sandbox --bin alexpay-sandbox
  local bin="${CARGO_TARGET_DIR:-$root/target}/debug/alexpay-sandbox" env="$work/sandbox.env"
  "$bin" --port 0 --delay-ms 200 --quiet >"$env" &
  SANDBOX_PID=$!
  for _ in $(seq 1 100); do grep -q '^ALEXPAY_SECRET_KEY=' "$env" 2>/dev/null && break; sleep 0.1; done
  set -a; source <(grep -E '^ALEXPAY_(BASE_URL|PUBLIC_KEY|SECRET_KEY)=' "$env"); set +a
  [ -n "${ALEXPAY_BASE_URL:-}" ] || { echo "the sandbox did not start" >&2; return 1; }
}
stop_sandbox() { [ -z "$SANDBOX_PID" ] || { kill "$SANDBOX_PID" 2>/dev/null; wait "$SANDBOX_PID" 2>/dev/null; } || true; SANDBOX_PID=; }
