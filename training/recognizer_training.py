"""Train a face/pet recognizer from a folder per class (the core of ``digitface faces train``)."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from models.face_features import EMBEDDING_SIZE
from models.image_io import read_image
from models.messages import QT_TRANSLATE_NOOP, Message
from models.model_file import save_model
from models.recognizer import BACKBONES, build_head, nearest_distances
from training.configs import DEFAULT_EPOCHS, HEAD_LEARNING_RATE, SCRATCH_LEARNING_RATE, RecognizerTrainConfig
from training.feature_cache import FeatureCache, file_key
from training.folder_dataset import FolderDataset, as_rgb, scan_folder
from training.keras_progress import ProgressReporter
from training.optimizers import check_optimizer, learning_rate, make_optimizer, with_l2
from training.progress import CancelToken, Progress, ProgressCallback
from training.skipped_files import skipped_lines

NO_BOX = np.array([-1, -1, -1, -1], np.int32)
# "face" held entries made before the CNN detector's second look, "face2" photos read without their
# EXIF orientation (sideways phone photos: no face found): neither is reused.
FACE_CACHE = "face3"
IMAGENET_CACHE = "imagenet2"  # "imagenet": photos read without their EXIF orientation
# Open-set distance thresholds (see calibrate_distance); dlib's own is 0.6.
DEFAULT_DISTANCE = 0.46
MAX_DISTANCE = 0.5


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


@dataclass
class _Features:
    features: np.ndarray  # (N, F)
    labels: np.ndarray  # (N,)
    faces_found: np.ndarray  # (N,) bool
    paths: list[Path]
    computed: int = 0  # features computed now rather than taken from the cache


def face_features(
    dataset: FolderDataset,
    report: ProgressCallback,
    cancel: CancelToken,
    cache_dir: Path | None = None,
    auto: bool = False,
) -> _Features:
    """Embed the surest face of every image (the whole picture where none is found), with the cache.

    HOG looks first; images where it finds no face get dlib's slower CNN
    detector. With ``auto`` (backbone "auto") they get it only if HOG found
    faces in most images: a folder of pets should not pay the CNN's second
    per photo just to learn it is not about faces. Their features are then
    left as zeros, since the caller will choose another backbone.
    """
    from models.face_features import FaceFeatures

    faces = FaceFeatures()
    cache = FeatureCache(FACE_CACHE, cache_dir)
    hits: list[tuple[np.ndarray, np.ndarray] | None] = []
    labels, paths = [], []
    misses: list[tuple[int, str]] = []  # (index into hits, file key): read again later, not held
    started, computed, total = time.perf_counter(), 0, len(dataset.paths)

    def progress(done: int) -> None:
        elapsed = time.perf_counter() - started
        report(
            Progress(
                "features",
                Message(QT_TRANSLATE_NOOP("core", "Finding and embedding faces: {0}/{1}"), done, total),
                batch=done,
                batches=total,
                examples_per_s=computed / elapsed if elapsed > 0 else 0.0,
            )
        )

    try:
        for i, (path, label) in enumerate(zip(dataset.paths, dataset.labels)):
            cancel.raise_if_cancelled()
            try:
                key = file_key(path)
                hit = cache.get(key)
                if hit is None:
                    rgb = as_rgb(read_image(path))
                    boxes = faces.detect(rgb)
                    if boxes:
                        hit = (faces.embed(rgb, boxes[:1])[0], np.array(boxes[0].as_tuple(), np.int32))
                        cache.put(key, *hit)
                        computed += 1
                    else:
                        misses.append((len(hits), key))  # holding the pictures could fill memory
            except (OSError, ValueError) as exc:
                dataset.skipped.append((path, str(exc)))
                continue
            hits.append(hit)
            labels.append(label)
            paths.append(path)
            if i % 5 == 0 or i == total - 1:
                progress(i + 1)
        if auto and len(misses) >= len(hits) / 2:  # mostly not faces: another backbone will be used
            for j, _ in misses:
                hits[j] = (np.zeros(EMBEDDING_SIZE, np.float32), NO_BOX)
            misses = []
        for n, (j, key) in enumerate(misses):
            cancel.raise_if_cancelled()
            try:
                rgb = as_rgb(read_image(paths[j]))
            except (OSError, ValueError) as exc:  # changed or removed since the first look
                dataset.skipped.append((paths[j], str(exc)))
                continue
            boxes = faces.detect_cnn(rgb)
            embedding = faces.embed(rgb, boxes[:1])[0] if boxes else faces.embed_whole(rgb)[0]
            hits[j] = (embedding, np.array(boxes[0].as_tuple(), np.int32) if boxes else NO_BOX)
            cache.put(key, *hits[j])
            computed += 1
            report(
                Progress(
                    "features",
                    Message(
                        QT_TRANSLATE_NOOP("core", "Looking harder for faces HOG missed: {0}/{1}"), n + 1, len(misses)
                    ),
                    batch=n + 1,
                    batches=len(misses),
                )
            )
    finally:
        cache.save()
    keep = [j for j, h in enumerate(hits) if h is not None]
    return _Features(
        np.array([hits[j][0] for j in keep], np.float32).reshape(-1, EMBEDDING_SIZE),
        np.array([labels[j] for j in keep], np.int32),
        np.array([hits[j][1][0] >= 0 for j in keep], bool),
        [paths[j] for j in keep],
        computed,
    )


def image_features(
    dataset: FolderDataset,
    size: int,
    report: ProgressCallback,
    cancel: CancelToken,
    base: Any = None,
    cache: FeatureCache | None = None,
) -> _Features:
    """Prepared pictures (no ``base``) or frozen-backbone features of every readable image."""
    from models.image_features import prepare

    feats, labels, paths = [], [], []
    for i, (path, label) in enumerate(zip(dataset.paths, dataset.labels)):
        cancel.raise_if_cancelled()
        try:
            key = file_key(path) if cache is not None else ""
            hit = cache.get(key) if cache is not None else None
            if hit is not None:
                feature = hit[0]
            else:
                x = prepare(as_rgb(read_image(path)), size)
                feature = x if base is None else np.asarray(base(x[None], training=False))[0]
                if cache is not None:
                    cache.put(key, feature, NO_BOX)
        except (OSError, ValueError) as exc:
            dataset.skipped.append((path, str(exc)))
            continue
        feats.append(feature)
        labels.append(label)
        paths.append(path)
        if i % 5 == 0 or i == len(dataset.paths) - 1:
            report(
                Progress(
                    "features",
                    Message(QT_TRANSLATE_NOOP("core", "Reading pictures: {0}/{1}"), i + 1, len(dataset.paths)),
                    batch=i + 1,
                    batches=len(dataset.paths),
                )
            )
    if cache is not None:
        cache.save()
    return _Features(np.array(feats, np.float32), np.array(labels, np.int32), np.zeros(len(labels), bool), paths)


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
) -> dict[str, list[float]]:
    """Compile with the chosen optimizer and fit with progress reports and cancel; returns the history."""
    steps = int(np.ceil(len(x) / batch_size)) if dataset is None else steps_per_epoch(len(x), batch_size)
    schedule = learning_rate(rate, config.lr_decay, steps, epochs)
    model.compile(
        optimizer=make_optimizer(config.optimizer, schedule),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    reporter = ProgressReporter(report, cancel, epochs, steps, batch_size)
    if dataset is not None:
        history = model.fit(  # shuffle=False: the dataset shuffles itself (Keras warns otherwise)
            dataset,
            validation_data=val,
            epochs=epochs,
            steps_per_epoch=steps,
            verbose=0,
            callbacks=[reporter],
            shuffle=False,
        )
    else:
        history = model.fit(
            x, y, validation_data=val, epochs=epochs, batch_size=batch_size, verbose=0, callbacks=[reporter]
        )
    cancel.raise_if_cancelled()
    return dict(history.history)


def fine_tune(
    model: Any,
    base: Any,
    pictures: _Features,
    train_idx: np.ndarray,
    val_idx: np.ndarray,
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
            Message(QT_TRANSLATE_NOOP("core", "Fine-tuning the top {0} backbone layers…"), config.fine_tune_layers),
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
    return fit(model, x, y, val, config.fine_tune_epochs, batch, 1e-5, config, report, cancel, dataset=ds)


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
        Fewer than two classes, an empty class, or no readable images.
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
    if config.backbone not in ("auto", *BACKBONES):
        raise ValueError(f"unknown backbone {config.backbone!r}; choose auto, face, imagenet or scratch")
    start = time.perf_counter()
    keras.utils.set_random_seed(config.seed)
    dataset = scan_folder(root)
    scan_skipped = len(dataset.skipped)
    for line in dataset.summary_lines():
        report(Progress("message", line))
    for warning in dataset.warnings():
        report(Progress("message", Message(QT_TRANSLATE_NOOP("core", "warning: {0}"), warning)))

    backbone, data, base = config.backbone, None, None
    if backbone in ("auto", "face"):
        data = face_features(dataset, report, cancel, cache_dir, auto=backbone == "auto")
        share = float(data.faces_found.mean()) if len(data.labels) else 0.0
        report(
            Progress(
                "message", Message(QT_TRANSLATE_NOOP("core", "faces found in {0:.0f}% of the images"), 100 * share)
            )
        )
        if backbone == "auto":
            backbone = "face" if share > 0.5 else "imagenet"
            report(Progress("message", Message(QT_TRANSLATE_NOOP("core", "backbone: {0} (auto)"), backbone)))
    if backbone == "imagenet":
        from models.image_features import IMAGENET_SIZE, BackboneUnavailable, imagenet_backbone

        try:
            base = imagenet_backbone(IMAGENET_SIZE, config.imagenet_weights)
        except BackboneUnavailable as exc:
            if config.backbone == "imagenet":
                raise
            fallback = Message(
                QT_TRANSLATE_NOOP("core", "{0}\nFalling back to a compact CNN trained from scratch."), exc
            )
            report(Progress("message", fallback))
            backbone = "scratch"
        else:
            cache = FeatureCache(IMAGENET_CACHE, cache_dir) if config.imagenet_weights == "imagenet" else None
            data = image_features(dataset, IMAGENET_SIZE, report, cancel, base, cache)
    if backbone == "scratch":
        from models.image_features import SCRATCH_SIZE

        data = image_features(dataset, SCRATCH_SIZE, report, cancel)
    assert data is not None
    # Files found unreadable while reading features (the scan already listed the others): say which.
    for line in skipped_lines(dataset.skipped[scan_skipped:], dataset.root):
        report(Progress("message", line))
    present = np.unique(data.labels)
    if len(data.labels) == 0 or len(present) < 2:
        raise ValueError(f"fewer than two classes have readable images in {dataset.root}")
    missing = [dataset.classes[c] for c in range(len(dataset.classes)) if c not in present]
    if missing:
        raise ValueError(f"no readable images in class folder(s): {', '.join(missing)}")

    train_idx, val_idx = split_indices(data.labels, config.validation_split, config.seed)
    x, y = data.features[train_idx], data.labels[train_idx]
    val = (data.features[val_idx], data.labels[val_idx]) if len(val_idx) else None
    if val is None:
        report(
            Progress(
                "message",
                Message(
                    QT_TRANSLATE_NOOP("core", "no validation split (a class has fewer than 5 images): training on all")
                ),
            )
        )
    num_classes = len(dataset.classes)
    report(
        Progress(
            "message",
            Message(QT_TRANSLATE_NOOP("core", "Training the {0} classifier on {1} images…"), backbone, len(x)),
        )
    )

    if backbone == "scratch":
        from models.image_features import SCRATCH_SIZE, build_scratch_cnn

        epochs = config.epochs or DEFAULT_EPOCHS["scratch"]
        batch = config.batch_size or 32
        model = with_l2(build_scratch_cnn(num_classes, SCRATCH_SIZE, config.dropout), config.l2)
        ds = augmented_dataset(x, y, batch, config.seed, config.augment)
        history = fit(
            model, x, y, val, epochs, batch, config.learning_rate or SCRATCH_LEARNING_RATE, config, report, cancel, ds
        )
        saved_model, input_size = model, [SCRATCH_SIZE, SCRATCH_SIZE, 3]
        val_probabilities = _predict(model, val)
    else:
        epochs = config.epochs or DEFAULT_EPOCHS[backbone]
        head = build_head(x.shape[1], num_classes, config.dropout, config.l2)
        batch = config.batch_size or (max(len(x), 1) if backbone == "face" else 32)  # embeddings: full batch
        history = fit(
            head, x, y, val, epochs, batch, config.learning_rate or HEAD_LEARNING_RATE, config, report, cancel
        )
        val_probabilities = _predict(head, val)
        if backbone == "imagenet":
            from models.image_features import IMAGENET_SIZE, compose

            saved_model, input_size = compose(base, head), [IMAGENET_SIZE, IMAGENET_SIZE, 3]
            if config.fine_tune_layers > 0:
                pictures = image_features(dataset, IMAGENET_SIZE, report, cancel)
                history = fine_tune(saved_model, base, pictures, train_idx, val_idx, config, report, cancel)
                val_probabilities = _predict(saved_model, (pictures.features[val_idx], None) if len(val_idx) else None)
        else:
            saved_model, input_size = head, [EMBEDDING_SIZE]

    metadata: dict[str, Any] = {
        "kind": "recognizer",
        "backbone": backbone,
        "classes": dataset.classes,
        "input_size": input_size,
        "confidence_threshold": 0.0 if backbone == "face" else 0.5,
        "counts": dataset.counts(),
        "skipped": len(dataset.skipped),
        "features_computed": data.computed,
        "train_accuracy": float(history["accuracy"][-1]),
        "val_accuracy": float(history["val_accuracy"][-1]) if "val_accuracy" in history else None,
        "val_images": int(len(val_idx)),
        "epochs": epochs,
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
    seconds = time.perf_counter() - start
    metadata["train_seconds"] = round(seconds, 2)
    saved_to = save_model(saved_model, out, metadata) if out is not None else None
    return RecognizerTrainResult(
        backbone,
        dataset.classes,
        metadata,
        saved_to,
        seconds,
        messages,
        val_labels=data.labels[val_idx],
        val_probabilities=val_probabilities,
        val_paths=[data.paths[i] for i in val_idx],
    )


def _predict(model: Any, val: tuple[np.ndarray, Any] | None) -> np.ndarray:
    """The trained model's probabilities for the validation inputs (empty without a validation split)."""
    if val is None:
        return np.zeros((0, model.output_shape[-1]), np.float32)
    return np.concatenate([np.asarray(model(val[0][i : i + 64], training=False)) for i in range(0, len(val[0]), 64)])
