# pyright: basic
# (Django ships no type information: strict checking would flag its own
# decorators and request attributes, not this code.)
"""A Django webhook receiver: a plain view (route it in urls.py, exempt it
from CSRF: the sender has no CSRF token)."""

from __future__ import annotations

from typing import Callable, Optional, cast

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

import alexpay
from _dedup import DeliveryStore, MemoryStore

OnPayout = Callable[[alexpay.WebhookResult], None]
View = Callable[[HttpRequest], HttpResponse]


def make_view(client: alexpay.Client, on_payout: OnPayout, secret: Optional[str] = None, store: Optional[DeliveryStore] = None) -> View:
    seen = store or MemoryStore()

    @csrf_exempt
    @require_POST
    def alexpay_webhook(request: HttpRequest) -> HttpResponse:
        try:
            result = client.handle_webhook(request.body, cast(alexpay.SupportsHeaderItems, request.headers), secret=secret)
        except alexpay.AlexpayError as err:
            return HttpResponse(err.code.encode(), status=err.receiver_status or 500)
        if seen.first_time(result.webhook_id):
            on_payout(result)  # result.status is the status check's truth
        return HttpResponse(status=204)

    view: View = alexpay_webhook  # Django's decorators are untyped
    return view
