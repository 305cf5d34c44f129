"""End to end: the one-call drivers (`Client` / `AsyncClient`) against the
real sandbox over loopback, for EACH shipped transport. The ledger proves
"exactly one payout" (a second payout request would have created a second
payout: every fault here is used up by one request)."""

from __future__ import annotations

import asyncio
import socket
import tracemalloc
from typing import Any, Callable, Dict

import pytest

import alexpay
from alexpay.transports import AiohttpTransport, HttpxAsyncTransport, HttpxTransport, RequestsTransport, UrllibTransport
from conftest import Sandbox

SYNC: Dict[str, Callable[[], Any]] = {
    "urllib": UrllibTransport,
    "httpx": HttpxTransport,
    "requests": RequestsTransport,
}
ASYNC: Dict[str, Callable[[], Any]] = {
    "httpx_async": HttpxAsyncTransport,
    "aiohttp": AiohttpTransport,
}
TRANSPORTS = sorted(SYNC) + sorted(ASYNC)


def call(transport: str, method: str, keys: Dict[str, str], *args: Any, **kwargs: Any) -> Any:
    """Runs one client method over the named transport, sync or async."""
    if transport in SYNC:
        client = alexpay.Client(**keys, transport=SYNC[transport](), request_timeout_secs=5)
        return getattr(client, method)(*args, **kwargs)

    async def go() -> Any:
        t = ASYNC[transport]()
        client = alexpay.AsyncClient(**keys, transport=t, request_timeout_secs=5)
        try:
            return await getattr(client, method)(*args, **kwargs)
        finally:
            if isinstance(t, AiohttpTransport):
                await t.close()

    return asyncio.run(go())


def keys(sandbox: Sandbox) -> Dict[str, str]:
    return {"public_key": sandbox.public_key, "secret_key": sandbox.secret_key, "base_url": sandbox.base_url}


def pay(transport: str, sandbox: Sandbox, phone: str = "0241234561", **kwargs: Any) -> alexpay.PayoutResult:
    result: alexpay.PayoutResult = call(
        transport, "send_mobile_money_payout", keys(sandbox), amount=100, country_id="GH", phone_number=phone, **kwargs
    )
    return result


@pytest.fixture(autouse=True)
def clean(sandbox: Sandbox) -> None:
    sandbox.reset()


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_success(transport: str, sandbox: Sandbox) -> None:
    payout = pay(transport, sandbox, wait=True)
    assert payout.status == "succeeded" and payout.report is not None and payout.report.status == "succeeded"
    assert [p["id"] for p in sandbox.ledger()] == [payout.payout_id]


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_failure_carries_the_reason(transport: str, sandbox: Sandbox) -> None:
    payout = pay(transport, sandbox, phone="0241234569", wait=True)
    assert (payout.status, payout.message) == ("failed", "invalid number")


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_stuck_payout_is_pending_at_the_deadline(transport: str, sandbox: Sandbox) -> None:
    payout = pay(transport, sandbox, phone="0241234567", wait=True, timeout_secs=1.5)
    assert payout.status == "pending" and payout.report is not None


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_rate_limited_then_accepted(transport: str, sandbox: Sandbox) -> None:
    sandbox.fault(fault="rate_limit", retry_after=1, route="payout", count=1)
    payout = pay(transport, sandbox, wait=True)
    assert payout.status == "succeeded"
    assert len(sandbox.ledger()) == 1


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize(
    "fault,cause",
    [
        ({"fault": "drop_after_accept", "count": 1}, None),
        ({"fault": "http_error", "status": 502, "after_accept": True, "route": "payout", "count": 1}, "server_error"),
        ({"fault": "garbled_after_accept", "count": 1}, "unexpected_response"),
        ({"fault": "huge_after_accept", "count": 1}, "response_too_large"),
    ],
    ids=["drop_after_accept", "5xx_after_accept", "garbled_after_accept", "huge_after_accept"],
)
def test_answer_lost_after_accept_is_outcome_unknown(transport: str, fault: Dict[str, Any], cause: Any, sandbox: Sandbox) -> None:
    sandbox.fault(**fault)
    with pytest.raises(alexpay.OutcomeUnknownError) as err:
        pay(transport, sandbox, wait=True)
    assert err.value.code == "outcome_unknown"
    assert len(sandbox.ledger()) == 1, "exactly one payout: the request was never sent again"
    got = err.value.__cause__
    assert (got.code if isinstance(got, alexpay.AlexpayError) else None) == cause


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_a_huge_answer_is_not_read_past_the_body_cap(transport: str, sandbox: Sandbox) -> None:
    # 64 MiB of answer; the driver reads at most max_body_bytes + 1 of it.
    sandbox.fault(fault="huge_after_accept", count=1)
    tracemalloc.start()
    try:
        with pytest.raises(alexpay.OutcomeUnknownError) as err:
            pay(transport, sandbox)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    got = err.value.__cause__
    assert isinstance(got, alexpay.ApiError) and got.code == "response_too_large"
    assert peak < 16 << 20, f"{peak} bytes allocated: the body was read past the cap"
    assert len(sandbox.ledger()) == 1


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_drop_before_accept_is_outcome_unknown_and_never_resent(transport: str, sandbox: Sandbox) -> None:
    sandbox.fault(fault="drop", route="payout", count=1)
    with pytest.raises(alexpay.OutcomeUnknownError) as err:
        pay(transport, sandbox)
    assert err.value.payout_id is None
    assert sandbox.ledger() == [], "the closed connection may have been a payout: never resent"


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("envelope", ["rate_limited", "pending"])
def test_unusual_envelope_with_a_payout_id_is_accepted(transport: str, envelope: str, sandbox: Sandbox) -> None:
    sandbox.fault(fault="unusual_envelope", envelope=envelope, count=1)
    payout = pay(transport, sandbox)
    assert payout.status == "pending"
    assert [p["id"] for p in sandbox.ledger()] == [payout.payout_id]


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_status_check_503_twice_then_success(transport: str, sandbox: Sandbox) -> None:
    sandbox.fault(fault="http_error", status=503, route="status", count=2)
    payout = pay(transport, sandbox, wait=True)
    assert payout.status == "succeeded"


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_wait_for_payout_follows_a_known_id(transport: str, sandbox: Sandbox) -> None:
    first = pay(transport, sandbox)
    followed = call(transport, "wait_for_payout", keys(sandbox), first.payout_id, timeout_secs=10)
    assert followed.payout_id == first.payout_id and followed.status == "succeeded"


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_wrong_keys_are_a_definite_refusal(transport: str, sandbox: Sandbox) -> None:
    wrong = {**keys(sandbox), "secret_key": "sk_wrong_key"}
    with pytest.raises(alexpay.ApiError) as err:
        call(transport, "send_mobile_money_payout", wrong, amount=100, country_id="GH")
    assert err.value.code == "authentication_failed" and err.value.http_status == 401
    assert "sk_wrong_key" not in repr(err.value) + str(err.value)
    assert sandbox.ledger() == []


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_nothing_listening_is_connection_failed(transport: str) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    dead = {"public_key": "pk_test", "secret_key": "sk_test", "base_url": f"http://127.0.0.1:{port}"}
    with pytest.raises(alexpay.ConnectionFailedError) as err:
        call(transport, "send_mobile_money_payout", dead, amount=100, country_id="GH")
    assert err.value.code == "connection_failed"
