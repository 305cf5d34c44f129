"""Send a bank payout with httpx's AsyncClient, then poll it to a final status.

    ALEXPAY_BASE_URL=... ALEXPAY_PUBLIC_KEY=... ALEXPAY_SECRET_KEY=... \
        python payout_httpx_async.py [--dry-run]
"""

from __future__ import annotations

import asyncio
import os
import random
import sys

import httpx

import alexpay


def client_from_env() -> alexpay.Client:
    return alexpay.Client(
        public_key=os.environ["ALEXPAY_PUBLIC_KEY"],
        secret_key=os.environ["ALEXPAY_SECRET_KEY"],
        base_url=os.environ["ALEXPAY_BASE_URL"],
    )


def build_payout(client: alexpay.Client) -> alexpay.HttpRequest:
    return client.bank_payout(amount=900, country_id="GH", bank_id="GCB", account_number="0011223344")


async def send(http: httpx.AsyncClient, req: alexpay.HttpRequest) -> httpx.Response:
    return await http.request(req.method, req.url, headers=req.headers, content=req.body)


async def run(http: httpx.AsyncClient, client: alexpay.Client, max_polls: int = 20) -> alexpay.PayoutTracker:
    req = build_payout(client)
    attempt = 1
    while True:
        try:
            resp = await send(http, req)
        except (httpx.ConnectError, httpx.ConnectTimeout):
            decision = alexpay.retry_decision("payout", attempt, transport_error="connect")
        except httpx.TimeoutException:
            decision = alexpay.retry_decision("payout", attempt, transport_error="timeout")
        except httpx.TransportError:
            decision = alexpay.retry_decision("payout", attempt, transport_error="connection_lost")
        else:
            try:
                payout = alexpay.parse_payout_response(resp.status_code, resp.content)
                break
            except alexpay.ApiError:
                decision = alexpay.retry_decision("payout", attempt, http_status=resp.status_code)
                if decision.action != "retry":
                    raise  # err.retryable is False: never resend; reconcile if do_not_resend
        if decision.action != "retry":
            raise RuntimeError(f"{decision.action}: {decision.reason}")
        await asyncio.sleep(decision.delay_ms / 1000)
        attempt += 1

    tracker = alexpay.PayoutTracker(payout.payout_id)
    tracker.observe(payout)
    for poll in range(max_polls):
        delay = tracker.next_poll_delay_ms(poll, random.random())
        if delay is None:
            break
        await asyncio.sleep(delay / 1000)
        status = await send(http, client.status_check(payout.payout_id))
        try:
            tracker.observe(alexpay.parse_status_response(status.status_code, status.content))
        except alexpay.ApiError as err:
            if not err.retryable:
                raise
    return tracker


async def main(argv: list[str]) -> int:
    client = client_from_env()
    print(build_payout(client))
    if "--dry-run" in argv:
        return 0
    async with httpx.AsyncClient(timeout=10) as http:
        tracker = await run(http, client)
    print(tracker)
    return 0 if tracker.is_terminal else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
