"""A FastAPI webhook receiver: parse the RAW body, confirm the event with a
status check, and only then act on it.

    ALEXPAY_BASE_URL=... ALEXPAY_PUBLIC_KEY=... ALEXPAY_SECRET_KEY=... \
        uvicorn --factory webhook_fastapi:app_from_env --port 8000
    python webhook_fastapi.py --dry-run   # parse a sample webhook, print the status check

Alexpay documents neither a webhook schema nor a signature, so a webhook is a
hint: anyone can POST to this URL. The status check is the truth. If your
deployment signs webhooks (Standard Webhooks), set ALEXPAY_WEBHOOK_SECRET
(`whsec_...`) and the signature is verified first.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Dict, Optional

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

import alexpay


def client_from_env() -> alexpay.Client:
    return alexpay.Client(
        public_key=os.environ["ALEXPAY_PUBLIC_KEY"],
        secret_key=os.environ["ALEXPAY_SECRET_KEY"],
        base_url=os.environ["ALEXPAY_BASE_URL"],
    )


def create_app(
    client: alexpay.Client,
    http: Optional[httpx.AsyncClient] = None,
    webhook_secret: Optional[str] = None,
) -> FastAPI:
    app = FastAPI(title="Alexpay webhook receiver")
    sender = http or httpx.AsyncClient(timeout=10)
    # One tracker per payout; a real service keeps these in its database.
    trackers: Dict[str, alexpay.PayoutTracker] = {}
    app.state.trackers = trackers

    @app.post("/webhooks/alexpay")
    async def alexpay_webhook(request: Request) -> JSONResponse:
        raw = await request.body()  # the raw bytes, never request.json()
        if webhook_secret:
            try:
                alexpay.verify_webhook_signature(webhook_secret, request.headers, raw, int(time.time()))
            except alexpay.WebhookError as err:
                return JSONResponse({"error": err.code, "field": err.field}, status_code=401)
        try:
            event = alexpay.parse_webhook(raw)
        except alexpay.WebhookError as err:
            return JSONResponse({"error": err.code}, status_code=400)

        try:
            check = client.status_check(event.payout_id)
            resp = await sender.request(check.method, check.url, headers=check.headers)
            report = alexpay.parse_status_response(resp.status_code, resp.content)
        except httpx.TransportError:
            return JSONResponse({"error": "status_check_unavailable"}, status_code=503)
        except alexpay.ApiError as err:
            # 503 makes the sender deliver again later, when checking may work.
            status = 503 if err.retryable else 400
            return JSONResponse({"error": err.code}, status_code=status)
        except alexpay.ValidationError as err:  # an id no real payout has
            return JSONResponse({"error": err.code}, status_code=400)

        tracker = trackers.setdefault(report.id, alexpay.PayoutTracker(report.id))
        try:
            confirmed = alexpay.confirm_webhook(event, report)
            observed = tracker.observe(confirmed)
            mismatch = None
        except alexpay.WebhookError as err:  # the webhook disagrees: the status check wins
            observed = tracker.observe(report)
            mismatch = err.code
        except alexpay.ConflictError as err:  # two final outcomes: a person must reconcile
            return JSONResponse({"error": err.code, "payout_id": report.id}, status_code=200)
        if observed == "changed" and tracker.is_terminal:
            pass  # fulfil or refund the order here, exactly once
        return JSONResponse(
            {"payout_id": report.id, "status": tracker.status, "observed": observed, "mismatch": mismatch}
        )

    return app


def app_from_env() -> FastAPI:
    return create_app(client_from_env(), webhook_secret=os.environ.get("ALEXPAY_WEBHOOK_SECRET"))


SAMPLE = b'{"payout_id":"PO_123","status":"successful","amount":1500}'


def main(argv: list[str]) -> int:
    client = client_from_env()
    event = alexpay.parse_webhook(SAMPLE)
    print(event)
    print(client.status_check(event.payout_id))
    if "--dry-run" in argv:
        return 0
    print("run it with: uvicorn --factory webhook_fastapi:app_from_env", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
