"""Type aliases for the SDK's string values and inputs (for annotations)."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable, Literal, Protocol, Tuple, Union

__all__ = [
    "Money",
    "ErrorCode",
    "PayoutStatus",
    "Observed",
    "RetryAction",
    "Operation",
    "TransportError",
    "Body",
    "HeadersLike",
    "SupportsHeaderItems",
]

#: An amount of money: ``int`` when whole, else ``decimal.Decimal``; never a
#: binary float.
Money = Union[int, Decimal]
#: Every ``AlexpayError.code`` (docs/errors.md).
ErrorCode = Literal[
    "invalid_credentials",
    "invalid_base_url",
    "invalid_user_agent",
    "invalid_amount",
    "invalid_country_id",
    "invalid_phone_number",
    "missing_bank_details",
    "invalid_bank_details",
    "invalid_narration",
    "invalid_webhook_url",
    "invalid_payout_id",
    "invalid_webhook_secret",
    "invalid_argument",
    "not_initialized",
    "authentication_failed",
    "not_found",
    "request_rejected",
    "rate_limited",
    "server_error",
    "unexpected_response",
    "response_too_large",
    "webhook_malformed",
    "webhook_signature_invalid",
    "webhook_timestamp_out_of_range",
    "webhook_mismatch",
    "webhook_too_large",
    "status_conflict",
    "payout_id_mismatch",
    "outcome_unknown",
    "connection_failed",
    "cancelled",
]
#: A normalised payout status.
PayoutStatus = Literal["pending", "succeeded", "failed", "unknown"]
#: What ``PayoutTracker.observe`` did.
Observed = Literal["changed", "unchanged", "ignored", "needs_confirmation"]
#: ``RetryDecision.action``.
RetryAction = Literal["retry", "stop", "do_not_resend"]
#: ``retry_decision``'s ``operation``.
Operation = Literal["payout", "status_check"]
#: ``retry_decision``'s ``transport_error``.
TransportError = Literal["connect", "timeout", "connection_lost"]
#: A raw HTTP body: bytes as received, or text (encoded as UTF-8).
Body = Union[bytes, bytearray, memoryview, str]


class SupportsHeaderItems(Protocol):
    """Anything with ``.items()`` yielding (name, value) pairs: ``dict``,
    Starlette/FastAPI ``request.headers``, Flask ``request.headers``,
    ``httpx.Headers``, ``requests`` headers."""

    def items(self) -> Iterable[Tuple[str, str]]:
        """(name, value) pairs."""
        ...


#: Webhook headers: a mapping-like object or (name, value) pairs (``str`` or
#: ``bytes``, as ASGI servers give them).
HeadersLike = Union[
    SupportsHeaderItems,
    Iterable[Tuple[str, str]],
    Iterable[Tuple[bytes, bytes]],
]
