"""The public surface of docs/API.md (Python column), its types, docstrings,
and the exception hierarchy."""

from __future__ import annotations

import inspect
import json
from typing import Any, List

import httpx
import pytest
import requests

import alexpay
from conftest import BASE_URL, PUBLIC, SECRET

CLASSES = ["Client", "HttpRequest", "Payout", "StatusReport", "WebhookEvent", "Confirmation", "PayoutTracker", "RetryDecision"]
FUNCTIONS = [
    "parse_payout_response",
    "parse_status_response",
    "parse_webhook",
    "confirm_webhook",
    "verify_webhook_signature",
    "sign_webhook",
    "normalize_status",
    "is_terminal_status",
    "retry_decision",
]
ERRORS = ["AlexpayError", "ValidationError", "ApiError", "WebhookError", "ConflictError"]
ATTRIBUTES = {
    "Client": ["public_key", "base_url", "user_agent", "mobile_money_payout", "bank_payout", "status_check"],
    "HttpRequest": ["method", "url", "headers", "body"],
    "Payout": ["payout_id", "amount", "status", "raw_status", "message"],
    "StatusReport": (
        "id reference amount charge currency status raw_status environment type method operator narration "
        "is_disbursed created_at updated_at"
    ).split(),
    "WebhookEvent": ["payout_id", "reference", "status", "raw_status", "amount", "raw"],
    "Confirmation": ["payout_id", "status", "raw_status", "amount"],
    "PayoutTracker": ["observe", "status", "raw_status", "is_terminal", "payout_id", "next_poll_delay_ms"],
    "RetryDecision": ["action", "delay_ms", "reason"],
}


def test_every_documented_name_is_exported() -> None:
    for name in CLASSES + FUNCTIONS + ERRORS + ["MAX_AMOUNT", "DEFAULT_USER_AGENT", "DEFAULT_TOLERANCE_SECS"]:
        assert hasattr(alexpay, name), name
        assert name in alexpay.__all__, name
    for cls, attrs in ATTRIBUTES.items():
        for attr in attrs:
            assert hasattr(getattr(alexpay, cls), attr), f"{cls}.{attr}"
    assert alexpay.MAX_AMOUNT == 2**53 - 1
    assert alexpay.DEFAULT_TOLERANCE_SECS == 300
    assert alexpay.DEFAULT_USER_AGENT.startswith("alexpay-sdk/")


def test_every_public_name_has_a_docstring() -> None:
    missing: List[str] = []
    assert alexpay.__doc__ and "Quickstart" in alexpay.__doc__
    for name in CLASSES + FUNCTIONS + ERRORS:
        obj = getattr(alexpay, name)
        if not (obj.__doc__ or "").strip():
            missing.append(name)
        if inspect.isclass(obj):
            for attr, member in vars(obj).items():
                if attr.startswith("_"):
                    continue
                if not (getattr(member, "__doc__", None) or "").strip():
                    missing.append(f"{name}.{attr}")
    assert not missing, f"no docstring: {missing}"


def test_help_on_client_is_useful() -> None:
    text = pydoc_text(alexpay.Client)
    for needle in ["public_key", "secret_key", "base_url", "mobile_money_payout", "bank_payout", "status_check",
                   "phone_number", "ValidationError", "HttpRequest"]:
        assert needle in text, needle
    assert inspect.signature(alexpay.Client.mobile_money_payout).parameters["amount"].kind == inspect.Parameter.KEYWORD_ONLY


def pydoc_text(obj: Any) -> str:
    import pydoc

    return pydoc.render_doc(obj, renderer=pydoc.plaintext)


def test_keyword_only_configuration() -> None:
    with pytest.raises(TypeError):
        alexpay.Client(PUBLIC, SECRET, BASE_URL)  # type: ignore[misc]
    with pytest.raises(TypeError):
        alexpay.Client(public_key=PUBLIC, secret_key=SECRET)  # type: ignore[call-arg]
    c = alexpay.Client(public_key=PUBLIC, secret_key=SECRET, base_url=BASE_URL + "/", user_agent="shop/1.0")
    assert (c.public_key, c.base_url, c.user_agent) == (PUBLIC, BASE_URL, "shop/1.0")
    with pytest.raises(alexpay.ValidationError):
        alexpay.Client(public_key=PUBLIC, secret_key=SECRET, base_url=BASE_URL, user_agent=" shop/1.0 ")


