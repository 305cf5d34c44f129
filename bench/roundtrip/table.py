"""Prints the round-trip harnesses' results (target/bench/roundtrip.*.json)
as one Markdown table for BENCHMARKS.md.

usage: python bench/roundtrip/table.py [dir]   (default target/bench)
"""

from __future__ import annotations

import glob
import json
import os
import sys


def main() -> None:
    dir_ = sys.argv[1] if len(sys.argv) > 1 else "target/bench"
    print("| language | driver over | driver µs | hand-written µs | driver / hand | overhead | ratio IQR | client CPU µs driver / hand | CPU difference / hand round trip |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for path in sorted(glob.glob(os.path.join(dir_, "roundtrip.*.json"))):
        with open(path) as f:
            run = json.load(f)
        for r in run["rows"]:
            cpu_share = (r["driver_cpu_us"] - r["hand_cpu_us"]) / r["hand_us"] * 100
            print(
                f"| {r['language']} | {r['pair']} | {r['driver_us']:,.0f} | {r['hand_us']:,.0f} | {r['ratio']:.3f}x | {(r['ratio'] - 1) * 100:+.1f}% "
                f"| {r['ratio_q1']:.3f}-{r['ratio_q3']:.3f} | {r['driver_cpu_us']:,.0f} / {r['hand_cpu_us']:,.0f} | {cpu_share:+.1f}% |"
            )
        load = " ".join(f"{x:.2f}" for x in run["load"])
        print(f"<!-- {os.path.basename(path)}: {run['rounds']} rounds x {run['block']} round trips per side, load average {load} -->")


if __name__ == "__main__":
    main()
