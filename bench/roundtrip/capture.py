"""A recording HTTP server on loopback that answers like the sandbox: each
side of the harness runs once against it, so the harness can check that the
driver and the hand-written code send the same requests (method, path,
headers, body), not just the same number of them."""

from __future__ import annotations

import http.server
import threading
from typing import Callable, List, Tuple

PAYOUT_ID = "5f0c2a9e-1b7d-4c3e-8a6f-2d4b9e7c1a05"
ACCEPTED = b'{"status":"success","code":0,"message":"Payout initiated successfully","data":{"amount":2500,"payout_id":"%s","status":"processing"}}' % PAYOUT_ID.encode()
REPORT = (
    b'{"status":"success","code":200,"message":"Payout successful","data":{"id":"%s","reference":"PY_BENCH01",'
    b'"amount":2500,"charge":25.0,"currency":"GHS","environment":"sandbox","type":"payout","method":"mobilemoney",'
    b'"operator":"MTN","status":"successful","narration":"Salary for June","is_disbursed":"true","failure_reason":null,'
    b'"created_at":"2026-12-02T00:00:00.000Z","updated_at":"2026-12-02T00:00:00.001Z"}}' % PAYOUT_ID.encode()
)

Request = Tuple[str, str, Tuple[Tuple[str, str], ...], bytes]


def capture(send: Callable[[str], object]) -> List[Request]:
    """Runs ``send(base_url)`` against a recording server; returns what arrived."""
    seen: List[Request] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _answer(self, body: bytes) -> None:
            length = int(self.headers.get("content-length") or 0)
            data = self.rfile.read(length) if length else b""
            headers = tuple(sorted((k.lower(), v) for k, v in self.headers.items()))
            seen.append((self.command, self.path, headers, data))
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            self._answer(ACCEPTED)

        def do_GET(self) -> None:  # noqa: N802
            self._answer(REPORT)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        send(f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()
    return seen
