"""The secret key never appears in the repr or str of any object or
exception, in tracebacks, or in any attribute other than the request headers
that must carry it."""

from __future__ import annotations

import json
import pickle
import traceback
from typing import Any, Iterator, List

import pytest

import alexpay
from conftest import BASE_URL, PUBLIC, SECRET

WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


def texts(obj: Any) -> Iterator[str]:
    yield repr(obj)
    yield str(obj)
    yield format(obj)
    if isinstance(obj, BaseException):
        yield "".join(traceback.format_exception(type(obj), obj, obj.__traceback__))
        yield repr(obj.args)


def assert_clean(obj: Any, *secrets: str) -> None:
    for text in texts(obj):
        for secret in secrets or (SECRET,):
            assert secret not in text, f"{type(obj).__name__} shows a secret: {text[:300]}"


def objects(client: alexpay.Client) -> List[Any]:
    payout_body = b'{"status":"success","code":0,"message":"ok","data":{"payout_id":"PO_1","amount":5,"status":"processing"}}'
    status_body = b'{"status":"success","code":200,"data":{"id":"PO_1","status":"successful","amount":5}}'
    event = alexpay.parse_webhook(b'{"payout_id":"PO_1","status":"successful","amount":5}')
    report = alexpay.parse_status_response(200, status_body)
    tracker = alexpay.PayoutTracker("PO_1")
    tracker.observe(report)
    return [
        client,
        client.mobile_money_payout(amount=5, country_id="GH", phone_number="0241234567"),
        client.bank_payout(amount=5, country_id="GH", bank_id="B", account_number="1", narration="n"),
        client.status_check("PO_1"),
        alexpay.parse_payout_response(200, payout_body),
        report,
        event,
        alexpay.confirm_webhook(event, report),
        tracker,
        alexpay.retry_decision("payout", 1, http_status=500),
    ]


def test_no_object_shows_the_secret(client: alexpay.Client) -> None:
    for obj in objects(client):
        assert_clean(obj)


def test_only_request_headers_carry_the_secret(client: alexpay.Client) -> None:
    for obj in objects(client):
        for name in dir(obj):
            if name.startswith("_"):
                continue
            value = getattr(obj, name)
            if callable(value):
                continue
            if isinstance(obj, alexpay.HttpRequest) and name == "headers":
                assert value["secret-key"] == SECRET  # it must be sent
                continue
            assert SECRET not in repr(value), f"{type(obj).__name__}.{name} shows the secret"
    req = client.status_check("PO_1")
    assert "[REDACTED]" in repr(req) and SECRET not in repr(req)


def test_objects_holding_the_secret_do_not_pickle(client: alexpay.Client) -> None:
    for obj in (client, client.status_check("PO_1")):
        with pytest.raises(TypeError) as caught:
            pickle.dumps(obj)
        assert_clean(caught.value)


BAD_SECRETS = [
    SECRET + " ",  # trailing whitespace
    " " + SECRET,
    SECRET[:10] + " " + SECRET[10:],  # inner space
    SECRET + "\r\nx-injected: 1",  # header injection
    SECRET + "\x00",
    SECRET + "é",
    SECRET + "\u2028",
    SECRET * 1000 + "\t",
]


@pytest.mark.parametrize("secret", BAD_SECRETS, ids=range(len(BAD_SECRETS)))
def test_refused_secrets_are_not_echoed(secret: str) -> None:
    with pytest.raises(alexpay.ValidationError) as caught:
        alexpay.Client(public_key=PUBLIC, secret_key=secret, base_url=BASE_URL)
    e = caught.value
    assert (e.code, e.field) == ("invalid_credentials", "secret_key")
    assert_clean(e, SECRET, secret.strip())


def test_secret_with_a_lone_surrogate_or_wrong_type_is_not_echoed() -> None:
    for secret in (SECRET + "\ud800", SECRET.encode(), bytearray(SECRET.encode())):
        with pytest.raises((TypeError, alexpay.ValidationError)) as caught:
            alexpay.Client(public_key=PUBLIC, secret_key=secret, base_url=BASE_URL)
        assert_clean(caught.value)
        assert "secret_key" in str(caught.value)


def test_other_field_errors_do_not_show_the_secret() -> None:
    for kwargs in (
        {"public_key": "pk bad"},
        {"base_url": "http://example.com"},
        {"base_url": f"https://user:{SECRET}@example.com"},
        {"user_agent": "\x00"},
    ):
        cfg: Any = {"public_key": PUBLIC, "secret_key": SECRET, "base_url": BASE_URL, **kwargs}
        with pytest.raises(alexpay.ValidationError) as caught:
            alexpay.Client(**cfg)
        assert_clean(caught.value)


