"""Subscribing a widget to Qt-free state for as long as the widget lives."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from models.observable import Event


def follow(owner: QObject, event: Event, callback: Callable[..., Any]) -> None:
    """Call ``callback`` on every ``event`` until ``owner`` is destroyed.

    State outlives its views (a language switch builds new ones), so a view
    must unsubscribe when it goes, or the state would call into a deleted widget.
    """
    event.connect(callback)
    owner.destroyed.connect(lambda *_: event.disconnect(callback))
