"""Train a face/pet recognizer from a folder per class (the core of ``digitface faces train``).

A run reads top to bottom like a keras-io example: data (:func:`load_folder`)
→ backbone (:func:`training.backbone_choice.choose_backbone`) → features
(:func:`extract_features`) → split and class weights → model and fit
(:func:`train_model`) → evaluate and describe (:func:`describe_run`) → save.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from models.face_features import EMBEDDING_SIZE
from models.messages import QT_TRANSLATE_NOOP, Message, plural
from models.model_file import save_model
from models.recognizer import build_head, feature_and_output_model, nearest_distances, unit_rows
from training.backbone_choice import BackboneChoice, backbone_word, choose_backbone
from training.configs import RecognizerTrainConfig
from training.feature_cache import FeatureCache
from training.feature_extraction import (
    FACE_CACHE,
    IMAGENET_CACHE,
    NO_BOX,
    Features,
    face_features,
    image_features,
    imagenet_identity,
)
from training.folder_dataset import FolderDataset, scan_folder
from training.keras_progress import ProgressReporter
from training.optimizers import check_optimizer, learning_rate, make_optimizer, with_l2
from training.progress import CancelToken, Progress, ProgressCallback
from training.skipped_files import skipped_lines

__all__ = [
    "DEFAULT_DISTANCE",
    "FACE_CACHE",
    "IMAGENET_CACHE",
    "MAX_DISTANCE",
    "NO_BOX",
    "RecognizerTrainConfig",
    "RecognizerTrainResult",
    "calibrate_distance",
    "calibrate_open_set",
    "class_weights",
    "face_features",
    "image_features",
    "train_head",
    "train_recognizer",
]

# Open-set distance thresholds (see calibrate_distance); dlib's own is 0.6.
DEFAULT_DISTANCE = 0.46
MAX_DISTANCE = 0.5
IMBALANCE = 2  # largest class / smallest class from which the weighting is announced
# Whole-picture open set (see calibrate_open_set): distances between unit-length backbone features.
OPEN_SET_PERCENTILE = 95
OPEN_SET_MARGIN = 1.25  # new photos lie farther from the training pictures than those lie from each other
# Frames recorded from a camera in a few seconds lie almost on top of each other, and their own spread
# would give a threshold that names nothing new; the threshold is at least this share of how far the
# classes lie apart (the median distance from a picture to the nearest of another class).
OPEN_SET_FLOOR = 0.15
MAX_REFERENCES = 200  # per class: keeps the metadata JSON to a few MB with 1280 ImageNet features


@dataclass
class RecognizerTrainResult:
    """What a finished run produced."""

    backbone: str
    classes: list[str]
    metadata: dict[str, Any]
    saved_to: Path | None
    seconds: float
    messages: list[str] = field(default_factory=list)
    val_labels: np.ndarray | None = None  # the held-out images' classes…
    val_probabilities: np.ndarray | None = None  # …what the final model says of them…
    val_paths: list[Path] = field(default_factory=list)  # …and their files
    skipped: list[tuple[Path, str]] = field(default_factory=list)  # pictures that could not be used, and why


@dataclass
class _Trained:
    """What the model step produced."""

    model: Any  # the model to save: head, scratch CNN, or backbone + head
    history: dict[str, list[float]]
    epochs: int
    input_size: list[int]
    val_probabilities: np.ndarray
    references: np.ndarray | None = None  # unit-length backbone features of every picture (whole-picture models)


def train_recognizer(
    root: Path | str,
    config: RecognizerTrainConfig | None = None,
    out: Path | str | None = None,
    on_progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    cache_dir: Path | None = None,
) -> RecognizerTrainResult:
    """Train a recognizer on ``root`` (one sub-folder per class) and save it atomically to ``out``.

    Raises
    ------
    ValueError
        Fewer than two classes, an empty class, a class named ``unknown``, or no readable images.
    models.image_features.BackboneUnavailable
        ``imagenet`` asked for by name, offline and not cached.
    models.image_features.BackboneDamaged
        The cached ImageNet weights file is damaged; the message names it.
    training.progress.Cancelled
        If cancelled; nothing is saved then.
    """
    import keras

    config = config or RecognizerTrainConfig()
    cancel = cancel or CancelToken()
    messages: list[str] = []

    def report(p: Progress) -> None:
        if p.kind == "message":
            messages.append(p.message)
        (on_progress or (lambda _: None))(p)

    check_optimizer(config.optimizer)
    if config.epochs is not None and config.epochs < 0:  # 0 or None: the backbone's own number
        raise ValueError(f"epochs must be at least 1, got {config.epochs}")
    if config.learning_rate is not None and config.learning_rate < 0:
        raise ValueError(f"the learning rate must be above 0, got {config.learning_rate}")
    if config.fine_tune_layers < 0:
        raise ValueError(f"the layers to fine-tune cannot be fewer than 0, got {config.fine_tune_layers}")
    start = time.perf_counter()
    keras.utils.set_random_seed(config.seed)
    dataset = load_folder(root, report)
    scan_skipped = len(dataset.skipped)
    choice = choose_backbone(dataset, config.backbone, report, cancel, cache_dir, config.imagenet_weights)
    data, base = extract_features(dataset, choice, config, report, cancel, cache_dir, scan_skipped)
    train_idx, val_idx = split_data(data, config, report)
    weights = class_weights(data.labels[train_idx], len(dataset.classes), dataset.classes, report)
    trained = train_model(choice, base, dataset, data, train_idx, val_idx, weights, config, report, cancel)
    metadata = describe_run(choice.backbone, dataset, data, trained, val_idx, weights, config)
    seconds = time.perf_counter() - start
    metadata["train_seconds"] = round(seconds, 2)
    saved_to = save_model(trained.model, out, metadata) if out is not None else None
    return RecognizerTrainResult(
        choice.backbone,
        dataset.classes,
        metadata,
        saved_to,
        seconds,
        messages,
        val_labels=data.labels[val_idx],
        val_probabilities=trained.val_probabilities,
        val_paths=[data.paths[i] for i in val_idx],
        skipped=_once(dataset.skipped),
    )


def _once(skipped: list[tuple[Path, str]]) -> list[tuple[Path, str]]:
    """Each skipped file once, with its first reason (fine-tuning reads the pictures again)."""
    first: dict[Path, str] = {}
    for path, why in skipped:
        first.setdefault(path, why)
    return list(first.items())


# --- data ------------------------------------------------------------------------------
def load_folder(root: Path | str, report: ProgressCallback) -> FolderDataset:
    """Scan ``root`` for training (a class named ``unknown`` is refused) and report what was found."""
    dataset = scan_folder(root, for_training=True)
    for line in dataset.summary_lines():
        report(Progress("message", line))
    for warning in dataset.warnings():
        report(Progress("message", Message(QT_TRANSLATE_NOOP("core", "warning: {0}"), warning)))
    return dataset


# --- features --------------------------------------------------------------------------
def extract_features(
    dataset: FolderDataset,
    choice: BackboneChoice,
    config: RecognizerTrainConfig,
    report: ProgressCallback,
    cancel: CancelToken,
    cache_dir: Path | None = None,
    scan_skipped: int = 0,
) -> tuple[Features, Any]:
    """The features the chosen backbone's model learns from, and the ImageNet backbone (else ``None``).

    Files found unreadable while reading (after the first ``scan_skipped`` of
    ``dataset.skipped``, which the scan already listed) are named in ``report``.

    Raises
    ------
    ValueError
        Fewer than two classes, or a class, left with readable images.
    """
    base = None
    if choice.backbone == "face":
        data = choice.face_data if choice.face_data is not None else face_features(dataset, report, cancel, cache_dir)
    elif choice.backbone == "imagenet":
        from models.image_features import IMAGENET_FEATURES, IMAGENET_SIZE, imagenet_backbone

        base = imagenet_backbone(IMAGENET_SIZE, choice.weights if config.imagenet_weights else None)
        cache = None
        if choice.weights is not None:  # random weights (tests) are not worth caching
            identity = imagenet_identity(choice.weights, IMAGENET_SIZE)
            cache = FeatureCache(IMAGENET_CACHE, cache_dir, IMAGENET_FEATURES, identity)
        data = image_features(dataset, IMAGENET_SIZE, report, cancel, base, cache)
    else:
        from models.image_features import SCRATCH_SIZE

        data = image_features(dataset, SCRATCH_SIZE, report, cancel)
    # Files found unreadable while reading features (the scan already listed the others): say which.
    for line in skipped_lines(dataset.skipped[scan_skipped:], dataset.root):
        report(Progress("message", line))
    present = np.unique(data.labels)
    if len(data.labels) == 0 or len(present) < 2:
        raise ValueError(f"fewer than two classes have readable images in {dataset.root}")
    missing = [dataset.classes[c] for c in range(len(dataset.classes)) if c not in present]
    if missing:
        folders = plural(
            len(missing), "no readable images in the class folder {0}", "no readable images in class folders: {0}"
        )
        raise ValueError(folders.format(", ".join(missing)))
    return data, base


# --- split and balance -----------------------------------------------------------------
def split_data(
    data: Features, config: RecognizerTrainConfig, report: ProgressCallback
) -> tuple[np.ndarray, np.ndarray]:
    """Training and validation indices, saying so when there is too little data to hold any out."""
    train_idx, val_idx = split_indices(data.labels, config.validation_split, config.seed)
    if not len(val_idx):
        report(
            Progress(
                "message",
                Message(
                    QT_TRANSLATE_NOOP("core", "no validation split (a class has fewer than 5 images): training on all")
                ),
            )
        )
    return train_idx, val_idx


def split_indices(labels: np.ndarray, fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Stratified train/validation indices; no validation when a class has fewer than 5 images."""
    rng = np.random.default_rng(seed)
    counts = np.bincount(labels)
    if fraction <= 0 or counts.min() < 5:
        return np.arange(len(labels)), np.array([], int)
    val = []
    for c in range(len(counts)):
        members = rng.permutation(np.flatnonzero(labels == c))
        val.extend(members[: max(1, round(len(members) * fraction))])
    val_idx = np.array(sorted(val))
    return np.setdiff1d(np.arange(len(labels)), val_idx), val_idx


