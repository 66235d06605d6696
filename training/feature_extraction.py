"""The features step of a recognizer run: face embeddings, ImageNet features or prepared pictures.

Each function reads the images of a :class:`~training.folder_dataset.FolderDataset`
once, skips (and records) unreadable ones, reports progress with images/s, and
goes through a :class:`~training.feature_cache.FeatureCache` where features are
worth keeping.
"""

from __future__ import annotations

import importlib.metadata
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from models.face_features import EMBEDDING_SIZE
from models.image_io import FACE_MAX_SIDE, as_rgb, read_image
from models.messages import QT_TRANSLATE_NOOP, Message
from training.feature_cache import FeatureCache, file_key, fingerprint, weights_identity
from training.folder_dataset import FolderDataset
from training.progress import CancelToken, Progress, ProgressCallback

NO_BOX = np.array([-1, -1, -1, -1], np.int32)
# "face" held entries made before the CNN detector's second look, "face2" photos read without their
# EXIF orientation (sideways phone photos: no face found): neither is reused.
FACE_CACHE = "face3"
IMAGENET_CACHE = "imagenet2"  # "imagenet": photos read without their EXIF orientation


@dataclass
class Features:
    """What the features step produced for the readable images."""

    features: np.ndarray  # (N, F), or (N, size, size, 3) prepared pictures
    labels: np.ndarray  # (N,)
    faces_found: np.ndarray  # (N,) bool
    paths: list[Path]
    computed: int = 0  # features computed now rather than taken from the cache


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return ""


# The dlib model files that make an embedding: the CNN detector finds the faces HOG misses, the
# landmarks align them, the ResNet embeds them.
FACE_MODEL_FILES = (
    "mmod_human_face_detector.dat",
    "shape_predictor_5_face_landmarks.dat",
    "dlib_face_recognition_resnet_model_v1.dat",
)


def face_identity() -> str:
    """Fingerprint of the face embedder: dlib, the content of its model files and the detection recipe.

    The files' content, not their size: a swapped file of the same size gives other embeddings
    (hashing the three ~32 MB takes about 60 ms, once per run).
    """
    import cv2
    import dlib

    from models.face_features import model_file

    return fingerprint(
        recipe=FACE_CACHE,
        dlib=dlib.__version__,
        cv2=cv2.__version__,
        models=_version("face_recognition_models"),
        files={name: weights_identity(model_file(name)) for name in FACE_MODEL_FILES},
    )


def imagenet_identity(weights: Path, size: int) -> str:
    """Fingerprint of the ImageNet extractor: the weights file's content, input size and versions."""
    import cv2
    import keras
    import tensorflow as tf

    from models.image_features import PREPROCESS_VERSION

    return fingerprint(
        backbone="mobilenet_v2",
        weights=weights_identity(weights),
        size=size,
        preprocess=PREPROCESS_VERSION,
        keras=keras.__version__,
        tensorflow=tf.__version__,
        cv2=cv2.__version__,
    )


def _report_cache(cache: FeatureCache, report: ProgressCallback) -> None:
    if cache.problem:
        report(Progress("message", Message(QT_TRANSLATE_NOOP("core", "warning: {0}"), cache.problem)))


def _save_cache(cache: FeatureCache, report: ProgressCallback) -> None:
    problem = cache.save()
    if problem:
        report(Progress("message", Message(QT_TRANSLATE_NOOP("core", "warning: {0}"), problem)))


