"""Features of training images, cached by file content so a retrain after adding photos takes seconds.

One ``.npz`` file per backbone in the user's cache folder (numpy arrays only,
loaded with ``allow_pickle=False``), written atomically.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import numpy as np
import platformdirs

from models.model_file import atomic_write_bytes
from models.paths import APP_NAME


def default_cache_dir() -> Path:
    """The per-user cache folder for features."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "features"


def file_key(path: Path) -> str:
    """Content hash of a file: renaming or moving a photo keeps its cached features."""
    return hashlib.sha1(path.read_bytes()).hexdigest()


class FeatureCache:
    """Maps file-content keys to (feature vector, face box or none) for one backbone.

    A face box of ``-1``s means no face was found and the whole picture was used.
    """

    def __init__(self, backbone: str, folder: Path | str | None = None) -> None:
        self.path = Path(folder or default_cache_dir()) / f"{backbone}.npz"
        self._items: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._dirty = False
        if self.path.exists():
            try:
                with np.load(self.path, allow_pickle=False) as data:
                    for key, feature, box in zip(data["keys"], data["features"], data["boxes"]):
                        self._items[str(key)] = (feature, box)
            except (OSError, ValueError, KeyError):
                self._items = {}  # a damaged cache is only a slower retrain

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: str) -> tuple[np.ndarray, np.ndarray] | None:
        """Cached (feature, box) for a key, or ``None``."""
        return self._items.get(key)

    def put(self, key: str, feature: np.ndarray, box: np.ndarray) -> None:
        """Remember the feature and box of a key."""
        self._items[key] = (np.asarray(feature, np.float32), np.asarray(box, np.int32))
        self._dirty = True

    def save(self) -> None:
        """Write the cache if it changed."""
        if not self._dirty or not self._items:
            return
        keys = list(self._items)
        buffer = io.BytesIO()
        np.savez(
            buffer,
            keys=np.array(keys),
            features=np.stack([self._items[k][0] for k in keys]),
            boxes=np.stack([self._items[k][1] for k in keys]),
        )
        atomic_write_bytes(self.path, buffer.getvalue())
        self._dirty = False
