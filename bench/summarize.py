"""Prints the medians of the bench harness runs (and criterion's estimates)
as the Markdown tables of BENCHMARKS.md. Ratios are baseline time / binding
time: above 1 the binding is faster, below 1 the baseline is.

usage: python bench/summarize.py <dir with py.N.json and js.N.json> [criterion dir]
"""

from __future__ import annotations

import glob
import json
import os
import statistics
import sys
from typing import Any, Optional

WORKLOADS = [
    "build_mobile_money_payout",
    "parse_status_response",
    "parse_and_confirm_webhook",
    "verify_signed_webhook",
]


def load(pattern: str) -> list[dict[str, Any]]:
    return [json.load(open(p)) for p in sorted(glob.glob(pattern))]


def med(values: list[Optional[float]]) -> Optional[float]:
    vs = [v for v in values if v is not None]
    return statistics.median(vs) if vs else None


def ns(v: Optional[float]) -> str:
    if v is None:
        return "n/a"
    return f"{v:,.0f}" if v >= 100 else f"{v:.1f}"


def ratio(base: Optional[float], binding: Optional[float]) -> str:
    return "n/a" if base is None or binding is None else f"{base / binding:.2f}x"


def criterion(dir_: str) -> None:
    names = [
        "floor_serde_value_status_body",
        "floor_typed_status_body",
        "floor_typed_webhook",
        "floor_build_serialize",
        "floor_hmac_verify",
        "build_mobile_money_payout",
        "parse_status_response",
        "parse_and_confirm_webhook",
        "verify_signed_webhook",
    ]
    est = {}
    for n in names:
        path = os.path.join(dir_, n, "new", "estimates.json")
        if os.path.exists(path):
            est[n] = json.load(open(path))["median"]["point_estimate"]
    if not est:
        return
    floor = est.get("floor_serde_value_status_body")
    print("\n### Rust core (criterion median, ns/op)\n")
    print("| workload | core ns/op | vs serde_json::Value floor on the same bytes |")
    print("|---|---:|---:|")
    for n in names:
        if n in est:
            rel = "1.00x (the floor)" if n == names[0] else (f"{est[n] / floor:.2f}x the floor" if floor else "")
            print(f"| {n} | {ns(est[n])} | {rel} |")
    print("\n(floor: serde_json::from_slice::<Value> of the status body; the webhook body is shorter)")


# Each core workload and the floor it is held to (issue 13's goals).
FLOORS = [
    ("build_mobile_money_payout", "floor_build_serialize", "1.5x"),
    ("parse_status_response", "floor_typed_status_body", "1.5x"),
    ("parse_status_response", "floor_serde_value_status_body", ""),
    ("parse_and_confirm_webhook", "floor_typed_webhook", "1.5x"),
    ("verify_signed_webhook", "floor_hmac_verify", "1.1x"),
]


def instructions(path: str) -> None:
    if not os.path.exists(path):
        return
    counts = json.load(open(path))
    print("\n### Rust core vs its floors (callgrind instructions per operation)\n")
    print("| workload | core | floor | floor instructions | core / floor | goal |")
    print("|---|---:|---|---:|---:|---:|")
    for work, floor, goal in FLOORS:
        a, b = counts.get(work), counts.get(floor)
        if a and b:
            print(f"| {work} | {a:,} | {floor} | {b:,} | {a / b:.2f}x | {goal or '-'} |")
    print(
        "\n(floors: a typed borrowed serde parse of the same bytes, serde_json::Value, "
        "a serde Serialize + URL + headers build, a minimal hmac + sha2 verify; core/benches/shared)"
    )


def main() -> None:
    dir_ = sys.argv[1]
    instructions(os.path.join(dir_, "instructions.json"))
    if len(sys.argv) > 2:
        criterion(sys.argv[2])
    py = [r["python"] for r in load(os.path.join(dir_, "py.*.json"))]
    if py:
        print(f"\n### Python ({len(py)} run(s), median ns/op; ratio = baseline / binding)\n")
        print("| workload | binding | pure Python | pydantic v2 | pure Python / binding | pydantic / binding |")
        print("|---|---:|---:|---:|---:|---:|")
        for w in WORKLOADS:
            b = med([r[w]["binding"] for r in py])
            p = med([r[w]["pure_python"] for r in py])
            y = med([r[w]["pydantic"] for r in py])
            print(f"| {w} | {ns(b)} | {ns(p)} | {ns(y)} | {ratio(p, b)} | {ratio(y, b)} |")
        peers = [r["verify_peers"] for r in py if "verify_peers" in r]
        if peers:
            print("\n| Python verify (signature made now) | ns/op | binding faster by |\n|---|---:|---:|")
            base = med([p["binding"] for p in peers])
            for k in peers[0]:
                v = med([p[k] for p in peers])
                print(f"| {k} | {ns(v)} | {ratio(v, base)} |")
        dec = [r for r in (x.get("python_decomposition") for x in load(os.path.join(dir_, "py.*.json"))) if r]
        if dec:
            print("\n| Python binding decomposition | ns/op |\n|---|---:|")
            for k in dec[0]:
                print(f"| {k} | {ns(med([d[k] for d in dec]))} |")
    js = [r["js"] for r in load(os.path.join(dir_, "js.*.json"))]
    if js:
        print(f"\n### Node binding and wasm-in-Node ({len(js)} run(s), median ns/op; ratio = baseline / binding)\n")
        print("| workload | Node binding | wasm | plain JS | zod | plain / Node | zod / Node | plain / wasm | zod / wasm |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for w in WORKLOADS:
            n = med([r[w].get("node") for r in js])
            a = med([r[w].get("wasm") for r in js])
            p = med([r[w].get("plain") for r in js])
            z = med([r[w].get("zod") for r in js])
            print(
                f"| {w} | {ns(n)} | {ns(a)} | {ns(p)} | {ns(z)} | {ratio(p, n)} | {ratio(z, n)} | {ratio(p, a)} | {ratio(z, a)} |"
            )
        peers = [r["verify_peers"] for r in js if "verify_peers" in r]
        if peers:
            print("\n| JS verify (signature made now) | ns/op | Node faster by | wasm faster by |\n|---|---:|---:|---:|")
            bn = med([p["node"] for p in peers])
            bw = med([p["wasm"] for p in peers])
            for k in peers[0]:
                v = med([p[k] for p in peers])
                print(f"| {k} | {ns(v)} | {ratio(v, bn)} | {ratio(v, bw)} |")
        print("\n| JS decomposition | ns/op |\n|---|---:|")
        for k in js[0]["decomposition"]:
            print(f"| {k} | {ns(med([r['decomposition'][k] for r in js]))} |")
        wz = js[-1]["wasm"]
        print("\n### wasm\n")
        print(f"- size of pkg/nodejs/alexpay_wasm_bg.wasm: {wz['raw_bytes']:,} B raw, {wz['gzip_bytes']:,} B gzip -9")
        for key, label in [
            ("compile_ns", "WebAssembly.Module (compile)"),
            ("instantiate_ns", "WebAssembly.Instance (instantiate)"),
            ("compile_instantiate_ns", "compile + instantiate"),
            ("fresh_require_ns", "require() of the nodejs package in a fresh process"),
        ]:
            print(f"- {label}: {med([r['wasm'][key] for r in js]) / 1e6:.2f} ms (median)")


if __name__ == "__main__":
    main()
