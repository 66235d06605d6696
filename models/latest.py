"""A one-place mailbox between threads: the newest item wins, stale ones are dropped, never queued."""

from __future__ import annotations

import threading
from typing import Generic, TypeVar

T = TypeVar("T")


class Latest(Generic[T]):
    """Holds only the most recent item put in; ``take`` waits for one and empties the box."""

    def __init__(self) -> None:
        self._item: T | None = None
        self._has = False
        self._closed = False
        self._cond = threading.Condition()
        self.dropped = 0

    def put(self, item: T) -> None:
        """Replace whatever was waiting (it is dropped: too old to be worth the work)."""
        with self._cond:
            self.dropped += self._has
            self._item, self._has = item, True
            self._cond.notify()

    def take(self, timeout: float | None = None) -> T | None:
        """The newest item, or ``None`` on timeout or when closed."""
        with self._cond:
            if not self._cond.wait_for(lambda: self._has or self._closed, timeout):
                return None
            if not self._has:
                return None
            item, self._item, self._has = self._item, None, False
            return item

    def close(self) -> None:
        """Wake any waiting ``take`` so its thread can end."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()
