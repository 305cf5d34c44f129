"""Hostile input: wrong types, unicode digits, NUL bytes, 10 MB strings,
negative/zero/huge amounts, malformed and deeply nested JSON. Every call ends
in a value or a typed exception (TypeError naming the argument, or an
AlexpayError with a code): never a panic, SystemError or crash."""

from __future__ import annotations

import math
from decimal import Decimal
from enum import IntEnum
from typing import Any, Callable, Dict, List, Optional, Tuple, Type

import pytest

import alexpay
from conftest import BASE_URL, PUBLIC, SECRET

MB10 = 10 * 1024 * 1024
WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


def raises_typed(
    fn: Callable[[], Any],
    exc: Type[BaseException] = BaseException,
    code: Optional[str] = None,
    field: Optional[str] = None,
) -> BaseException:
    """Calls fn, which must raise `exc`; AlexpayErrors must carry `code` and
    `field`, TypeErrors must name `field` at the start of their message."""
    with pytest.raises(BaseException) as caught:
        fn()
    e = caught.value
    assert isinstance(e, (TypeError, alexpay.AlexpayError)), f"untyped exception {type(e).__name__}: {e}"
    assert isinstance(e, exc), f"want {exc.__name__}, got {type(e).__name__}: {e}"
    if isinstance(e, alexpay.AlexpayError):
        if code is not None:
            assert e.code == code, repr(e)
        if field is not None:
            assert e.field == field, repr(e)
            assert str(e).startswith(f"{field}: "), str(e)
        assert len(str(e)) < 1000, "messages stay short whatever the input"
    elif field is not None:
        assert field in str(e), f"TypeError does not name {field}: {e}"
    return e


def outcome_is_typed(fn: Callable[[], Any]) -> None:
    """Either a value or a typed exception."""
    try:
        fn()
    except (TypeError, alexpay.AlexpayError) as e:
        assert len(str(e)) < 2000
    except BaseException as e:  # pragma: no cover - the failure being tested for
        pytest.fail(f"untyped exception {type(e).__module__}.{type(e).__name__}: {e!r}"[:500])


# ------------------------------------------------------------------ amounts


class Units(IntEnum):
    HUNDRED = 100


@pytest.mark.parametrize(
    "amount",
    [None, True, False, 1.0, 100.0, 1.5, math.nan, math.inf, "100", "１００", b"100", Decimal("100"), [100], {}],
    ids=repr,
)
def test_amount_of_the_wrong_type_is_a_type_error(client: alexpay.Client, amount: Any) -> None:
    e = raises_typed(lambda: client.mobile_money_payout(amount=amount, country_id="GH"), TypeError, field="amount")
    assert "int" in str(e)
    raises_typed(
        lambda: client.bank_payout(amount=amount, country_id="GH", bank_id="B", account_number="1"),
        TypeError,
        field="amount",
    )


@pytest.mark.parametrize(
    "amount",
    [0, -1, -(2**63), -(2**64), -(10**40), 2**53, 2**63, 2**64, 2**127, 2**128, 10**40, 10**400, -(10**400)],
    ids=lambda a: f"{'-' if a < 0 else ''}{len(str(abs(a)))}digits" if abs(a) > 10**6 else str(a),
)
def test_amount_out_of_range_is_invalid_amount(client: alexpay.Client, amount: int) -> None:
    raises_typed(
        lambda: client.mobile_money_payout(amount=amount, country_id="GH"),
        alexpay.ValidationError,
        code="invalid_amount",
        field="amount",
    )


def test_amount_bounds_and_int_subclasses(client: alexpay.Client) -> None:
    for ok in (1, alexpay.MAX_AMOUNT, Units.HUNDRED):
        req = client.mobile_money_payout(amount=ok, country_id="GH")
        assert req.body.startswith(b'{"amount":%d,' % int(ok))


# ------------------------------------------------------------------ text fields


