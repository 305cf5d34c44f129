"""The SDK's main job, in Python: send payouts, follow each one's status as
webhooks arrive, confirm them with status checks, and print the flow.

Runs against whatever ALEXPAY_BASE_URL / ALEXPAY_PUBLIC_KEY /
ALEXPAY_SECRET_KEY name: the local sandbox (`make demo` sets them) or real
Alexpay. Optional: ALEXPAY_WEBHOOK_SECRET (verify signatures),
ALEXPAY_DEMO_PHONE_NUMBERS (comma-separated; the default pair succeeds and
fails on the sandbox), ALEXPAY_DEMO_AMOUNT, ALEXPAY_COUNTRY_ID,
ALEXPAY_WEBHOOK_URL (a public receiver, for real Alexpay; without it, and
away from loopback, the demo polls).
"""

from __future__ import annotations

import os
import queue
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import httpx

import alexpay

TAG = "[python]"


def send(req: alexpay.HttpRequest) -> httpx.Response:
    return httpx.request(req.method, req.url, headers=req.headers, content=req.body, timeout=15)


def start_receiver(events: queue.Queue[alexpay.WebhookEvent], secret: str | None) -> str:
    class Hook(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("content-length", "0")))
            try:
                if secret:
                    alexpay.verify_webhook_signature(secret, dict(self.headers.items()), raw, int(time.time()))
                events.put(alexpay.parse_webhook(raw))
                self.send_response(204)
            except alexpay.AlexpayError as err:
                print(f"{TAG} refused a webhook: {err.code}", flush=True)
                self.send_response(400)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}/webhooks/alexpay"


def poll(client: alexpay.Client, trackers: dict[str, alexpay.PayoutTracker]) -> None:
    """Without webhooks: one status check per unfinished payout."""
    for payout_id, tracker in trackers.items():
        if not tracker.is_terminal:
            resp = send(client.status_check(payout_id))
            if tracker.observe(alexpay.parse_status_response(resp.status_code, resp.content)) == "changed":
                print(f"{TAG} {payout_id}: polled -> {tracker.status}", flush=True)


def main() -> int:
    client = alexpay.Client(public_key=os.environ["ALEXPAY_PUBLIC_KEY"], secret_key=os.environ["ALEXPAY_SECRET_KEY"],
                            base_url=os.environ["ALEXPAY_BASE_URL"])
    phones = os.environ.get("ALEXPAY_DEMO_PHONE_NUMBERS", "+233 24 123 4561,+233 24 123 4569").split(",")
    amount = int(os.environ.get("ALEXPAY_DEMO_AMOUNT", "100"))
    country = os.environ.get("ALEXPAY_COUNTRY_ID", "GH")
    events: queue.Queue[alexpay.WebhookEvent] = queue.Queue()
    loopback = urlsplit(client.base_url).hostname in ("127.0.0.1", "localhost", "::1")
    webhook_url = os.environ.get("ALEXPAY_WEBHOOK_URL") or (
        start_receiver(events, os.environ.get("ALEXPAY_WEBHOOK_SECRET")) if loopback else None)

    trackers: dict[str, alexpay.PayoutTracker] = {}
    for phone in phones:
        req = client.mobile_money_payout(amount=amount, country_id=country, phone_number=phone.strip(),
                                         narration="alexpay SDK demo", webhook_url=webhook_url)
        try:
            resp = send(req)
            payout = alexpay.parse_payout_response(resp.status_code, resp.content)
        except (alexpay.AlexpayError, httpx.TransportError) as err:
            print(f"{TAG} payout to {phone} not confirmed: {err}; never resent blindly", flush=True)
            continue
        tracker = alexpay.PayoutTracker(payout.payout_id)
        tracker.observe(payout)
        trackers[payout.payout_id] = tracker
        print(f"{TAG} {payout.payout_id}: sent {amount} {country} to {phone.strip()} -> {payout.raw_status} ({payout.status})",
              flush=True)

    deadline = time.monotonic() + 60
    attempt = 0
    while any(not t.is_terminal for t in trackers.values()) and time.monotonic() < deadline:
        try:
            event = events.get(timeout=2.0 if webhook_url else 0.01)
        except queue.Empty:
            event = None
        if event is not None and event.payout_id in trackers:
            report_resp = send(client.status_check(event.payout_id))
            report = alexpay.parse_status_response(report_resp.status_code, report_resp.content)
            tracker = trackers[event.payout_id]
            try:
                confirmed = alexpay.confirm_webhook(event, report)
                outcome = tracker.observe(confirmed)
                print(f"{TAG} {event.payout_id}: webhook {event.raw_status!r}, confirmed by status check -> "
                      f"{tracker.status} ({outcome})", flush=True)
            except alexpay.WebhookError:
                tracker.observe(report)
                print(f"{TAG} {event.payout_id}: webhook {event.raw_status!r} is stale; status check says "
                      f"{report.raw_status!r} -> {tracker.status}", flush=True)
        elif not webhook_url:
            poll(client, trackers)
            time.sleep(min(t.next_poll_delay_ms(attempt, 0.5) or 0 for t in trackers.values()) / 1000)
            attempt += 1

    for payout_id, tracker in trackers.items():
        print(f"{TAG} {payout_id}: final status {tracker.status} ({tracker.raw_status})", flush=True)
    return 0 if trackers and all(t.is_terminal for t in trackers.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
