"""aiohttp adapter (``pip install alexpay[aiohttp]``), for ``AsyncClient``."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Optional

from .._alexpay import HttpRequest
from ._base import HttpResponse, TransportFailure, body_of, capped_async, read_limit

if TYPE_CHECKING:
    import aiohttp

__all__ = ["AiohttpTransport"]


def _failure(e: BaseException) -> TransportFailure:
    import aiohttp

    connect_timeout = getattr(aiohttp, "ConnectionTimeoutError", ())
    if isinstance(e, connect_timeout):
        return TransportFailure("connect", "ConnectionTimeoutError")
    # ClientConnectorError covers refused connections, DNS (its subclass
    # ClientConnectorDNSError) and TLS handshakes: nothing was sent.
    if isinstance(e, aiohttp.ClientConnectorError):
        return TransportFailure("connect", type(e).__name__)
    if isinstance(e, (asyncio.TimeoutError, aiohttp.ServerTimeoutError)):
        return TransportFailure("timeout", type(e).__name__)
    return TransportFailure("connection_lost", type(e).__name__)


class AiohttpTransport:
    """Sends with an ``aiohttp.ClientSession`` (yours, or one it opens on the
    first request)."""

    def __init__(self, session: "Optional[aiohttp.ClientSession]" = None) -> None:
        self._session = session
        self._owned = False

    async def send(self, request: HttpRequest, timeout_secs: float) -> HttpResponse:
        """Sends ``request`` once (no redirects, no retries); raises ``TransportFailure``."""
        import aiohttp

        if self._session is None:
            self._session = aiohttp.ClientSession()
            self._owned = True
        try:
            async with self._session.request(
                request.method,
                request.url,
                headers=request.headers,
                data=body_of(request),
                timeout=aiohttp.ClientTimeout(total=timeout_secs),
                allow_redirects=False,
            ) as r:
                body, _ = await capped_async(r.content.iter_chunked(65536), read_limit())
                return HttpResponse(r.status, list(r.headers.items()), body)
        except (aiohttp.ClientError, asyncio.TimeoutError) as e:
            raise _failure(e) from e

    async def close(self) -> None:
        """Closes the session it opened itself (never one you passed in)."""
        if self._session is not None and self._owned:
            await self._session.close()
            self._session = None
            self._owned = False
