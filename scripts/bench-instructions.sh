#!/usr/bin/env bash
# The Rust core against its floors as callgrind instruction counts (issue 13):
# each workload of core/benches/instructions.rs runs at two iteration counts
# under `valgrind --tool=callgrind`; the difference per iteration is the
# count of one operation (start-up cancels out). Machine load does not move
# these figures. Installs valgrind from Debian when missing. Prints a table
# and writes target/bench/instructions.json.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v valgrind >/dev/null; then
  echo "== installing valgrind (Debian)"
  (apt-get update -qq && apt-get install -y -qq valgrind) >/dev/null
fi
bin="$(cargo bench -p alexpay-core --bench instructions --no-run --message-format=json 2>/dev/null |
  sed -n 's/.*"executable":"\([^"]*instructions[^"]*\)".*/\1/p' | tail -1)"
[ -x "$bin" ] || { echo "no instructions binary" >&2; exit 1; }
count() { # count <workload> <iterations>: instructions of the whole run
  local out
  out="$(mktemp)"
  valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" "$1" "$2" >/dev/null 2>&1
  sed -n 's/^summary: //p' "$out"
  rm -f "$out"
}
per_op() { # per_op <workload>: instructions of one operation
  local a b
  a="$(count "$1" 10)"
  b="$(count "$1" 1010)"
  echo $(((b - a) / 1000))
}
mkdir -p target/bench
json=target/bench/instructions.json
rows=(
  "build_mobile_money_payout floor_build_serialize"
  "parse_status_response floor_typed_status_body"
  "parse_status_response floor_serde_value_status_body"
  "parse_and_confirm_webhook floor_typed_webhook"
  "verify_signed_webhook floor_hmac_verify"
)
declare -A seen
echo "{" > "$json"
first=1
printf '%-28s %12s  %-31s %12s  %7s\n' workload "core instr" floor "floor instr" ratio
for row in "${rows[@]}"; do
  read -r work floor <<< "$row"
  for w in "$work" "$floor"; do
    [ -n "${seen[$w]:-}" ] && continue
    seen[$w]="$(per_op "$w")"
    [ $first = 1 ] || echo "," >> "$json"
    first=0
    printf '  "%s": %s' "$w" "${seen[$w]}" >> "$json"
  done
  awk -v w="$work" -v f="$floor" -v a="${seen[$work]}" -v b="${seen[$floor]}" \
    'BEGIN { printf "%-28s %12d  %-31s %12d  %6.2fx\n", w, a, f, b, a / b }'
done
printf '\n}\n' >> "$json"
