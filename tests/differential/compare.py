"""Compares the surfaces' results case by case and prints the first mismatches
with their case, so a failure can be read (and replayed with its seed).

usage: compare.py SEED CASES.json RESULTS.json [RESULTS.json ...]

Numbers compare by value (Python's Decimal amounts and JavaScript's numbers);
errors by code, field, http_status, retryable and api_code; a refusal that
is no AlexpayError (a TypeError of one language) only by its presence."""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from typing import Any, Dict, List

Json = Any
SHOWN = int(os.environ.get("ALEXPAY_DIFF_SHOW", "5"))


def canon(v: Json) -> Json:
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, dict):
        return {k: canon(x) for k, x in sorted(v.items()) if x is not None}
    if isinstance(v, list):
        return [canon(x) for x in v]
    return v


def shape(r: Json) -> Json:
    """What must agree: the raised kind is compared as "raised", nothing more."""
    if "raised" in r:
        return {"raised": True}
    return canon(r)


def main() -> int:
    seed, cases_file, result_files = sys.argv[1], sys.argv[2], sys.argv[3:]
    cases = {c["n"]: c for c in json.load(open(cases_file, encoding="utf-8"))["cases"]}
    surfaces: List[Dict[str, Any]] = [json.load(open(f, encoding="utf-8")) for f in result_files]
    by_surface = [{r["n"]: r["r"] for r in s["results"]} for s in surfaces]
    names = [s["surface"] for s in surfaces]
    mismatches: List[int] = []
    kinds: Counter[str] = Counter()
    for n, case in cases.items():
        kinds[case["kind"]] += 1
        answers = [shape(s[n]) for s in by_surface]
        if any(a != answers[0] for a in answers[1:]):
            mismatches.append(n)
    for n in mismatches[:SHOWN]:
        print(f"--- mismatch, case {n} ({cases[n]['kind']}):")
        print("case:", json.dumps(cases[n], ensure_ascii=True))
        for name, s in zip(names, by_surface):
            print(f"{name}:", json.dumps(s[n], ensure_ascii=True))
    by_kind = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
    print(f"differential: seed {seed}, {len(cases)} cases ({by_kind}) through {', '.join(names)}")
    if mismatches:
        bad = Counter(cases[n]["kind"] for n in mismatches)
        print(f"differential: {len(mismatches)} mismatching case(s): {dict(bad)}; "
              f"replay with {os.environ.get('ALEXPAY_DIFF_REPLAY', f'ALEXPAY_DIFF_SEED={seed} bash scripts/test-differential.sh')}")
    print(f"differential: {len(cases) - len(mismatches)} passed, {len(mismatches)} failed")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
