"""Type aliases for the SDK's string values and inputs (for annotations)."""

from __future__ import annotations

from typing import Iterable, Literal, Protocol, Tuple, Union

__all__ = [
    "PayoutStatus",
    "Observed",
    "RetryAction",
    "Operation",
    "TransportError",
    "Body",
    "HeadersLike",
    "SupportsHeaderItems",
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

    def items(self) -> Iterable[Tuple[str, str]]: ...


#: Webhook headers: a mapping-like object or (name, value) pairs (``str`` or
#: ``bytes``, as ASGI servers give them).
HeadersLike = Union[
    SupportsHeaderItems,
    Iterable[Tuple[str, str]],
    Iterable[Tuple[bytes, bytes]],
]
