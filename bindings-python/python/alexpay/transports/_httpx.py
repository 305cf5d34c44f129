"""httpx adapters (``pip install alexpay[httpx]``), sync and async."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from .._alexpay import HttpRequest
from ._base import HttpResponse, TransportFailure, body_of, capped, capped_async, read_limit

if TYPE_CHECKING:
    import httpx

__all__ = ["HttpxTransport", "HttpxAsyncTransport"]


def _failure(e: Exception) -> TransportFailure:
    import httpx

    # ConnectTimeout and PoolTimeout happen before the request is written.
    if isinstance(e, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)):
        return TransportFailure("connect", type(e).__name__)
    if isinstance(e, httpx.TimeoutException):
        return TransportFailure("timeout", type(e).__name__)
    return TransportFailure("connection_lost", type(e).__name__)


class HttpxTransport:
    """Sends with an ``httpx.Client`` (yours, or one it makes)."""

    def __init__(self, client: "Optional[httpx.Client]" = None) -> None:
        import httpx

        self._client = client or httpx.Client()

    def send(self, request: HttpRequest, timeout_secs: float) -> HttpResponse:
        """Sends ``request`` once (no redirects, no retries); raises ``TransportFailure``."""
        import httpx

        try:
            with self._client.stream(
                request.method,
                request.url,
                headers=request.headers,
                content=body_of(request),
                timeout=timeout_secs,
                follow_redirects=False,
            ) as r:
                body, _ = capped(r.iter_bytes(), read_limit())
        except httpx.HTTPError as e:
            raise _failure(e) from e
        return HttpResponse(r.status_code, list(r.headers.multi_items()), body)


class HttpxAsyncTransport:
    """Sends with an ``httpx.AsyncClient`` (for ``AsyncClient``)."""

    def __init__(self, client: "Optional[httpx.AsyncClient]" = None) -> None:
        import httpx

        self._client = client or httpx.AsyncClient()

    async def send(self, request: HttpRequest, timeout_secs: float) -> HttpResponse:
        """Sends ``request`` once (no redirects, no retries); raises ``TransportFailure``."""
        import httpx

        try:
            async with self._client.stream(
                request.method,
                request.url,
                headers=request.headers,
                content=body_of(request),
                timeout=timeout_secs,
                follow_redirects=False,
            ) as r:
                body, _ = await capped_async(r.aiter_bytes(), read_limit())
        except httpx.HTTPError as e:
            raise _failure(e) from e
        return HttpResponse(r.status_code, list(r.headers.multi_items()), body)