def test_request_building_errors_do_not_show_the_secret(client: alexpay.Client) -> None:
    attempts: List[Any] = [
        lambda: client.mobile_money_payout(amount=0, country_id="GH"),
        lambda: client.mobile_money_payout(amount=1.5, country_id="GH"),
        lambda: client.mobile_money_payout(amount=1, country_id=SECRET * 10),
        lambda: client.mobile_money_payout(amount=1, country_id="GH", phone_number=SECRET),
        lambda: client.mobile_money_payout(amount=1, country_id="GH", webhook_url=f"https://x.example/?k={SECRET}\n"),
        lambda: client.status_check(SECRET + "/x"),
        lambda: client.status_check(SECRET * 10),
    ]
    for attempt in attempts:
        with pytest.raises((TypeError, alexpay.AlexpayError)) as caught:
            attempt()
        assert_clean(caught.value)


@pytest.mark.parametrize("status", [200, 400, 401, 403, 404, 429, 500, 502])
def test_api_errors_echoing_a_long_key_are_masked(status: int) -> None:
    bodies = [
        f'{{"status":"error","code":{status},"message":"invalid secret-key {SECRET}"}}',
        f"<html><body>secret-key: {SECRET}</body></html>",
        f'{{"status":"success","code":0,"data":{{"note":"{SECRET}"}}}}',
    ]
    for body in bodies:
        for parse in (alexpay.parse_payout_response, alexpay.parse_status_response):
            with pytest.raises(alexpay.ApiError) as caught:
                parse(status, body.encode())
            assert_clean(caught.value)


def test_webhook_errors_do_not_show_secrets() -> None:
    body = b'{"payout_id":"PO_1"}'
    for headers in (
        {"webhook-id": SECRET, "webhook-timestamp": "1", "webhook-signature": f"v1,{SECRET}"},
        {"webhook-id": "m", "webhook-timestamp": SECRET, "webhook-signature": "v1,x"},
    ):
        with pytest.raises(alexpay.WebhookError) as caught:
            alexpay.verify_webhook_signature(WEBHOOK_SECRET, headers, body, 1)
        assert_clean(caught.value, SECRET, WEBHOOK_SECRET, WEBHOOK_SECRET[6:])
    for secret in (SECRET, "whsec_" + SECRET + "!"):
        with pytest.raises(alexpay.ValidationError) as caught:
            alexpay.sign_webhook(secret, "m", 1, body)
        assert_clean(caught.value, SECRET)


def test_exceptions_pickle_with_their_attributes() -> None:
    with pytest.raises(alexpay.ApiError) as caught:
        alexpay.parse_status_response(429, b'{"status":"error","code":429,"message":"slow down"}')
    e = caught.value
    back = pickle.loads(pickle.dumps(e))
    assert type(back) is alexpay.ApiError
    assert (back.code, back.http_status, back.retryable, back.api_code, back.api_message, str(back)) == (
        e.code,
        e.http_status,
        e.retryable,
        e.api_code,
        e.api_message,
        str(e),
    )


def test_a_short_key_echoed_by_the_server_is_masked() -> None:
    short = "sk_test_sandbox"
    with pytest.raises(alexpay.ApiError) as caught:
        alexpay.parse_payout_response(401, f"secret-key: {short}".encode())
    assert short not in str(caught.value)
    # A server's own 'message' that echoes a key is masked in str() too.
    with pytest.raises(alexpay.ApiError) as caught:
        alexpay.parse_status_response(500, b'{"status":"error","code":500,"message":"bad header secret-key=sk_short"}')
    assert "sk_short" not in str(caught.value)


class _Echo:
    """A transport whose server echoes the request's secret key back."""

    def __init__(self, status: int, body: bytes) -> None:
        self.status, self.body = status, body

    def send(self, request: alexpay.HttpRequest, timeout_secs: float) -> alexpay.HttpResponse:
        return alexpay.HttpResponse(self.status, {}, self.body)


@pytest.mark.parametrize("key", ["sk_test_sandbox", "k9", 'sk/with"quote'])
def test_flows_mask_the_configured_key_by_value_whatever_its_length(key: str) -> None:
    quoted = json.dumps(key)
    for status, body in [
        (500, '{"headers":{"Secret-Key":%s}}' % quoted),
        (400, '{"status":"error","code":400,"message":"bad key %s"}' % quoted[1:-1]),
    ]:
        c = alexpay.Client(public_key="pk", secret_key=key, base_url=BASE_URL, transport=_Echo(status, body.encode()))
        with pytest.raises(alexpay.AlexpayError) as err:
            c.send_mobile_money_payout(amount=5, country_id="GH")
        assert_clean(err.value, key)
        assert_clean(err.value.__cause__, key)
        assert key not in str(err.value.api_message) and key.encode() not in pickle.dumps(err.value)
