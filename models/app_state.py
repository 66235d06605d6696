"""The window's state, Qt-free: the loaded models, the language, what the user is working on.

Views take this object and subscribe to its observables; a language switch
builds new views over the same state, so nothing is copied and nothing lost.
Training runs live beside it in :mod:`training.run_state` (imports go
gui → training → models).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from models.observable import Observable

# Stroke width as a fraction of the canvas side: close to MNIST's stroke-to-digit ratio when a
# digit fills most of the canvas. Preprocessing rescales the digit, so other widths still read.
DEFAULT_PEN_WIDTH = 1 / 15
PEN_WIDTHS = (1 / 30, 1 / 20, 1 / 15, 1 / 11, 1 / 8)  # thin … thick, as the Digits tab offers them


@dataclass(frozen=True)
class LoadedModel:
    """A model slot: what is in use, or what is loading, or why loading failed.

    ``status`` is ``"none"``, ``"loading"``, ``"ready"`` or ``"failed"``. A failed
    load keeps the model that was in use (``model``, ``path``) and says why in ``error``.
    """

    status: str = "none"
    model: Any = None
    path: str | None = None  # None: the shipped model (digits) or no file yet (faces)
    error: str = ""

    def loading(self) -> LoadedModel:
        """The same slot while a new model loads (the current one stays usable)."""
        return replace(self, status="loading", error="")

    def ready(self, model: Any, path: str | None) -> LoadedModel:
        """The slot holding a newly loaded model."""
        return LoadedModel("ready", model, path, "")

    def failed(self, error: str) -> LoadedModel:
        """The slot after a failed load: the model in use stays."""
        return replace(self, status="ready" if self.model is not None else "failed", error=error)


class AppState:
    """Everything the window shows that must outlive a view."""

    def __init__(self, language: str = "en") -> None:
        self.language: Observable[str] = Observable(language)
        self.digits: Observable[LoadedModel] = Observable(LoadedModel())
        self.faces: Observable[LoadedModel] = Observable(LoadedModel())
        # The drawing: strokes of (x, y) points in unit coordinates of the square canvas (0..1).
        self.strokes: Observable[tuple[tuple[tuple[float, float], ...], ...]] = Observable(())
        self.pen_width: Observable[float] = Observable(DEFAULT_PEN_WIDTH)  # fraction of the canvas side
        self.face_source: Observable[str] = Observable("0")

    def undo_stroke(self) -> None:
        """Remove the last stroke of the drawing (nothing happens when it is empty)."""
        self.strokes.set(self.strokes.value[:-1])

    def clear_drawing(self) -> None:
        """Remove every stroke."""
        self.strokes.set(())

    def add_stroke(self, points: list[tuple[float, float]]) -> None:
        """Append a finished stroke (unit coordinates)."""
        self.strokes.set((*self.strokes.value, tuple(points)))
