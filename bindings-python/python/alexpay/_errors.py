"""The exceptions the SDK raises on purpose.

Every error carries a stable ``code`` (see the table in the project's
``docs/errors.md``); branch on it, never on the message text. The class is
chosen from the code's family:

- ``ValidationError`` (also a ``ValueError``): your input was refused before
  anything was built.
- ``ApiError``: Alexpay (or something in front of it) answered with a failure.
- ``WebhookError``: a webhook is malformed, unsigned/forged, or disagrees with
  the status check that should confirm it.
- ``ConflictError``: a payout tracker saw contradictory facts.
- ``FlowError``: a flow (``Client.send_*_payout``, ``wait_for_payout``,
  ``handle_webhook``) ended without an answer: ``OutcomeUnknownError``
  (``outcome_unknown``: the payout may exist, never resend it),
  ``ConnectionFailedError`` (``connection_failed``: nothing was ever
  delivered) and ``cancelled``.

Wrong Python *types* (``None``/``float``/``bool``/``str`` for an amount, a
``dict`` for a raw body) raise the built-in ``TypeError`` instead. No message
or repr ever contains the secret key.
"""

from __future__ import annotations

from typing import Any, Optional, Tuple

from ._types import ErrorCode

__all__ = [
    "AlexpayError",
    "ValidationError",
    "ApiError",
    "WebhookError",
    "ConflictError",
    "FlowError",
    "OutcomeUnknownError",
    "ConnectionFailedError",
]


class AlexpayError(Exception):
    """Base class of every error the SDK raises on purpose.

    Attributes:
        code: the stable machine-readable code, e.g. ``"invalid_phone_number"``.
        field: the input concerned (``"phone_number"``, ``"webhook-signature"``),
            or ``None``.
        http_status: the HTTP status for API errors, else ``None``.
        retryable: True only when resending the very same request is safe and
            may help. Never True for a payout whose outcome is unknown.
        api_code: Alexpay's own ``code`` from its error envelope (as text), or
            ``None``.
        api_message: Alexpay's own ``message``, or ``None``.
        payout_id: the payout this error is about when one is known (a
            failure answer that named a payout, an ``OutcomeUnknownError``
            after the payout was accepted), else ``None``.
        receiver_status: for errors from ``Client.handle_webhook``, the HTTP
            status to answer the sender with (400, 401 or 503), else ``None``.
        message: the human-readable message (also ``str(error)``).
    """

    code: ErrorCode
    field: Optional[str]
    http_status: Optional[int]
    retryable: bool
    api_code: Optional[str]
    api_message: Optional[str]
    payout_id: Optional[str]
    message: str
    receiver_status: Optional[int]

    def __init__(
        self,
        message: str,
        *,
        code: ErrorCode,
        field: Optional[str] = None,
        http_status: Optional[int] = None,
        retryable: bool = False,
        api_code: Optional[str] = None,
        api_message: Optional[str] = None,
        payout_id: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field
        self.http_status = http_status
        self.retryable = retryable
        self.api_code = api_code
        self.api_message = api_message
        self.payout_id = payout_id
        # Set on errors from ``handle_webhook``: the HTTP status to answer the
        # sender with (400, 401 or 503).
        self.receiver_status = None

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        parts = [f"code={self.code!r}", f"field={self.field!r}"]
        if self.http_status is not None:
            parts.append(f"http_status={self.http_status!r}")
            parts.append(f"retryable={self.retryable!r}")
        if self.payout_id is not None:
            parts.append(f"payout_id={self.payout_id!r}")
        parts.append(f"message={self.message!r}")
        return f"{type(self).__name__}({', '.join(parts)})"

    def __reduce__(self) -> Tuple[Any, ...]:
        # Keyword-only attributes survive pickling (multiprocessing, Celery).
        return (
            _rebuild,
            (
                type(self),
                self.message,
                {
                    "code": self.code,
                    "field": self.field,
                    "http_status": self.http_status,
                    "retryable": self.retryable,
                    "api_code": self.api_code,
                    "api_message": self.api_message,
                    "payout_id": self.payout_id,
                },
            ),
        )


def _rebuild(cls: "type[AlexpayError]", message: str, attrs: "dict[str, Any]") -> AlexpayError:
    return cls(message, **attrs)


class ValidationError(AlexpayError, ValueError):
    """Your input was refused before any request was built (codes
    ``invalid_*`` and ``missing_bank_details``). Fix the input; never retry."""


class ApiError(AlexpayError):
    """Alexpay answered with a failure: ``authentication_failed``,
    ``not_found``, ``request_rejected``, ``rate_limited``, ``server_error`` or
    ``unexpected_response``. Check ``.retryable`` before resending anything;
    for a payout, a non-retryable server/unexpected answer means the outcome is
    unknown: reconcile (status check, webhook) instead of resending."""


class WebhookError(AlexpayError):
    """A webhook was refused: ``webhook_malformed``,
    ``webhook_signature_invalid``, ``webhook_timestamp_out_of_range`` or
    ``webhook_mismatch`` (it disagrees with the status check: trust the check)."""


class ConflictError(AlexpayError):
    """A payout tracker saw contradictory facts: ``status_conflict`` (two
    different final outcomes) or ``payout_id_mismatch``. Reconcile with
    Alexpay."""


class FlowError(AlexpayError):
    """A flow ended without an answer from Alexpay: ``outcome_unknown``,
    ``connection_failed`` or ``cancelled``."""


class OutcomeUnknownError(FlowError):
    """``outcome_unknown``: the payout may exist. Never send it again (Alexpay
    has no idempotency key, so a second request can pay twice). When
    ``payout_id`` is set, follow it with ``Client.wait_for_payout``; otherwise
    reconcile in the Alexpay dashboard by amount, recipient and narration.
    ``__cause__`` or the message says what happened."""


class ConnectionFailedError(FlowError):
    """``connection_failed``: no request was ever delivered to Alexpay (every
    attempt failed to connect), so nothing was created and it is safe to try
    again later."""


# Shown as alexpay.ValidationError etc. in tracebacks; pickling finds them there too.
for _cls in (
    AlexpayError,
    ValidationError,
    ApiError,
    WebhookError,
    ConflictError,
    FlowError,
    OutcomeUnknownError,
    ConnectionFailedError,
):
    _cls.__module__ = "alexpay"
del _cls
