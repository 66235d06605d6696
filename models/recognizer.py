"""Recognise people (or pets, or things): features → Keras head → label or "unknown".

Backbones
---------
``face``
    dlib face detection + 5-point alignment + 128-d ResNet embedding; the head
    classifies embeddings. Open set: a face too far from every enrolled
    photo of the predicted person is "unknown".
``imagenet``
    A frozen ``keras.applications`` ImageNet backbone on the whole picture
    (see :mod:`models.image_features`); the head is trained on its cached
    features and saved together with it as one model.
``scratch``
    A compact CNN trained from scratch on the whole picture.

Whole-picture models saved with ``references`` (unit-length backbone features
of the training pictures) have an open-set rule too: a picture whose features
lie farther than ``distance_threshold`` from every training picture of the
predicted class is "unknown". Models saved without them keep the old rule
(top probability below ``confidence_threshold``), which with two classes
almost never says "unknown".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from models.face_features import Box
from models.image_features import prepare
from models.metadata import BACKBONES, STRANGERS, check_model_shape
from models.model_file import load_metadata, load_model

UNKNOWN = STRANGERS  # the label of a face or picture that matches no class


@dataclass(frozen=True)
class Recognition:
    """One subject in a picture: its label (or ``unknown``), confidence and face box."""

    label: str
    confidence: float
    box: Box | None = None
    distance: float | None = None  # to the nearest enrolled example of ``candidate`` (faces; things with references)
    candidate: str = ""  # the best class before the open-set rule; lets a new threshold relabel at once
    probabilities: tuple[float, ...] = ()  # whole-picture models: the head's output for every class, for bars

    @property
    def known(self) -> bool:
        return self.label != UNKNOWN


def left_to_right(found: list[Recognition]) -> list[Recognition]:
    """The faces of a picture in reading order (the finder gives the most face-like first); whole ones first."""
    return sorted(found, key=lambda r: r.box.left if r.box is not None else 0)


def build_head(input_size: int, num_classes: int, dropout: float = 0.2, l2: float = 1e-4) -> Any:
    """The classification head on top of a frozen feature extractor: dropout + softmax layer."""
    import keras
    from keras import layers

    inputs = keras.Input((input_size,), name="features")
    x = layers.Dropout(dropout)(inputs)
    outputs = layers.Dense(num_classes, activation="softmax", kernel_regularizer=keras.regularizers.L2(l2))(x)
    return keras.Model(inputs, outputs, name="head")


def unit_rows(features: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length, so whole-picture distances lie in [0, 2] whatever the backbone's scale."""
    features = np.asarray(features, np.float32)
    return features / np.maximum(np.linalg.norm(features, axis=1, keepdims=True), 1e-12)


def nearest_distances(queries: np.ndarray, references: np.ndarray) -> np.ndarray:
    """Euclidean distance from each query to its nearest reference (inf when there are none)."""
    if len(references) == 0:
        return np.full(len(queries), np.inf, np.float32)
    d2 = (queries**2).sum(1)[:, None] - 2 * queries @ references.T + (references**2).sum(1)[None, :]
    return np.sqrt(np.maximum(d2, 0)).min(axis=1)


