"""The shipped digit model's ONNX twin: the same predictions without loading TensorFlow.

``import tensorflow`` alone takes about 600 MB of memory on this project's machine; onnxruntime
about 70 MB. ``digitface digits predict`` with the shipped model reads through the twin
(``assets/digit_cnn.onnx``, written by ``assets/onnx_twin.py``) when onnxruntime is installed and the
twin was made from the very ``.keras`` file shipped beside it (its SHA-256 is stored in the ONNX
metadata); otherwise it loads the Keras model. Preprocessing is the same function either way, and a
test checks that both give the same answers on MNIST test.
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path
from typing import Any

import numpy as np

from models.digit_model import REJECT_CLASSES, DigitPredictor, default_model_path
from models.model_file import load_metadata

# The ONNX metadata key holding the SHA-256 of the .keras file an export was made from.
SOURCE_KEY = "digitface_source_sha256"


def twin_path() -> Path:
    """Where the shipped model's ONNX twin lives."""
    return default_model_path().with_suffix(".onnx")


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


class OnnxDigitPredictor(DigitPredictor):
    """A :class:`DigitPredictor` whose network runs in onnxruntime (``model`` is ``None``)."""

    def __init__(self, session: Any, metadata: dict[str, Any] | None = None) -> None:
        self.model = None
        self.metadata = metadata or {}
        self._session = session
        self._input = session.get_inputs()[0].name

    @property
    def rejects(self) -> bool:
        """Whether the model can answer "not a digit" (an 11th output)."""
        return self._session.get_outputs()[0].shape[-1] == REJECT_CLASSES

    def probabilities(self, batch: np.ndarray) -> np.ndarray:
        """Softmax probabilities (N, 10), or (N, 11) with "not a digit" last, for inputs (N, 28, 28, 1)."""
        return self._session.run(None, {self._input: np.asarray(batch, np.float32)})[0]


def current_twin(keras_path: Path | None = None, onnx_path: Path | None = None) -> Any | None:
    """An onnxruntime session for the twin of ``keras_path``, or ``None`` when there is no usable one.

    ``None`` when onnxruntime is not installed, the twin is missing or unreadable, or it was made
    from another file (the shipped model was retrained and the twin not rewritten).
    """
    keras_path = keras_path or default_model_path()
    onnx_path = onnx_path or twin_path()
    if importlib.util.find_spec("onnxruntime") is None or not onnx_path.is_file():
        return None
    import onnxruntime

    try:
        session = onnxruntime.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
        source = session.get_modelmeta().custom_metadata_map.get(SOURCE_KEY)
        if source != file_sha256(keras_path):
            return None
    except Exception:  # noqa: BLE001 - any damage to the twin: the Keras model is always there
        return None
    return session


def load_for_reading(path: Path | str | None = None) -> DigitPredictor:
    """The predictor for reading many pictures: the ONNX twin for the shipped model when it is current.

    Raises as :meth:`DigitPredictor.load` does.
    """
    if path is None:
        session = current_twin()
        if session is not None:
            return OnnxDigitPredictor(session, load_metadata(default_model_path()))
    return DigitPredictor.load(path)