@pytest.mark.parametrize("value", [5, 5.0, True, b"GH", bytearray(b"GH"), ["GH"], object()], ids=repr)
def test_text_fields_of_the_wrong_type(client: alexpay.Client, value: Any) -> None:
    raises_typed(lambda: client.mobile_money_payout(amount=1, country_id=value), TypeError, field="country_id")
    for name in ("phone_number", "narration", "webhook_url"):
        kwargs: Dict[str, Any] = {name: value}
        raises_typed(
            lambda: client.mobile_money_payout(amount=1, country_id="GH", **kwargs), TypeError, field=name
        )
    for name in ("bank_id", "account_number"):
        args: Dict[str, Any] = {"bank_id": "B", "account_number": "1", name: value}
        raises_typed(lambda: client.bank_payout(amount=1, country_id="GH", **args), TypeError, field=name)
    raises_typed(lambda: client.status_check(value), TypeError, field="payout_id")
    raises_typed(lambda: alexpay.PayoutTracker(value), TypeError, field="payout_id")
    raises_typed(lambda: alexpay.normalize_status(value), TypeError, field="status")


def test_country_id_none_is_a_type_error(client: alexpay.Client) -> None:
    raises_typed(lambda: client.mobile_money_payout(amount=1, country_id=None), TypeError, field="country_id")
    raises_typed(lambda: client.status_check(None), TypeError, field="payout_id")


@pytest.mark.parametrize(
    "phone",
    ["٠٢٤١٢٣٤٥٦٧", "۰۲۴۱۲۳۴۵۶۷", "०२४१२३४५६७", "０２４１２３４５６７", "02412345６7", "233²41234567"],
)
def test_unicode_digits_are_not_phone_digits(client: alexpay.Client, phone: str) -> None:
    raises_typed(
        lambda: client.mobile_money_payout(amount=1, country_id="GH", phone_number=phone),
        alexpay.ValidationError,
        code="invalid_phone_number",
        field="phone_number",
    )


def test_unicode_digits_elsewhere(client: alexpay.Client) -> None:
    raises_typed(lambda: client.status_check("PO_١٢٣"), alexpay.ValidationError, "invalid_payout_id", "payout_id")
    raises_typed(
        lambda: alexpay.Client(public_key="pk_١", secret_key=SECRET, base_url=BASE_URL),
        alexpay.ValidationError,
        "invalid_credentials",
        "public_key",
    )
    # Non-ASCII text that is not a control character is fine in a narration.
    assert "١٢٣".encode() in client.mobile_money_payout(amount=1, country_id="GH", narration="order ١٢٣").body


NUL_CASES: List[Tuple[str, str, Dict[str, Any]]] = [
    ("country_id", "invalid_country_id", {"country_id": "G\x00H"}),
    ("phone_number", "invalid_phone_number", {"phone_number": "0241234567\x00"}),
    ("narration", "invalid_narration", {"narration": "pay\x00ment"}),
    ("webhook_url", "invalid_webhook_url", {"webhook_url": "https://hooks.example/\x00"}),
]


@pytest.mark.parametrize("field,code,kwargs", NUL_CASES, ids=[c[0] for c in NUL_CASES])
def test_nul_bytes_in_payout_fields(client: alexpay.Client, field: str, code: str, kwargs: Dict[str, Any]) -> None:
    args: Dict[str, Any] = {"amount": 1, "country_id": "GH", **kwargs}
    raises_typed(lambda: client.mobile_money_payout(**args), alexpay.ValidationError, code, field)


def test_nul_bytes_elsewhere(client: alexpay.Client) -> None:
    raises_typed(
        lambda: client.bank_payout(amount=1, country_id="GH", bank_id="B\x00", account_number="1"),
        alexpay.ValidationError,
        "invalid_bank_details",
        "bank_id",
    )
    raises_typed(lambda: client.status_check("PO\x00"), alexpay.ValidationError, "invalid_payout_id", "payout_id")
    for kwargs, field, code in [
        ({"public_key": "pk\x00"}, "public_key", "invalid_credentials"),
        ({"secret_key": SECRET + "\x00"}, "secret_key", "invalid_credentials"),
        ({"base_url": BASE_URL + "\x00"}, "base_url", "invalid_base_url"),
        ({"user_agent": "ua\x00"}, "user_agent", "invalid_user_agent"),
    ]:
        cfg: Dict[str, Any] = {"public_key": PUBLIC, "secret_key": SECRET, "base_url": BASE_URL, **kwargs}
        raises_typed(lambda: alexpay.Client(**cfg), alexpay.ValidationError, code, field)
    assert alexpay.normalize_status("\x00") == "unknown"


