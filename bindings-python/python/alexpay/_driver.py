"""Runs the core's flows over a transport: the only I/O in the package.

The flow decides everything (what to send, when to retry, when to stop);
the driver sends, sleeps, reads the clock and reports back. Nothing here
decides whether a payout may be resent.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from typing import Any, Callable, Optional, Union
from urllib.parse import urlsplit

from ._alexpay import FlowAction, FollowFlow, PayoutFlow, WebhookFlow
from .transports._base import AsyncTransport, HttpResponse, Transport, TransportFailure, _read_limit

log = logging.getLogger("alexpay")

Flow = Union[PayoutFlow, FollowFlow, WebhookFlow]
Clock = Callable[[], int]


def monotonic_ms() -> int:
    return time.monotonic_ns() // 1_000_000


def wall_ms() -> int:
    """Unix milliseconds: webhook signatures carry Unix timestamps."""
    return time.time_ns() // 1_000_000


def new_seed() -> int:
    # Jitter only (spreads retries and polls): not a secret, so no getrandom()
    # syscall per flow; `random` reseeds itself in a forked child.
    return random.getrandbits(64)


# The log lines below are built only when their level is on: reading a
# request's URL or headers converts them from the core, which would add to
# every round trip of an application that logs nothing.


def _path(request: Any) -> str:
    return urlsplit(request.url).path if request else ""


def _log_send(action: FlowAction, request: Any, attempt: int) -> None:
    if log.isEnabledFor(logging.DEBUG):
        log.debug("%s %s %s attempt=%d", action.operation, request.method if request else "", _path(request), attempt)


def _log_answer(action: FlowAction, request: Any, what: str, started: int, clock: Clock) -> None:
    if log.isEnabledFor(logging.INFO):
        log.info("%s %s -> %s in %d ms", action.operation, _path(request), what, clock() - started)


def _log_next(action: FlowAction, kind: str, now: int) -> None:
    if not log.isEnabledFor(logging.INFO):
        return
    if kind == "wait":
        log.info("decision: wait %d ms", max(0, (action.until_ms or now) - now))
    elif kind == "done":
        outcome: Any = action.outcome
        ended = getattr(outcome, "kind", None) or ("ok" if getattr(outcome, "ok", False) else "error")
        log.info("decision: done (%s)", ended)


def _limit(action: FlowAction) -> Optional[int]:
    """The flow's body cap plus one: enough for the core to refuse a longer body."""
    return None if action.max_body_bytes is None else action.max_body_bytes + 1


def _deliver(flow: Flow, action: FlowAction, clock: Clock, answer: Optional[HttpResponse], failure: Optional[str]) -> None:
    if answer is not None:
        flow.on_response(action.id, clock(), answer.status, answer.headers, answer.body)
    else:
        flow.on_transport_error(action.id, clock(), failure)


def run(flow: Flow, transport: Transport, clock: Clock = monotonic_ms, sleep: Callable[[float], None] = time.sleep) -> Any:
    """Drives ``flow`` to its outcome. An interrupt (``KeyboardInterrupt``)
    cancels the flow; its outcome error is chained as ``__cause__``."""
    attempts = 0
    while True:
        now = clock()
        action = flow.next(now)
        kind = action.kind
        _log_next(action, kind, now)
        if kind == "done":
            return action.outcome
        if kind == "wait":
            sleep(max(0, (action.until_ms or now) - now) / 1000)
            continue
        attempts += 1
        request = action.request
        _log_send(action, request, attempts)
        answer: Optional[HttpResponse] = None
        failure: Optional[str] = None
        limit = _read_limit.set(_limit(action))
        try:
            answer = transport.send(request, (action.timeout_ms or 0) / 1000)
        except TransportFailure as e:
            failure = e.kind
        except Exception as e:  # noqa: BLE001 - unknown failures may have arrived
            log.debug("transport raised %s; counted as connection_lost", type(e).__name__)
            failure = "connection_lost"
        except BaseException as interrupt:
            _cancelled(flow, clock, interrupt)
            raise
        finally:
            _read_limit.reset(limit)
        _log_answer(action, request, str(answer.status) if answer else failure or "", now, clock)
        _deliver(flow, action, clock, answer, failure)


async def run_async(flow: Flow, transport: AsyncTransport, clock: Clock = monotonic_ms) -> Any:
    """As ``run``, for asyncio. A cancelled task cancels the flow: the
    ``CancelledError`` propagates with the outcome's error (for example
    ``OutcomeUnknownError`` when the payout request may have arrived) as
    its ``__cause__``."""
    attempts = 0
    while True:
        now = clock()
        action = flow.next(now)
        kind = action.kind
        _log_next(action, kind, now)
        if kind == "done":
            return action.outcome
        try:
            if kind == "wait":
                await asyncio.sleep(max(0, (action.until_ms or now) - now) / 1000)
                continue
            attempts += 1
            request = action.request
            _log_send(action, request, attempts)
            answer: Optional[HttpResponse] = None
            failure: Optional[str] = None
            limit = _read_limit.set(_limit(action))
            try:
                answer = await transport.send(request, (action.timeout_ms or 0) / 1000)
            except TransportFailure as e:
                failure = e.kind
            except asyncio.CancelledError:
                raise
            except Exception as e:  # noqa: BLE001 - unknown failures may have arrived
                log.debug("transport raised %s; counted as connection_lost", type(e).__name__)
                failure = "connection_lost"
            finally:
                _read_limit.reset(limit)
        except asyncio.CancelledError as cancelled:
            _cancelled(flow, clock, cancelled)
            raise
        _log_answer(action, request, str(answer.status) if answer else failure or "", now, clock)
        _deliver(flow, action, clock, answer, failure)


def _cancelled(flow: Flow, clock: Clock, interrupt: BaseException) -> None:
    """Ends the flow and chains its outcome's error to the interrupt."""
    flow.cancel(clock())
    outcome: Any = flow.next(clock()).outcome
    try:
        outcome.raise_if_error()
    except Exception as err:  # the outcome's own error, e.g. OutcomeUnknownError
        log.warning("cancelled: %s", err.__class__.__name__)
        interrupt.__cause__ = err


def to_thread(transport: Transport) -> AsyncTransport:
    """A sync transport run in a worker thread, for ``AsyncClient``."""

    class _Threaded:
        async def send(self, request: Any, timeout_secs: float) -> HttpResponse:
            return await asyncio.to_thread(transport.send, request, timeout_secs)

    return _Threaded()