def class_weights(
    labels: np.ndarray, num_classes: int, names: list[str] | None = None, report: ProgressCallback | None = None
) -> dict[int, float]:
    """Weights that make every class count the same in the loss: ``n / (classes × n_c)``.

    Without them a person enrolled from 1 photo next to one with 50 is never
    predicted: the head earns more by always answering the large class, and
    the open-set rule then calls the rare person "unknown" even on the very
    photo they were enrolled from. When the classes differ by ``IMBALANCE``×
    or more, ``report`` hears which is smallest.
    """
    counts = np.bincount(labels, minlength=num_classes).astype(np.float64)
    present = counts > 0
    weights = np.where(present, len(labels) / (present.sum() * np.maximum(counts, 1)), 0.0)
    small, large = int(counts[present].min()), int(counts.max())
    if report is not None and large >= IMBALANCE * small:
        name = (names or [str(c) for c in range(num_classes)])[int(np.flatnonzero(counts == small)[0])]
        report(
            Progress(
                "message",
                Message.counted(
                    small,
                    QT_TRANSLATE_NOOP(
                        "core",
                        "warning: class '{0}' has {1} training image and the largest {2}: "
                        "its image weighs more in training so that every class counts the same; more photos of "
                        "it would help",
                    ),
                    QT_TRANSLATE_NOOP(
                        "core",
                        "warning: class '{0}' has {1} training images and the largest {2}: "
                        "its images weigh more in training so that every class counts the same; more photos of "
                        "it would help",
                    ),
                    name,
                    small,
                    large,
                ),
            )
        )
    return {c: round(float(w), 6) for c, w in enumerate(weights)}


