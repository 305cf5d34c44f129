"""Alexpay payouts SDK for Python.

Sans-I/O: the SDK builds requests and parses answers as plain data; your own
HTTP client (httpx, requests, aiohttp, ...) sends them. Behaviour lives in a
Rust core shared with the JavaScript SDKs, so every language builds the same
bytes and raises the same error codes.

Quickstart::

    import httpx, alexpay

    client = alexpay.Client(public_key="pk_...", secret_key="sk_...",
                            base_url="https://api.alexpay.example")
    req = client.mobile_money_payout(amount=1000, country_id="GH",
                                     phone_number="+233 24 123 4567")
    resp = httpx.request(req.method, req.url, headers=req.headers, content=req.body)
    payout = alexpay.parse_payout_response(resp.status_code, resp.content)

See ``help(alexpay.Client)``, ``help(alexpay.AlexpayError)`` and the README.
"""

from ._alexpay import (
    DEFAULT_TOLERANCE_SECS,
    DEFAULT_USER_AGENT,
    MAX_AMOUNT,
    MAX_NARRATION_CHARS,
    Client,
    Confirmation,
    HttpRequest,
    Payout,
    PayoutTracker,
    RetryDecision,
    StatusReport,
    WebhookEvent,
    __version__,
    confirm_webhook,
    is_terminal_status,
    normalize_status,
    parse_payout_response,
    parse_status_response,
    parse_webhook,
    retry_decision,
    sign_webhook,
    verify_webhook_signature,
)
from ._errors import AlexpayError, ApiError, ConflictError, ValidationError, WebhookError
from ._types import (
    Body,
    HeadersLike,
    Observed,
    Operation,
    PayoutStatus,
    RetryAction,
    SupportsHeaderItems,
    TransportError,
)

__all__ = [
    "AlexpayError",
    "ApiError",
    "Body",
    "Client",
    "Confirmation",
    "ConflictError",
    "DEFAULT_TOLERANCE_SECS",
    "DEFAULT_USER_AGENT",
    "HeadersLike",
    "HttpRequest",
    "MAX_AMOUNT",
    "MAX_NARRATION_CHARS",
    "Observed",
    "Operation",
    "Payout",
    "PayoutStatus",
    "PayoutTracker",
    "RetryAction",
    "RetryDecision",
    "StatusReport",
    "SupportsHeaderItems",
    "TransportError",
    "ValidationError",
    "WebhookError",
    "WebhookEvent",
    "__version__",
    "confirm_webhook",
    "is_terminal_status",
    "normalize_status",
    "parse_payout_response",
    "parse_status_response",
    "parse_webhook",
    "retry_decision",
    "sign_webhook",
    "verify_webhook_signature",
]