def test_lone_surrogates_are_refused_with_the_field_named(client: alexpay.Client) -> None:
    raises_typed(
        lambda: client.mobile_money_payout(amount=1, country_id="G\ud800H"),
        alexpay.ValidationError,
        "invalid_argument",
        "country_id",
    )
    raises_typed(
        lambda: alexpay.Client(public_key=PUBLIC, secret_key="sk_\udfff", base_url=BASE_URL),
        alexpay.ValidationError,
        "invalid_argument",
        "secret_key",
    )
    # In a header value too (never replaced by U+FFFD).
    headers = {"webhook-id": "msg_\ud800", "webhook-timestamp": "1", "webhook-signature": "v1,x"}
    raises_typed(
        lambda: alexpay.verify_webhook_signature("whsec_AAAA", headers, b"{}", 1),
        alexpay.ValidationError,
        "invalid_argument",
        "headers",
    )
    # As a body, a lone surrogate makes the text not UTF-8: the core refuses it.
    raises_typed(lambda: alexpay.parse_webhook('{"id":"\ud800"}'), alexpay.WebhookError, "webhook_malformed", "body")
    raises_typed(lambda: alexpay.parse_payout_response(200, "\udcff"), alexpay.ApiError, "unexpected_response")


def test_now_in_milliseconds_is_named() -> None:
    headers = {"webhook-id": "msg_1", "webhook-timestamp": "1700000000", "webhook-signature": "v1,x"}
    with pytest.raises(alexpay.WebhookError, match="looks like milliseconds") as e:
        alexpay.verify_webhook_signature("whsec_AAAA", headers, b"{}", 1_700_000_000_123)
    assert e.value.code == "webhook_timestamp_out_of_range"


# ------------------------------------------------------------------ 10 MB strings


def test_ten_megabyte_strings(client: alexpay.Client) -> None:
    big = "7" * MB10
    for field, code in [
        ("country_id", "invalid_country_id"),
        ("phone_number", "invalid_phone_number"),
        ("narration", "invalid_narration"),
        ("webhook_url", "invalid_webhook_url"),
    ]:
        args: Dict[str, Any] = {"amount": 1, "country_id": "GH", field: big}
        raises_typed(lambda: client.mobile_money_payout(**args), alexpay.ValidationError, code, field)
    raises_typed(lambda: client.status_check(big), alexpay.ValidationError, "invalid_payout_id", "payout_id")
    raises_typed(lambda: alexpay.PayoutTracker(big), alexpay.ValidationError, "invalid_payout_id", "payout_id")
    raises_typed(
        lambda: alexpay.Client(public_key=PUBLIC, secret_key=SECRET, base_url="https://" + "a" * MB10),
        alexpay.ValidationError,
        "invalid_base_url",
        "base_url",
    )
    raises_typed(
        lambda: alexpay.Client(public_key=PUBLIC, secret_key=SECRET, base_url=BASE_URL, user_agent="u" * MB10),
        alexpay.ValidationError,
        "invalid_user_agent",
        "user_agent",
    )
    assert alexpay.normalize_status(big) == "unknown"
    tracker = alexpay.PayoutTracker("PO_1")
    assert tracker.observe(big) == "changed" and tracker.status == "unknown"
    assert len(repr(tracker)) < 1000, "reprs stay short"


def test_ten_megabyte_keys_do_not_crash() -> None:
    # The core sets no length limit on keys; either outcome is typed.
    outcome_is_typed(lambda: alexpay.Client(public_key="p" * MB10, secret_key=SECRET, base_url=BASE_URL))


MB1 = 1024 * 1024 - 64  # just under the default body cap (1 MiB)