# --- model and fit ---------------------------------------------------------------------
def train_model(
    choice: BackboneChoice,
    base: Any,
    dataset: FolderDataset,
    data: Features,
    train_idx: np.ndarray,
    val_idx: np.ndarray,
    weights: dict[int, float],
    config: RecognizerTrainConfig,
    report: ProgressCallback,
    cancel: CancelToken,
) -> _Trained:
    """Build the chosen backbone's model and fit it (the head, the scratch CNN, then any fine-tuning)."""
    x, y = data.features[train_idx], data.labels[train_idx]
    val = (data.features[val_idx], data.labels[val_idx]) if len(val_idx) else None
    num_classes = len(dataset.classes)
    report(
        Progress(
            "message",
            Message(
                QT_TRANSLATE_NOOP("core", "Training the {0} classifier on {1} images…"),
                backbone_word(choice.backbone),
                len(x),
            ),
        )
    )
    if choice.backbone == "scratch":
        trained = train_scratch(x, y, val, num_classes, weights, config, report, cancel)
        trained.references = picture_references(trained.model, "scratch", data.features)
        return trained
    head, history, epochs = train_head(x, y, val, num_classes, choice.backbone, weights, config, report, cancel)
    val_probabilities = _predict(head, val)
    if choice.backbone == "face":
        return _Trained(head, history, epochs, [EMBEDDING_SIZE], val_probabilities)
    from models.image_features import IMAGENET_SIZE, compose

    model = compose(base, head)
    references = unit_rows(data.features)  # the frozen backbone's features, already computed
    if config.fine_tune_layers > 0:
        pictures = image_features(dataset, IMAGENET_SIZE, report, cancel)
        history = fine_tune(model, base, pictures, train_idx, val_idx, weights, config, report, cancel)
        val_probabilities = _predict(model, (pictures.features[val_idx], None) if len(val_idx) else None)
        references = picture_references(model, "imagenet", pictures.features)  # the backbone has changed
    return _Trained(model, history, epochs, [IMAGENET_SIZE, IMAGENET_SIZE, 3], val_probabilities, references)


