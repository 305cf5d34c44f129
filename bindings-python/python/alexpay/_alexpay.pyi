"""Type stubs for the native module ``alexpay._alexpay`` (import from ``alexpay``)."""

from typing import Dict, Literal, Optional, Union, final

from typing_extensions import Self

from ._types import (
    Money,
    Body,
    HeadersLike,
    Observed,
    Operation,
    PayoutStatus,
    RetryAction,
    TransportError,
)

__version__: str
MAX_AMOUNT: int
MAX_NARRATION_CHARS: int
DEFAULT_USER_AGENT: str
DEFAULT_TOLERANCE_SECS: int
DEFAULT_REQUEST_TIMEOUT_MS: int
DEFAULT_WEBHOOK_DEADLINE_MS: int
DEFAULT_WAIT_MS: int

@final
class HttpRequest:
    """An HTTP request as plain data; send it with any client. Its repr redacts the secret key."""

    @property
    def method(self) -> str:
        """``"POST"`` or ``"GET"``."""
    @property
    def url(self) -> str:
        """The full URL: base URL plus the endpoint's path."""
    @property
    def headers(self) -> Dict[str, str]:
        """Lowercase header names to values, ``secret-key`` included (send it, never log it)."""
    @property
    def body(self) -> bytes:
        """The exact JSON bytes to send (``b""`` for a GET)."""

class Client:
    """The native client: builds requests; holds no connection. Use
    ``alexpay.Client`` (this plus the flows)."""

    def __new__(
        cls,
        *,
        public_key: str,
        secret_key: str,
        base_url: str,
        user_agent: Optional[str] = None,
        max_body_bytes: Optional[int] = None,
    ) -> Self:
        """Validates the keys, base URL, user agent and ``max_body_bytes`` (1 to 1 GiB, default 1 MiB; raises ``ValidationError`` naming the field)."""
    @property
    def public_key(self) -> str:
        """The public key, sent as the ``public-key`` header."""
    @property
    def base_url(self) -> str:
        """The base URL, without a trailing slash."""
    @property
    def user_agent(self) -> str:
        """The ``User-Agent`` sent with every request."""
    @property
    def max_body_bytes(self) -> int:
        """The largest response or webhook body read; a longer one is refused unread (``response_too_large``, ``webhook_too_large``)."""
    def mobile_money_payout(
        self,
        *,
        amount: int,
        country_id: str,
        phone_number: Optional[str] = None,
        narration: Optional[str] = None,
        webhook_url: Optional[str] = None,
    ) -> HttpRequest:
        """Builds ``POST /v1/payment/payouts/process`` paying a mobile-money wallet (``phone_number=None`` credits the merchant's own wallet)."""
    def bank_payout(
        self,
        *,
        amount: int,
        country_id: str,
        bank_id: str,
        account_number: str,
        narration: Optional[str] = None,
        webhook_url: Optional[str] = None,
    ) -> HttpRequest:
        """Builds ``POST /v1/payment/payouts/process`` paying a bank account."""
    def status_check(self, payout_id: str) -> HttpRequest:
        """Builds ``GET /v1/payment/{payout_id}/check``."""

@final
class Payout:
    """Alexpay's answer to a payout initiation."""

    @property
    def payout_id(self) -> str:
        """Alexpay's id for the payout."""
    @property
    def amount(self) -> Optional[Money]:
        """The amount Alexpay echoed (``int`` or ``Decimal``), if any."""
    @property
    def status(self) -> PayoutStatus:
        """The normalised status."""
    @property
    def raw_status(self) -> str:
        """The status exactly as Alexpay sent it (``""`` when absent)."""
    @property
    def message(self) -> Optional[str]:
        """Alexpay's envelope ``message``, if any."""
    def to_dict(self) -> Dict[str, object]:
        """The fields as a plain dict."""

@final
class StatusReport:
    """Alexpay's answer to a status check."""

    @property
    def id(self) -> str:
        """The payout id."""
    @property
    def reference(self) -> Optional[str]:
        """Alexpay's reference (``PY_...``), if any."""
    @property
    def amount(self) -> Optional[Money]:
        """The amount (``int`` or ``Decimal``), if any."""
    @property
    def charge(self) -> Optional[Money]:
        """Alexpay's charge (``int`` or ``Decimal``), if any."""
    @property
    def currency(self) -> Optional[str]:
        """The currency code, if any."""
    @property
    def status(self) -> PayoutStatus:
        """The normalised status."""
    @property
    def raw_status(self) -> str:
        """The status exactly as sent."""
    @property
    def environment(self) -> Optional[str]:
        """``"live"``/``"sandbox"`` as sent, if any."""
    @property
    def type(self) -> Optional[str]:
        """The payout type as sent, if any."""
    @property
    def method(self) -> Optional[str]:
        """The payout method (mobile money, bank) as sent, if any."""
    @property
    def operator(self) -> Optional[str]:
        """The operator or bank as sent, if any."""
    @property
    def narration(self) -> Optional[str]:
        """The narration, if any."""
    @property
    def is_disbursed(self) -> Optional[bool]:
        """Whether the money left (string booleans accepted), if said."""
    @property
    def created_at(self) -> Optional[str]:
        """ISO-8601 creation time as sent, if any."""
    @property
    def updated_at(self) -> Optional[str]:
        """ISO-8601 update time as sent, if any."""
    @property
    def message(self) -> Optional[str]:
        """Words explaining the status (a failure's reason), if the answer gave any."""
    def to_dict(self) -> Dict[str, object]:
        """The fields as a plain dict."""