def test_ten_megabyte_bodies_are_refused_unread() -> None:
    junk = b"<html>" + b"x" * MB10
    e = raises_typed(lambda: alexpay.parse_payout_response(200, junk), alexpay.ApiError, "response_too_large")
    assert not e.retryable and e.http_status == 200 and len(str(e)) < 400
    e = raises_typed(lambda: alexpay.parse_status_response(502, junk), alexpay.ApiError, "response_too_large")
    assert e.retryable
    raises_typed(lambda: alexpay.parse_webhook(junk), alexpay.WebhookError, "webhook_too_large", "body")


def test_bodies_just_under_the_cap() -> None:
    junk = b"<html>" + b"x" * MB1
    e = raises_typed(lambda: alexpay.parse_payout_response(200, junk), alexpay.ApiError, "unexpected_response")
    assert len(str(e)) < 400
    raises_typed(lambda: alexpay.parse_status_response(502, junk), alexpay.ApiError, "server_error")
    raises_typed(lambda: alexpay.parse_webhook(junk), alexpay.WebhookError, "webhook_malformed", "body")
    padded = b'{"payout_id":"PO_1","status":"successful","pad":"' + b"p" * MB1 + b'"}'
    event = alexpay.parse_webhook(padded)
    assert event.payout_id == "PO_1" and len(event.raw) == len(padded)
    assert len(repr(event)) < 1000
    huge_message = b'{"status":"error","code":400,"message":"' + b"m" * MB1 + b'"}'
    e = raises_typed(lambda: alexpay.parse_payout_response(400, huge_message), alexpay.ApiError, "request_rejected")
    assert len(str(e)) < 400 and len(repr(e)) < 600
    outcome_is_typed(
        lambda: alexpay.verify_webhook_signature(
            WEBHOOK_SECRET,
            {"webhook-id": "x" * MB10, "webhook-timestamp": "1", "webhook-signature": "v1," + "A" * MB10},
            padded,
            1,
        )
    )


# ------------------------------------------------------------------ malformed and nested JSON

MALFORMED = [
    b"",
    b" ",
    b"\x00",
    b"\xff\xfe\xfd",
    b"null",
    b"true",
    b"[]",
    b'"text"',
    b"1e999",
    b"{",
    b'{"payout_id":',
    b'{"payout_id":"PO_1"',
    b'{"payout_id":"PO_\x00"}',
    b'{"payout_id":"\\ud800"}',
    b'{"payout_id":NaN}',
    b"{'payout_id':'PO_1'}",
    b'{"data":[]}',
    b'{"data":"x"}',
    b'{"data":{"payout_id":{}}}',
    b'{"payout_id":""}',
    b'{"payout_id":"   "}',
    b"\xef\xbb\xbf{}",
]


@pytest.mark.parametrize("body", MALFORMED, ids=repr)
def test_malformed_webhooks_are_webhook_malformed(body: bytes) -> None:
    raises_typed(lambda: alexpay.parse_webhook(body), alexpay.WebhookError, "webhook_malformed", "body")


@pytest.mark.parametrize("body", MALFORMED, ids=repr)
@pytest.mark.parametrize("status", [200, 201, 400, 404, 429, 500, 503, 302, 0, 999, 65535])
def test_malformed_responses_are_api_errors(body: bytes, status: int) -> None:
    raises_typed(lambda: alexpay.parse_payout_response(status, body), alexpay.ApiError)
    raises_typed(lambda: alexpay.parse_status_response(status, body), alexpay.ApiError)


@pytest.mark.parametrize("depth", [100, 127, 128, 129, 1_000, 100_000, 1_000_000])
@pytest.mark.parametrize("shape", ["array", "object", "data"])
def test_deeply_nested_json(depth: int, shape: str) -> None:
    if shape == "array":
        body = b"[" * depth + b"]" * depth
    elif shape == "object":
        body = b'{"a":' * depth + b"1" + b"}" * depth
    else:
        body = b'{"status":"success","code":0,"data":' + b'{"d":' * depth + b"1" + b"}" * depth + b"}"
    outcome_is_typed(lambda: alexpay.parse_webhook(body))
    outcome_is_typed(lambda: alexpay.parse_payout_response(200, body))
    outcome_is_typed(lambda: alexpay.parse_status_response(200, body))
    outcome_is_typed(lambda: alexpay.sign_webhook(WEBHOOK_SECRET, "id", 1, body))