def train_head(
    x: np.ndarray,
    y: np.ndarray,
    val: tuple[np.ndarray, np.ndarray] | None,
    num_classes: int,
    backbone: str,
    weights: dict[int, float] | None,
    config: RecognizerTrainConfig,
    report: ProgressCallback,
    cancel: CancelToken,
) -> tuple[Any, dict[str, list[float]], int]:
    """A softmax head fitted on frozen features (face embeddings or ImageNet features), class-weighted."""
    from training.backbone_choice import backbone_defaults

    defaults = backbone_defaults(backbone)
    epochs = config.epochs or defaults.epochs
    batch = config.batch_size or defaults.batch_size or max(len(x), 1)  # embeddings: one full batch
    head = build_head(x.shape[1], num_classes, config.dropout, config.l2)
    rate = config.learning_rate or defaults.learning_rate
    history = fit(head, x, y, val, epochs, batch, rate, config, report, cancel, class_weight=weights)
    return head, history, epochs


def train_scratch(
    x: np.ndarray,
    y: np.ndarray,
    val: tuple[np.ndarray, np.ndarray] | None,
    num_classes: int,
    weights: dict[int, float] | None,
    config: RecognizerTrainConfig,
    report: ProgressCallback,
    cancel: CancelToken,
) -> _Trained:
    """The compact CNN trained from scratch on augmented pictures, class-weighted."""
    from models.image_features import SCRATCH_SIZE, build_scratch_cnn
    from training.backbone_choice import backbone_defaults

    report(
        Progress(
            "message",
            Message(
                QT_TRANSLATE_NOOP(
                    "core",
                    "note: a CNN trained from scratch on a small folder is a rough guess (often 50–80% right); "
                    "the pretrained ImageNet backbone does much better. Run 'digitface faces fetch-weights' once "
                    "while online to keep its weights on this computer, then train again.",
                )
            ),
        )
    )
    defaults = backbone_defaults("scratch")
    epochs = config.epochs or defaults.epochs
    batch = config.batch_size or defaults.batch_size or 32
    model = with_l2(build_scratch_cnn(num_classes, SCRATCH_SIZE, config.dropout), config.l2)
    ds = augmented_dataset(x, y, batch, config.seed, config.augment)
    rate = config.learning_rate or defaults.learning_rate
    history = fit(model, x, y, val, epochs, batch, rate, config, report, cancel, ds, class_weight=weights)
    return _Trained(model, history, epochs, [SCRATCH_SIZE, SCRATCH_SIZE, 3], _predict(model, val))


