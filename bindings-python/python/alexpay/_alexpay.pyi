"""Type stubs for the native module ``alexpay._alexpay`` (import from ``alexpay``)."""

from typing import Dict, Literal, Optional, Union, final

from typing_extensions import Self

from ._types import (
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

@final
class HttpRequest:
    """An HTTP request as plain data; send it with any client. Its repr redacts the secret key."""

    @property
    def method(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def headers(self) -> Dict[str, str]: ...
    @property
    def body(self) -> bytes: ...

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
    ) -> Self: ...
    @property
    def public_key(self) -> str: ...
    @property
    def base_url(self) -> str: ...
    @property
    def user_agent(self) -> str: ...
    def mobile_money_payout(
        self,
        *,
        amount: int,
        country_id: str,
        phone_number: Optional[str] = None,
        narration: Optional[str] = None,
        webhook_url: Optional[str] = None,
    ) -> HttpRequest: ...
    def bank_payout(
        self,
        *,
        amount: int,
        country_id: str,
        bank_id: str,
        account_number: str,
        narration: Optional[str] = None,
        webhook_url: Optional[str] = None,
    ) -> HttpRequest: ...
    def status_check(self, payout_id: str) -> HttpRequest: ...

@final
class Payout:
    """Alexpay's answer to a payout initiation."""

    @property
    def payout_id(self) -> str: ...
    @property
    def amount(self) -> Optional[float]: ...
    @property
    def status(self) -> PayoutStatus: ...
    @property
    def raw_status(self) -> str: ...
    @property
    def message(self) -> Optional[str]: ...

@final
class StatusReport:
    """Alexpay's answer to a status check."""

    @property
    def id(self) -> str: ...
    @property
    def reference(self) -> Optional[str]: ...
    @property
    def amount(self) -> Optional[float]: ...
    @property
    def charge(self) -> Optional[float]: ...
    @property
    def currency(self) -> Optional[str]: ...
    @property
    def status(self) -> PayoutStatus: ...
    @property
    def raw_status(self) -> str: ...
    @property
    def environment(self) -> Optional[str]: ...
    @property
    def type(self) -> Optional[str]: ...
    @property
    def method(self) -> Optional[str]: ...
    @property
    def operator(self) -> Optional[str]: ...
    @property
    def narration(self) -> Optional[str]: ...
    @property
    def is_disbursed(self) -> Optional[bool]: ...
    @property
    def created_at(self) -> Optional[str]: ...
    @property
    def updated_at(self) -> Optional[str]: ...

@final
class WebhookEvent:
    """A parsed webhook: a hint until confirmed by a status check."""

    @property
    def payout_id(self) -> str: ...
    @property
    def reference(self) -> Optional[str]: ...
    @property
    def status(self) -> PayoutStatus: ...
    @property
    def raw_status(self) -> str: ...
    @property
    def amount(self) -> Optional[float]: ...
    @property
    def raw(self) -> str: ...

@final
class Confirmation:
    """A webhook confirmed by a status check."""

    @property
    def payout_id(self) -> str: ...
    @property
    def status(self) -> PayoutStatus: ...
    @property
    def raw_status(self) -> str: ...
    @property
    def amount(self) -> Optional[float]: ...
    @property
    def event_status(self) -> Optional[PayoutStatus]:
        """What the event claimed, normalised; ``None`` for an id-only event."""
    @property
    def stale(self) -> bool:
        """True when the event's claim differs from the status check."""

@final
class PayoutTracker:
    """Folds every observation of one payout into one status that never leaves a terminal state."""

    def __new__(cls, payout_id: str) -> "PayoutTracker": ...
    def observe(
        self, obs: Union[Payout, StatusReport, WebhookEvent, Confirmation, str]
    ) -> Observed: ...
    @property
    def payout_id(self) -> str: ...
    @property
    def status(self) -> PayoutStatus: ...
    @property
    def raw_status(self) -> str: ...
    @property
    def is_terminal(self) -> bool: ...
    def next_poll_delay_ms(self, attempt: int, jitter: float) -> Optional[int]: ...

@final
class RetryDecision:
    """What to do after a failed attempt."""

    @property
    def action(self) -> RetryAction: ...
    @property
    def delay_ms(self) -> int: ...
    @property
    def reason(self) -> str: ...

def parse_payout_response(http_status: int, body: Body) -> Payout: ...
def parse_status_response(http_status: int, body: Body) -> StatusReport: ...
def parse_webhook(body: Body) -> WebhookEvent: ...
def confirm_webhook(event: WebhookEvent, report: StatusReport) -> Confirmation: ...
def verify_webhook_signature(
    secret: str,
    headers: HeadersLike,
    body: Body,
    now: int,
    tolerance_secs: Optional[int] = 300,
) -> None: ...
def sign_webhook(secret: str, id: str, timestamp: int, body: Body) -> str: ...
def normalize_status(raw: str) -> PayoutStatus: ...
def is_terminal_status(status: str) -> bool: ...
def retry_decision(
    operation: Union[Operation, str],
    attempt: int,
    http_status: Optional[int] = None,
    transport_error: Optional[Union[TransportError, str]] = None,
    retry_after_secs: Optional[int] = None,
    body: Optional[Body] = None,
) -> RetryDecision: ...

# The flows: state machines the drivers in ``alexpay._driver`` run. Exposed
# for the shared flow vectors and for hosts with an event loop of their own.

FlowKind = Literal["send", "wait", "done"]
OutcomeKind = Literal["succeeded", "failed", "pending", "rejected", "unknown"]

@final
class FlowAction:
    """What the driver does next."""

    @property
    def kind(self) -> FlowKind: ...
    @property
    def id(self) -> Optional[int]: ...
    @property
    def operation(self) -> Optional[Operation]: ...
    @property
    def request(self) -> Optional[HttpRequest]: ...
    @property
    def timeout_ms(self) -> Optional[int]: ...
    @property
    def until_ms(self) -> Optional[int]: ...
    @property
    def outcome(self) -> Optional[Union["PayoutOutcome", "WebhookOutcome"]]: ...

@final
class PayoutOutcome:
    """How a payout or follow flow ended."""

    @property
    def kind(self) -> OutcomeKind: ...
    @property
    def payout_id(self) -> Optional[str]: ...
    @property
    def message(self) -> Optional[str]: ...
    @property
    def report(self) -> Optional[StatusReport]: ...
    @property
    def payout(self) -> Optional[Payout]: ...
    @property
    def error_code(self) -> Optional[str]: ...
    def raise_if_error(self) -> None:
        """Raises the exception of a rejected or unknown outcome."""

@final
class WebhookOutcome:
    """How a webhook flow ended."""

    @property
    def ok(self) -> bool: ...
    @property
    def receiver_status(self) -> int: ...
    @property
    def error_code(self) -> Optional[str]: ...
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
    ) -> "PayoutFlow": ...
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
    ) -> "PayoutFlow": ...
    @property
    def attempts(self) -> int: ...

@final
class FollowFlow(_Flow):
    """The follow flow."""

    def __new__(cls, client: Client, payout_id: str, *, request_timeout_ms: int, wait_ms: int, seed: int) -> "FollowFlow": ...

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
    ) -> "WebhookFlow": ...