def test_unclosed_deep_nesting() -> None:
    body = b"[" * 1_000_000  # under the body cap, so it is parsed
    raises_typed(lambda: alexpay.parse_webhook(body), alexpay.WebhookError, "webhook_malformed")
    raises_typed(lambda: alexpay.parse_status_response(200, body), alexpay.ApiError, "unexpected_response")


# ------------------------------------------------------------------ bodies and webhooks


@pytest.mark.parametrize(
    "body", [{"payout_id": "PO_1"}, [{"payout_id": "PO_1"}], ("PO_1",), None, 1, 1.5, True, object()], ids=repr
)
def test_parsed_or_wrong_bodies_are_type_errors(body: Any) -> None:
    e = raises_typed(lambda: alexpay.parse_webhook(body), TypeError, field="body")
    assert "raw" in str(e)
    if isinstance(body, (dict, list, tuple)):
        assert "parsed" in str(e), "a parsed body is named as such"
    raises_typed(lambda: alexpay.parse_payout_response(200, body), TypeError, field="body")
    raises_typed(lambda: alexpay.parse_status_response(200, body), TypeError, field="body")
    raises_typed(lambda: alexpay.sign_webhook(WEBHOOK_SECRET, "id", 1, body), TypeError, field="body")
    raises_typed(
        lambda: alexpay.verify_webhook_signature(WEBHOOK_SECRET, {}, body, 1), TypeError, field="body"
    )


@pytest.mark.parametrize("status", ["200", 200.0, True, None, b"200"], ids=repr)
def test_http_status_of_the_wrong_type(status: Any) -> None:
    raises_typed(lambda: alexpay.parse_payout_response(status, b"{}"), TypeError, field="http_status")
    raises_typed(lambda: alexpay.parse_status_response(status, b"{}"), TypeError, field="http_status")


@pytest.mark.parametrize("status", [-1, 65536, 2**64, 10**100])
def test_http_status_out_of_range(status: int) -> None:
    raises_typed(
        lambda: alexpay.parse_payout_response(status, b"{}"), alexpay.ValidationError, "invalid_argument", "http_status"
    )


def test_body_types_are_equivalent() -> None:
    raw = b'{"payout_id":"PO_1","status":"successful"}'
    forms = [raw, bytearray(raw), memoryview(raw), raw.decode(), memoryview(b"xx" + raw + b"yy")[2:-2]]
    assert {repr(alexpay.parse_webhook(f)) for f in forms} == {repr(alexpay.parse_webhook(raw))}


def test_confirm_webhook_wrong_types() -> None:
    event = alexpay.parse_webhook(b'{"payout_id":"PO_1","status":"successful"}')
    report = alexpay.parse_status_response(200, b'{"status":"success","code":200,"data":{"id":"PO_1","status":"successful"}}')
    raises_typed(lambda: alexpay.confirm_webhook({"payout_id": "PO_1"}, report), TypeError, field="event")
    raises_typed(lambda: alexpay.confirm_webhook(event, {"id": "PO_1"}), TypeError, field="report")
    raises_typed(lambda: alexpay.confirm_webhook(report, event), TypeError, field="event")
    assert alexpay.confirm_webhook(event, report).status == "succeeded"


