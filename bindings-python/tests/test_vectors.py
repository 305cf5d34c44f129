"""Runs every case of every shared vector file (tests/vectors/*.json, format
in tests/vectors/README.md) through the Python API: the same bytes, values,
error codes and fields as the Rust reference runner (core/tests/vectors.rs).

A file without a runner here, or a vectors directory without any JSON file,
fails: nothing is skipped silently."""

from __future__ import annotations

import base64
import json
import struct
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

import pytest

import alexpay
from conftest import vectors_dir

Json = Any
Outcome = Tuple[str, Any]  # ("ok", value) or ("error", AlexpayError)


# ---------------------------------------------------------------- helpers


def body_of(v: Dict[str, Json]) -> bytes:
    if isinstance(v.get("body"), str):
        return v["body"].encode("utf-8")
    if isinstance(v.get("body_base64"), str):
        return base64.b64decode(v["body_base64"])
    raise AssertionError(f"vector lacks body: {v}")


def bodies_of(v: Dict[str, Json]) -> List[Any]:
    """Bodies are passed as bytes; text bodies are also tried as str and as
    bytearray/memoryview, which must give the same outcome."""
    raw = body_of(v)
    forms: List[Any] = [raw, bytearray(raw), memoryview(raw)]
    if isinstance(v.get("body"), str):
        forms.append(v["body"])
    return forms


def same(want: Json, have: Json) -> bool:
    """Vector equality: numbers by value, bools only equal bools, null == None."""
    if isinstance(have, Decimal):
        # Money comes back as int or Decimal, never a float.
        return isinstance(want, (int, float)) and not isinstance(want, bool) and Decimal(repr(want)) == have
    if isinstance(have, float):
        return False
    if isinstance(want, bool) or isinstance(have, bool):
        return isinstance(want, bool) and isinstance(have, bool) and want == have
    if isinstance(want, (int, float)) and isinstance(have, (int, float)):
        return float(want) == float(have)
    if isinstance(want, dict) and isinstance(have, dict):
        return want.keys() == have.keys() and all(same(want[k], have[k]) for k in want)
    if isinstance(want, list) and isinstance(have, list):
        return len(want) == len(have) and all(same(a, b) for a, b in zip(want, have))
    return bool(want == have) and type(want) is type(have)


def error_json(e: alexpay.AlexpayError) -> Dict[str, Json]:
    return {
        "code": e.code,
        "field": e.field,
        "http_status": e.http_status,
        "retryable": e.retryable,
        "api_code": e.api_code,
        "api_message": e.api_message,
    }


def run(fn: Callable[[], Json]) -> Outcome:
    try:
        return ("ok", fn())
    except alexpay.AlexpayError as e:
        return ("error", e)


def check(expect: Dict[str, Json], got: Outcome) -> None:
    kind, value = got
    if "ok" in expect:
        if kind == "error":
            pytest.fail(f"want ok {expect['ok']!r}\n got error {error_json(value)} ({value})")
        assert same(expect["ok"], value), f"want {expect['ok']!r}\n got {value!r}"
    elif "error" in expect:
        if kind == "ok":
            pytest.fail(f"want error {expect['error']!r}\n got ok {value!r}")
        have = error_json(value)
        wrong = {k: (w, have.get(k)) for k, w in expect["error"].items() if not same(w, have.get(k))}
        assert not wrong, f"error differs (want, have): {wrong}\n message: {value}"
        check_family(value)
    else:
        pytest.fail(f"vector has neither ok nor error: {expect}")


FAMILY = {
    "ValidationError": alexpay.ValidationError,
    "ApiError": alexpay.ApiError,
    "WebhookError": alexpay.WebhookError,
    "ConflictError": alexpay.ConflictError,
}


def check_family(e: alexpay.AlexpayError) -> None:
    """The class matches the code's family (docs/errors.md)."""
    code = e.code
    if code.startswith("invalid_") or code == "missing_bank_details":
        assert isinstance(e, alexpay.ValidationError) and isinstance(e, ValueError), repr(e)
    elif code.startswith("webhook_"):
        assert isinstance(e, alexpay.WebhookError), repr(e)
    elif code in ("status_conflict", "payout_id_mismatch"):
        assert isinstance(e, alexpay.ConflictError), repr(e)
    else:
        assert isinstance(e, alexpay.ApiError), repr(e)


def same_outcome(outcomes: List[Outcome]) -> Outcome:
    """All body forms must agree; returns the first."""
    first = outcomes[0]
    for other in outcomes[1:]:
        assert other[0] == first[0], f"body forms disagree: {first} vs {other}"
        if first[0] == "ok":
            assert repr(other[1]) == repr(first[1])
        else:
            assert error_json(other[1]) == error_json(first[1]) and type(other[1]) is type(first[1])
    return first


