"""A bank payout over a requests.Session."""

from __future__ import annotations

import os
import sys

import requests

import alexpay
from alexpay.transports import RequestsTransport
from _env import report, settings


def main() -> int:
    with requests.Session() as session:
        client = alexpay.Client(**settings(), transport=RequestsTransport(session))
        try:
            payout = client.send_bank_payout(
                amount=2500,
                country_id="NG",
                bank_id="044",
                account_number=os.environ.get("ALEXPAY_ACCOUNT_NUMBER", "0123456781"),
                wait=True,
            )
        except alexpay.OutcomeUnknownError as err:
            print("reconcile:", err.payout_id, err, file=sys.stderr)
            return 2
    return report(payout)


if __name__ == "__main__":
    sys.exit(main())
