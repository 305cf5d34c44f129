"""Results hold Python objects made once and shared where the value is the
same (issue 13: a client's headers dict, a confirmation's facts taken from
its report, interned status words). Sharing must never be visible: every
answer still reports its own values, and a caller mutating what it was given
changes nothing else."""

from __future__ import annotations

import json
from typing import Any, Dict

import alexpay
from conftest import BASE_URL, PUBLIC, SECRET


def status_body(**data: Any) -> bytes:
    fields = {"id": "PO_1", "status": "successful", **data}
    return json.dumps({"status": "success", "code": 200, "data": fields}).encode()


def test_each_request_gets_its_own_headers_dict(client: alexpay.Client) -> None:
    first = client.mobile_money_payout(amount=5, country_id="GH")
    second = client.mobile_money_payout(amount=6, country_id="GH")
    mine = first.headers
    mine["secret-key"] = "changed"
    mine["x-extra"] = "1"
    del mine["accept"]
    for r in (first, second, client.mobile_money_payout(amount=7, country_id="GH")):
        h = r.headers
        assert h is not r.headers
        assert h == {
            "secret-key": SECRET,
            "public-key": PUBLIC,
            "content-type": "application/json",
            "accept": "application/json",
            "user-agent": alexpay.DEFAULT_USER_AGENT,
        }
    get = client.status_check("PO_1").headers
    get["public-key"] = "changed"
    assert client.status_check("PO_2").headers["public-key"] == PUBLIC
    assert "content-type" not in client.status_check("PO_3").headers


def test_two_clients_keep_their_own_headers() -> None:
    a = alexpay.Client(public_key="pk_a", secret_key="sk_a", base_url=BASE_URL, user_agent="a/1")
    b = alexpay.Client(public_key="pk_b", secret_key="sk_b", base_url=BASE_URL, user_agent="b/1")
    for _ in range(2):
        ha = a.mobile_money_payout(amount=1, country_id="GH").headers
        hb = b.status_check("PO_1").headers
        assert (ha["public-key"], ha["secret-key"], ha["user-agent"]) == ("pk_a", "sk_a", "a/1")
        assert (hb["public-key"], hb["secret-key"], hb["user-agent"]) == ("pk_b", "sk_b", "b/1")


def test_successive_answers_report_their_own_text() -> None:
    answers = [
        dict(currency="ZMW", environment="live", type="payout", method="mobilemoney", operator="MTN", status="successful"),
        dict(currency="GHS", environment="sandbox", type="transfer", method="bank", operator="Airtel", status="failed"),
        dict(currency="ZMW", status="pending"),
        dict(currency="ZMW", environment="live", type="payout", method="mobilemoney", operator="MTN", status="successful"),
    ]
    for data in answers:
        r = alexpay.parse_status_response(200, status_body(**data))
        for key in ("currency", "environment", "type", "method", "operator"):
            assert getattr(r, key) == data.get(key), key
        assert r.raw_status == data["status"]
        assert r.status == alexpay.normalize_status(data["status"])


def test_a_confirmation_reports_the_reports_facts() -> None:
    report = alexpay.parse_status_response(200, status_body(id="PO_9", amount=12.5, status="successful"))
    event = alexpay.parse_webhook(json.dumps({"data": {"id": "PO_9", "amount": 12.5, "status": "pending"}}).encode())
    c = alexpay.confirm_webhook(event, report)
    assert (c.payout_id, c.status, c.raw_status, c.amount) == ("PO_9", "succeeded", "successful", report.amount)
    assert (c.event_status, c.stale) == ("pending", True)
    assert c.to_dict() == {
        "payout_id": "PO_9",
        "status": "succeeded",
        "raw_status": "successful",
        "amount": report.amount,
        "event_status": "pending",
        "stale": True,
    }


def test_a_plain_dict_and_a_dict_subclass_with_its_own_items_are_both_read_as_given() -> None:
    body = b'{"payout_id":"PO_1"}'
    sig = alexpay.sign_webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_1", 1_700_000_000, body)
    good = {"webhook-id": "msg_1", "webhook-timestamp": "1700000000", "webhook-signature": sig}

    class ItemsFromElsewhere(Dict[str, str]):
        """A mapping whose .items() is the truth (as some frameworks' headers are)."""

        def items(self) -> Any:  # type: ignore[override]
            return good.items()

    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    alexpay.verify_webhook_signature(secret, dict(good), body, 1_700_000_000)
    alexpay.verify_webhook_signature(secret, ItemsFromElsewhere(), body, 1_700_000_000)
    try:
        alexpay.verify_webhook_signature(secret, {**good, "webhook-id": "msg_2"}, body, 1_700_000_000)
    except alexpay.WebhookError as e:
        assert e.code == "webhook_signature_invalid"
    else:
        raise AssertionError("a changed webhook-id verified")