def test_verify_signature_hostile_arguments() -> None:
    body = b'{"payout_id":"PO_1"}'
    sig = alexpay.sign_webhook(WEBHOOK_SECRET, "msg_1", 1_700_000_000, body)
    good = {"webhook-id": "msg_1", "webhook-timestamp": "1700000000", "webhook-signature": sig}
    alexpay.verify_webhook_signature(WEBHOOK_SECRET, good, body, 1_700_000_000)
    # Header containers: dict, list of pairs (str or bytes), objects with .items().
    alexpay.verify_webhook_signature(WEBHOOK_SECRET, list(good.items()), body, 1_700_000_000)
    as_bytes = [(k.encode(), v.encode()) for k, v in good.items()]
    alexpay.verify_webhook_signature(WEBHOOK_SECRET, as_bytes, body, 1_700_000_000)
    alexpay.verify_webhook_signature(WEBHOOK_SECRET, {k.upper(): v for k, v in good.items()}, body, 1_700_000_000)
    for headers in ["webhook-id: x", b"raw", None, 5, [("a",)], [("a", "b", "c")], ["ab"], {"webhook-id": 5}]:
        raises_typed(
            lambda: alexpay.verify_webhook_signature(WEBHOOK_SECRET, headers, body, 1_700_000_000),
            TypeError,
            field="headers",
        )
    for now in [1.7e9, "1700000000", None, True]:
        raises_typed(lambda: alexpay.verify_webhook_signature(WEBHOOK_SECRET, good, body, now), TypeError, field="now")
    for now in [2**63, -(2**63) - 1, 10**30]:
        raises_typed(
            lambda: alexpay.verify_webhook_signature(WEBHOOK_SECRET, good, body, now),
            alexpay.ValidationError,
            "invalid_argument",
            "now",
        )
    raises_typed(
        lambda: alexpay.verify_webhook_signature(WEBHOOK_SECRET, good, body, 1_700_000_000, tolerance_secs=-1),
        alexpay.ValidationError,
        "invalid_argument",
        "tolerance_secs",
    )
    raises_typed(
        lambda: alexpay.verify_webhook_signature(None, good, body, 1_700_000_000), TypeError, field="secret"
    )
    for secret in ["", "whsec_", "whsec_!!!", "not base64 \x00"]:
        raises_typed(
            lambda: alexpay.verify_webhook_signature(secret, good, body, 1_700_000_000),
            alexpay.ValidationError,
            "invalid_webhook_secret",
            "secret",
        )
    raises_typed(
        lambda: alexpay.verify_webhook_signature(WEBHOOK_SECRET, good, body + b" ", 1_700_000_000),
        alexpay.WebhookError,
        "webhook_signature_invalid",
        "webhook-signature",
    )
    raises_typed(
        lambda: alexpay.sign_webhook(WEBHOOK_SECRET, "id", 1.5, body), TypeError, field="webhook-timestamp"
    )
    raises_typed(lambda: alexpay.sign_webhook(WEBHOOK_SECRET, 5, 1, body), TypeError, field="webhook-id")


# ------------------------------------------------------------------ retry policy and tracker


def test_retry_decision_hostile_arguments() -> None:
    raises_typed(lambda: alexpay.retry_decision(None, 1, http_status=500), TypeError, field="operation")
    raises_typed(
        lambda: alexpay.retry_decision("PAYOUT", 1, http_status=500), alexpay.ValidationError, "invalid_argument",
        "operation",
    )
    for attempt in [True, 1.0, "1", None]:
        raises_typed(lambda: alexpay.retry_decision("payout", attempt, http_status=500), TypeError, field="attempt")
    for attempt in [0, -1, 2**32, 10**50]:
        raises_typed(
            lambda: alexpay.retry_decision("payout", attempt, http_status=500),
            alexpay.ValidationError,
            "invalid_argument",
            "attempt",
        )
    for status in [0, 99, 600, -1, 2**16, 10**50]:
        raises_typed(
            lambda: alexpay.retry_decision("status_check", 1, http_status=status),
            alexpay.ValidationError,
            "invalid_argument",
            "http_status",
        )
    raises_typed(
        lambda: alexpay.retry_decision("payout", 1, transport_error="reset"),
        alexpay.ValidationError,
        "invalid_argument",
        "transport_error",
    )
    raises_typed(lambda: alexpay.retry_decision("payout", 1, transport_error=5), TypeError, field="transport_error")
    raises_typed(
        lambda: alexpay.retry_decision("payout", 1, http_status=429, retry_after_secs=-5),
        alexpay.ValidationError,
        "invalid_argument",
        "retry_after_secs",
    )
    raises_typed(
        lambda: alexpay.retry_decision("payout", 1, http_status=429, retry_after_secs=1.5),
        TypeError,
        field="retry_after_secs",
    )
    raises_typed(lambda: alexpay.retry_decision("payout", 1), alexpay.ValidationError, "invalid_argument")
    huge = alexpay.retry_decision("payout", 1, http_status=429, retry_after_secs=2**64 - 1)
    assert huge.action == "retry" and huge.delay_ms == 3_600_000


