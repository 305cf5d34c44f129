"""requests adapter (``pip install alexpay[requests]``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from .._alexpay import HttpRequest
from ._base import HttpResponse, TransportFailure, body_of, capped, read_limit

if TYPE_CHECKING:
    import requests

__all__ = ["RequestsTransport"]


def _failure(e: Exception) -> TransportFailure:
    import requests
    import urllib3.exceptions as u3

    if isinstance(e, requests.exceptions.ConnectTimeout):
        return TransportFailure("connect", "ConnectTimeout")
    if isinstance(e, requests.exceptions.Timeout):
        return TransportFailure("timeout", type(e).__name__)
    if isinstance(e, requests.exceptions.SSLError):
        return TransportFailure("connect", "SSLError")
    if isinstance(e, requests.exceptions.ConnectionError):
        # requests folds "refused" and "reset mid-answer" into one class;
        # only urllib3's connect-phase reasons prove nothing was sent.
        reason = e.args[0] if e.args else None
        inner = getattr(reason, "reason", reason)
        if isinstance(inner, (u3.NewConnectionError, u3.NameResolutionError)):
            return TransportFailure("connect", type(inner).__name__)
        return TransportFailure("connection_lost", type(inner).__name__ if inner else "ConnectionError")
    return TransportFailure("connection_lost", type(e).__name__)


class RequestsTransport:
    """Sends with a ``requests.Session`` (yours, or one it makes). Its
    adapters must not retry on their own (the default ``max_retries=0``)."""

    def __init__(self, session: "Optional[requests.Session]" = None) -> None:
        import requests

        self._session = session or requests.Session()

    def send(self, request: HttpRequest, timeout_secs: float) -> HttpResponse:
        """Sends ``request`` once (no redirects, no retries); raises ``TransportFailure``."""
        import requests

        try:
            r = self._session.request(
                request.method,
                request.url,
                headers=request.headers,
                data=body_of(request),
                timeout=timeout_secs,
                allow_redirects=False,
                stream=True,
            )
            body, cut = capped(r.iter_content(65536), read_limit())
            if cut:
                r.close()
        except requests.exceptions.RequestException as e:
            raise _failure(e) from e
        return HttpResponse(r.status_code, list(r.headers.items()), body)
