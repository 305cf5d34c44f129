"""A payout over your own httpx.Client (connection pooling, proxies, ...)."""

from __future__ import annotations

import sys

import httpx

import alexpay
from alexpay.transports import HttpxTransport
from _env import phone_number, report, settings


def main() -> int:
    with httpx.Client() as http:
        client = alexpay.Client(**settings(), transport=HttpxTransport(http))
        try:
            payout = client.send_mobile_money_payout(amount=100, country_id="GH", phone_number=phone_number(), wait=True)
        except alexpay.OutcomeUnknownError as err:  # never resend: follow or reconcile
            print("reconcile:", err.payout_id, err, file=sys.stderr)
            return 2
    return report(payout)


if __name__ == "__main__":
    sys.exit(main())