def test_tracker_hostile_arguments() -> None:
    raises_typed(lambda: alexpay.PayoutTracker(""), alexpay.ValidationError, "invalid_payout_id", "payout_id")
    raises_typed(lambda: alexpay.PayoutTracker("../x"), alexpay.ValidationError, "invalid_payout_id", "payout_id")
    t = alexpay.PayoutTracker("PO_1")
    for obs in [None, 5, b"successful", {"status": "successful"}, ["successful"], object()]:
        raises_typed(lambda: t.observe(obs), TypeError, field="obs")
    for jitter in [-0.1, 1.1, math.nan, math.inf, 10**400]:
        raises_typed(lambda: t.next_poll_delay_ms(0, jitter), alexpay.ValidationError, "invalid_argument", "jitter")
    for jitter in [True, "0.5", None]:
        raises_typed(lambda: t.next_poll_delay_ms(0, jitter), TypeError, field="jitter")
    for attempt in [-1, 2**32]:
        raises_typed(lambda: t.next_poll_delay_ms(attempt, 0.5), alexpay.ValidationError, "invalid_argument", "attempt")
    assert t.next_poll_delay_ms(2**32 - 1, 1) == 60_000
    assert t.next_poll_delay_ms(0, 0) == 1000
    other = alexpay.parse_webhook(b'{"payout_id":"PO_2","status":"successful"}')
    raises_typed(lambda: t.observe(other), alexpay.ConflictError, "payout_id_mismatch", "payout_id")
    assert t.observe("successful") == "changed"
    raises_typed(lambda: t.observe("failed"), alexpay.ConflictError, "status_conflict", "status")


# ------------------------------------------------------------------ the whole surface against junk

JUNK: List[Any] = [
    None,
    True,
    0,
    -1,
    2**200,
    -(2**200),
    1.5,
    math.nan,
    "",
    "\x00",
    "\ud800",
    "٣",
    "x" * 100_000,
    b"",
    b"\xff",
    bytearray(b"\x00"),
    memoryview(b"{}"),
    [],
    {},
    (1, 2),
    object(),
    Decimal("1"),
]


def signed_headers(body: bytes) -> Dict[str, str]:
    sig = alexpay.sign_webhook(WEBHOOK_SECRET, "msg_1", 1, body)
    return {"webhook-id": "msg_1", "webhook-timestamp": "1", "webhook-signature": sig}


