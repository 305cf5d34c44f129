"""Runs every flow script in tests/vectors/flows/*.json (format in
tests/vectors/README.md, "Flow scripts") twice:

1. step by step on the native flows (``alexpay._alexpay.PayoutFlow`` ...),
   exactly as the Rust reference runner (core/tests/flows.rs) does;
2. through the real drivers (``Client.send_mobile_money_payout`` ...), with a
   scripted transport and a fake clock, for every script that is a plain
   request/answer sequence: the driver must reach the same outcome, send the
   same requests and raise the outcome's error.

A flow file without a runner here fails: nothing is skipped silently."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import pytest

import alexpay
from alexpay import _alexpay as native
from alexpay import _driver
from conftest import vectors_dir

Json = Any
FILES = ["payout.json", "follow.json", "webhook.json", "body_cap.json"]


def flows_dir() -> Path:
    return vectors_dir() / "flows"


def load(name: str) -> Json:
    return json.loads((flows_dir() / name).read_text(encoding="utf-8"))


def same(want: Json, have: Json) -> bool:
    """Expected objects list only the keys that must match; null == None."""
    if isinstance(want, dict):
        return isinstance(have, dict) and all(same(v, have.get(k)) for k, v in want.items())
    if isinstance(want, bool) or isinstance(have, bool):
        return want is have
    if isinstance(want, (int, float)) and isinstance(have, (int, float)):
        return float(want) == float(have)
    return bool(want == have)


def error_json(e: Optional[alexpay.AlexpayError]) -> Json:
    if e is None:
        return None
    return {"code": e.code, "field": e.field, "http_status": e.http_status}


def client(doc: Json) -> native.Client:
    c = doc["client"]
    return native.Client(public_key=c["public_key"], secret_key=c["secret_key"], base_url=c["base_url"], max_body_bytes=c.get("max_body_bytes"))


def options(inp: Json) -> Dict[str, int]:
    o = inp.get("options", {})
    return {
        "request_timeout_ms": o.get("request_timeout_ms", 30000),
        "wait_ms": o.get("wait_ms", 0),
        "seed": o.get("seed", 7),
    }


def create(doc: Json, inp: Json) -> Any:
    c = client(doc)
    if inp["flow"] == "payout":
        p = inp["payout"]
        if p["kind"] == "bank":
            return native.PayoutFlow.bank(c, **p["args"], **options(inp))
        return native.PayoutFlow.mobile_money(c, **p["args"], **options(inp))
    if inp["flow"] == "follow":
        return native.FollowFlow(c, inp["payout_id"], **options(inp))
    w = inp["webhook"]
    o = inp.get("options", {})
    return native.WebhookFlow(
        c,
        w["body"].encode("utf-8"),
        w.get("headers", {}),
        secret=w.get("secret"),
        tolerance_secs=w.get("tolerance_secs", 300),
        request_timeout_ms=o.get("request_timeout_ms", 30000),
        deadline_ms=o.get("deadline_ms", 10000),
        seed=7,
    )


def caught(outcome: Any) -> Optional[alexpay.AlexpayError]:
    try:
        outcome.raise_if_error()
    except alexpay.AlexpayError as e:
        return e
    return None


def outcome_json(outcome: Any) -> Json:
    if isinstance(outcome, native.WebhookOutcome):
        if outcome.ok:
            f = outcome.fields()
            keys = ("payout_id", "status", "raw_status", "event_status", "stale", "webhook_id")
            return {"ok": {k: f[k] for k in keys}, "receiver_status": outcome.receiver_status}
        return {"error": error_json(caught(outcome)), "receiver_status": outcome.receiver_status}
    err = caught(outcome)
    cause = err.__cause__ if err is not None else None
    return {
        "kind": outcome.kind,
        "payout_id": outcome.payout_id,
        "report_status": outcome.report.status if outcome.report else None,
        "message": outcome.message,
        "error": error_json(err),
        "cause": error_json(cause) if isinstance(cause, alexpay.AlexpayError) else None,
    }


def check_action(step: Json, at: int, action: Any) -> None:
    want = step["expect"]
    if want == "done":
        assert action.kind == "done", f"want done, got {action!r}"
    elif "send" in want:
        assert action.kind == "send" and action.operation == want["send"], f"want send {want['send']}, got {action!r}"
        if "url_ends" in want:
            assert action.request.url.endswith(want["url_ends"]), action.request.url
        if "timeout_ms" in want:
            assert action.timeout_ms == want["timeout_ms"]
    else:
        lo, hi = (want["wait"], want["wait"]) if "wait" in want else want["wait_between"]
        assert action.kind == "wait", f"want a wait, got {action!r}"
        assert lo <= action.until_ms - at <= hi, f"want a wait of {lo}..{hi} ms, got {action.until_ms - at}"


def reply(flow: Any, rid: int, now: int, r: Json) -> None:
    if "transport_error" in r:
        flow.on_transport_error(rid, now, r["transport_error"])
    else:
        flow.on_response(rid, now, r["http_status"], r.get("headers", {}), r.get("body", "").encode("utf-8"))


def replay(doc: Json, case: Json) -> None:
    inp, expect = case["input"], case["expect"]
    try:
        flow = create(doc, inp)
    except alexpay.AlexpayError as e:
        assert "create_error" in expect, f"creation failed: {e!r}"
        assert same(expect["create_error"], error_json(e)), error_json(e)
        return
    assert "create_error" not in expect, "creation should have failed"
    now, ids, payout_sends = 0, [], 0
    for i, step in enumerate(inp["steps"]):
        at = step.get("at", now)
        now = at
        if "cancel" in step:
            flow.cancel(at)
            continue
        if "late_reply" in step:
            reply(flow, ids[0], at, step["late_reply"])
            continue
        action = flow.next(at)
        check_action(step, at, action)
        if action.kind == "wait":
            now = action.until_ms
        if action.kind == "send":
            ids.append(action.id)
            payout_sends += action.operation == "payout"
            if "reply" in step:
                now = step.get("reply_at", at)
                if "reply_error" in step:
                    with pytest.raises(alexpay.AlexpayError) as e:
                        reply(flow, action.id, now, step["reply"])
                    assert same(step["reply_error"], error_json(e.value)), f"step {i}"
                else:
                    reply(flow, action.id, now, step["reply"])
    final = flow.next(now)
    assert final.kind == "done", f"not done after the steps: {final!r}"
    if "payout_requests" in expect:
        assert payout_sends == expect["payout_requests"]
    got = outcome_json(final.outcome)
    assert same(expect["outcome"], got), f"want {expect['outcome']}\n got {got}"


def all_cases() -> List[Any]:
    params = []
    for name in FILES:
        doc = load(name)
        for case in doc["cases"]:
            params.append(pytest.param(name, case, id=f"{Path(name).stem}::{case['name']}"))
    return params


def test_every_flow_file_has_a_runner() -> None:
    on_disk = sorted(p.name for p in flows_dir().glob("*.json"))
    assert on_disk == sorted(FILES), "a flow file without a runner, or a runner without a file"
    assert sum(len(load(f)["cases"]) for f in FILES) >= 60


@pytest.mark.parametrize("name,case", all_cases())
def test_flow_vector(name: str, case: Json) -> None:
    replay(load(name), case)


# ------------------------------------------------- through the real drivers


class FakeClock:
    """Time only moves when the driver sleeps or a scripted step says so."""

    def __init__(self) -> None:
        self.now = 0

    def __call__(self) -> int:
        return self.now

    def sleep(self, secs: float) -> None:
        self.now += round(secs * 1000)


class ScriptedTransport:
    """Answers each request with the next scripted reply, checking it is
    the request the script expects."""

    def __init__(self, steps: List[Json], clock: FakeClock) -> None:
        self.sends: List[Tuple[Json, Json]] = [(s["expect"], s.get("reply")) for s in steps if isinstance(s["expect"], dict) and "send" in s["expect"]]
        self.sent: List[Any] = []
        self.clock = clock

    def send(self, request: alexpay.HttpRequest, timeout_secs: float) -> alexpay.HttpResponse:
        assert self.sends, f"an unscripted request: {request.method} {request.url}"
        want, r = self.sends.pop(0)
        self.sent.append(request)
        op = "payout" if request.method == "POST" else "status_check"
        assert op == want["send"], f"want {want['send']}, sent {op}"
        if r is None:  # silence: the request times out
            self.clock.now += round(timeout_secs * 1000)
            raise alexpay.TransportFailure("timeout")
        if "transport_error" in r:
            raise alexpay.TransportFailure(r["transport_error"])
        return alexpay.HttpResponse(r["http_status"], r.get("headers", {}), r.get("body", "").encode("utf-8"))


def drivable(case: Json) -> bool:
    """Plain request/answer scripts the driver can replay on its own clock."""
    inp, expect = case["input"], case["expect"]
    if "create_error" in expect or inp["flow"] == "webhook" and inp["webhook"].get("secret"):
        return False
    steps = inp["steps"]
    plain = all(set(s) <= {"expect", "reply", "at"} for s in steps)
    return plain and all(s.get("at", 0) == 0 for s in steps) and all("reply" in s for s in steps if isinstance(s["expect"], dict) and "send" in s["expect"])


def driver_cases() -> List[Any]:
    return [p for p in all_cases() if drivable(p.values[1])]


@pytest.mark.parametrize("name,case", driver_cases())
def test_flow_vector_through_the_driver(name: str, case: Json) -> None:
    doc, inp, expect = load(name), case["input"], case["expect"]
    clock = FakeClock()
    transport = ScriptedTransport(inp["steps"], clock)
    flow = create(doc, inp)
    outcome = _driver.run(flow, transport, clock=clock, sleep=clock.sleep)
    assert not transport.sends, "the driver stopped before the script's last request"
    if "payout_requests" in expect:
        assert sum(r.method == "POST" for r in transport.sent) == expect["payout_requests"]
    got = outcome_json(outcome)
    assert same(expect["outcome"], got), f"want {expect['outcome']}\n got {got}"


def test_driver_cases_are_enough() -> None:
    assert len(driver_cases()) >= 60
