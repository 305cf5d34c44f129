"""Send a mobile-money payout with requests and check its status once.

    ALEXPAY_BASE_URL=... ALEXPAY_PUBLIC_KEY=... ALEXPAY_SECRET_KEY=... \
        python payout_requests.py [--dry-run]
"""

from __future__ import annotations

import os
import sys

import requests

import alexpay


def client_from_env() -> alexpay.Client:
    return alexpay.Client(
        public_key=os.environ["ALEXPAY_PUBLIC_KEY"],
        secret_key=os.environ["ALEXPAY_SECRET_KEY"],
        base_url=os.environ["ALEXPAY_BASE_URL"],
    )


def build_payout(client: alexpay.Client) -> alexpay.HttpRequest:
    return client.mobile_money_payout(amount=250, country_id="ZM", phone_number="0977 123 456")


def send(session: requests.Session, req: alexpay.HttpRequest) -> requests.Response:
    return session.request(req.method, req.url, headers=req.headers, data=req.body, timeout=10)


def pay(session: requests.Session, client: alexpay.Client) -> alexpay.StatusReport:
    req = build_payout(client)
    try:
        resp = send(session, req)
    except requests.ConnectionError as err:
        # Did the request reach Alexpay? requests cannot always tell, so treat
        # it as "may have arrived": never resend a payout blindly.
        decision = alexpay.retry_decision("payout", 1, transport_error="connection_lost")
        raise RuntimeError(f"{decision.action}: {decision.reason}") from err
    try:
        payout = alexpay.parse_payout_response(resp.status_code, resp.content)
    except alexpay.ApiError as err:
        if err.code in ("server_error", "unexpected_response"):
            print("outcome unknown: do NOT resend; check the dashboard or wait for the webhook")
        raise
    status = send(session, client.status_check(payout.payout_id))
    return alexpay.parse_status_response(status.status_code, status.content)


def main(argv: list[str]) -> int:
    client = client_from_env()
    print(build_payout(client))
    if "--dry-run" in argv:
        return 0
    with requests.Session() as session:
        try:
            report = pay(session, client)
        except alexpay.ValidationError as err:
            print(f"fix the input ({err.field}): {err}", file=sys.stderr)
            return 1
        except alexpay.ApiError as err:
            print(f"Alexpay said {err.http_status} ({err.code}); retryable={err.retryable}", file=sys.stderr)
            return 1
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
