"""Send a mobile-money payout with httpx (sync), then follow it to a final status.

    ALEXPAY_BASE_URL=... ALEXPAY_PUBLIC_KEY=... ALEXPAY_SECRET_KEY=... \
        python payout_httpx.py [--dry-run]

`--dry-run` only builds and prints the request (its repr hides the secret key).
The SDK never does I/O: it builds the request, httpx sends it, the SDK parses
the answer and tells us whether a failed attempt may be sent again.
"""

from __future__ import annotations

import os
import random
import sys
import time
from typing import Optional

import httpx

import alexpay


def client_from_env() -> alexpay.Client:
    return alexpay.Client(
        public_key=os.environ["ALEXPAY_PUBLIC_KEY"],
        secret_key=os.environ["ALEXPAY_SECRET_KEY"],
        base_url=os.environ["ALEXPAY_BASE_URL"],
    )


def build_payout(client: alexpay.Client) -> alexpay.HttpRequest:
    return client.mobile_money_payout(
        amount=1500,
        country_id="GH",
        phone_number="+233 24 123 4561",
        narration="Invoice 1042",
    )


class OutcomeUnknown(Exception):
    """The payout may or may not exist: reconcile, never resend."""


def retry_after(resp: httpx.Response) -> Optional[int]:
    value = resp.headers.get("retry-after", "")
    return int(value) if value.isdigit() else None


def send_payout(http: httpx.Client, req: alexpay.HttpRequest) -> alexpay.Payout:
    """Sends the payout, retrying only when the retry policy says it is safe."""
    attempt = 1
    while True:
        try:
            resp = http.request(req.method, req.url, headers=req.headers, content=req.body)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout):
            decision = alexpay.retry_decision("payout", attempt, transport_error="connect")
        except httpx.TimeoutException:
            decision = alexpay.retry_decision("payout", attempt, transport_error="timeout")
        except httpx.TransportError:
            decision = alexpay.retry_decision("payout", attempt, transport_error="connection_lost")
        else:
            try:
                return alexpay.parse_payout_response(resp.status_code, resp.content)
            except alexpay.ApiError as err:
                decision = alexpay.retry_decision(
                    "payout", attempt, http_status=resp.status_code, retry_after_secs=retry_after(resp)
                )
                if decision.action == "stop":
                    raise
                if decision.action == "do_not_resend":
                    raise OutcomeUnknown(str(err)) from err
        if decision.action == "do_not_resend":
            raise OutcomeUnknown(decision.reason)
        if decision.action == "stop":
            raise RuntimeError(f"gave up: {decision.reason}")
        time.sleep(decision.delay_ms / 1000)
        attempt += 1


def check_status(http: httpx.Client, client: alexpay.Client, payout_id: str) -> alexpay.StatusReport:
    """A status check; always safe to resend, so it follows the retry policy."""
    req = client.status_check(payout_id)
    attempt = 1
    while True:
        try:
            resp = http.request(req.method, req.url, headers=req.headers)
        except httpx.TransportError:
            decision = alexpay.retry_decision("status_check", attempt, transport_error="timeout")
        else:
            try:
                return alexpay.parse_status_response(resp.status_code, resp.content)
            except alexpay.ApiError:
                decision = alexpay.retry_decision(
                    "status_check", attempt, http_status=resp.status_code, retry_after_secs=retry_after(resp)
                )
                if decision.action != "retry":
                    raise
        if decision.action != "retry":
            raise RuntimeError(f"status check gave up: {decision.reason}")
        time.sleep(decision.delay_ms / 1000)
        attempt += 1


def wait_for_outcome(
    http: httpx.Client, client: alexpay.Client, payout: alexpay.Payout, max_polls: int = 20
) -> alexpay.PayoutTracker:
    """Polls the status with the SDK's backoff until the payout is final."""
    tracker = alexpay.PayoutTracker(payout.payout_id)
    tracker.observe(payout)
    for attempt in range(max_polls):
        delay = tracker.next_poll_delay_ms(attempt, random.random())
        if delay is None:
            break
        time.sleep(delay / 1000)
        tracker.observe(check_status(http, client, payout.payout_id))
    return tracker


def main(argv: list[str]) -> int:
    client = client_from_env()
    req = build_payout(client)
    print(req)
    if "--dry-run" in argv:
        return 0
    with httpx.Client(timeout=10) as http:
        try:
            payout = send_payout(http, req)
        except OutcomeUnknown as err:
            print(f"outcome unknown, NOT resending; reconcile: {err}", file=sys.stderr)
            return 2
        except alexpay.AlexpayError as err:
            print(f"refused ({err.code}): {err}", file=sys.stderr)
            return 1
        print(payout)
        tracker = wait_for_outcome(http, client, payout)
        print(tracker)
        return 0 if tracker.status == "succeeded" else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