def face_features(
    dataset: FolderDataset,
    report: ProgressCallback,
    cancel: CancelToken,
    cache_dir: Path | None = None,
    auto: bool = False,
) -> Features:
    """Embed the surest face of every image (the whole picture where none is found), with the cache.

    HOG looks first; images where it finds no face get dlib's slower CNN
    detector. With ``auto`` (backbone "auto") they get it only if HOG found
    faces in most images: a folder of pets should not pay the CNN's second
    per photo just to learn it is not about faces. Their features are then
    left as zeros, since the caller will choose another backbone.
    """
    from models.face_features import FaceFeatures

    faces = FaceFeatures()
    cache = FeatureCache(FACE_CACHE, cache_dir, EMBEDDING_SIZE, face_identity())
    _report_cache(cache, report)
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
                    rgb = as_rgb(read_image(path, FACE_MAX_SIDE))
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
                rgb = as_rgb(read_image(paths[j], FACE_MAX_SIDE))
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
        _save_cache(cache, report)
    keep = [j for j, h in enumerate(hits) if h is not None]
    return Features(
        np.array([hits[j][0] for j in keep], np.float32).reshape(-1, EMBEDDING_SIZE),
        np.array([labels[j] for j in keep], np.int32),
        np.array([hits[j][1][0] >= 0 for j in keep], bool),
        [paths[j] for j in keep],
        computed,
    )


def _prepared(dataset: FolderDataset, size: int, indices: list[int]) -> Iterator[tuple[int, np.ndarray]]:
    """(index, prepared picture) of each readable image among ``indices``; unreadable ones are skipped."""
    from models.image_features import prepare

    for i in indices:
        path = dataset.paths[i]
        try:
            yield i, prepare(as_rgb(read_image(path, FACE_MAX_SIDE)), size)
        except (OSError, ValueError) as exc:
            dataset.skipped.append((path, str(exc)))


def image_features(
    dataset: FolderDataset,
    size: int,
    report: ProgressCallback,
    cancel: CancelToken,
    base: Any = None,
    cache: FeatureCache | None = None,
) -> Features:
    """Prepared pictures (no ``base``) or frozen-backbone features of every readable image.

    Pictures the cache does not hold go through the backbone in batches of
    ``FEATURE_BATCH``; the progress says how many images per second.
    """
    from models.image_features import FEATURE_BATCH, batch_features

    total = len(dataset.paths)
    found: dict[int, np.ndarray] = {}
    keys: dict[int, str] = {}
    todo: list[int] = []
    if cache is not None:
        _report_cache(cache, report)
    for i, path in enumerate(dataset.paths):
        if cache is None:
            todo.append(i)
            continue
        try:
            keys[i] = file_key(path)
        except OSError as exc:
            dataset.skipped.append((path, str(exc)))
            continue
        hit = cache.get(keys[i])
        if hit is None:
            todo.append(i)
        else:
            found[i] = hit[0]
    started, computed = time.perf_counter(), 0
    if not todo:
        done = Message(QT_TRANSLATE_NOOP("core", "Reading pictures: {0}/{1}"), total, total)
        report(Progress("features", done, batch=total, batches=total))  # all from the cache
    try:
        for first in range(0, len(todo), FEATURE_BATCH):
            cancel.raise_if_cancelled()
            chunk = list(_prepared(dataset, size, todo[first : first + FEATURE_BATCH]))
            if chunk:
                pictures = np.stack([x for _, x in chunk])
                out = pictures if base is None else batch_features(base, pictures)
                for (i, _), feature in zip(chunk, out):
                    found[i] = feature
                    if cache is not None:
                        cache.put(keys[i], feature, NO_BOX)
                computed += len(chunk)
            elapsed = time.perf_counter() - started
            done = min(first + FEATURE_BATCH, len(todo))
            report(
                Progress(
                    "features",
                    Message(
                        QT_TRANSLATE_NOOP("core", "Reading pictures: {0}/{1} ({2:.1f} images/s)"),
                        total - len(todo) + done,
                        total,
                        computed / elapsed if elapsed > 0 else 0.0,
                    ),
                    batch=total - len(todo) + done,
                    batches=total,
                    examples_per_s=computed / elapsed if elapsed > 0 else 0.0,
                )
            )
    finally:
        if cache is not None:
            _save_cache(cache, report)
    order = sorted(found)
    shape = (0, size, size, 3) if base is None else (0, int(base.output_shape[-1]))
    return Features(
        np.stack([found[i] for i in order]).astype(np.float32) if order else np.zeros(shape, np.float32),
        np.array([dataset.labels[i] for i in order], np.int32),
        np.zeros(len(order), bool),
        [dataset.paths[i] for i in order],
        computed,
    )