@final
class WebhookEvent:
    """A parsed webhook: a hint until confirmed by a status check."""

    @property
    def payout_id(self) -> str:
        """The payout the event names (``payout_id``, else ``id``, else ``reference``)."""
    @property
    def reference(self) -> Optional[str]:
        """The event's ``reference`` field, if any (never used to match a payout on its own)."""
    @property
    def status(self) -> PayoutStatus:
        """The status the event claims, normalised."""
    @property
    def raw_status(self) -> str:
        """The claimed status as sent (``""`` for an id-only event)."""
    @property
    def amount(self) -> Optional[Money]:
        """The amount the event claims, if any."""
    @property
    def raw(self) -> str:
        """The body exactly as received."""
    def to_dict(self) -> Dict[str, object]:
        """The fields as a plain dict."""

@final
class Confirmation:
    """A webhook confirmed by a status check."""

    @property
    def payout_id(self) -> str:
        """The payout id from the status check."""
    @property
    def status(self) -> PayoutStatus:
        """The status check's status: the truth."""
    @property
    def raw_status(self) -> str:
        """The status check's raw status."""
    @property
    def amount(self) -> Optional[Money]:
        """The status check's amount, if any."""
    @property
    def event_status(self) -> Optional[PayoutStatus]:
        """What the event claimed, normalised; ``None`` for an id-only event."""
    @property
    def stale(self) -> bool:
        """True when the event's claim differs from the status check."""
    def to_dict(self) -> Dict[str, object]:
        """The fields as a plain dict."""

@final
class PayoutTracker:
    """Folds every observation of one payout into one status that never leaves a terminal state."""

    def __new__(cls, payout_id: str) -> "PayoutTracker":
        """A tracker for one payout, ``pending`` until something says otherwise."""
    def observe(
        self, obs: Union[Payout, StatusReport, WebhookEvent, Confirmation, str]
    ) -> Observed:
        """Folds one observation; an unconfirmed webhook's final status gives ``"needs_confirmation"`` and changes nothing."""
    @property
    def payout_id(self) -> str:
        """The tracked payout."""
    @property
    def status(self) -> PayoutStatus:
        """The current status."""
    @property
    def raw_status(self) -> str:
        """The raw status that set it."""
    @property
    def is_terminal(self) -> bool:
        """True once succeeded or failed."""
    def next_poll_delay_ms(self, attempt: int, jitter: float) -> Optional[int]:
        """Delay before the next status poll (``attempt`` from 0, ``jitter`` in [0, 1]); ``None`` once terminal."""

@final
class RetryDecision:
    """What to do after a failed attempt."""

    @property
    def action(self) -> RetryAction:
        """``"retry"``, ``"stop"`` or ``"do_not_resend"``."""
    @property
    def delay_ms(self) -> int:
        """Milliseconds to wait before retrying (0 unless retrying)."""
    @property
    def reason(self) -> str:
        """Why, in words."""

def parse_payout_response(http_status: int, body: Body) -> Payout:
    """Parses the answer to a payout request; a 2xx naming a payout id is accepted whatever its envelope says."""
def parse_status_response(http_status: int, body: Body) -> StatusReport:
    """Parses the answer to a status check."""
def parse_webhook(body: Body) -> WebhookEvent:
    """Parses a webhook's raw body (a hint until confirmed)."""
def confirm_webhook(event: WebhookEvent, report: StatusReport) -> Confirmation:
    """Confirms an event against the status check fetched for it; a different status is ``stale``, not an error."""
def verify_webhook_signature(
    secret: str,
    headers: HeadersLike,
    body: Body,
    now: int,
    tolerance_secs: Optional[int] = 300,
) -> None:
    """Verifies a Standard Webhooks signature (``webhook-*`` or ``svix-*`` headers); raises ``WebhookError``."""
def sign_webhook(secret: str, id: str, timestamp: int, body: Body) -> str:
    """Signs a webhook body (for senders and tests): the ``webhook-signature`` value."""
def normalize_status(raw: str) -> PayoutStatus:
    """The normalised status of a raw status string."""
def is_terminal_status(status: str) -> bool:
    """True for final statuses."""
def retry_decision(
    operation: Union[Operation, str],
    attempt: int,
    http_status: Optional[int] = None,
    transport_error: Optional[Union[TransportError, str]] = None,
    retry_after_secs: Optional[int] = None,
    body: Optional[Body] = None,
) -> RetryDecision:
    """What to do after one attempt, from the core's one disposition rule (pass ``body``)."""