def surface(client: alexpay.Client) -> List[Tuple[str, Callable[..., Any], Dict[str, Any]]]:
    """Each callable with a valid set of keyword arguments."""
    body = b'{"payout_id":"PO_1","status":"successful"}'
    envelope = b'{"status":"success","code":0,"data":{"payout_id":"PO_1","id":"PO_1","status":"processing"}}'
    tracker = alexpay.PayoutTracker("PO_1")
    return [
        ("Client", alexpay.Client, {"public_key": PUBLIC, "secret_key": SECRET, "base_url": BASE_URL, "user_agent": "ua"}),
        (
            "mobile_money_payout",
            client.mobile_money_payout,
            {"amount": 1, "country_id": "GH", "phone_number": "0241234567", "narration": "n", "webhook_url": BASE_URL},
        ),
        (
            "bank_payout",
            client.bank_payout,
            {"amount": 1, "country_id": "GH", "bank_id": "B", "account_number": "1", "narration": "n"},
        ),
        ("status_check", client.status_check, {"payout_id": "PO_1"}),
        ("parse_payout_response", alexpay.parse_payout_response, {"http_status": 200, "body": envelope}),
        ("parse_status_response", alexpay.parse_status_response, {"http_status": 200, "body": envelope}),
        ("parse_webhook", alexpay.parse_webhook, {"body": body}),
        (
            "verify_webhook_signature",
            alexpay.verify_webhook_signature,
            {"secret": WEBHOOK_SECRET, "headers": signed_headers(body), "body": body, "now": 1, "tolerance_secs": 5},
        ),
        ("sign_webhook", alexpay.sign_webhook, {"secret": WEBHOOK_SECRET, "id": "i", "timestamp": 1, "body": body}),
        ("normalize_status", alexpay.normalize_status, {"raw": "ok"}),
        ("is_terminal_status", alexpay.is_terminal_status, {"status": "ok"}),
        (
            "retry_decision",
            alexpay.retry_decision,
            {"operation": "payout", "attempt": 1, "http_status": 429, "retry_after_secs": 1},
        ),
        ("PayoutTracker", alexpay.PayoutTracker, {"payout_id": "PO_1"}),
        ("observe", tracker.observe, {"obs": "pending"}),
        ("next_poll_delay_ms", tracker.next_poll_delay_ms, {"attempt": 0, "jitter": 0.5}),
        (
            "confirm_webhook",
            alexpay.confirm_webhook,
            {
                "event": alexpay.parse_webhook(body),
                "report": alexpay.parse_status_response(200, b'{"code":0,"data":{"id":"PO_1","status":"successful"}}'),
            },
        ),
    ]


def test_every_argument_of_every_callable_against_junk(client: alexpay.Client) -> None:
    calls = 0
    for name, fn, kwargs in surface(client):
        fn(**kwargs)  # the valid call works
        for arg in kwargs:
            for junk in JUNK:
                args = dict(kwargs)
                args[arg] = junk
                try:
                    fn(**args)
                except (TypeError, alexpay.AlexpayError):
                    pass
                except BaseException as e:  # pragma: no cover - the failure being tested for
                    pytest.fail(f"{name}({arg}={junk!r:.40}) raised {type(e).__module__}.{type(e).__name__}: {e!r:.300}")
                calls += 1
        # Missing and unknown arguments are TypeErrors too.
        for arg in kwargs:
            partial = {k: v for k, v in kwargs.items() if k != arg}
            try:
                fn(**partial)
            except (TypeError, alexpay.AlexpayError):
                pass
        with pytest.raises(TypeError):
            fn(**kwargs, unexpected=1)
    assert calls > 500


# ------------------------------------------------------------------ the body cap setting


@pytest.mark.parametrize("value", ["1024", 1024.0, True, b"1024", [1024]])
def test_max_body_bytes_of_the_wrong_type_is_a_type_error(value: Any) -> None:
    raises_typed(
        lambda: alexpay.Client(public_key=PUBLIC, secret_key=SECRET, base_url=BASE_URL, max_body_bytes=value),
        TypeError,
        field="max_body_bytes",
    )


@pytest.mark.parametrize("value", [0, -1, (1 << 30) + 1, 1 << 64, -(1 << 200)])
def test_max_body_bytes_out_of_range_is_refused(value: int) -> None:
    e = raises_typed(
        lambda: alexpay.Client(public_key=PUBLIC, secret_key=SECRET, base_url=BASE_URL, max_body_bytes=value),
        alexpay.ValidationError,
        "invalid_argument",
        "max_body_bytes",
    )
    assert str(e) == "max_body_bytes: must be a whole number from 1 to 1073741824 (1 GiB)", "the cap's own range, not the 64-bit one"


def test_max_body_bytes_is_reported_and_the_default_is_one_mib() -> None:
    assert alexpay.Client(public_key=PUBLIC, secret_key=SECRET, base_url=BASE_URL).max_body_bytes == 1 << 20
    assert alexpay.Client(public_key=PUBLIC, secret_key=SECRET, base_url=BASE_URL, max_body_bytes=None).max_body_bytes == 1 << 20
    assert alexpay.AsyncClient(public_key=PUBLIC, secret_key=SECRET, base_url=BASE_URL, max_body_bytes=4096).max_body_bytes == 4096
