"""Features of training images, cached by file content so a retrain after adding photos takes seconds.

One ``.npz`` file per backbone in the user's cache folder (numpy arrays only,
loaded with ``allow_pickle=False``), written atomically. A cache is only ever a
speed-up: a file that cannot be read, holds arrays of the wrong shape or
non-finite features, or was made by another extractor (see
:func:`fingerprint`) is set aside with one message and the features are
computed again; a cache that cannot be written costs speed, never the run.
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path
from typing import Any

import numpy as np
import platformdirs

from models.messages import QT_TRANSLATE_NOOP, Message
from models.model_file import atomic_write_bytes
from models.paths import APP_NAME

BOX_SIZE = 4  # left, top, right, bottom; -1s when no face was found


def default_cache_dir() -> Path:
    """The per-user cache folder for features."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "features"


def file_key(path: Path) -> str:
    """Content hash of a file: renaming or moving a photo keeps its cached features."""
    return hashlib.sha1(path.read_bytes()).hexdigest()


def weights_identity(path: Path) -> str:
    """Content hash of a weights file: a swapped file with the same name gives another identity."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fingerprint(**facts: Any) -> str:
    """A short hash of everything that determines a feature (extractor, weights, sizes, versions).

    Features cached under one fingerprint are never served under another, so
    swapping the backbone's weights or upgrading a library recomputes them.
    """
    return hashlib.sha256(json.dumps(facts, sort_keys=True, default=str).encode()).hexdigest()[:24]


class FeatureCache:
    """Maps file-content keys to (feature vector, face box or none) for one backbone.

    A face box of ``-1``s means no face was found and the whole picture was used.

    Parameters
    ----------
    backbone
        Names the cache file (``<backbone>.npz``).
    folder
        Where the file lives; the user's cache folder by default.
    feature_size
        Length of every feature vector; a file holding others is discarded.
    identity
        :func:`fingerprint` of the extractor; a file made under another is discarded.

    Attributes
    ----------
    problem
        Why the file on disk was not used (damaged, a folder, other extractor), or ``None``.
    """

    def __init__(
        self, backbone: str, folder: Path | str | None = None, feature_size: int | None = None, identity: str = ""
    ) -> None:
        self.path = Path(folder or default_cache_dir()) / f"{backbone}.npz"
        self.feature_size = feature_size
        self.identity = identity
        self.problem: str | None = None
        self._items: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._dirty = False
        if self.path.is_dir():
            self.problem = Message(
                QT_TRANSLATE_NOOP("core", "the feature cache {0} is a folder, not a file: features are not cached"),
                self.path,
            )
        elif self.path.exists():
            self._load()

    def _load(self) -> None:
        try:
            with np.load(self.path, allow_pickle=False) as data:
                identity = str(data["identity"]) if "identity" in data.files else ""
                keys, features, boxes = data["keys"], data["features"], data["boxes"]
        except Exception as exc:  # noqa: BLE001 - zip, zlib, format and OS errors all mean "unreadable"
            self._discard(
                QT_TRANSLATE_NOOP("core", "the feature cache {0} is damaged ({1}): computing features again"), exc
            )
            return
        if identity != self.identity:
            self._discard(
                QT_TRANSLATE_NOOP(
                    "core", "the feature cache {0} was made by another model or version: computing features again"
                )
            )
            return
        n = len(keys)
        size_ok = self.feature_size is None or (features.ndim == 2 and features.shape[1] == self.feature_size)
        shapes_ok = keys.ndim == 1 and features.ndim == 2 and features.shape[0] == n and boxes.shape == (n, BOX_SIZE)
        if not (shapes_ok and size_ok and keys.dtype.kind == "U" and features.dtype.kind == "f"):
            self._discard(
                QT_TRANSLATE_NOOP("core", "the feature cache {0} is damaged ({1}): computing features again"),
                f"arrays of shapes {keys.shape}, {features.shape}, {boxes.shape}",
            )
            return
        if not np.isfinite(features).all():
            self._discard(
                QT_TRANSLATE_NOOP("core", "the feature cache {0} is damaged ({1}): computing features again"),
                "features that are not numbers",
            )
            return
        self._items = {str(k): (f, b) for k, f, b in zip(keys, features.astype(np.float32), boxes.astype(np.int32))}

    def _discard(self, template: str, *why: Any) -> None:
        self._items = {}
        self._dirty = True  # overwrite it at the next save, even if nothing new was computed
        self.problem = Message(template, self.path, *why)

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: str) -> tuple[np.ndarray, np.ndarray] | None:
        """Cached (feature, box) for a key, or ``None``."""
        return self._items.get(key)

    def put(self, key: str, feature: np.ndarray, box: np.ndarray) -> None:
        """Remember the feature and box of a key (never a non-finite feature)."""
        feature = np.asarray(feature, np.float32)
        if not np.isfinite(feature).all():
            return
        self._items[key] = (feature, np.asarray(box, np.int32))
        self._dirty = True

    def save(self) -> str | None:
        """Write the cache if it changed; returns why it could not be written, or ``None``."""
        if not self._dirty or not self._items or self.path.is_dir():
            return None
        keys = list(self._items)
        buffer = io.BytesIO()
        np.savez(
            buffer,
            identity=np.array(self.identity),
            keys=np.array(keys),
            features=np.stack([self._items[k][0] for k in keys]),
            boxes=np.stack([self._items[k][1] for k in keys]),
        )
        try:
            atomic_write_bytes(self.path, buffer.getvalue())
        except OSError as exc:  # a full disk or a read-only folder only costs the next run's speed
            return Message(QT_TRANSLATE_NOOP("core", "could not write the feature cache {0}: {1}"), self.path, exc)
        self._dirty = False
        return None
