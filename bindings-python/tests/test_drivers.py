"""The drivers' own duties (the decisions are the core's and run in
test_flows.py): imports stay lazy, cancellation says what happened, logging
never shows a key, unknown transport exceptions count as "may have arrived",
and no transport follows a redirect."""

from __future__ import annotations

import asyncio
import http.server
import logging
import re
import subprocess
import sys
import threading
from typing import Any, Callable, Iterator, List

import pytest

import alexpay
from alexpay.transports import HttpxTransport, RequestsTransport, UrllibTransport
from conftest import BASE_URL, PUBLIC, SECRET

ACCEPTED = b'{"status":"success","code":0,"message":"ok","data":{"amount":100,"payout_id":"PO_1","status":"processing"}}'
REPORT = b'{"status":"success","code":200,"message":"ok","data":{"id":"PO_1","status":"successful"}}'


class Scripted:
    """Answers with canned responses (or raises canned exceptions)."""

    def __init__(self, *answers: Any) -> None:
        self.answers: List[Any] = list(answers)
        self.requests: List[alexpay.HttpRequest] = []

    def send(self, request: alexpay.HttpRequest, timeout_secs: float) -> alexpay.HttpResponse:
        self.requests.append(request)
        answer = self.answers.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        return answer


def client(transport: Any) -> alexpay.Client:
    return alexpay.Client(public_key=PUBLIC, secret_key=SECRET, base_url=BASE_URL, transport=transport)


def test_importing_alexpay_imports_no_http_client() -> None:
    code = "import alexpay, alexpay.transports, sys; print(sorted({'httpx', 'requests', 'aiohttp'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_an_unrecognised_transport_exception_may_have_arrived() -> None:
    transport = Scripted(RuntimeError("proxy exploded"))
    with pytest.raises(alexpay.OutcomeUnknownError) as err:
        client(transport).send_mobile_money_payout(amount=100, country_id="GH")
    assert len(transport.requests) == 1, "never resent"
    assert err.value.payout_id is None


def test_a_connect_failure_is_retried_then_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("time.sleep", lambda _: None)
    transport = Scripted(alexpay.TransportFailure("connect"), alexpay.HttpResponse(200, {}, ACCEPTED))
    payout = client(transport).send_mobile_money_payout(amount=100, country_id="GH")
    assert (payout.payout_id, payout.status, len(transport.requests)) == ("PO_1", "pending", 2)


def test_a_bad_transport_kind_is_a_typed_error() -> None:
    with pytest.raises(alexpay.ValidationError) as err:
        client(Scripted(alexpay.TransportFailure("dns"))).send_mobile_money_payout(amount=100, country_id="GH")  # type: ignore[arg-type]
    assert err.value.field == "transport_error"


def test_invalid_input_raises_before_anything_is_sent() -> None:
    transport = Scripted()
    with pytest.raises(alexpay.ValidationError) as err:
        client(transport).send_mobile_money_payout(amount=100, country_id="GH", phone_number="12")
    assert err.value.field == "phone_number" and transport.requests == []
    with pytest.raises(TypeError):
        client(transport).send_mobile_money_payout(amount=100, country_id="GH", wait=True, timeout_secs=float("nan"))
    with pytest.raises(alexpay.ValidationError) as err:
        client(transport).wait_for_payout("PO_1", timeout_secs=10**9)
    assert err.value.field == "wait_ms"


def test_results_are_value_objects() -> None:
    transport = Scripted(alexpay.HttpResponse(200, {}, ACCEPTED), alexpay.HttpResponse(200, {}, REPORT))
    c = client(transport)
    first = c.send_mobile_money_payout(amount=100, country_id="GH")
    again = alexpay.PayoutResult(payout_id="PO_1", status="pending")
    assert first == again and first.to_dict()["status"] == "pending"
    followed = c.wait_for_payout("PO_1", timeout_secs=0)
    assert followed.status == "succeeded" and followed.to_dict()["report_status"] == "succeeded"


def test_logging_shows_attempts_and_decisions_but_never_a_key(caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:

    transport = Scripted(alexpay.HttpResponse(429, {"retry-after": "1"}, b""), alexpay.HttpResponse(200, {}, ACCEPTED))
    with caplog.at_level(logging.DEBUG, logger="alexpay"):
        client(transport).send_mobile_money_payout(amount=100, country_id="GH")
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "payout POST /v1/payment/payouts/process attempt=1" in text
    assert "payout POST /v1/payment/payouts/process attempt=2" in text
    # The wait is the Retry-After less the time since the answer (the real clock may tick 1 ms).
    assert "-> 429" in text and re.search(r"decision: wait (999|1000) ms", text) and "decision: done (pending)" in text
    assert SECRET not in text and "PO_1" not in text, "no key, no body"


class SlowTransport:
    """An asyncio transport that never answers until cancelled."""

    def __init__(self, first: Any = None) -> None:
        self.first = first
        self.calls = 0

    async def send(self, request: alexpay.HttpRequest, timeout_secs: float) -> alexpay.HttpResponse:
        self.calls += 1
        if self.first is not None and self.calls == 1:
            raise self.first
        await asyncio.sleep(3600)
        raise AssertionError("unreachable")


def run_and_cancel(transport: Any, after: float = 0.05) -> BaseException:
    async def go() -> BaseException:
        c = alexpay.AsyncClient(public_key=PUBLIC, secret_key=SECRET, base_url=BASE_URL, transport=transport)
        task = asyncio.create_task(c.send_mobile_money_payout(amount=100, country_id="GH"))
        await asyncio.sleep(after)
        task.cancel()
        try:
            await task
        except asyncio.CancelledError as err:
            return err
        raise AssertionError("not cancelled")

    return asyncio.run(go())


def test_cancelled_while_the_payout_is_in_flight_chains_outcome_unknown() -> None:
    err = run_and_cancel(SlowTransport())
    assert isinstance(err.__cause__, alexpay.OutcomeUnknownError)


def test_cancelled_before_anything_could_arrive_chains_cancelled() -> None:
    # The first attempt was refused outright; the flow waits to retry.
    err = run_and_cancel(SlowTransport(first=alexpay.TransportFailure("connect")), after=0.1)
    assert isinstance(err.__cause__, alexpay.FlowError) and err.__cause__.code == "cancelled"


# ------------------------------------------------------------ redirects


class Redirector(http.server.BaseHTTPRequestHandler):
    hits: List[str] = []

    def do_POST(self) -> None:  # noqa: N802
        Redirector.hits.append(self.path)
        self.rfile.read(int(self.headers.get("content-length", 0)))
        self.send_response(307)
        self.send_header("location", "/elsewhere")
        self.send_header("content-length", "0")
        self.end_headers()

    do_GET = do_POST

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def redirector() -> Iterator[str]:
    Redirector.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Redirector)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize("make", [UrllibTransport, HttpxTransport, RequestsTransport], ids=["urllib", "httpx", "requests"])
def test_no_transport_follows_a_redirect(make: Callable[[], Any], redirector: str) -> None:
    c = alexpay.Client(public_key=PUBLIC, secret_key=SECRET, base_url=redirector, transport=make())
    with pytest.raises(alexpay.OutcomeUnknownError) as err:
        c.send_mobile_money_payout(amount=100, country_id="GH")
    assert Redirector.hits == ["/v1/payment/payouts/process"], "one request, the redirect not followed"
    cause = err.value.__cause__
    assert isinstance(cause, alexpay.ApiError) and cause.http_status == 307
