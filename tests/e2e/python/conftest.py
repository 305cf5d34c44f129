"""Starts the real sandbox binary on a free loopback port, and a real Flask
webhook receiver, for the Python end-to-end suite."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from flask import Flask, request
from werkzeug.serving import make_server

import alexpay

WEBHOOK_SECRET = "whsec_ZTJlLXNhbmRib3gtc2lnbmluZy1rZXktMDEyMzQ1Ng=="


@dataclass
class Sandbox:
    base_url: str
    public_key: str
    secret_key: str
    process: subprocess.Popen[str]

    def client(self) -> alexpay.Client:
        return alexpay.Client(public_key=self.public_key, secret_key=self.secret_key, base_url=self.base_url)

    def ledger(self) -> list[dict[str, Any]]:
        return httpx.get(f"{self.base_url}/_sandbox/ledger").json()["payouts"]

    def fault(self, **spec: Any) -> None:
        httpx.post(f"{self.base_url}/_sandbox/faults", json=spec).raise_for_status()

    def reset(self) -> None:
        httpx.post(f"{self.base_url}/_sandbox/reset").raise_for_status()


@pytest.fixture(scope="session")
def sandbox() -> Iterator[Sandbox]:
    binary = os.environ.get("ALEXPAY_SANDBOX_BIN", "target/debug/alexpay-sandbox")
    args = [binary, "--port", "0", "--delay-ms", "300", "--webhook-secret", WEBHOOK_SECRET,
            "--webhook-retry-base-ms", "50", "--quiet"]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    env = dict(line.strip().split("=", 1) for line in (proc.stdout.readline() for _ in range(4)))
    yield Sandbox(env["ALEXPAY_SANDBOX_URL"], env["ALEXPAY_PUBLIC_KEY"], env["ALEXPAY_SECRET_KEY"], proc)
    proc.terminate()
    assert proc.wait(timeout=10) == 0, "the sandbox shuts down cleanly on SIGTERM"


@dataclass
class Receiver:
    """A Flask app that verifies, parses and records every webhook, failing the
    first `fail_first` deliveries to prove the sandbox retries."""

    url: str = ""
    fail_first: int = 0
    events: list[alexpay.WebhookEvent] = field(default_factory=list)
    seen_ids: set[str] = field(default_factory=set)
    refused: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def wait_for(self, payout_id: str, status: str, timeout: float = 15.0) -> alexpay.WebhookEvent:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                for event in self.events:
                    if event.payout_id == payout_id and event.status == status:
                        return event
            time.sleep(0.05)
        raise AssertionError(f"no {status} webhook for {payout_id} within {timeout}s")

    def any_for(self, payout_id: str) -> list[alexpay.WebhookEvent]:
        with self.lock:
            return [e for e in self.events if e.payout_id == payout_id]


@pytest.fixture(scope="session")
def receiver() -> Iterator[Receiver]:
    state = Receiver()
    app = Flask("alexpay-e2e-receiver")

    @app.post("/hooks/alexpay")
    def hook() -> tuple[str, int]:
        raw = request.get_data()  # the raw bytes: never request.json
        with state.lock:
            if state.refused < state.fail_first:
                state.refused += 1
                return "try again later", 503
        alexpay.verify_webhook_signature(WEBHOOK_SECRET, dict(request.headers), raw, int(time.time()))
        event = alexpay.parse_webhook(raw)
        with state.lock:
            delivery = request.headers["webhook-id"]
            if delivery not in state.seen_ids:  # at-least-once: de-duplicate by webhook-id
                state.seen_ids.add(delivery)
                state.events.append(event)
        return "", 204

    server = make_server("127.0.0.1", 0, app, threaded=True)
    state.url = f"http://127.0.0.1:{server.server_port}/hooks/alexpay"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
