"""The default transport: the standard library's ``urllib``, no dependency."""

from __future__ import annotations

import http.client
import socket
import ssl
import urllib.error
import urllib.request
from typing import Optional

from .._alexpay import HttpRequest
from ._base import HttpResponse, TransportFailure, body_of, read_limit

__all__ = ["UrllibTransport"]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hand 3xx answers back instead of following them: a followed redirect
    could resend a payout elsewhere."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        return None


def _connect_phase(reason: object) -> bool:
    """True for failures that happen before a request can be written."""
    return isinstance(reason, (ConnectionRefusedError, socket.gaierror, ssl.SSLError, ssl.CertificateError))


def _read(resp: "http.client.HTTPResponse | urllib.error.HTTPError") -> bytes:
    limit = read_limit()
    return resp.read() if limit is None else resp.read(limit)


class UrllibTransport:
    """Sends requests with ``urllib.request`` (the default of ``Client``)."""

    def __init__(self, opener: Optional[urllib.request.OpenerDirector] = None) -> None:
        self._opener = opener or urllib.request.build_opener(_NoRedirect)

    def send(self, request: HttpRequest, timeout_secs: float) -> HttpResponse:
        """Sends ``request`` once (no redirects, no retries); raises ``TransportFailure``."""
        req = urllib.request.Request(request.url, data=body_of(request), headers=request.headers, method=request.method)
        try:
            with self._opener.open(req, timeout=timeout_secs) as resp:
                return HttpResponse(resp.status, resp.getheaders(), _read(resp))
        except urllib.error.HTTPError as e:
            # A 4xx/5xx (or an unfollowed 3xx) is an answer, not a failure.
            try:
                body = _read(e)
            except (OSError, http.client.HTTPException) as lost:
                raise TransportFailure("connection_lost", type(lost).__name__) from lost
            return HttpResponse(e.code, list(e.headers.items()) if e.headers else [], body)
        except urllib.error.URLError as e:
            if isinstance(e.reason, (TimeoutError, socket.timeout)):
                raise TransportFailure("timeout", "no answer in time") from e
            if _connect_phase(e.reason):
                raise TransportFailure("connect", type(e.reason).__name__) from e
            raise TransportFailure("connection_lost", type(e.reason).__name__) from e
        except (TimeoutError, socket.timeout) as e:
            raise TransportFailure("timeout", "no answer in time") from e
        except (OSError, http.client.HTTPException) as e:
            raise TransportFailure("connection_lost", type(e).__name__) from e
