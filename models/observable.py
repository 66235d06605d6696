"""Qt-free observables: state that tells its subscribers when it changes.

The window's state lives in plain objects built from these (napari's
``components`` beside ``_qt``); views subscribe and redraw. The core never
knows a view, so it stays testable without Qt, and a view can be rebuilt (a
language switch) from the same state without losing anything.

Callbacks run on the thread that changes the state: the GUI changes state only
on its own thread, so views may touch widgets in their callbacks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Event:
    """A list of callbacks, each called with the values passed to :meth:`emit`."""

    def __init__(self) -> None:
        self._callbacks: list[Callable[..., Any]] = []

    def connect(self, callback: Callable[..., Any]) -> Callable[..., Any]:
        """Call ``callback`` on every emit; returns it, so it can be used as a decorator."""
        if callback not in self._callbacks:
            self._callbacks.append(callback)
        return callback

    def disconnect(self, callback: Callable[..., Any] | None = None) -> None:
        """Stop calling ``callback`` (all callbacks when ``None``); unknown callbacks are ignored."""
        if callback is None:
            self._callbacks.clear()
        elif callback in self._callbacks:
            self._callbacks.remove(callback)

    def emit(self, *args: Any) -> None:
        """Call every callback in the order connected (a copy: callbacks may disconnect themselves)."""
        for callback in list(self._callbacks):
            callback(*args)

    def __len__(self) -> int:
        return len(self._callbacks)


class Observable(Generic[T]):
    """One value with a ``changed`` event, emitted with the new value when it really changes."""

    def __init__(self, value: T) -> None:
        self._value = value
        self.changed = Event()

    @property
    def value(self) -> T:
        """The current value."""
        return self._value

    def set(self, value: T) -> None:
        """Replace the value; subscribers hear of it unless it is the same object or equal."""
        if value is self._value:
            return
        try:
            same = bool(value == self._value)
        except Exception:  # arrays and other values without a plain truth value
            same = False
        if same:
            return
        self._value = value
        self.changed.emit(value)

    def subscribe(self, callback: Callable[[T], Any]) -> Callable[[T], Any]:
        """Connect ``callback`` and call it once now with the current value (a view's first paint)."""
        self.changed.connect(callback)
        callback(self._value)
        return callback
