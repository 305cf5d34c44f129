"""Memory soak for the Python binding: a million SDK calls (build, parse,
webhook parse + confirm, signature verify), resident memory measured after a
warm-up and at the end. Fails if it grew by more than the budget.

usage: python tests/soak/memory.py [iterations]
"""

from __future__ import annotations

import gc
import sys

import alexpay

BUDGET_MB = 4.0
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
STATUS = (b'{"status":"success","code":200,"message":"ok","data":{"id":"PO_1","reference":"PY_1","amount":100,'
          b'"charge":2,"currency":"ZMW","status":"successful","is_disbursed":"true"}}')
HOOK = b'{"status":"success","code":200,"data":{"id":"PO_1","reference":"PY_1","amount":100,"status":"successful"}}'


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def main() -> int:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    client = alexpay.Client(public_key="pk", secret_key="sk_soak", base_url="https://api.alexpay.test")
    headers = {"webhook-id": "msg_1", "webhook-timestamp": "1700000000",
               "webhook-signature": alexpay.sign_webhook(SECRET, "msg_1", 1700000000, HOOK)}
    report = alexpay.parse_status_response(200, STATUS)

    def one(i: int) -> None:
        match i % 5:
            case 0:
                client.mobile_money_payout(amount=100 + i % 1000, country_id="GH", phone_number="+233241234561")
            case 1:
                alexpay.parse_status_response(200, STATUS)
            case 2:
                alexpay.confirm_webhook(alexpay.parse_webhook(HOOK), report)
            case 3:
                alexpay.verify_webhook_signature(SECRET, headers, HOOK, 1700000000)
            case _:
                try:  # the error path allocates exceptions: it must not leak either
                    client.mobile_money_payout(amount=0, country_id="GH")
                except alexpay.ValidationError:
                    pass

    warm = total // 10
    for i in range(warm):
        one(i)
    gc.collect()
    before = rss_mb()
    for i in range(warm, total):
        one(i)
    gc.collect()
    after = rss_mb()
    growth = after - before
    print(f"python: {total} calls, rss {before:.1f} MB -> {after:.1f} MB (growth {growth:+.2f} MB, budget {BUDGET_MB} MB)")
    return 0 if growth < BUDGET_MB else 1


if __name__ == "__main__":
    sys.exit(main())