class Recognizer:
    """A trained recognizer: the Keras model, its metadata and the matching feature extractor.

    Parameters
    ----------
    model
        Keras head on face embeddings (face backbone), or a whole-picture
        classifier (imagenet: frozen backbone + head; scratch: a small CNN).
    metadata
        As written by ``training.recognizer_training``: ``classes``, ``backbone``,
        ``input_size``, ``confidence_threshold``, ``distance_threshold`` and
        ``references`` (per class: the enrolled face embeddings, or the unit-length
        backbone features of the training pictures; absent in whole-picture
        models saved before the open set, which then use the confidence rule).
    """

    def __init__(self, model: Any, metadata: dict[str, Any], features: Any = None) -> None:
        self.model = model
        self.metadata = metadata
        self.classes: list[str] = list(metadata["classes"])
        self.backbone: str = metadata["backbone"]
        if self.backbone not in BACKBONES:
            raise ValueError(f"unknown backbone {self.backbone!r} in the model's metadata")
        self.confidence_threshold = float(metadata.get("confidence_threshold", 0.5))
        self.distance_threshold = float(metadata.get("distance_threshold", 0.6))
        refs = metadata.get("references", {})
        self.references = {
            c: np.asarray(refs.get(c, []), np.float32).reshape(-1, metadata.get("feature_size", 128))
            for c in self.classes
        }
        self.input_size = int(metadata.get("input_size", [128])[0])
        self._dense = _softmax_dense(model) if self.backbone == "face" else None
        self._two_outputs: Any = None  # picture → (features, probabilities), built on first use
        self._live: Any = None  # the same as one traced call for live frames (see live_call)
        self.traces = 0
        self.features = features
        if self.backbone == "face" and features is None:
            from models.face_features import FaceFeatures

            self.features = FaceFeatures()

    @classmethod
    def load(cls, path: Path | str) -> Recognizer:
        """Load a recognizer saved by ``digitface faces train``.

        Raises
        ------
        FileNotFoundError
            If there is no file at ``path``.
        ValueError
            Naming the file (and field): a digit model, a model without its
            metadata, damaged metadata, or classes that do not match the model.
        """
        path = Path(path)
        train = f"train one with 'digitface faces train DIR --out {path}'"
        if not path.is_file():
            raise FileNotFoundError(f"no recognizer at {path}: {train}")
        meta = load_metadata(path)
        if not meta:
            raise ValueError(
                f"{path} has no DigitFace metadata (classes, backbone) inside it or beside it "
                f"({path.with_suffix('.json').name}), so it cannot name anyone: {train}"
            )
        if meta["kind"] != "recognizer":  # never suggest training over it: that would replace the digit model
            raise ValueError(
                f"{path} is a digit model, not a face/pet recognizer: use it with 'digitface digits predict --model "
                f"{path}', or train a recognizer with 'digitface faces train DIR --out NEW.keras'"
            )
        model = load_model(path)
        check_model_shape(meta, tuple(model.input_shape[1:]), model.output_shape[-1], str(path))
        return cls(model, meta)

    @property
    def uses_distance(self) -> bool:
        """Whether "unknown" is decided by ``distance_threshold`` (faces, and whole-picture models with
        references) rather than by ``confidence_threshold`` alone: the threshold slider should set that one."""
        return self.backbone == "face" or "references" in self.metadata

    # --- deciding --------------------------------------------------------------------
    def decide(self, probabilities: np.ndarray, embeddings: np.ndarray | None) -> list[tuple[str, float, float | None]]:
        """Turn head outputs (N, C) into (best class, confidence, distance)."""
        out = []
        for i, probs in enumerate(probabilities):
            top = int(np.argmax(probs))
            candidate, confidence, distance = self.classes[top], float(probs[top]), None
            if embeddings is not None and self.uses_distance:
                distance = float(nearest_distances(embeddings[i : i + 1], self.references[candidate])[0])
            out.append((candidate, confidence, distance))
        return out

    def label_for(self, candidate: str, confidence: float, distance: float | None) -> str:
        """The open-set rule: the best class, or ``unknown`` when too far or too unsure."""
        if distance is not None and distance > self.distance_threshold:
            return UNKNOWN
        if confidence < self.confidence_threshold:
            return UNKNOWN
        return candidate

    def relabel(self, found: list[Recognition]) -> list[Recognition]:
        """Apply the current thresholds again (the threshold slider moved)."""
        return [
            Recognition(
                self.label_for(r.candidate, r.confidence, r.distance),
                r.confidence,
                r.box,
                r.distance,
                r.candidate,
                r.probabilities,
            )
            for r in found
        ]

    def _recognitions(self, decisions, boxes, probabilities: np.ndarray | None = None) -> list[Recognition]:
        rows = [()] * len(boxes) if probabilities is None else [tuple(map(float, p)) for p in probabilities]
        return [
            Recognition(self.label_for(cand, conf, dist), conf, box, dist, cand, row)
            for (cand, conf, dist), box, row in zip(decisions, boxes, rows)
        ]

    def classify_features(self, features: np.ndarray) -> np.ndarray:
        """Head probabilities (N, C) for face embeddings (N, 128)."""
        if len(features) == 0:
            return np.zeros((0, len(self.classes)), np.float32)
        features = np.asarray(features, np.float32)
        if self._dense is not None:
            logits = features @ self._dense[0] + self._dense[1]
            e = np.exp(logits - logits.max(axis=1, keepdims=True))
            return e / e.sum(axis=1, keepdims=True)
        return np.asarray(self.model(features, training=False))

    # --- recognising -----------------------------------------------------------------
    def recognize_embeddings(self, embeddings: np.ndarray, boxes: list[Box | None]) -> list[Recognition]:
        """Name faces already found and embedded (face backbone), e.g. by :mod:`models.face_processes`."""
        return self._recognitions(self.decide(self.classify_features(embeddings), embeddings), boxes)

    def recognize(self, rgb: np.ndarray, live: bool = False) -> list[Recognition]:
        """Everyone (face backbone) or the one subject (others) in an RGB uint8 picture.

        With the face backbone, a photo where neither HOG nor the CNN detector
        finds a face is classified as a whole (it may already be a face crop);
        a ``live`` video frame is searched with HOG only, and gets no label
        when it shows no face. A ``live`` frame for a whole-picture model goes
        through :meth:`live_call`, traced once; call it with ``models.tf_lock.TF_LOCK``
        held, as every TensorFlow call in the window is.
        """
        if self.backbone == "face":
            boxes: list[Box | None] = list(self.features.detect(rgb, live=live, thorough=not live))
            if boxes:
                embeddings = self.features.embed(rgb, boxes)
            elif not live:
                embeddings, boxes = self.features.embed_whole(rgb), [None]
            else:
                return []
            return self.recognize_embeddings(embeddings, boxes)
        x = prepare(rgb, self.input_size)[None]
        if live:
            features, probabilities = (np.asarray(t, np.float32) for t in self.live_call()(x))
            features = features if self.uses_distance else None
        elif self.uses_distance:
            features, probabilities = self.picture_outputs(x)
        else:
            features, probabilities = None, np.asarray(self.model(x, training=False), np.float32)
        embeddings = unit_rows(features) if features is not None else None
        return self._recognitions(self.decide(probabilities, embeddings), [None], probabilities)

    def live_call(self) -> Any:
        """Whole-picture model as one compiled call: a (1, S, S, 3) picture → (features, probabilities).

        An eager Keras call dispatches layer by layer from Python (MobileNetV2:
        ~100 ms a frame); a concrete function traced once for this one input
        shape runs the graph in ~16 ms (``benchmarks/live_pipeline.py --whole``)
        and never retraces. Features are (1, 0) for models without references.
        Built on first use (a second or two); :attr:`traces` counts the tracings.
        """
        if self._live is None:
            import tensorflow as tf

            both = feature_and_output_model(self.model, self.backbone) if self.uses_distance else None
            model = self.model

            def run(x: Any) -> tuple[Any, Any]:
                self.traces += 1  # Python runs only while tracing
                if both is not None:
                    return both(x, training=False)
                return tf.zeros((1, 0)), model(x, training=False)

            spec = tf.TensorSpec([1, self.input_size, self.input_size, 3], tf.float32)
            concrete = tf.function(run, input_signature=[spec]).get_concrete_function()
            self._live = lambda x: concrete(tf.convert_to_tensor(x, tf.float32))
        return self._live

    def picture_outputs(self, pictures: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Backbone features (N, F) and probabilities (N, C) of prepared pictures, in one pass."""
        if self._two_outputs is None:
            self._two_outputs = feature_and_output_model(self.model, self.backbone)
        features, probabilities = self._two_outputs(pictures, training=False)
        return np.asarray(features, np.float32), np.asarray(probabilities, np.float32)


def feature_and_output_model(model: Any, backbone: str) -> Any:
    """A callable mapping pictures to (backbone features, probabilities) for a whole-picture model.

    imagenet: the composed model is [image, ``imagenet_features`` backbone,
    ``head``], so the head is applied to the backbone's output by hand.
    scratch: the features are the CNN's global-average-pooled activations.
    """
    import keras

    if backbone == "imagenet":
        base, head = model.get_layer("imagenet_features"), model.get_layer("head")

        def both(x: Any, training: bool = False) -> tuple[Any, Any]:
            features = base(x, training=training)
            return features, head(features, training=training)

        return both
    pooled = next(layer for layer in model.layers if type(layer).__name__ == "GlobalAveragePooling2D")
    return keras.Model(model.input, [pooled.output, model.output])


def _softmax_dense(model: Any) -> tuple[np.ndarray, np.ndarray] | None:
    """Kernel and bias of a head that is only dropout + one softmax Dense layer, else ``None``.

    Live video classifies a face per frame; a numpy product costs microseconds
    where an eager Keras call costs milliseconds.
    """
    weighted = [layer for layer in model.layers if layer.weights]
    if len(weighted) != 1 or type(weighted[0]).__name__ != "Dense":
        return None
    layer = weighted[0]
    if getattr(layer.activation, "__name__", "") != "softmax":
        return None
    kernel, bias = layer.get_weights()
    return kernel.astype(np.float32), bias.astype(np.float32)
