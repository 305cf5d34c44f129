"""``Client`` and ``AsyncClient``: the request builders of the native client
plus one-call flows (send a payout, follow it, handle a webhook) over a
pluggable transport."""

from __future__ import annotations

import asyncio
import math
from typing import Any, Optional, Union

from . import _alexpay
from ._alexpay import (
    DEFAULT_REQUEST_TIMEOUT_MS,
    DEFAULT_TOLERANCE_SECS,
    DEFAULT_WAIT_MS,
    DEFAULT_WEBHOOK_DEADLINE_MS,
    FollowFlow,
    PayoutFlow,
    WebhookFlow,
)
from ._driver import new_seed, run, run_async, to_thread, wall_ms
from ._results import PayoutResult, WebhookResult
from ._types import Body, HeadersLike
from .transports._base import AsyncTransport, Transport
from .transports._urllib import UrllibTransport

__all__ = ["Client", "AsyncClient", "DEFAULT_WAIT_SECS", "DEFAULT_REQUEST_TIMEOUT_SECS", "DEFAULT_WEBHOOK_TIMEOUT_SECS"]

#: How long ``wait=True`` follows a payout when ``timeout_secs`` is not given (the core's default).
DEFAULT_WAIT_SECS = DEFAULT_WAIT_MS / 1000
#: How long one HTTP request may take (the core's default).
DEFAULT_REQUEST_TIMEOUT_SECS = DEFAULT_REQUEST_TIMEOUT_MS / 1000
#: How long ``handle_webhook`` may spend on its status check (the core's default).
DEFAULT_WEBHOOK_TIMEOUT_SECS = DEFAULT_WEBHOOK_DEADLINE_MS / 1000


def _ms(secs: Union[int, float], name: str) -> int:
    """Seconds as whole milliseconds (the core checks the range)."""
    if isinstance(secs, bool) or not isinstance(secs, (int, float)):
        raise TypeError(f"{name}: must be a number of seconds, not {type(secs).__name__}")
    if not math.isfinite(secs):
        raise TypeError(f"{name}: must be a finite number of seconds, not {secs!r}")
    return round(secs * 1000)


def _wait_ms(wait: bool, timeout_secs: Optional[float]) -> int:
    if not isinstance(wait, bool):
        raise TypeError(f"wait: must be True or False, not {type(wait).__name__}")
    if not wait:
        return 0
    return DEFAULT_WAIT_MS if timeout_secs is None else _ms(timeout_secs, "timeout_secs")


def _payout_result(outcome: Any) -> PayoutResult:
    outcome.raise_if_error()
    return PayoutResult(payout_id=outcome.payout_id, status=outcome.kind, report=outcome.report, message=outcome.message)


def _webhook_result(outcome: Any) -> WebhookResult:
    outcome.raise_if_error()
    return WebhookResult(**outcome.fields())


class _Flows(_alexpay.Client):
    """What both clients share: building the flows."""

    _request_timeout_ms: int

    def __new__(
        cls,
        *,
        public_key: str,
        secret_key: str,
        base_url: str,
        user_agent: Optional[str] = None,
        max_body_bytes: Optional[int] = None,
        **_: Any,
    ) -> Any:
        return super().__new__(
            cls, public_key=public_key, secret_key=secret_key, base_url=base_url, user_agent=user_agent, max_body_bytes=max_body_bytes
        )

    def _mobile_money(self, wait: bool, timeout_secs: Optional[float], **payout: Any) -> PayoutFlow:
        wait_ms = _wait_ms(wait, timeout_secs)
        return PayoutFlow.mobile_money(self, **payout, request_timeout_ms=self._request_timeout_ms, wait_ms=wait_ms, seed=new_seed())

    def _bank(self, wait: bool, timeout_secs: Optional[float], **payout: Any) -> PayoutFlow:
        wait_ms = _wait_ms(wait, timeout_secs)
        return PayoutFlow.bank(self, **payout, request_timeout_ms=self._request_timeout_ms, wait_ms=wait_ms, seed=new_seed())

    def _follow(self, payout_id: str, timeout_secs: Optional[float]) -> FollowFlow:
        wait_ms = _wait_ms(True, timeout_secs)
        return FollowFlow(self, payout_id, request_timeout_ms=self._request_timeout_ms, wait_ms=wait_ms, seed=new_seed())

    def _webhook(self, body: Body, headers: HeadersLike, secret: Optional[str], tolerance_secs: int, timeout_secs: float) -> WebhookFlow:
        return WebhookFlow(
            self,
            body,
            headers,
            secret=secret,
            tolerance_secs=tolerance_secs,
            request_timeout_ms=self._request_timeout_ms,
            deadline_ms=_ms(timeout_secs, "timeout_secs"),
            seed=new_seed(),
        )


