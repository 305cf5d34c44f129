"""Alexpay payouts SDK for Python.

Quickstart: one call sends a payout and, if you ask, follows it to a final
status::

    import alexpay

    client = alexpay.Client(public_key="pk_...", secret_key="sk_...", base_url="https://...")
    payout = client.send_mobile_money_payout(amount=100, country_id="GH", phone_number="+233 24 123 4561", wait=True)
    print(payout.payout_id, payout.status)

Every decision (what to send, when a retry is safe, when a payout is final)
is made by a Rust core shared with the JavaScript SDKs; this package sends
requests over a transport of your choice (``alexpay.transports``: urllib by
default, httpx, requests, aiohttp). The request builders and parsers
(``Client.mobile_money_payout``, ``parse_payout_response``, ...) stay for
hosts that send requests themselves.

See ``help(alexpay.Client)``, ``help(alexpay.AlexpayError)`` and the README.
"""

from ._alexpay import (
    DEFAULT_TOLERANCE_SECS,
    DEFAULT_USER_AGENT,
    MAX_AMOUNT,
    MAX_NARRATION_CHARS,
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
from ._client import (
    DEFAULT_REQUEST_TIMEOUT_SECS,
    DEFAULT_WAIT_SECS,
    DEFAULT_WEBHOOK_TIMEOUT_SECS,
    AsyncClient,
    Client,
)
from ._errors import (
    AlexpayError,
    ApiError,
    ConflictError,
    ConnectionFailedError,
    FlowError,
    OutcomeUnknownError,
    ValidationError,
    WebhookError,
)
from ._results import PayoutResult, WebhookResult
from ._types import (
    Body,
    ErrorCode,
    HeadersLike,
    Money,
    Observed,
    Operation,
    PayoutStatus,
    RetryAction,
    SupportsHeaderItems,
    TransportError,
)
from .transports import HttpResponse, TransportFailure

__all__ = [
    "AlexpayError",
    "ApiError",
    "AsyncClient",
    "Body",
    "Client",
    "Confirmation",
    "ConflictError",
    "ConnectionFailedError",
    "DEFAULT_REQUEST_TIMEOUT_SECS",
    "DEFAULT_TOLERANCE_SECS",
    "DEFAULT_USER_AGENT",
    "DEFAULT_WAIT_SECS",
    "DEFAULT_WEBHOOK_TIMEOUT_SECS",
    "ErrorCode",
    "FlowError",
    "HeadersLike",
    "HttpRequest",
    "HttpResponse",
    "MAX_AMOUNT",
    "MAX_NARRATION_CHARS",
    "Money",
    "Observed",
    "Operation",
    "OutcomeUnknownError",
    "Payout",
    "PayoutResult",
    "PayoutStatus",
    "PayoutTracker",
    "RetryAction",
    "RetryDecision",
    "StatusReport",
    "SupportsHeaderItems",
    "TransportError",
    "TransportFailure",
    "ValidationError",
    "WebhookError",
    "WebhookEvent",
    "WebhookResult",
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