# The flows: state machines the drivers in ``alexpay._driver`` run. Exposed
# for the shared flow vectors and for hosts with an event loop of their own.

FlowKind = Literal["send", "wait", "done"]
OutcomeKind = Literal["succeeded", "failed", "pending", "rejected", "unknown"]

@final
class FlowAction:
    """What the driver does next."""

    @property
    def kind(self) -> FlowKind:
        """``"send"``, ``"wait"`` or ``"done"``."""
    @property
    def id(self) -> Optional[int]:
        """For a send: quote it in the answer."""
    @property
    def operation(self) -> Optional[Operation]:
        """For a send: ``"payout"`` or ``"status_check"``."""
    @property
    def request(self) -> Optional[HttpRequest]:
        """For a send: the request."""
    @property
    def timeout_ms(self) -> Optional[int]:
        """For a send: give up after this long and report ``"timeout"``."""
    @property
    def max_body_bytes(self) -> Optional[int]:
        """For a send: read at most this many bytes of the answer's body plus one (the flow refuses a longer body unread)."""
    @property
    def until_ms(self) -> Optional[int]:
        """For a wait: call ``next`` again at this time."""
    @property
    def outcome(self) -> Optional[Union["PayoutOutcome", "WebhookOutcome"]]:
        """For done: the outcome."""

@final
class PayoutOutcome:
    """How a payout or follow flow ended."""

    @property
    def kind(self) -> OutcomeKind:
        """``succeeded``, ``failed``, ``pending``, ``rejected`` or ``unknown``."""
    @property
    def payout_id(self) -> Optional[str]:
        """The payout id, when one was learned."""
    @property
    def message(self) -> Optional[str]:
        """Alexpay's words for a failed payout, if any."""
    @property
    def report(self) -> Optional[StatusReport]:
        """The latest status report, if any."""
    @property
    def payout(self) -> Optional[Payout]:
        """Alexpay's answer to the payout request, when it accepted it."""
    @property
    def error_code(self) -> Optional[str]:
        """The code of a rejected or unknown outcome."""
    def raise_if_error(self) -> None:
        """Raises the exception of a rejected or unknown outcome."""

@final
class WebhookOutcome:
    """How a webhook flow ended."""

    @property
    def ok(self) -> bool:
        """True when the flow produced a result."""
    @property
    def receiver_status(self) -> int:
        """The HTTP status to answer the sender with."""
    @property
    def error_code(self) -> Optional[str]:
        """The error's code, if it failed."""
    def raise_if_error(self) -> None:
        """Raises the error (with ``receiver_status`` set) of a failed flow."""
    def fields(self) -> Dict[str, object]:
        """The result's fields (see ``WebhookResult``)."""

class _Flow:
    def next(self, now_ms: int) -> FlowAction:
        """What to do at ``now_ms``."""
    def on_response(self, id: int, now_ms: int, http_status: int, headers: HeadersLike, body: Body) -> None:
        """The answer to request ``id``; stale ids are ignored."""
    def on_transport_error(self, id: int, now_ms: int, kind: TransportError) -> None:
        """Request ``id`` failed before an answer."""
    def cancel(self, now_ms: int) -> None:
        """Ends the flow with the outcome its state allows."""

@final
class PayoutFlow(_Flow):
    """The payout flow."""

    @staticmethod
    def mobile_money(
        client: Client,
        *,
        amount: int,
        country_id: str,
        phone_number: Optional[str] = None,
        narration: Optional[str] = None,
        webhook_url: Optional[str] = None,
        request_timeout_ms: int,
        wait_ms: int,
        seed: int,
    ) -> "PayoutFlow":
        """A payout flow for a mobile-money payout (validated here)."""
    @staticmethod
    def bank(
        client: Client,
        *,
        amount: int,
        country_id: str,
        bank_id: Optional[str],
        account_number: Optional[str],
        narration: Optional[str] = None,
        webhook_url: Optional[str] = None,
        request_timeout_ms: int,
        wait_ms: int,
        seed: int,
    ) -> "PayoutFlow":
        """A payout flow for a bank payout (validated here)."""
    @property
    def attempts(self) -> int:
        """Payout requests emitted so far."""

@final
class FollowFlow(_Flow):
    """The follow flow."""

    def __new__(cls, client: Client, payout_id: str, *, request_timeout_ms: int, wait_ms: int, seed: int) -> "FollowFlow":
        """A follow flow for a known payout id."""

@final
class WebhookFlow(_Flow):
    """The webhook flow (``now_ms`` is Unix milliseconds: signatures carry Unix time)."""

    def __new__(
        cls,
        client: Client,
        body: Body,
        headers: HeadersLike,
        *,
        secret: Optional[str] = None,
        tolerance_secs: int = 300,
        request_timeout_ms: int,
        deadline_ms: int,
        seed: int,
    ) -> "WebhookFlow":
        """A webhook flow for one delivery."""
