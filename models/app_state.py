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
        self.strokes: Observable[list] = Observable([])  # the drawing, as the canvas's strokes
        self.face_source: Observable[str] = Observable("0")