def make_client(cfg: Dict[str, Json]) -> alexpay.Client:
    kwargs = {k: cfg[k] for k in ("public_key", "secret_key", "base_url", "user_agent", "max_body_bytes") if k in cfg}
    return alexpay.Client(**kwargs)


def request_json(r: alexpay.HttpRequest) -> Dict[str, Json]:
    assert isinstance(r.body, bytes) and isinstance(r.headers, dict)
    return {
        "method": r.method,
        "url": r.url,
        "headers": r.headers,
        "body": r.body.decode("utf-8") if r.body else None,
    }


def payout_json(p: alexpay.Payout) -> Dict[str, Json]:
    return {
        "payout_id": p.payout_id,
        "amount": p.amount,
        "status": p.status,
        "raw_status": p.raw_status,
        "message": p.message,
    }


def report_json(r: alexpay.StatusReport) -> Dict[str, Json]:
    names = (
        "id reference amount charge currency status raw_status environment type method "
        "operator narration is_disbursed created_at updated_at"
    ).split()
    return {n: getattr(r, n) for n in names}


def status_report(v: Dict[str, Json]) -> alexpay.StatusReport:
    return alexpay.parse_status_response(v["http_status"], body_of(v))


# ---------------------------------------------------------------- runners


def run_client_config(doc: Json, inp: Json) -> Outcome:
    def go() -> Json:
        c = make_client(inp)
        return {"base_url": c.base_url, "user_agent": c.user_agent, "max_body_bytes": c.max_body_bytes}

    return run(go)


def run_payout_request(doc: Json, inp: Json) -> Outcome:
    client = make_client(inp.get("client", doc.get("client")))
    args = dict(inp["args"])  # absent args are not passed; null ones are passed as None
    kind = inp["kind"]
    build = {"mobile_money": client.mobile_money_payout, "bank": client.bank_payout}[kind]
    return run(lambda: request_json(build(**args)))


def run_status_check(doc: Json, inp: Json) -> Outcome:
    client = make_client(inp.get("client", doc.get("client")))
    return run(lambda: request_json(client.status_check(inp["payout_id"])))


def run_payout_response(doc: Json, inp: Json) -> Outcome:
    return same_outcome(
        [run(lambda b=b: payout_json(alexpay.parse_payout_response(inp["http_status"], b))) for b in bodies_of(inp)]
    )


def run_status_response(doc: Json, inp: Json) -> Outcome:
    return same_outcome(
        [run(lambda b=b: report_json(alexpay.parse_status_response(inp["http_status"], b))) for b in bodies_of(inp)]
    )


def run_webhook(doc: Json, inp: Json) -> Outcome:
    raw = body_of(inp)

    def go(body: Any) -> Json:
        e = alexpay.parse_webhook(body)
        assert e.raw.encode("utf-8") == raw, "event.raw must be the body as received"
        return {
            "payout_id": e.payout_id,
            "reference": e.reference,
            "status": e.status,
            "raw_status": e.raw_status,
            "amount": e.amount,
        }

    return same_outcome([run(lambda b=b: go(b)) for b in bodies_of(inp)])


def run_signature(doc: Json, inp: Json) -> Outcome:
    body = inp["body"]
    kwargs = {"tolerance_secs": inp["tolerance_secs"]} if "tolerance_secs" in inp else {}

    def go(h: Any, b: Any) -> Json:
        return alexpay.verify_webhook_signature(inp["secret"], h, b, inp["now"], **kwargs)

    if "header_pairs" in inp:
        # Repeated headers: a list of pairs, as ASGI servers hand them over.
        pairs = [(n, v) for n, v in inp["header_pairs"]]
        return same_outcome([run(lambda: go(pairs, body.encode("utf-8"))), run(lambda: go(pairs, body))])
    headers: Dict[str, str] = inp["headers"]
    # Headers as a dict and as a list of pairs; body as bytes and as text.
    return same_outcome(
        [
            run(lambda: go(headers, body.encode("utf-8"))),
            run(lambda: go(list(headers.items()), body)),
        ]
    )


def run_confirmation(doc: Json, inp: Json) -> Outcome:
    event = alexpay.parse_webhook(inp["webhook_body"].encode("utf-8"))
    report = status_report(inp["status_response"])

    def go() -> Json:
        c = alexpay.confirm_webhook(event, report)
        return {
            "payout_id": c.payout_id,
            "status": c.status,
            "raw_status": c.raw_status,
            "amount": c.amount,
            "event_status": c.event_status,
            "stale": c.stale,
        }

    return run(go)


