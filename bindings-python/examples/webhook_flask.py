"""A Flask webhook receiver (as webhook_fastapi.py, synchronously)."""

from __future__ import annotations

from typing import Callable, Optional, Tuple

from flask import Flask, request

import alexpay
from _dedup import DeliveryStore, MemoryStore

OnPayout = Callable[[alexpay.WebhookResult], None]


def create_app(client: alexpay.Client, on_payout: OnPayout, secret: Optional[str] = None, store: Optional[DeliveryStore] = None) -> Flask:
    app, seen = Flask(__name__), store or MemoryStore()

    @app.post("/webhooks/alexpay")
    def alexpay_webhook() -> Tuple[str, int]:
        try:
            result = client.handle_webhook(request.get_data(), request.headers, secret=secret)
        except alexpay.AlexpayError as err:
            return err.code, err.receiver_status or 500
        if seen.first_time(result.webhook_id):
            on_payout(result)  # result.status is the status check's truth
        return "", 204

    return app
