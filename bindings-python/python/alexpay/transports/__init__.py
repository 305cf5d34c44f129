"""HTTP transports for the flows. ``UrllibTransport`` (standard library) is
the default; the others import their client only when used, so importing
``alexpay`` never imports httpx, requests or aiohttp.

A transport of your own is any object with ``send(request, timeout_secs)``
returning ``HttpResponse`` (``async def`` for ``AsyncClient``) and raising
``TransportFailure(kind)``; any other exception counts as
``"connection_lost"`` (the request may have arrived).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._base import AsyncTransport, HttpResponse, Transport, TransportFailure, TransportKind
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