def test_exception_hierarchy() -> None:
    assert issubclass(alexpay.AlexpayError, Exception)
    for name in ERRORS[1:]:
        assert issubclass(getattr(alexpay, name), alexpay.AlexpayError)
    assert issubclass(alexpay.ValidationError, ValueError)
    assert not issubclass(alexpay.ApiError, ValueError)
    assert alexpay.ValidationError.__module__ == "alexpay"


def test_families_and_attributes(client: alexpay.Client) -> None:
    with pytest.raises(alexpay.ValidationError) as v:
        client.mobile_money_payout(amount=1, country_id="GH", phone_number="")
    assert (v.value.code, v.value.field, v.value.http_status, v.value.retryable) == (
        "invalid_phone_number",
        "phone_number",
        None,
        False,
    )
    with pytest.raises(alexpay.ApiError) as a:
        alexpay.parse_status_response(503, b'{"status":"error","code":"E503","message":"down"}')
    assert (a.value.code, a.value.field, a.value.http_status, a.value.retryable, a.value.api_code, a.value.api_message) == (
        "server_error",
        None,
        503,
        True,
        "E503",
        "down",
    )
    with pytest.raises(alexpay.WebhookError) as w:
        alexpay.parse_webhook(b"{}")
    assert (w.value.code, w.value.field) == ("webhook_malformed", "body")
    t = alexpay.PayoutTracker("PO_1")
    t.observe("successful")
    with pytest.raises(alexpay.ConflictError) as c:
        t.observe("failed")
    assert (c.value.code, c.value.field) == ("status_conflict", "status")
    assert str(c.value).startswith("status: ")
    assert repr(c.value).startswith("ConflictError(code='status_conflict', field='status'")


def test_http_request_works_with_httpx_and_requests(client: alexpay.Client) -> None:
    r = client.mobile_money_payout(amount=1500, country_id="GH", phone_number="+233 24 123 4567", narration="x")
    assert r.method == "POST" and r.url == BASE_URL + "/v1/payment/payouts/process"
    assert isinstance(r.headers, dict) and isinstance(r.body, bytes)
    assert json.loads(r.body) == {
        "amount": 1500,
        "countryId": "GH",
        "transfer_to": "mobile_number",
        "momo_phone_number": "233241234567",
        "narration": "x",
    }
    hx = httpx.Request(r.method, r.url, headers=r.headers, content=r.body)
    assert hx.headers["secret-key"] == SECRET and hx.headers["content-type"] == "application/json"
    assert hx.read() == r.body
    prepared = requests.Request(r.method, r.url, headers=r.headers, data=r.body).prepare()
    assert prepared.body == r.body and prepared.headers["public-key"] == PUBLIC
    # Each access gives a fresh dict: mutating it cannot change the request.
    r.headers["secret-key"] = "changed"
    assert r.headers["secret-key"] == SECRET
    get = client.status_check("PO_1")
    assert (get.method, get.body) == ("GET", b"")
    assert "content-type" not in get.headers


def test_statuses_and_tracker() -> None:
    assert [alexpay.normalize_status(s) for s in ("processing", "successful", "failed", "weird")] == [
        "pending",
        "succeeded",
        "failed",
        "unknown",
    ]
    assert alexpay.is_terminal_status("succeeded") and alexpay.is_terminal_status("successful")
    assert not alexpay.is_terminal_status("pending")
    t = alexpay.PayoutTracker("PO_9")
    assert (t.payout_id, t.status, t.raw_status, t.is_terminal) == ("PO_9", "pending", "", False)
    assert t.next_poll_delay_ms(1, 0.5) == 3000
    assert t.observe("Successful") == "changed" and t.raw_status == "Successful"
    assert t.observe("processing") == "ignored" and t.next_poll_delay_ms(0, 0.5) is None


