"""What the flows return: plain value objects (``==``, ``to_dict()``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, Literal, Optional

from ._alexpay import StatusReport, WebhookEvent
from ._types import PayoutStatus

__all__ = ["PayoutResult", "WebhookResult"]

#: A payout's state when a flow returns: final, or still pending.
ResultStatus = Literal["succeeded", "failed", "pending"]


@dataclass(frozen=True)
class PayoutResult:
    """A payout Alexpay accepted.

    - ``payout_id``: Alexpay's id.
    - ``status``: ``"succeeded"``, ``"failed"`` or ``"pending"`` (not final
      yet: the wait ended, or you did not ask to wait).
    - ``report``: the latest ``StatusReport``, or ``None`` when no status
      check answered.
    - ``message``: Alexpay's words for a failure, when it gave any.
    """

    payout_id: str
    status: ResultStatus
    report: Optional[StatusReport] = field(default=None, compare=False)
    message: Optional[str] = None

    def to_dict(self) -> Dict[str, Any]:
        """The result as plain data (the report as its status strings)."""
        return {
            "payout_id": self.payout_id,
            "status": self.status,
            "message": self.message,
            "report_status": self.report.status if self.report else None,
            "report_raw_status": self.report.raw_status if self.report else None,
        }


@dataclass(frozen=True)
class WebhookResult:
    """The truth about the payout a webhook names, from a status check.

    - ``status``: the status check's status (the truth).
    - ``event_status``: what the event claimed (``None`` for an id-only one).
    - ``stale``: the claim differs from the truth (out of order or
      redelivered): a normal result, answer 2xx.
    - ``webhook_id``: the ``webhook-id``/``svix-id`` header, to de-duplicate.
    """

    payout_id: str
    status: PayoutStatus
    raw_status: str
    event_status: Optional[PayoutStatus]
    stale: bool
    webhook_id: Optional[str]
    report: StatusReport = field(compare=False)
    event: WebhookEvent = field(compare=False, repr=False)

    def to_dict(self) -> Dict[str, Any]:
        """The result as plain data."""
        return {
            "payout_id": self.payout_id,
            "status": self.status,
            "raw_status": self.raw_status,
            "event_status": self.event_status,
            "stale": self.stale,
            "webhook_id": self.webhook_id,
        }
