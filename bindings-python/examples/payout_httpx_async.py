"""A payout from asyncio code over httpx.AsyncClient."""

from __future__ import annotations

import asyncio
import sys

import httpx

import alexpay
from alexpay.transports import HttpxAsyncTransport
from _env import phone_number, report, settings


async def main() -> int:
    async with httpx.AsyncClient() as http:
        client = alexpay.AsyncClient(**settings(), transport=HttpxAsyncTransport(http))
        try:
            payout = await client.send_mobile_money_payout(amount=100, country_id="GH", phone_number=phone_number(), wait=True)
        except alexpay.OutcomeUnknownError as err:
            print("reconcile:", err.payout_id, err, file=sys.stderr)
            return 2
    return report(payout)


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
