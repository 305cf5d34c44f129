"""Settings shared by the examples: the sandbox's (or your) keys from the
environment, and a phone number whose last digit picks the sandbox outcome."""

from __future__ import annotations

import os
from typing import TypedDict

import alexpay


class Keys(TypedDict):
    public_key: str
    secret_key: str
    base_url: str


def settings() -> Keys:
    return {
        "public_key": os.environ["ALEXPAY_PUBLIC_KEY"],
        "secret_key": os.environ["ALEXPAY_SECRET_KEY"],
        "base_url": os.environ["ALEXPAY_BASE_URL"],
    }


def phone_number() -> str:
    return os.environ.get("ALEXPAY_PHONE_NUMBER", "+233 24 123 4561")


def report(payout: alexpay.PayoutResult) -> int:
    print(payout.payout_id, payout.status, payout.message or "")
    return 0 if payout.status in ("succeeded", "pending") else 1