def picture_references(model: Any, backbone: str, pictures: np.ndarray) -> np.ndarray:
    """Unit-length backbone features of prepared pictures under the final whole-picture ``model``."""
    both = feature_and_output_model(model, backbone)
    chunks = [np.asarray(both(pictures[i : i + 64], training=False)[0]) for i in range(0, len(pictures), 64)]
    return unit_rows(np.concatenate(chunks) if chunks else np.zeros((0, 1), np.float32))


def fit(
    model: Any,
    x: np.ndarray,
    y: np.ndarray,
    val: tuple[np.ndarray, np.ndarray] | None,
    epochs: int,
    batch_size: int,
    rate: float,
    config: RecognizerTrainConfig,
    report: ProgressCallback,
    cancel: CancelToken,
    dataset: Any = None,
    class_weight: dict[int, float] | None = None,
) -> dict[str, list[float]]:
    """Compile with the chosen optimizer and fit with progress reports and cancel; returns the history."""
    steps = int(np.ceil(len(x) / batch_size)) if dataset is None else steps_per_epoch(len(x), batch_size)
    schedule = learning_rate(rate, config.lr_decay, steps, epochs)
    model.compile(
        optimizer=make_optimizer(config.optimizer, schedule),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    reporter = ProgressReporter(report, cancel, epochs, steps, batch_size, None if val is None else len(val[1]))
    callbacks: list[Any] = [reporter]
    if val is not None:
        callbacks.append(keep_best_weights(epochs))
    if dataset is not None:
        history = model.fit(  # shuffle=False: the dataset shuffles itself (Keras warns otherwise)
            dataset,
            validation_data=val,
            epochs=epochs,
            steps_per_epoch=steps,
            verbose=0,
            callbacks=callbacks,
            class_weight=class_weight,
            shuffle=False,
        )
    else:
        history = model.fit(
            x,
            y,
            validation_data=val,
            epochs=epochs,
            batch_size=batch_size,
            verbose=0,
            callbacks=callbacks,
            class_weight=class_weight,
        )
    cancel.raise_if_cancelled()
    return dict(history.history)


def keep_best_weights(epochs: int) -> Any:
    """A callback that leaves the model with the weights of its best validation epoch, not the last one's.

    On ~100 pictures the scratch CNN's validation accuracy swings from epoch to
    epoch; the last epoch is often not the best. With a handful of validation
    pictures many epochs tie on accuracy (often the first at 100%), so a tie goes
    to the lower validation loss: the weights that are surest of the right answers.
    ``epochs`` is kept for callers; the whole run is always trained.
    """
    import keras

    class KeepBest(keras.callbacks.Callback):
        def __init__(self) -> None:
            super().__init__()
            self.best: tuple[float, float] | None = None
            self.weights: list | None = None

        def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
            logs = logs or {}
            if "val_accuracy" not in logs:
                return
            key = (float(logs["val_accuracy"]), -float(logs.get("val_loss", 0.0)))
            if self.best is None or key > self.best:
                self.best, self.weights = key, self.model.get_weights()

        def on_train_end(self, logs: dict | None = None) -> None:
            if self.weights is not None:
                self.model.set_weights(self.weights)

    return KeepBest()


def best_epoch(history: dict[str, list[float]]) -> int:
    """Index of the epoch whose weights :func:`keep_best_weights` kept (the last without validation)."""
    scores = history.get("val_accuracy")
    if not scores:
        return len(history.get("accuracy", [0])) - 1
    losses = history.get("val_loss") or [0.0] * len(scores)
    return max(range(len(scores)), key=lambda i: (scores[i], -losses[i], -i))


def fine_tune(
    model: Any,
    base: Any,
    pictures: Features,
    train_idx: np.ndarray,
    val_idx: np.ndarray,
    weights: dict[int, float] | None,
    config: RecognizerTrainConfig,
    report: ProgressCallback,
    cancel: CancelToken,
) -> dict[str, list[float]]:
    """Unfreeze the backbone's top layers (BatchNorm stays frozen) and train end to end at a low rate."""
    import keras
    from keras import layers

    report(
        Progress(
            "message",
            Message.counted(
                config.fine_tune_layers,
                QT_TRANSLATE_NOOP("core", "Fine-tuning the top {0} backbone layer…"),
                QT_TRANSLATE_NOOP("core", "Fine-tuning the top {0} backbone layers…"),
                config.fine_tune_layers,
            ),
        )
    )
    base.trainable = True
    backbone = next(layer for layer in base.layers if isinstance(layer, keras.Model))  # MobileNetV2 inside
    inner = [layer for layer in backbone.layers if layer.weights]
    for i, layer in enumerate(inner):
        top = i >= len(inner) - config.fine_tune_layers
        layer.trainable = top and not isinstance(layer, layers.BatchNormalization)
    x, y = pictures.features[train_idx], pictures.labels[train_idx]
    val = (pictures.features[val_idx], pictures.labels[val_idx]) if len(val_idx) else None
    batch = config.batch_size or 32
    ds = augmented_dataset(x, y, batch, config.seed, config.augment)
    return fit(
        model, x, y, val, config.fine_tune_epochs, batch, 1e-5, config, report, cancel, dataset=ds, class_weight=weights
    )


def augmented_dataset(x: np.ndarray, y: np.ndarray, batch_size: int, seed: int, augment: bool = True) -> Any:
    """Shuffled batches of pictures, with flips, small rotations, zooms, shifts and contrast changes."""
    import keras
    import tensorflow as tf
    from keras import layers

    augment = keras.Sequential(
        [
            layers.RandomFlip("horizontal", seed=seed),
            layers.RandomRotation(0.05, seed=seed + 1),
            layers.RandomZoom(0.15, seed=seed + 2),
            layers.RandomTranslation(0.1, 0.1, seed=seed + 3),
            layers.RandomContrast(0.2, seed=seed + 4),
        ]
    )
    ds = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(len(x), seed=seed).repeat().batch(batch_size)
    if not augment:
        return ds.prefetch(2)
    return ds.map(lambda a, b: (augment(a, training=True), b)).prefetch(2)


def steps_per_epoch(n: int, batch_size: int) -> int:
    """Batches per epoch of augmented data: at least 8, so tiny folders still get enough steps."""
    return max(int(np.ceil(n / batch_size)), 8)


# --- evaluate and describe -------------------------------------------------------------
def describe_run(
    backbone: str,
    dataset: FolderDataset,
    data: Features,
    trained: _Trained,
    val_idx: np.ndarray,
    weights: dict[int, float],
    config: RecognizerTrainConfig,
) -> dict[str, Any]:
    """The JSON metadata saved beside the model: classes, what was learnt from, accuracies, settings."""
    import keras

    history = trained.history
    metadata: dict[str, Any] = {
        "kind": "recognizer",
        "backbone": backbone,
        "classes": dataset.classes,
        "input_size": trained.input_size,
        "confidence_threshold": 0.0 if backbone == "face" else 0.5,
        "counts": dataset.counts(),
        "skipped": len({path for path, _ in dataset.skipped}),  # fine-tuning reads the pictures again
        "features_computed": data.computed,
        "class_weights": [weights.get(c, 0.0) for c in range(len(dataset.classes))],
        # The saved weights are the best validation epoch's (keep_best_weights): describe that epoch.
        "train_accuracy": float(history["accuracy"][best_epoch(history)]),
        "val_accuracy": float(history["val_accuracy"][best_epoch(history)]) if "val_accuracy" in history else None,
        "best_epoch": best_epoch(history) + 1,
        "val_images": int(len(val_idx)),
        "epochs": trained.epochs,
        "config": asdict(config),
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "keras_version": keras.__version__,
    }
    if backbone == "face":
        metadata["distance_threshold"] = calibrate_distance(data.features, data.labels)
        metadata["feature_size"] = EMBEDDING_SIZE
        metadata["references"] = {
            name: np.round(data.features[data.labels == c], 5).tolist() for c, name in enumerate(dataset.classes)
        }
        metadata["faces_found"] = float(data.faces_found.mean())
    elif trained.references is not None and len(trained.references):
        metadata.update(open_set_metadata(trained.references, data.labels, dataset.classes, config.seed))
    return metadata


def open_set_metadata(features: np.ndarray, labels: np.ndarray, classes: list[str], seed: int = 1) -> dict[str, Any]:
    """A whole-picture model's open-set fields: references per class, their size, the distance threshold.

    At most ``MAX_REFERENCES`` pictures per class are kept (a random choice);
    the threshold is calibrated on all of them.
    """
    rng = np.random.default_rng(seed)
    references = {}
    for c, name in enumerate(classes):
        members = np.flatnonzero(labels == c)
        if len(members) > MAX_REFERENCES:
            members = np.sort(rng.choice(members, MAX_REFERENCES, replace=False))
        references[name] = np.round(features[members], 5).tolist()
    return {
        "distance_threshold": calibrate_open_set(features, labels),
        "feature_size": int(features.shape[1]),
        "references": references,
    }


def calibrate_open_set(features: np.ndarray, labels: np.ndarray) -> float:
    """Distance threshold for whole-picture models, from the training pictures themselves.

    Each picture's distance to the nearest *other* picture of its class
    (leave one out) says how far a new photo of an enrolled pet or thing may
    lie; the ``OPEN_SET_PERCENTILE``-th percentile of those, with a
    ``OPEN_SET_MARGIN`` of room, is the threshold. Features are unit length,
    so it lies in (0, 2]; a class of one picture gives no distance, and with
    fewer than 3 in all the threshold is 1 (a right angle between features).
    It is never under ``OPEN_SET_FLOOR`` of the distance between classes.
    """
    same = []
    for i in range(len(labels)):
        mates = np.flatnonzero((labels == labels[i]) & (np.arange(len(labels)) != i))
        if len(mates):
            same.append(nearest_distances(features[i : i + 1], features[mates])[0])
    if len(same) < 3:
        return 1.0
    apart = [nearest_distances(features[labels == c], features[labels != c]) for c in np.unique(labels)]
    floor = OPEN_SET_FLOOR * float(np.median(np.concatenate(apart))) if len(apart) > 1 else 0.0
    threshold = max(OPEN_SET_MARGIN * float(np.percentile(same, OPEN_SET_PERCENTILE)), floor)
    return round(float(np.clip(threshold, 1e-3, 2.0)), 4)


def calibrate_distance(embeddings: np.ndarray, labels: np.ndarray) -> float:
    """Open-set distance threshold from the enrolled faces themselves.

    Starts from ``DEFAULT_DISTANCE`` (0.46). On the Yale faces, with 3 photos
    per person enrolled, a stranger's nearest enrolled photo is mostly farther
    than that and a person's own other photos mostly nearer (dlib's customary
    0.6 lets in about a quarter of the strangers). When the user's photos of
    one person lie farther apart than that (the 90th percentile of each
    enrolled photo's distance to the nearest other photo of the same person),
    the threshold rises with them, up to 0.5, so the variety they enrolled is
    still recognised. Distances between enrolled people say little about
    strangers when only a few people are enrolled, so they are not used.
    """
    same = []
    for i in range(len(labels)):
        mates = np.flatnonzero((labels == labels[i]) & (np.arange(len(labels)) != i))
        if len(mates):
            same.append(nearest_distances(embeddings[i : i + 1], embeddings[mates])[0])
    if len(same) < 3:
        return DEFAULT_DISTANCE
    return round(float(np.clip(np.percentile(same, 90), DEFAULT_DISTANCE, MAX_DISTANCE)), 4)


def _predict(model: Any, val: tuple[np.ndarray, Any] | None) -> np.ndarray:
    """The trained model's probabilities for the validation inputs (empty without a validation split)."""
    if val is None:
        return np.zeros((0, model.output_shape[-1]), np.float32)
    return np.concatenate([np.asarray(model(val[0][i : i + 64], training=False)) for i in range(0, len(val[0]), 64)])