def test_retry_policy() -> None:
    d = alexpay.retry_decision("payout", 1, http_status=502)
    assert (d.action, d.delay_ms) == ("do_not_resend", 0)
    d = alexpay.retry_decision("payout", 1, transport_error="connect")
    assert (d.action, d.delay_ms) == ("retry", 500)
    d = alexpay.retry_decision(operation="status_check", attempt=2, http_status=429, retry_after_secs=3)
    assert (d.action, d.delay_ms) == ("retry", 3000)
    assert alexpay.retry_decision("status_check", 5, http_status=503).action == "stop"


def test_signatures_round_trip() -> None:
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    body = '{"payout_id":"PO_1","status":"successful"}'
    sig = alexpay.sign_webhook(secret, "msg_1", 1_700_000_000, body)
    assert sig.startswith("v1,")
    headers = httpx.Headers({"Webhook-Id": "msg_1", "Webhook-Timestamp": "1700000000", "Webhook-Signature": sig})
    assert alexpay.verify_webhook_signature(secret, headers, body.encode(), 1_700_000_100) is None
    with pytest.raises(alexpay.WebhookError) as e:
        alexpay.verify_webhook_signature(secret, headers, body, 1_700_000_000 + 301)
    assert e.value.code == "webhook_timestamp_out_of_range"
    alexpay.verify_webhook_signature(secret, headers, body, 1_700_000_000 + 301, tolerance_secs=400)


def test_a_tracker_is_not_shared_state_between_threads_unsafely() -> None:
    import threading

    t = alexpay.PayoutTracker("PO_1")
    errors: List[BaseException] = []

    def worker() -> None:
        for raw in ("processing", "pending", "queued") * 200:
            try:
                t.observe(raw)
            except RuntimeError:  # pyo3's borrow check if two threads collide
                pass
            except BaseException as e:  # pragma: no cover
                errors.append(e)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors and t.status == "pending"


def test_error_code_literal_lists_every_documented_code() -> None:
    import re
    import typing

    from conftest import REPO

    documented = re.findall(r"^\| `([a-z_]+)` \|", (REPO / "docs" / "errors.md").read_text(), re.M)
    assert sorted(typing.get_args(alexpay.ErrorCode)) == sorted(documented)


def test_money_is_never_a_float() -> None:
    from decimal import Decimal

    body = b'{"status":"success","code":200,"data":{"id":"PO_1","status":"successful","amount":"1500","charge":12.5}}'
    report = alexpay.parse_status_response(200, body)
    assert report.amount == 1500 and type(report.amount) is int
    assert report.charge == Decimal("12.5") and isinstance(report.charge, Decimal)
    tiny = alexpay.parse_status_response(200, body.replace(b"12.5", b"0.1"))
    assert tiny.charge == Decimal("0.1")


def test_parsed_objects_are_value_objects() -> None:
    import pickle

    body = b'{"status":"success","code":200,"data":{"id":"PO_1","reference":"PY_1","status":"failed","amount":12.5,"charge":"1","is_disbursed":"false","reason":"closed"}}'
    report = alexpay.parse_status_response(200, body)
    assert report == alexpay.parse_status_response(200, body)
    assert report != alexpay.parse_status_response(200, body.replace(b"failed", b"successful"))
    again = pickle.loads(pickle.dumps(report))
    assert again == report and again.to_dict() == report.to_dict()
    assert report.to_dict()["message"] == "closed" and report.to_dict()["is_disbursed"] is False
    payout = alexpay.parse_payout_response(200, b'{"status":"success","code":0,"message":"ok","data":{"payout_id":"PO_1","status":"processing","amount":100}}')
    assert pickle.loads(pickle.dumps(payout)) == payout
    event = alexpay.parse_webhook(b'{"payout_id":"PO_1","status":"successful"}')
    assert pickle.loads(pickle.dumps(event)) == event
    result = alexpay.PayoutResult(payout_id="PO_1", status="failed", report=report, message="closed")
    assert pickle.loads(pickle.dumps(result)) == result


def test_objects_holding_the_secret_key_cannot_be_pickled() -> None:
    import pickle

    with pytest.raises(TypeError):
        pickle.dumps(alexpay.Client(public_key=PUBLIC, secret_key=SECRET, base_url=BASE_URL))
    request = alexpay.Client(public_key=PUBLIC, secret_key=SECRET, base_url=BASE_URL).status_check("PO_1")
    with pytest.raises(TypeError):
        pickle.dumps(request)
