"""A payout to a final status with no dependency but the package (urllib).

    ALEXPAY_BASE_URL=... ALEXPAY_PUBLIC_KEY=... ALEXPAY_SECRET_KEY=... python payout_urllib.py
"""

from __future__ import annotations

import sys

import alexpay
from _env import phone_number, report, settings


def main() -> int:
    client = alexpay.Client(**settings())
    try:
        payout = client.send_mobile_money_payout(amount=100, country_id="GH", phone_number=phone_number(), wait=True)
    except alexpay.OutcomeUnknownError as err:  # the payout may exist: never resend it
        print("reconcile:", err.payout_id, err, file=sys.stderr)
        return 2
    return report(payout)


if __name__ == "__main__":
    sys.exit(main())
