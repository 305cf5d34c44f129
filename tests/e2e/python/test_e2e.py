"""End to end: the installed `alexpay` package against the real sandbox over
loopback, with httpx and requests as the HTTP clients and a Flask receiver."""

from __future__ import annotations

import time

import httpx
import pytest
import requests

import alexpay
from conftest import Receiver, Sandbox


def send_httpx(req: alexpay.HttpRequest) -> httpx.Response:
    return httpx.request(req.method, req.url, headers=req.headers, content=req.body, timeout=10)


def send(req: alexpay.HttpRequest) -> tuple[int, bytes]:
    resp = send_httpx(req)
    return resp.status_code, resp.content


def send_requests(req: alexpay.HttpRequest) -> tuple[int, bytes]:
    resp = requests.request(req.method, req.url, headers=req.headers, data=req.body, timeout=10)
    return resp.status_code, resp.content


def check_status(client: alexpay.Client, payout_id: str) -> alexpay.StatusReport:
    """A status check that follows the retry policy."""
    attempt = 1
    while True:
        resp = send_httpx(client.status_check(payout_id))
        try:
            return alexpay.parse_status_response(resp.status_code, resp.content)
        except alexpay.ApiError as err:
            decision = alexpay.retry_decision("status_check", attempt, http_status=resp.status_code)
            assert err.retryable == (decision.action == "retry")
            if decision.action != "retry":
                raise
            time.sleep(decision.delay_ms / 1000)
            attempt += 1


def confirm_until_terminal(client: alexpay.Client, receiver: Receiver, payout: alexpay.Payout,
                           outcome: str) -> alexpay.PayoutTracker:
    tracker = alexpay.PayoutTracker(payout.payout_id)
    tracker.observe(payout)
    event = receiver.wait_for(payout.payout_id, outcome)
    report = check_status(client, event.payout_id)
    confirmation = alexpay.confirm_webhook(event, report)
    assert tracker.observe(confirmation) == "changed"
    assert tracker.is_terminal and tracker.status == outcome
    for early in receiver.any_for(payout.payout_id):  # late or duplicate events change nothing
        assert tracker.observe(early) in ("ignored", "unchanged")
    return tracker


def test_mobile_money_payout_succeeds_via_signed_webhooks(sandbox: Sandbox, receiver: Receiver) -> None:
    client = sandbox.client()
    req = client.mobile_money_payout(amount=1500, country_id="GH", phone_number="+233 24 123 4561",
                                     narration="e2e httpx", webhook_url=receiver.url)
    resp = send_httpx(req)
    payout = alexpay.parse_payout_response(resp.status_code, resp.content)
    assert payout.status == "pending" and payout.amount == 1500
    receiver.wait_for(payout.payout_id, "pending")
    confirm_until_terminal(client, receiver, payout, "succeeded")
    mine = [p for p in sandbox.ledger() if p["id"] == payout.payout_id]
    assert len(mine) == 1 and mine[0]["momo_phone_number"] == "233241234561"


def test_bank_payout_with_requests_fails_and_polling_sees_it(sandbox: Sandbox) -> None:
    client = sandbox.client()
    req = client.bank_payout(amount=900, country_id="GH", bank_id="GCB", account_number="0011223340")
    payout = alexpay.parse_payout_response(*send_requests(req))
    tracker = alexpay.PayoutTracker(payout.payout_id)
    tracker.observe(payout)
    attempt = 0
    while not tracker.is_terminal:
        delay = tracker.next_poll_delay_ms(attempt, 0.0)
        assert delay is not None and attempt < 8
        time.sleep(delay / 4000)  # a quarter of the advised delay keeps the suite fast
        tracker.observe(alexpay.parse_status_response(*send_requests(client.status_check(payout.payout_id))))
        attempt += 1
    assert tracker.status == "failed"
    assert tracker.next_poll_delay_ms(attempt, 0.5) is None


def test_failed_mobile_money_payout_with_a_flaky_receiver(sandbox: Sandbox, receiver: Receiver) -> None:
    receiver.fail_first, receiver.refused = 2, 0
    client = sandbox.client()
    req = client.mobile_money_payout(amount=700, country_id="ZM", phone_number="0977123459", webhook_url=receiver.url)
    payout = alexpay.parse_payout_response(*send(req))
    confirm_until_terminal(client, receiver, payout, "failed")
    assert receiver.refused == 2, "the sandbox retried the refused deliveries"


