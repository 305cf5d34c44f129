"""A FastAPI (asyncio) webhook receiver.

    ALEXPAY_BASE_URL=... ALEXPAY_PUBLIC_KEY=... ALEXPAY_SECRET_KEY=... \
        uvicorn --factory webhook_fastapi:app_from_env --port 8000

Answers 2xx for fresh, stale and duplicate events, 4xx for forged or
malformed ones, 5xx when the status check failed (the sender retries).
"""

from __future__ import annotations

import os
from typing import Callable, Optional

from fastapi import FastAPI, Request, Response

import alexpay
from _dedup import DeliveryStore, MemoryStore

OnPayout = Callable[[alexpay.WebhookResult], None]


def create_app(client: alexpay.AsyncClient, on_payout: OnPayout, secret: Optional[str] = None, store: Optional[DeliveryStore] = None) -> FastAPI:
    app, seen = FastAPI(), store or MemoryStore()

    @app.post("/webhooks/alexpay")
    async def alexpay_webhook(request: Request) -> Response:
        try:
            result = await client.handle_webhook(await request.body(), request.headers, secret=secret)
        except alexpay.AlexpayError as err:
            return Response(err.code, status_code=err.receiver_status or 500)
        if seen.first_time(result.webhook_id):
            on_payout(result)  # result.status is the status check's truth
        return Response(status_code=204)

    return app


def app_from_env() -> FastAPI:
    env = os.environ
    client = alexpay.AsyncClient(public_key=env["ALEXPAY_PUBLIC_KEY"], secret_key=env["ALEXPAY_SECRET_KEY"], base_url=env["ALEXPAY_BASE_URL"])
    return create_app(client, print, env.get("ALEXPAY_WEBHOOK_SECRET"))
