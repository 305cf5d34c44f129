"""Writes seeded random cases for the differential check (README.md here).

usage: generate.py SEED COUNT OUT.json [--pending]

The same seed always gives the same cases. Inputs mix valid values, values
near every rule's edge and plain random text, so most cases exercise a
refusal as well as an answer. Bodies travel as base64, so invalid UTF-8 and
any byte reach every surface unchanged.

``--pending`` adds the input classes whose one behaviour across bindings is
still being settled (issue 15, "Input rules" and "Webhook signatures"): text
with lone UTF-16 surrogates (``"ref\\ud800X"``, which JavaScript strings and
Python str hold but UTF-8 cannot), a repeated ``webhook-signature`` header,
a negative tolerance and retry attempts of 2^32 and more. Off by default
until those land; then it should become the default."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import random
import sys
from typing import Any, Callable, Dict, List

Json = Any

TEXT = [
    "", " ", "GH", "gh", "NG", "KE", "G", "GHA", "PO_1", "po_1", "abc-123_x.Y~", "ref\n", "ref\t", " ref",
    "ref ", "\u202eevil", "a\u200bb", "soft\u00adhyphen", "\U000e0041tag", "１２３４５６７８９", "é", "日本",
    "<>{}`|^[]", "..;", "..", ".", "a/b", "a?b", "a#b", "a%2Fb", "%2e%2e", "x" * 64, "x" * 65, "n" * 255,
    "n" * 256, "\x00", "\x7f", "\u0085", "emoji\U0001f600",
]
PHONES = [
    "+233241234567", "0241234567", "+233 24 123 4567", "233-24-123-4567", "+000241234567", "123456",
    "1234567", "+1234567890123456", "１２３４５６７８９０", "+233241234567\n", "", " ", "+", "++233241234567",
]
URLS = [
    "https://api.alexpay.test", "https://api.alexpay.test/", "https://api.alexpay.test/tenant",
    "https://api.alexpay.test/tenant/", "https://h/tenant/%2e%2e", "https://h/a/../b", "https://[]",
    "https://[:]", "https://[1.2.3.4]", "https://[::1]:8443", "https://-host-.com", "http://localhost:8089",
    "http://127.0.0.1", "ftp://x", "https://", "https://user:pw@h", "https://h?q=1", "https://h#f",
    "https://H.EXAMPLE", "https://h:99999", "https://h:0", " https://h", "https://h\n", "api.alexpay.test",
    "https://h/" + "p" * 2100, "https://ex ample.com",
]
STATUS_WORDS = [
    "processing", "pending", "successful", "success", "succeeded", "completed", "paid", "failed", "failure",
    "reversed", "cancelled", "declined", "SUCCESSFUL", " successful ", "", "weird", "error",
]
SECRET = "whsec_" + base64.b64encode(b"differential-check-secret-32byte").decode()
SECRETS = [SECRET, SECRET.rstrip("="), SECRET[6:], "whsec_", "whsec_!!!!", "", "whsec_" + "A" * 3]


LONE_SURROGATES = ["ref\ud800X", "\udfff", "a\udbff", "PO_\ud83d"]


class Gen:
    def __init__(self, seed: int, pending: bool = False) -> None:
        self.r = random.Random(seed)
        self.pending = pending
        self.pool = TEXT + LONE_SURROGATES if pending else TEXT

    def pick(self, xs: List[Any]) -> Any:
        return xs[self.r.randrange(len(xs))]

    def chance(self, p: float) -> bool:
        return self.r.random() < p

    def text(self) -> str:
        roll = self.r.random()
        if roll < 0.6:
            return self.pick(self.pool)
        if roll < 0.8:
            alphabet = "abcXYZ019_-. /+%:@\\\"'"
            return "".join(self.pick(list(alphabet)) for _ in range(self.r.randrange(0, 12)))
        # Any code point outside the surrogates: Unicode text every language holds.
        def cp() -> str:
            while True:
                c = self.r.choice([self.r.randrange(0x20, 0x7F), self.r.randrange(0, 0x300), self.r.randrange(0, 0x110000)])
                if not 0xD800 <= c <= 0xDFFF:
                    return chr(c)
        return "".join(cp() for _ in range(self.r.randrange(0, 8)))

    def amount(self) -> int:
        return self.pick([1, 100, 0, -1, 2**53 - 1, 2**53, 10**6, self.r.randrange(1, 10**9), -(2**31)])

    def maybe(self, value: Callable[[], Any], p: float = 0.6) -> Dict[str, Any]:
        return {"v": value()} if self.chance(p) else {}

    def client(self) -> Json:
        c: Dict[str, Any] = {
            "public_key": self.pick(["pk_test_1", "pk_test_1"]) if self.chance(0.85) else self.text(),
            "secret_key": self.pick(["sk_test_1"]) if self.chance(0.85) else self.text(),
            "base_url": "https://api.alexpay.test" if self.chance(0.6) else self.pick(URLS),
        }
        if self.chance(0.3):
            c["user_agent"] = self.text()
        return c

    def payout_args(self, kind: str) -> Json:
        a: Dict[str, Any] = {
            "amount": self.amount() if self.chance(0.4) else 100,
            "country_id": "GH" if self.chance(0.5) else self.text(),
        }
        if kind == "mobile_money":
            if self.chance(0.7):
                a["phone_number"] = self.pick(PHONES) if self.chance(0.7) else self.text()
        else:
            a["bank_id"] = "GCB" if self.chance(0.5) else self.text()
            a["account_number"] = "1234567890" if self.chance(0.5) else self.text()
        if self.chance(0.4):
            a["narration"] = self.text()
        if self.chance(0.3):
            a["webhook_url"] = self.pick(URLS) if self.chance(0.6) else self.text()
        return a

    def scalar(self) -> Json:
        return self.pick([
            None, True, False, 0, 1, -1, 100, 1.5, 1e21, 2**53, 2**64, "100", "1.50", "", "PO_1", [], {},
            self.text(),
        ])

    def envelope(self, report: bool) -> bytes:
        data: Dict[str, Any] = {}
        for key in (["id", "reference", "amount", "charge", "currency", "status", "environment", "type",
                     "method", "operator", "narration", "is_disbursed", "created_at", "updated_at"]
                    if report else ["payout_id", "amount", "status"]):
            if self.chance(0.6):
                if key in ("id", "payout_id") and self.chance(0.7):
                    data[key] = self.pick(["PO_1", "PO_2", "po-1"])
                elif key == "status" and self.chance(0.7):
                    data[key] = self.pick(STATUS_WORDS)
                elif key in ("amount", "charge") and self.chance(0.6):
                    data[key] = self.pick([100, 0, -5, 1.25, "100", "1.50", 2**53, 1e30])
                else:
                    data[key] = self.scalar()
        env: Dict[str, Any] = {}
        if self.chance(0.9):
            env["status"] = self.pick(["success", "error", "pending", "failed", True, None, 1])
        if self.chance(0.9):
            env["code"] = self.pick([0, 200, 400, 401, 404, 422, 429, 500, "0", "429", None, 1])
        if self.chance(0.6):
            env["message"] = self.text()
        if self.chance(0.85):
            env["data"] = data if self.chance(0.9) else self.scalar()
        body = json.dumps(env, ensure_ascii=self.chance(0.5)).encode("utf-8", "surrogatepass")
        return self.mangle(body)

    def mangle(self, body: bytes) -> bytes:
        roll = self.r.random()
        if roll < 0.75 or not body:
            return body
        if roll < 0.85:
            return body[: self.r.randrange(len(body))]
        if roll < 0.92:
            i = self.r.randrange(len(body))
            return body[:i] + bytes([self.r.randrange(256)]) + body[i + 1:]
        return self.pick([b"", b"<html>502 Bad Gateway</html>", b"null", b"[]", b"\xff\xfe", b"{}"])

    def http_status(self) -> int:
        return self.pick([200, 200, 201, 204, 302, 400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503, 100, 599])

    def webhook_body(self) -> bytes:
        event: Dict[str, Any] = {}
        if self.chance(0.5):
            event = {"event": "payout.updated", "data": {}}
            target = event["data"]
        else:
            target = event
        for key in ["payout_id", "id", "reference", "status", "amount"]:
            if self.chance(0.6):
                target[key] = (self.pick(["PO_1", "PO_2"]) if "id" in key and self.chance(0.7)
                               else self.pick(STATUS_WORDS) if key == "status" and self.chance(0.7) else self.scalar())
        return self.mangle(json.dumps(event).encode("utf-8"))

    # ------------------------------------------------------------ cases

    def case(self) -> Json:
        kind = self.pick(KINDS)
        return {"kind": kind, **getattr(self, "case_" + kind)()}

    def case_client(self) -> Json:
        return {"client": self.client()}

    def case_payout_request(self) -> Json:
        kind = self.pick(["mobile_money", "bank"])
        return {"client": self.client(), "payout": kind, "args": self.payout_args(kind)}

    def case_status_check(self) -> Json:
        pid = self.pick(["PO_1", "abc-123"]) if self.chance(0.4) else self.text()
        return {"client": self.client(), "payout_id": pid}

    def case_payout_response(self) -> Json:
        return {"http_status": self.http_status(), "body": b64(self.envelope(False))}

    def case_status_response(self) -> Json:
        return {"http_status": self.http_status(), "body": b64(self.envelope(True))}

    def case_webhook(self) -> Json:
        return {"body": b64(self.webhook_body())}

    def case_confirm(self) -> Json:
        return {"body": b64(self.webhook_body()), "http_status": 200, "report": b64(self.envelope(True))}

    def case_signature(self) -> Json:
        body = self.webhook_body()
        now = 1_790_000_000
        ts = now + self.pick([0, -10, 299, -301, 400, -86400])
        msg_id = self.pick(["msg_1", "msg_2", ""]) if self.chance(0.9) else self.text()
        good = "v1," + base64.b64encode(
            hmac.new(base64.b64decode(SECRET[6:]), f"{msg_id}.{ts}.".encode("utf-8", "surrogatepass") + body, hashlib.sha256).digest()
        ).decode()
        sig = self.pick([good, good, f"v1,bad {good}", f"v2,x {good}", good[:-4] + "AAAA", "", "v1,", "garbage"])
        headers = [["webhook-id", msg_id], ["webhook-timestamp", str(ts) if self.chance(0.9) else self.text()],
                   ["webhook-signature", sig]]
        if self.chance(0.15):
            headers = [h for h in headers if not self.chance(0.3)]
        if self.chance(0.2):
            headers = [[n.upper() if self.chance(0.5) else n, v] for n, v in headers]
        if self.pending and self.chance(0.2):
            headers.append(["webhook-signature", self.pick([good, "v1,forged"])])
        # JavaScript callers also pass a fetch `Headers` (Python gets the pairs).
        container = self.pick(["pairs", "headers"]) if self.pending else "pairs"
        tolerance = self.pick([None, 0, 300, 3600] + ([-1] if self.pending else []))
        return {"secret": SECRET if self.chance(0.8) else self.pick(SECRETS), "headers": headers, "container": container,
                "body": b64(body), "now": now + self.pick([0, 0, 1, -1]), "tolerance_secs": tolerance}

    def case_status(self) -> Json:
        return {"raw": self.pick(STATUS_WORDS) if self.chance(0.7) else self.text()}

    def case_retry(self) -> Json:
        c: Dict[str, Any] = {"operation": self.pick(["payout", "status_check"]), "attempt": self.pick([1, 1, 2, 3, 4, 5] + ([2**32, 2**32 + 1] if self.pending else []))}
        if self.chance(0.3):
            c["transport_error"] = self.pick(["connect", "timeout", "connection_lost"])
        else:
            c["http_status"] = self.http_status()
            if self.chance(0.8):
                c["body"] = b64(self.envelope(c["operation"] == "status_check"))
        if self.chance(0.3):
            c["retry_after_secs"] = self.pick([0, 1, 7, 120, 3600, 86400])
        return c

    def reply(self, report: bool) -> Json:
        if self.chance(0.25):
            return {"transport_error": self.pick(["connect", "timeout", "connection_lost"])}
        if self.chance(0.35):
            # A well-formed answer, so flows also get accepted and reach final statuses.
            data = {"id": "PO_1", "status": self.pick(STATUS_WORDS)} if report else {"payout_id": "PO_1", "status": "processing"}
            return {"http_status": 200, "body": b64(json.dumps({"status": "success", "code": 200 if report else 0, "data": data}).encode())}
        r: Dict[str, Any] = {"http_status": self.http_status(), "body": b64(self.envelope(report))}
        if self.chance(0.2):
            r["headers"] = [["retry-after", self.pick(["2", "0", "120", "Tue, 01 Dec 2026 10:00:09 GMT", "x"])]]
        return r

    def case_flow(self) -> Json:
        flow = self.pick(["payout", "payout", "follow", "webhook"])
        c: Dict[str, Any] = {"flow": flow, "seed": self.r.randrange(2**32), "request_timeout_ms": self.pick([1000, 30000]),
                             "wait_ms": self.pick([0, 0, 5000, 60000])}
        if flow == "payout":
            c["payout"] = self.pick(["mobile_money", "bank"])
            c["args"] = self.payout_args(c["payout"]) if self.chance(0.3) else {"amount": 100, "country_id": "GH", "bank_id": "GCB", "account_number": "1234567890"} if c["payout"] == "bank" else {"amount": 100, "country_id": "GH"}
        elif flow == "follow":
            c["payout_id"] = "PO_1" if self.chance(0.8) else self.text()
        else:
            c["body"] = b64(self.webhook_body()) if self.chance(0.5) else b64(b'{"payout_id":"PO_1","status":"successful"}')
            c["deadline_ms"] = self.pick([1000, 10000])
        # A payout flow's first answer is to the payout request; later ones mostly to status checks.
        c["replies"] = [self.reply(flow != "payout" or (i > 0 and self.chance(0.7))) for i in range(self.r.randrange(1, 8))]
        c["gaps"] = [self.pick([0, 10, 500, 5000]) for _ in range(4)]
        return c


KINDS = ["client", "payout_request", "status_check", "payout_response", "status_response", "webhook", "confirm",
         "signature", "status", "retry", "flow", "flow"]


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def main() -> None:
    seed, count, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    gen = Gen(seed, pending="--pending" in sys.argv[4:])
    cases = [{"n": i, **gen.case()} for i in range(count)]
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"seed": seed, "cases": cases}, f)


if __name__ == "__main__":
    main()
