"""Tooltips that wrap: Qt word-wraps a tooltip only when it is rich text."""

from __future__ import annotations

import html


def wrapped(text: str) -> str:
    """``text`` as a rich-text tooltip, so Qt wraps a long one instead of drawing one line ~1000 px wide."""
    return f"<qt>{html.escape(text)}</qt>" if text else text
