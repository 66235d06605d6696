"""The digit networks (the shipped CNN, or a multilayer perceptron you design) and a fast predictor for live use."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from models.digit_preprocess import SIZE, preprocess_digit
from models.messages import plural
from models.metadata import check_model_shape
from models.model_file import load_metadata, load_model
from models.paths import asset_path

NUM_CLASSES = 10
# A model may give an 11th answer, "not a digit" (training/rejection.py): letters, shapes, scribbles.
NOT_A_DIGIT = 10
REJECT_CLASSES = NUM_CLASSES + 1
# Below this top probability the app says "not sure" instead of naming a digit.
NOT_SURE_BELOW = 0.6
NETWORKS = ("cnn", "mlp")
ACTIVATIONS = ("sigmoid", "tanh", "relu")


def default_model_path() -> Path:
    """The trained digit model shipped with the app."""
    return asset_path("digit_cnn.keras")


def build_digit_cnn(dropout: float = 0.3, width: int = 48, classes: int = NUM_CLASSES) -> Any:
    """A small, fast CNN for 28×28 digits (≈155k parameters); ``classes`` 11 adds "not a digit".

    Four Conv/ReLU layers, two max-poolings, then dropout and a softmax layer.
    Each pooling comes straight after its convolution (ReLU and max commute, so
    the result is the same) and there is no BatchNorm: on a 2-core CPU those
    memory-bound steps cost about a quarter of the time, and with Adam, a warm-up and
    label smoothing the network reaches the same accuracy without them.
    """
    import keras
    from keras import layers

    def conv(x: Any, filters: int, kernel: int, padding: str = "same", pool: bool = False) -> Any:
        x = layers.Conv2D(filters, kernel, padding=padding)(x)
        if pool:
            x = layers.MaxPooling2D()(x)
        return layers.Activation("relu")(x)

    inputs = keras.Input((SIZE, SIZE, 1), name="image")
    x = conv(inputs, 32, 5, padding="valid", pool=True)  # 24×24 → 12×12: strokes and edges
    x = conv(x, width, 3, pool=True)  # 6×6: curves and corners
    x = conv(x, 2 * width, 3)  # parts of digits
    x = conv(x, 2 * width, 3, padding="valid")  # 4×4: their arrangement
    x = layers.Flatten()(x)
    x = layers.Dropout(dropout)(x)
    logits = layers.Dense(classes, name="logits")(x)
    probabilities = layers.Activation("softmax", name="probabilities")(logits)
    return keras.Model(inputs, probabilities, name="digit_cnn")


def build_digit_mlp(hidden: tuple[int, ...] | list[int] = (16, 16), activation: str = "sigmoid") -> Any:
    """The lectures' multilayer perceptron: 784 pixels → hidden layers → 10 digits.

    It takes the same (28, 28, 1) input as the CNN and flattens it itself,
    so the predictor, evaluation and export treat both networks alike.
    Each hidden layer is one ``Dense`` with its activation inside
    (``hidden_1``, ``hidden_2``…), so a layer's output is its neurons'
    activations; the last layer gives raw scores (``logits``) then softmax.

    Parameters
    ----------
    hidden
        Neurons per hidden layer, first to last; may be empty (softmax regression).
    activation
        ``"sigmoid"``, ``"tanh"`` or ``"relu"``.
    """
    import keras
    from keras import layers

    check_mlp(hidden, activation)
    inputs = keras.Input((SIZE, SIZE, 1), name="image")
    x = layers.Flatten(name="pixels")(inputs)
    for i, units in enumerate(hidden, start=1):
        x = layers.Dense(units, activation=activation, name=f"hidden_{i}")(x)
    logits = layers.Dense(NUM_CLASSES, name="logits")(x)
    probabilities = layers.Activation("softmax", name="probabilities")(logits)
    return keras.Model(inputs, probabilities, name="digit_mlp")


def check_mlp(hidden: tuple[int, ...] | list[int], activation: str) -> None:
    """Raise ``ValueError`` for a layer size below 1 or an unknown activation."""
    if activation not in ACTIVATIONS:
        raise ValueError(f"unknown activation {activation!r}; choose from {', '.join(ACTIVATIONS)}")
    if any(int(units) < 1 for units in hidden):
        raise ValueError(f"every hidden layer needs at least one neuron, got {list(hidden)}")


def parse_hidden(text: str) -> tuple[int, ...]:
    """``"16,16"`` → ``(16, 16)``; an empty text means no hidden layer.

    Raises
    ------
    ValueError
        If a part is not a whole number of at least 1.
    """
    parts = [part.strip() for part in text.split(",") if part.strip()]
    try:
        sizes = tuple(int(part) for part in parts)
    except ValueError:
        raise ValueError(f"hidden layers are neuron counts separated by commas (e.g. 16,16), got {text!r}") from None
    check_mlp(sizes, ACTIVATIONS[0])
    return sizes


@dataclass(frozen=True)
class DigitPrediction:
    """What the model says about one picture.

    ``digit`` is ``None`` when the picture holds no digit (``image`` is then
    ``None`` and ``probabilities`` all zeros) or when a model that can say so
    finds it is not a digit (``not_digit``: a letter, a shape, a scribble).
    ``probabilities`` are the ten digits' (with the 11th, "not a digit", they
    add up to less than 1 by ``not_digit_probability``).
    """

    digit: int | None
    confidence: float
    probabilities: np.ndarray
    image: np.ndarray | None  # the 28×28 input the network saw
    not_digit_probability: float = 0.0

    @property
    def not_digit(self) -> bool:
        """Whether something was drawn and the model answered "not a digit"."""
        return self.digit is None and self.image is not None

    @property
    def sure(self) -> bool:
        """Whether the top probability is high enough to name the digit."""
        return self.digit is not None and self.confidence >= NOT_SURE_BELOW


NO_DIGIT = DigitPrediction(None, 0.0, np.zeros(NUM_CLASSES, dtype=np.float32), None)


class DigitPredictor:
    """Loads a digit model and predicts with one compiled call per picture.

    ``model.predict`` costs tens of milliseconds per call; a ``tf.function``
    traced once costs about a millisecond, fast enough for every pen stroke.
    """

    def __init__(self, model: Any, metadata: dict[str, Any] | None = None) -> None:
        import tensorflow as tf

        self.model = model
        self.metadata = metadata or {}
        self._call = tf.function(
            lambda x: model(x, training=False),
            input_signature=[tf.TensorSpec([None, SIZE, SIZE, 1], tf.float32)],
        )
        # A concrete function skips tf.function's argument matching: about half a millisecond a call.
        self._concrete = self._call.get_concrete_function()
        self._concrete(tf.zeros((1, SIZE, SIZE, 1)))  # warm up now, not on the first stroke
        self._to_tensor = tf.convert_to_tensor

    @classmethod
    def load(cls, path: Path | str | None = None) -> DigitPredictor:
        """Load a model file (the shipped model when ``path`` is ``None``).

        Raises
        ------
        FileNotFoundError
            If there is no file at ``path``.
        ValueError
            Naming the file: unreadable, damaged metadata, or not a digit model
            (a face/pet recognizer, or a network of another shape).
        """
        path = Path(path) if path is not None else default_model_path()
        metadata = load_metadata(path)
        if metadata.get("kind", "digits") != "digits":
            raise ValueError(
                f"{path} is a face/pet recognizer ({metadata.get('backbone')} backbone), not a digit model; "
                f"use it with 'digitface faces predict --model {path}'"
            )
        model = load_model(path)
        inputs, outputs = tuple(model.input_shape[1:]), model.output_shape[-1]
        if inputs != (SIZE, SIZE, 1) or outputs not in (NUM_CLASSES, REJECT_CLASSES):
            raise ValueError(
                f"{path} is not a digit model: it reads {inputs} inputs and gives {outputs} "
                f"{plural(outputs, 'output', 'outputs')}, "
                f"where a digit model reads {SIZE}×{SIZE}×1 pictures and gives {NUM_CLASSES} "
                f"(or {REJECT_CLASSES}, with 'not a digit')"
            )
        if metadata:  # an 11th output with ten classes in the metadata (or the reverse) is a mixed-up file
            check_model_shape(metadata, inputs, outputs, str(path))
        return cls(model, metadata)

    @property
    def rejects(self) -> bool:
        """Whether the model can answer "not a digit" (an 11th output)."""
        return self.model.output_shape[-1] == REJECT_CLASSES

    def probabilities(self, batch: np.ndarray) -> np.ndarray:
        """Softmax probabilities (N, 10), or (N, 11) with "not a digit" last, for inputs (N, 28, 28, 1)."""
        return self._concrete(self._to_tensor(np.asarray(batch, np.float32))).numpy()

    def predict_image(self, image: np.ndarray) -> DigitPrediction:
        """Preprocess any picture and say which digit it shows, or that it is not a digit."""
        x = preprocess_digit(image)
        if x is None:
            return NO_DIGIT
        probs = self.probabilities(x[None, :, :, None])[0]
        top = int(np.argmax(probs))
        digits, rest = probs[:NUM_CLASSES], float(probs[NUM_CLASSES:].sum())
        if top == NOT_A_DIGIT:
            return DigitPrediction(None, rest, digits, x, rest)
        return DigitPrediction(top, float(probs[top]), digits, x, rest)