def run_status(doc: Json, inp: Json) -> Outcome:
    raw = inp["raw"]
    return run(lambda: {"status": alexpay.normalize_status(raw), "is_terminal": alexpay.is_terminal_status(raw)})


def observation(obs: Dict[str, Json]) -> Any:
    ((kind, v),) = obs.items()
    if kind == "status":
        return v
    if kind == "webhook":
        return alexpay.parse_webhook(v.encode("utf-8"))
    if kind == "status_response":
        return status_report(v)
    if kind == "payout_response":
        return alexpay.parse_payout_response(v["http_status"], body_of(v))
    raise AssertionError(f"unknown observation {kind}")


def run_tracker(doc: Json, inp: Json) -> Outcome:
    def go() -> Json:
        t = alexpay.PayoutTracker(inp["payout_id"])
        for i, step in enumerate(inp["steps"]):
            obs = observation(step["observe"])
            expect = step["expect"]
            expect = {"ok": expect} if isinstance(expect, str) else expect
            try:
                check(expect, run(lambda: t.observe(obs)))
            except AssertionError as e:
                raise AssertionError(f"step {i}: {e}") from None
            if "status_after" in step:
                assert t.status == step["status_after"], f"step {i}: status after"
        for poll in inp["polls"]:
            expect = poll["expect"]
            expect = expect if isinstance(expect, dict) and "error" in expect else {"ok": expect}
            try:
                check(expect, run(lambda: t.next_poll_delay_ms(poll["attempt"], poll["jitter"])))
            except AssertionError as e:
                raise AssertionError(f"poll {poll}: {e}") from None
        return {"status": t.status, "raw_status": t.raw_status, "is_terminal": t.is_terminal}

    return run(go)


def run_retry(doc: Json, inp: Json) -> Outcome:
    kwargs = {k: inp[k] for k in ("http_status", "transport_error", "retry_after_secs") if k in inp}
    if "body" in inp:
        kwargs["body"] = inp["body"].encode("utf-8")

    def go() -> Json:
        d = alexpay.retry_decision(inp["operation"], inp["attempt"], **kwargs)
        assert isinstance(d.reason, str) and d.reason
        return {"action": d.action, "delay_ms": d.delay_ms}

    return run(go)


RUNNERS: Dict[str, Callable[[Json, Json], Outcome]] = {
    "client_config.json": run_client_config,
    "payout_requests.json": run_payout_request,
    "status_check_requests.json": run_status_check,
    "payout_responses.json": run_payout_response,
    "status_responses.json": run_status_response,
    "webhooks.json": run_webhook,
    "webhook_signatures.json": run_signature,
    "webhook_confirmations.json": run_confirmation,
    "statuses.json": run_status,
    "tracker.json": run_tracker,
    "retry.json": run_retry,
}


# ---------------------------------------------------------------- collection


def vector_files() -> List[Path]:
    return sorted(vectors_dir().glob("*.json"))


def utf16_text(value: Json) -> Json:
    """`{"utf16": [code units]}` becomes the str they spell, lone surrogates
    included (JSON cannot carry those as text)."""
    if isinstance(value, dict):
        if value.keys() == {"utf16"}:
            units = value["utf16"]
            return struct.pack(f"<{len(units)}H", *units).decode("utf-16-le", "surrogatepass")
        return {k: utf16_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [utf16_text(v) for v in value]
    return value


def load(path: Path) -> Json:
    return utf16_text(json.loads(path.read_text(encoding="utf-8")))


def cases() -> List[Any]:
    params = []
    for path in vector_files():
        doc = load(path)
        for i, case in enumerate(doc.get("cases", [])):
            params.append(pytest.param(path.name, i, id=f"{path.stem}::{case.get('name', i)}"))
    return params


ALL_CASES = cases()


def test_vectors_exist_and_every_file_has_a_runner() -> None:
    files = vector_files()
    assert files, f"no *.json vector files in {vectors_dir()}"
    names = {p.name for p in files}
    assert not names - RUNNERS.keys(), f"vector files without a Python runner: {sorted(names - RUNNERS.keys())}"
    for path in files:
        assert load(path).get("cases"), f"{path.name} has no cases"
    assert len(ALL_CASES) == sum(len(load(p)["cases"]) for p in files)


@pytest.mark.parametrize("file,index", ALL_CASES)
def test_vector(file: str, index: int) -> None:
    doc = load(vectors_dir() / file)
    case = doc["cases"][index]
    runner = RUNNERS.get(file)
    assert runner is not None, f"no Python runner for {file}"
    check(case["expect"], runner(doc, case["input"]))

