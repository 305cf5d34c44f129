"""Runs the differential cases through the installed Python package.

usage: run_python.py CASES.json OUT.json

Each result is plain JSON in one shape shared with run_node.mjs: ``{"ok":
value}`` with snake_case keys, ``{"error": {code, field, http_status,
retryable, api_code}}`` for an AlexpayError, or ``{"raised": "TypeName"}``
for anything else (a binding-level refusal, compared by presence only)."""

from __future__ import annotations

import base64
import json
import sys
from decimal import Decimal
from typing import Any, Callable, Dict, List

import alexpay
from alexpay import _alexpay as native

Json = Any


def plain(v: Any) -> Json:
    if isinstance(v, Decimal):
        return float(v)
    if isinstance(v, bytes):
        return v.decode("utf-8", "replace")
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items() if x is not None}
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    return v


def error(e: alexpay.AlexpayError) -> Json:
    return {"code": e.code, "field": e.field, "http_status": e.http_status, "retryable": e.retryable,
            "api_code": e.api_code}


def run(fn: Callable[[], Json]) -> Json:
    try:
        return {"ok": plain(fn())}
    except alexpay.AlexpayError as e:
        return {"error": error(e)}
    except Exception as e:  # noqa: BLE001 - a binding-level refusal, reported as such
        return {"raised": type(e).__name__}


def raw(b: str) -> bytes:
    return base64.b64decode(b)


def request(r: Any) -> Json:
    # A GET's body is b"" here and absent in JavaScript: both mean "no body".
    return {"method": r.method, "url": r.url, "headers": dict(r.headers), "body": r.body or None}


def client(c: Json, cls: Any = alexpay.Client) -> Any:
    kw = {k: c[k] for k in ("public_key", "secret_key", "base_url")}
    if "user_agent" in c:
        kw["user_agent"] = c["user_agent"]
    return cls(**kw)


def payout_request(c: Json) -> Json:
    cl = client(c["client"])
    if c["payout"] == "bank":
        return request(cl.bank_payout(**c["args"]))
    return request(cl.mobile_money_payout(**c["args"]))


def action(a: Any) -> Json:
    if a.kind == "wait":
        return ["wait", a.until_ms]
    if a.kind == "send":
        r = a.request
        return ["send", a.operation, a.timeout_ms, r.method, r.url, r.body.decode("utf-8", "replace")]
    return ["done"]


def outcome(o: Any) -> Json:
    try:
        o.raise_if_error()
        err = None
    except alexpay.AlexpayError as e:
        err = error(e)
    if isinstance(o, native.WebhookOutcome):
        fields = plain(o.fields()) if o.ok else None
        if fields:
            fields = {k: fields.get(k) for k in ("payout_id", "status", "raw_status", "event_status", "stale", "webhook_id")}
        return {"ok": fields, "error": err, "receiver_status": o.receiver_status}
    return {"kind": o.kind, "payout_id": o.payout_id, "message": o.message, "error": err,
            "report_status": o.report.status if o.report else None}


def flow(c: Json) -> Json:
    cl = client({"public_key": "pk_test_1", "secret_key": "sk_test_1", "base_url": "https://api.alexpay.test"},
                native.Client)
    opts = {"request_timeout_ms": c["request_timeout_ms"], "wait_ms": c["wait_ms"], "seed": c["seed"]}
    if c["flow"] == "payout":
        make = native.PayoutFlow.bank if c["payout"] == "bank" else native.PayoutFlow.mobile_money
        f = make(cl, **c["args"], **opts)
    elif c["flow"] == "follow":
        f = native.FollowFlow(cl, c["payout_id"], **opts)
    else:
        f = native.WebhookFlow(cl, raw(c["body"]), [], secret=None, tolerance_secs=300,
                               request_timeout_ms=c["request_timeout_ms"], deadline_ms=c["deadline_ms"], seed=c["seed"])
    trace: List[Json] = []
    now, sends = 0, 0
    for step in range(60):
        a = f.next(now)
        trace.append(action(a))
        if a.kind == "done":
            return {"trace": trace, "attempts": getattr(f, "attempts", 0), "outcome": outcome(a.outcome)}
        if a.kind == "wait":
            now = a.until_ms
            continue
        r = c["replies"][sends % len(c["replies"])]
        now += c["gaps"][sends % len(c["gaps"])]
        sends += 1
        if "transport_error" in r:
            f.on_transport_error(a.id, now, r["transport_error"])
        else:
            f.on_response(a.id, now, r["http_status"], [tuple(h) for h in r.get("headers", [])], raw(r["body"]))
    return {"trace": trace, "unfinished": True}


def retry(c: Json) -> Json:
    kw: Dict[str, Any] = {k: c[k] for k in ("http_status", "transport_error", "retry_after_secs") if k in c}
    if "body" in c:
        kw["body"] = raw(c["body"])
    d = alexpay.retry_decision(c["operation"], c["attempt"], **kw)
    return {"action": d.action, "delay_ms": d.delay_ms}


def signature(c: Json) -> Json:
    args = [c["secret"], [tuple(h) for h in c["headers"]], raw(c["body"]), c["now"]]
    if c["tolerance_secs"] is not None:
        args.append(c["tolerance_secs"])
    return alexpay.verify_webhook_signature(*args)


CASES: Dict[str, Callable[[Json], Json]] = {
    "client": lambda c: (lambda cl: {"base_url": cl.base_url, "user_agent": cl.user_agent})(client(c["client"])),
    "payout_request": payout_request,
    "status_check": lambda c: request(client(c["client"]).status_check(c["payout_id"])),
    "payout_response": lambda c: alexpay.parse_payout_response(c["http_status"], raw(c["body"])).to_dict(),
    "status_response": lambda c: alexpay.parse_status_response(c["http_status"], raw(c["body"])).to_dict(),
    "webhook": lambda c: alexpay.parse_webhook(raw(c["body"])).to_dict(),
    "confirm": lambda c: alexpay.confirm_webhook(
        alexpay.parse_webhook(raw(c["body"])), alexpay.parse_status_response(c["http_status"], raw(c["report"]))
    ).to_dict(),
    "signature": signature,
    "status": lambda c: {"status": alexpay.normalize_status(c["raw"]),
                         "is_terminal": alexpay.is_terminal_status(alexpay.normalize_status(c["raw"]))},
    "retry": retry,
    "flow": flow,
}


def main() -> None:
    cases = json.load(open(sys.argv[1], encoding="utf-8"))["cases"]
    results = [{"n": c["n"], "r": run(lambda: CASES[c["kind"]](c))} for c in cases]
    json.dump({"surface": "python", "results": results}, open(sys.argv[2], "w", encoding="utf-8"))


if __name__ == "__main__":
    main()
