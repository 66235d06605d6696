"""Training runs kept with their settings, curves and final metrics, as JSON in the user's data folder."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from models.logs import log_error
from models.messages import QT_TRANSLATE_NOOP, Message
from models.model_file import atomic_write_bytes
from models.paths import user_data_dir
from training.backbone_choice import backbone_word


def runs_dir() -> Path:
    """Folder of saved runs: ``<id>.run.json`` records, ``<id>.keras`` models (with their ``<id>.json``)."""
    path = user_data_dir() / "runs"
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass
class RunRecord:
    """One training run: what was trained, with which settings, and how it went."""

    run_id: str
    kind: str  # "digits" or "folder"
    settings: dict[str, Any]
    epochs: list[dict[str, float]] = field(default_factory=list)  # logs of each finished epoch
    final: dict[str, Any] = field(default_factory=dict)
    status: str = "running"  # running | finished | cancelled | failed
    model_path: str | None = None
    created: str = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))

    @classmethod
    def new(cls, kind: str, settings: dict[str, Any]) -> RunRecord:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        return cls(run_id=f"{kind}-{stamp}", kind=kind, settings=settings)

    def label(self) -> Message:
        """A short legend text: the settings a student changes most (the window shows it in its language)."""
        s = self.settings
        # A finished folder run is named by the backbone "auto" turned out to be (its final metrics say which).
        backbone = self.final.get("backbone") or s.get("backbone", "")
        named = backbone_word(backbone) if self.kind == "folder" and backbone else ""
        parts: list[object] = [named, s.get("optimizer", "")]
        if s.get("learning_rate"):
            parts.append(Message(QT_TRANSLATE_NOOP("core", "lr {0:g}"), s["learning_rate"]))
        if s.get("batch_size"):
            parts.append(Message(QT_TRANSLATE_NOOP("core", "b{0}"), s["batch_size"]))
        if s.get("dropout"):
            parts.append(Message(QT_TRANSLATE_NOOP("core", "drop {0:g}"), s["dropout"]))
        if s.get("l2"):
            parts.append(Message(QT_TRANSLATE_NOOP("core", "L2 {0:g}"), s["l2"]))
        if s.get("label_smoothing") and self.kind == "digits":
            parts.append(Message(QT_TRANSLATE_NOOP("core", "smooth {0:g}"), s["label_smoothing"]))
        if s.get("augment") is False:
            parts.append(Message(QT_TRANSLATE_NOOP("core", "no aug")))
        return words(*parts)

    def save(self, folder: Path | None = None) -> Path:
        path = (folder or runs_dir()) / f"{self.run_id}.run.json"
        atomic_write_bytes(path, (json.dumps(asdict(self), indent=1) + "\n").encode())
        return path


# The type of each field, as the app reads it back: a record edited by hand or half-damaged with a
# field of another type made sorting, the legend or the curves raise when the Training tab opened.
_FIELD_TYPES: dict[str, type | tuple[type, ...]] = {
    "run_id": str,
    "kind": str,
    "settings": dict,
    "epochs": list,
    "final": dict,
    "status": str,
    "model_path": (str, type(None)),
    "created": str,
}


def _well_formed(data: Any) -> bool:
    """Whether parsed JSON is a run record the app can read back (every epoch a dict of numbers)."""
    if not isinstance(data, dict) or not all(isinstance(data[k], t) for k, t in _FIELD_TYPES.items() if k in data):
        return False
    for epoch in data.get("epochs", []):
        if not isinstance(epoch, dict) or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in epoch.values()
        ):
            return False
    return True


def load_runs(folder: Path | None = None) -> list[RunRecord]:
    """All saved runs, oldest first; unreadable or damaged records are skipped (and logged)."""
    runs = []
    for path in sorted((folder or runs_dir()).glob("*.run.json")):
        try:
            if not path.is_file():  # a folder, or a named pipe that would block the read for good
                raise ValueError("not a file")
            data = json.loads(path.read_text())
            if not _well_formed(data):
                raise ValueError("a field of the wrong type")
            runs.append(RunRecord(**data))
        except (OSError, ValueError, TypeError) as exc:
            log_error(f"skipped the damaged run record {path}: {exc}")
            continue
    return sorted(runs, key=lambda r: r.created)


def words(*parts: object) -> Message:
    """The non-empty ``parts`` with a space between them, each translated in the window if it is a message."""
    kept = [p for p in parts if p]
    return Message(" ".join(f"{{{i}}}" for i in range(len(kept))), *kept)
