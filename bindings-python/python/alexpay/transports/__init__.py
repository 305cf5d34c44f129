"""HTTP transports for the flows. ``UrllibTransport`` (standard library) is
the default; the others import their client only when used, so importing
``alexpay`` never imports httpx, requests or aiohttp.

A transport of your own is any object with ``send(request, timeout_secs)``
returning ``HttpResponse`` (``async def`` for ``AsyncClient``) and raising
``TransportFailure(kind)``; any other exception counts as
``"connection_lost"`` (the request may have arrived). ``read_limit()``, called
inside ``send``, says how many body bytes are worth reading (the client's
``max_body_bytes`` + 1; ``None`` outside a flow): a longer answer is refused
unread, so stop there, as the transports shipped here do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._base import AsyncTransport, HttpResponse, Transport, TransportFailure, TransportKind, read_limit
from ._urllib import UrllibTransport

if TYPE_CHECKING:
    from ._aiohttp import AiohttpTransport as AiohttpTransport
    from ._httpx import HttpxAsyncTransport as HttpxAsyncTransport
    from ._httpx import HttpxTransport as HttpxTransport
    from ._requests import RequestsTransport as RequestsTransport

__all__ = [
    "AiohttpTransport",
    "AsyncTransport",
    "HttpResponse",
    "HttpxAsyncTransport",
    "HttpxTransport",
    "RequestsTransport",
    "Transport",
    "TransportFailure",
    "TransportKind",
    "UrllibTransport",
    "read_limit",
]

_LAZY = {
    "HttpxTransport": "._httpx",
    "HttpxAsyncTransport": "._httpx",
    "RequestsTransport": "._requests",
    "AiohttpTransport": "._aiohttp",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'alexpay.transports' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module, __name__), name)