class Client(_Flows):
    """A configured Alexpay client.

    - ``public_key`` / ``secret_key``: the merchant's keys (never shown by any
      repr, log or error).
    - ``base_url``: Alexpay's API root (required: Alexpay publishes none).
    - ``user_agent``: sent as ``User-Agent``.
    - ``max_body_bytes``: the largest response or webhook body read (default
      1 MiB, at most 1 GiB); a longer one is refused unread with
      ``response_too_large`` / ``webhook_too_large`` (413), and the drivers
      stop reading there.
    - ``transport``: how requests are sent; default ``UrllibTransport()``
      (standard library). See ``alexpay.transports``.
    - ``request_timeout_secs``: how long one HTTP request may take.

    The request builders (``mobile_money_payout``, ``bank_payout``,
    ``status_check``) stay for hosts that send requests themselves.
    """

    def __init__(
        self,
        *,
        public_key: str,
        secret_key: str,
        base_url: str,
        user_agent: Optional[str] = None,
        max_body_bytes: Optional[int] = None,
        transport: Optional[Transport] = None,
        request_timeout_secs: float = DEFAULT_REQUEST_TIMEOUT_SECS,
    ) -> None:
        self._transport: Transport = transport if transport is not None else UrllibTransport()
        self._request_timeout_ms = _ms(request_timeout_secs, "request_timeout_secs")

    def send_mobile_money_payout(
        self,
        *,
        amount: int,
        country_id: str,
        phone_number: Optional[str] = None,
        narration: Optional[str] = None,
        webhook_url: Optional[str] = None,
        wait: bool = False,
        timeout_secs: Optional[float] = None,
    ) -> PayoutResult:
        """Sends a mobile-money payout; with ``wait=True``, follows it to a
        final status for up to ``timeout_secs`` (default 60) and returns
        ``"pending"`` if it is not final by then.

        The payout request is sent again only when nothing can have been
        created (a refused connection, a 429 naming no payout).

        Raises ``ValidationError`` before sending for invalid input,
        ``OutcomeUnknownError`` when the payout may exist (never resend it:
        follow ``err.payout_id`` with ``wait_for_payout``, or reconcile),
        ``ApiError`` for a definite refusal and ``ConnectionFailedError`` when
        nothing was ever delivered.
        """
        flow = self._mobile_money(
            wait, timeout_secs, amount=amount, country_id=country_id, phone_number=phone_number, narration=narration, webhook_url=webhook_url
        )
        return _payout_result(run(flow, self._transport))

    def send_bank_payout(
        self,
        *,
        amount: int,
        country_id: str,
        bank_id: str,
        account_number: str,
        narration: Optional[str] = None,
        webhook_url: Optional[str] = None,
        wait: bool = False,
        timeout_secs: Optional[float] = None,
    ) -> PayoutResult:
        """Sends a bank payout; as ``send_mobile_money_payout``."""
        flow = self._bank(
            wait,
            timeout_secs,
            amount=amount,
            country_id=country_id,
            bank_id=bank_id,
            account_number=account_number,
            narration=narration,
            webhook_url=webhook_url,
        )
        return _payout_result(run(flow, self._transport))

    def wait_for_payout(self, payout_id: str, *, timeout_secs: Optional[float] = None) -> PayoutResult:
        """Follows a known payout to a final status for up to ``timeout_secs``
        (default 60; 0 makes one status check). For reconciliation, jobs
        resuming after a restart, or after ``OutcomeUnknownError``."""
        return _payout_result(run(self._follow(payout_id, timeout_secs), self._transport))

    def handle_webhook(
        self,
        body: Body,
        headers: HeadersLike,
        *,
        secret: Optional[str] = None,
        tolerance_secs: int = DEFAULT_TOLERANCE_SECS,
        timeout_secs: float = DEFAULT_WEBHOOK_TIMEOUT_SECS,
    ) -> WebhookResult:
        """Handles one webhook delivery: verifies it when ``secret`` (a
        Standard Webhooks ``whsec_...`` key) is given, checks the status of the
        payout it names, and returns that truth. Stale, duplicate and id-only
        events are normal results: answer them 2xx.

        Errors carry ``receiver_status``, the status to answer with: 401 for
        a bad signature or timestamp, 413 for a body over ``max_body_bytes``,
        400 for a malformed event, 503 when the
        status check failed (the sender delivers again later).
        """
        flow = self._webhook(body, headers, secret, tolerance_secs, timeout_secs)
        return _webhook_result(run(flow, self._transport, clock=wall_ms))


