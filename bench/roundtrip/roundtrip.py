"""Python payout round trip against the real sandbox on loopback: the SDK's
flow drivers vs hand-written code doing the same requests with the same HTTP
library (issue 13: "the flow drivers add at most 5%").

A harness that prints figures, never a test: nothing asserts on time. Before
timing it checks that both sides of each pair send the same requests (a
recording server) and make the same number of them (the sandbox's request
log); then it runs interleaved rounds (every side once per round, in a
shuffled order) and prints medians and the median of the per-round ratios.

usage: .venv/bin/python bench/roundtrip/roundtrip.py SANDBOX_BINARY [--rounds N] [--block N] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from collections import Counter
from typing import Dict, List

import httpx

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from capture import capture  # noqa: E402
from python_sides import sides  # noqa: E402
from sandbox import Sandbox  # noqa: E402

PAIRS = [("urllib driver", "urllib hand"), ("httpx driver", "httpx hand")]


def check_same_requests(public_key: str, secret_key: str) -> None:
    """Both sides of a pair send the same method, path, headers and body."""
    for a, b in PAIRS:
        with httpx.Client() as http:

            def both(url: str) -> None:
                run = sides(http, url, public_key, secret_key)
                run[a]()
                run[b]()

            seen = capture(both)
        half = len(seen) // 2
        if len(seen) != 4 or seen[:half] != seen[half:]:
            raise SystemExit(f"{a} and {b} send different requests:\n  {seen[:half]}\n  {seen[half:]}")
        print(f"# {a} = {b}: the same {half} requests ({', '.join(r[0] + ' ' + r[1] for r in seen[:half])})")


def check_same_counts(box: Sandbox, run: Dict[str, object], n: int) -> None:
    """Against the sandbox itself: each side makes one POST and one GET per round trip, all 200.
    (The check may see the payout still processing: --delay-ms 0 settles it
    just after the POST's answer. Either way it is one check.)"""
    for name, round_trip in run.items():
        before = box.requests()
        for _ in range(n):
            round_trip()  # type: ignore[operator]
        delta = box.requests() - before
        if delta != Counter({"POST process 200": n, "GET check 200": n}):
            raise SystemExit(f"{name}: {n} round trips made {dict(delta)}")
    print(f"# sandbox log: every side made {n} POST + {n} GET for {n} round trips, all 200")


HEADER = (
    "| {lang} | driver µs | hand-written µs | driver / hand (median of rounds) | overhead | ratio IQR "
    "| client CPU µs, driver | client CPU µs, hand | CPU difference / hand round trip |"
)


def row(r: Dict[str, float]) -> str:
    """One table row; the last column is the driver's extra client CPU time
    as a share of the hand-written round trip: less noisy than wall time."""
    cpu_share = (r["driver_cpu_us"] - r["hand_cpu_us"]) / r["hand_us"] * 100
    return (
        f"| {r['pair']} | {r['driver_us']:,.0f} | {r['hand_us']:,.0f} | {r['ratio']:.3f}x | {(r['ratio'] - 1) * 100:+.1f}% "
        f"| {r['ratio_q1']:.3f}-{r['ratio_q3']:.3f} | {r['driver_cpu_us']:,.0f} | {r['hand_cpu_us']:,.0f} | {cpu_share:+.1f}% |"
    )


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("sandbox")
    p.add_argument("--rounds", type=int, default=200)
    p.add_argument("--block", type=int, default=10, help="round trips per side per round")
    p.add_argument("--json")
    a = p.parse_args()

    box = Sandbox(a.sandbox)
    try:
        check_same_requests(box.public_key, box.secret_key)
        with httpx.Client() as http:
            run = sides(http, box.url, box.public_key, box.secret_key)
            check_same_counts(box, run, 10)
            for round_trip in run.values():  # warm-up
                for _ in range(a.block):
                    round_trip()
            before = box.requests()
            per_op: Dict[str, List[float]] = {name: [] for name in run}
            cpu_op: Dict[str, List[float]] = {name: [] for name in run}
            order = list(run)
            rng = random.Random(13)
            for _ in range(a.rounds):
                rng.shuffle(order)
                for name in order:
                    round_trip = run[name]
                    c = time.process_time_ns()
                    t = time.perf_counter_ns()
                    for _ in range(a.block):
                        round_trip()
                    per_op[name].append((time.perf_counter_ns() - t) / a.block)
                    cpu_op[name].append((time.process_time_ns() - c) / a.block)
            made = box.requests() - before
        expected = a.rounds * a.block * len(run)
        if made != Counter({"POST process 200": expected, "GET check 200": expected}):
            raise SystemExit(f"the timed rounds made {dict(made)}, expected {expected} of each")
        ledger = box.control("ledger")["count"]
    finally:
        box.stop()

    rows = []
    for drv, hand in PAIRS:
        ratios = [d / h for d, h in zip(per_op[drv], per_op[hand])]
        q = statistics.quantiles(ratios, n=4)
        rows.append(
            {
                "language": "Python",
                "pair": drv.split()[0],
                "driver_us": statistics.median(per_op[drv]) / 1000,
                "hand_us": statistics.median(per_op[hand]) / 1000,
                "ratio": statistics.median(ratios),
                "ratio_q1": q[0],
                "ratio_q3": q[2],
                "driver_cpu_us": statistics.median(cpu_op[drv]) / 1000,
                "hand_cpu_us": statistics.median(cpu_op[hand]) / 1000,
            }
        )
    load = os.getloadavg()
    print(f"# {a.rounds} rounds x {a.block} round trips per side; {expected * 2} timed requests checked in the sandbox log; {ledger} payouts in the ledger")
    print(f"# load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(HEADER.format(lang="Python"))
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(row(r))
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"rows": rows, "rounds": a.rounds, "block": a.block, "load": load}, f, indent=1)


if __name__ == "__main__":
    main()
