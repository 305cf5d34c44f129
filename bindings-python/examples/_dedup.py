"""Where receivers remember the deliveries they handled. Webhooks arrive at
least once; ``webhook_id`` names a delivery. Swap ``MemoryStore`` for your
database (a unique index on the id) in production: an in-memory set forgets
on restart and is not shared between processes."""

from __future__ import annotations

import threading
from typing import Optional, Protocol, Set


class DeliveryStore(Protocol):
    def first_time(self, webhook_id: Optional[str]) -> bool:
        """True the first time ``webhook_id`` is seen (always for ``None``)."""
        ...


class MemoryStore:
    def __init__(self) -> None:
        self._seen: Set[str] = set()
        self._lock = threading.Lock()

    def first_time(self, webhook_id: Optional[str]) -> bool:
        if webhook_id is None:
            return True
        with self._lock:
            new = webhook_id not in self._seen
            self._seen.add(webhook_id)
            return new