class AsyncClient(_Flows):
    """``Client`` for asyncio: the same methods as coroutines. The default
    transport runs ``UrllibTransport`` in a worker thread; pass
    ``HttpxAsyncTransport()`` or ``AiohttpTransport()`` for native asyncio.

    Cancelling a call cancels its flow. The ``CancelledError`` keeps
    propagating, with the flow's outcome error as ``__cause__``:
    ``OutcomeUnknownError`` when the payout request may have reached Alexpay
    (never resend it), a ``FlowError`` with code ``cancelled`` when nothing
    was sent, and none once the payout was accepted.
    """

    def __init__(
        self,
        *,
        public_key: str,
        secret_key: str,
        base_url: str,
        user_agent: Optional[str] = None,
        max_body_bytes: Optional[int] = None,
        transport: Optional[Union[AsyncTransport, Transport]] = None,
        request_timeout_secs: float = DEFAULT_REQUEST_TIMEOUT_SECS,
    ) -> None:
        chosen: Any = transport if transport is not None else UrllibTransport()
        self._transport: AsyncTransport = chosen if asyncio.iscoroutinefunction(chosen.send) else to_thread(chosen)
        self._request_timeout_ms = _ms(request_timeout_secs, "request_timeout_secs")

    async def send_mobile_money_payout(
        self,
        *,
        amount: int,
        country_id: str,
        phone_number: Optional[str] = None,
        narration: Optional[str] = None,
        webhook_url: Optional[str] = None,
        wait: bool = False,
        timeout_secs: Optional[float] = None,
    ) -> PayoutResult:
        """As ``Client.send_mobile_money_payout``."""
        flow = self._mobile_money(
            wait, timeout_secs, amount=amount, country_id=country_id, phone_number=phone_number, narration=narration, webhook_url=webhook_url
        )
        return _payout_result(await run_async(flow, self._transport))

    async def send_bank_payout(
        self,
        *,
        amount: int,
        country_id: str,
        bank_id: str,
        account_number: str,
        narration: Optional[str] = None,
        webhook_url: Optional[str] = None,
        wait: bool = False,
        timeout_secs: Optional[float] = None,
    ) -> PayoutResult:
        """As ``Client.send_bank_payout``."""
        flow = self._bank(
            wait,
            timeout_secs,
            amount=amount,
            country_id=country_id,
            bank_id=bank_id,
            account_number=account_number,
            narration=narration,
            webhook_url=webhook_url,
        )
        return _payout_result(await run_async(flow, self._transport))

    async def wait_for_payout(self, payout_id: str, *, timeout_secs: Optional[float] = None) -> PayoutResult:
        """As ``Client.wait_for_payout``."""
        return _payout_result(await run_async(self._follow(payout_id, timeout_secs), self._transport))

    async def handle_webhook(
        self,
        body: Body,
        headers: HeadersLike,
        *,
        secret: Optional[str] = None,
        tolerance_secs: int = DEFAULT_TOLERANCE_SECS,
        timeout_secs: float = DEFAULT_WEBHOOK_TIMEOUT_SECS,
    ) -> WebhookResult:
        """As ``Client.handle_webhook``."""
        flow = self._webhook(body, headers, secret, tolerance_secs, timeout_secs)
        return _webhook_result(await run_async(flow, self._transport, clock=wall_ms))


for _cls in (Client, AsyncClient):
    _cls.__module__ = "alexpay"
del _cls
