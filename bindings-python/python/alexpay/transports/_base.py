"""What a transport is: one HTTP exchange, and one exception saying how it
failed. The flows decide what a failure means; a transport only reports it."""

from __future__ import annotations

from contextvars import ContextVar
from typing import AsyncIterable, Awaitable, Iterable, List, Literal, Mapping, Optional, Protocol, Tuple, Union

from .._alexpay import HttpRequest

__all__ = ["HttpResponse", "TransportFailure", "TransportKind", "Transport", "AsyncTransport", "Headers"]

#: How a request failed before an answer arrived.
TransportKind = Literal["connect", "timeout", "connection_lost"]
#: Response headers as a mapping or (name, value) pairs.
Headers = Union[Mapping[str, str], Iterable[Tuple[str, str]]]


class HttpResponse:
    """One HTTP answer: ``status`` (int), ``headers`` (name/value pairs, names
    as received) and ``body`` (the raw bytes)."""

    __slots__ = ("status", "headers", "body")
    status: int
    headers: List[Tuple[str, str]]
    body: bytes

    def __init__(self, status: int, headers: Headers, body: bytes) -> None:
        self.status = status
        # Pairs first: every bundled transport passes a list, and isinstance
        # against typing's Mapping is a slow ABC check on every answer.
        if isinstance(headers, list):
            self.headers = list(headers)
        else:
            self.headers = list(headers.items() if isinstance(headers, Mapping) else headers)
        self.body = body

    def __repr__(self) -> str:
        return f"HttpResponse(status={self.status!r}, body=<{len(self.body)} bytes>)"


class TransportFailure(Exception):
    """Raised by a transport when no answer arrived.

    ``kind`` is ``"connect"`` only when nothing can have reached Alexpay (the
    connection was refused, the name did not resolve, TLS failed before the
    request); ``"timeout"`` or ``"connection_lost"`` when the request may have
    arrived. When unsure, say ``"connection_lost"``: a payout whose request
    may have arrived is never sent again.
    """

    def __init__(self, kind: TransportKind, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind: TransportKind = kind
        self.detail = detail


class Transport(Protocol):
    """A synchronous transport (``Client(transport=...)``)."""

    def send(self, request: HttpRequest, timeout_secs: float) -> HttpResponse:
        """Send ``request`` once (never follow redirects, never retry) and
        return the answer, or raise ``TransportFailure``."""
        ...


class AsyncTransport(Protocol):
    """An asyncio transport (``AsyncClient(transport=...)``)."""

    def send(self, request: HttpRequest, timeout_secs: float) -> Awaitable[HttpResponse]:
        """As ``Transport.send``, as a coroutine."""
        ...


#: Set by the driver around each send: the client's ``max_body_bytes`` + 1.
#: A longer answer is refused unread by the core, so the transports shipped
#: here stop reading there (a transport of your own may read it all: the
#: core still refuses it).
_read_limit: ContextVar[Optional[int]] = ContextVar("alexpay_read_limit", default=None)


def read_limit() -> Optional[int]:
    """How many body bytes to read at most (``None``: all)."""
    return _read_limit.get()


def capped(chunks: Iterable[bytes], limit: Optional[int]) -> Tuple[bytes, bool]:
    """The chunks joined, cut at ``limit`` bytes; True when cut."""
    out = bytearray()
    for chunk in chunks:
        out += chunk
        if limit is not None and len(out) >= limit:
            return bytes(out[:limit]), True
    return bytes(out), False


async def capped_async(chunks: AsyncIterable[bytes], limit: Optional[int]) -> Tuple[bytes, bool]:
    """As ``capped``, for an async iterator."""
    out = bytearray()
    async for chunk in chunks:
        out += chunk
        if limit is not None and len(out) >= limit:
            return bytes(out[:limit]), True
    return bytes(out), False


def body_of(request: HttpRequest) -> Optional[bytes]:
    """The request body to send, or ``None`` for a GET."""
    return request.body if request.method != "GET" else None
