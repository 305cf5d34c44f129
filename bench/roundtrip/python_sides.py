"""The two sides of a Python payout round trip (one POST of a mobile-money
payout, one GET of its status check), per HTTP client library:

- driver: the SDK's one-call flows, ``Client.send_mobile_money_payout`` then
  ``Client.wait_for_payout(id, timeout_secs=0)`` (exactly one status check);
- hand: the same two requests written by hand with the same library, the
  body and headers as literals, ``json`` to parse the answers.

Each factory takes the base URL and keys and returns ``round_trip()`` ->
``(payout_id, status)``. Connection reuse is the same on both sides: urllib
opens a connection per request on both; the httpx sides share one
``httpx.Client``.
"""

from __future__ import annotations

import json
import urllib.request
from typing import Callable, Dict, Tuple

import httpx

import alexpay
from alexpay.transports import HttpxTransport, UrllibTransport

RoundTrip = Callable[[], Tuple[str, str]]

PAYOUT = dict(amount=2500, country_id="GH", phone_number="233241234561", narration="Salary for June")
# The JSON the core builds for PAYOUT, in its field order.
BODY = json.dumps(
    {"amount": 2500, "countryId": "GH", "transfer_to": "mobile_number", "momo_phone_number": "233241234561", "narration": "Salary for June"},
    separators=(",", ":"),
).encode()
TIMEOUT_SECS = 30.0
PROCESS_PATH = "/v1/payment/payouts/process"


def _headers(public_key: str, secret_key: str, post: bool) -> Dict[str, str]:
    h = {"public-key": public_key, "secret-key": secret_key, "user-agent": alexpay.DEFAULT_USER_AGENT, "accept": "application/json"}
    if post:
        h["content-type"] = "application/json"
    return h


def driver(transport: object, base_url: str, public_key: str, secret_key: str) -> RoundTrip:
    client = alexpay.Client(public_key=public_key, secret_key=secret_key, base_url=base_url, transport=transport, request_timeout_secs=TIMEOUT_SECS)

    def round_trip() -> Tuple[str, str]:
        sent = client.send_mobile_money_payout(**PAYOUT)
        checked = client.wait_for_payout(sent.payout_id, timeout_secs=0)
        return checked.payout_id, checked.status

    return round_trip


def hand_urllib(base_url: str, public_key: str, secret_key: str) -> RoundTrip:
    opener = urllib.request.build_opener()
    post_headers = _headers(public_key, secret_key, post=True)
    get_headers = _headers(public_key, secret_key, post=False)

    def round_trip() -> Tuple[str, str]:
        req = urllib.request.Request(base_url + PROCESS_PATH, data=BODY, headers=post_headers, method="POST")
        with opener.open(req, timeout=TIMEOUT_SECS) as r:
            payout_id = json.loads(r.read())["data"]["payout_id"]
        req = urllib.request.Request(f"{base_url}/v1/payment/{payout_id}/check", headers=get_headers, method="GET")
        with opener.open(req, timeout=TIMEOUT_SECS) as r:
            report = json.loads(r.read())["data"]
        return payout_id, report["status"]

    return round_trip


def hand_httpx(client: httpx.Client, base_url: str, public_key: str, secret_key: str) -> RoundTrip:
    post_headers = _headers(public_key, secret_key, post=True)
    get_headers = _headers(public_key, secret_key, post=False)

    def round_trip() -> Tuple[str, str]:
        r = client.post(base_url + PROCESS_PATH, content=BODY, headers=post_headers, timeout=TIMEOUT_SECS)
        payout_id = json.loads(r.content)["data"]["payout_id"]
        r = client.get(f"{base_url}/v1/payment/{payout_id}/check", headers=get_headers, timeout=TIMEOUT_SECS)
        return payout_id, json.loads(r.content)["data"]["status"]

    return round_trip


def sides(http: httpx.Client, base_url: str, public_key: str, secret_key: str) -> Dict[str, RoundTrip]:
    """Every side, by name "<library> <driver|hand>"."""
    return {
        "urllib driver": driver(UrllibTransport(), base_url, public_key, secret_key),
        "urllib hand": hand_urllib(base_url, public_key, secret_key),
        "httpx driver": driver(HttpxTransport(http), base_url, public_key, secret_key),
        "httpx hand": hand_httpx(http, base_url, public_key, secret_key),
    }