def test_502_after_accept_is_reconciled_never_resent(sandbox: Sandbox, receiver: Receiver) -> None:
    client = sandbox.client()
    before = len(sandbox.ledger())
    sandbox.fault(fault="http_error", status=502, after_accept=True, count=1)
    req = client.mobile_money_payout(amount=1234, country_id="GH", narration="order-502", webhook_url=receiver.url)
    with pytest.raises(alexpay.ApiError) as caught:
        alexpay.parse_payout_response(*send(req))
    err = caught.value
    assert (err.code, err.http_status, err.retryable) == ("server_error", 502, False)
    decision = alexpay.retry_decision("payout", 1, http_status=502)
    assert decision.action == "do_not_resend"
    # Reconcile: the webhook tells us the payout exists; nothing is sent twice.
    created = [p for p in sandbox.ledger()[before:] if p["narration"] == "order-502"]
    assert len(created) == 1 and created[0]["answer"] == "http_502"
    receiver.wait_for(created[0]["id"], "succeeded")
    assert len(sandbox.ledger()) == before + 1


def test_connection_lost_after_accept_is_never_resent(sandbox: Sandbox) -> None:
    client = sandbox.client()
    before = len(sandbox.ledger())
    sandbox.fault(fault="drop_after_accept", count=1)
    req = client.mobile_money_payout(amount=4321, country_id="GH", narration="order-drop")
    with pytest.raises(httpx.TransportError):
        send_httpx(req)
    decision = alexpay.retry_decision("payout", 1, transport_error="connection_lost")
    assert decision.action == "do_not_resend" and decision.delay_ms == 0
    ledger = sandbox.ledger()
    assert len(ledger) == before + 1 and ledger[-1]["answer"] == "dropped"


def test_rate_limited_payout_is_retried_once_after_retry_after(sandbox: Sandbox) -> None:
    client = sandbox.client()
    before = len(sandbox.ledger())
    sandbox.fault(fault="rate_limit", retry_after=1, count=1, route="payout")
    req = client.mobile_money_payout(amount=55, country_id="GH")
    attempt = 1
    while True:
        resp = send_httpx(req)
        try:
            payout = alexpay.parse_payout_response(resp.status_code, resp.content)
            break
        except alexpay.ApiError as err:
            assert err.code == "rate_limited" and err.retryable
            decision = alexpay.retry_decision("payout", attempt, http_status=resp.status_code,
                                              retry_after_secs=int(resp.headers["retry-after"]))
            assert (decision.action, decision.delay_ms) == ("retry", 1000)
            time.sleep(decision.delay_ms / 1000)
            attempt += 1
    assert attempt == 2 and payout.status == "pending"
    assert len(sandbox.ledger()) == before + 1, "the 429 created nothing; exactly one payout exists"


def test_status_check_survives_a_503(sandbox: Sandbox) -> None:
    client = sandbox.client()
    payout = alexpay.parse_payout_response(*send(client.mobile_money_payout(amount=10, country_id="GH")))
    sandbox.fault(fault="http_error", status=503, count=1, route="status")
    report = check_status(client, payout.payout_id)
    assert report.id == payout.payout_id and report.currency == "GHS"


def test_wrong_keys_are_an_authentication_error(sandbox: Sandbox) -> None:
    client = alexpay.Client(public_key="pk_wrong", secret_key="sk_wrong_SECRET", base_url=sandbox.base_url)
    with pytest.raises(alexpay.ApiError) as caught:
        alexpay.parse_payout_response(*send(client.mobile_money_payout(amount=10, country_id="GH")))
    assert caught.value.code == "authentication_failed" and caught.value.http_status == 401
    assert "sk_wrong_SECRET" not in repr(caught.value) + str(caught.value)


def test_unknown_payout_is_not_found(sandbox: Sandbox) -> None:
    with pytest.raises(alexpay.ApiError) as caught:
        check_status(sandbox.client(), "PO_does_not_exist")
    assert caught.value.code == "not_found" and not caught.value.retryable
