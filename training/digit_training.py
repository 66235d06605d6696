"""Train and evaluate the digit CNN on MNIST (vendored, offline)."""

from __future__ import annotations

import datetime as dt
import math
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from models.digit_model import (
    NETWORKS,
    NOT_A_DIGIT,
    NUM_CLASSES,
    DigitPredictor,
    build_digit_cnn,
    build_digit_mlp,
    check_mlp,
)
from models.digit_preprocess import preprocess_batch
from models.messages import QT_TRANSLATE_NOOP, Message
from models.metadata import NOT_A_DIGIT_CLASS
from models.model_file import save_model
from training.augment import digit_dataset
from training.canvas_digits import canvas_digit_batch
from training.configs import DigitTrainConfig
from training.divergence import DivergenceGuard
from training.gradient_flow import GradientFlowMonitor
from training.keras_progress import ProgressReporter
from training.mnist import load_split
from training.non_digits import non_digit_batch
from training.optimizers import check_optimizer, learning_rate, make_optimizer, with_l2
from training.progress import CancelToken, Progress, ProgressCallback
from training.reject_offset import MAX_REJECTED, calibrate


@dataclass
class DigitTrainResult:
    """What a finished run produced."""

    model: Any
    history: dict[str, list[float]]
    val_accuracy: float
    test_accuracy: float | None
    seconds: float
    saved_to: Path | None
    x_val: np.ndarray | None = None  # the held-out images (N, 28, 28, 1)…
    y_val: np.ndarray | None = None  # …their labels…
    val_probabilities: np.ndarray | None = None  # …and what the final model says of them


PREPROCESS_CHUNK = 1000  # images between two looks at the cancel flag (about a second on a slow CPU)


def load_mnist_inputs(
    split: str, folder: str | None = None, limit: int | None = None, cancel: CancelToken | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """MNIST images passed through the model's own preprocessing, and their labels.

    Preprocessing all 60,000 images takes about a minute on a laptop, so it goes
    in chunks and stops at the next chunk once ``cancel`` is set.

    Raises
    ------
    training.progress.Cancelled
        If ``cancel`` was set.
    """
    cancel = cancel or CancelToken()
    data = load_split(split, folder)
    images, labels = data.images, data.labels
    if limit is not None:
        images, labels = images[:limit], labels[:limit]
    x, found = preprocess_in_chunks(images, cancel)
    return x[found], labels[found].astype(np.int32)


def preprocess_in_chunks(images: np.ndarray, cancel: CancelToken) -> tuple[np.ndarray, np.ndarray]:
    """:func:`preprocess_batch` over ``images`` a chunk at a time, stopping at the next chunk once cancelled.

    Returns the (N, 28, 28, 1) inputs and the mask of pictures where a digit was found.

    Raises
    ------
    training.progress.Cancelled
        If ``cancel`` was set.
    """
    parts = []
    for start in range(0, len(images), PREPROCESS_CHUNK):
        cancel.raise_if_cancelled()
        parts.append(preprocess_batch(images[start : start + PREPROCESS_CHUNK]))
    cancel.raise_if_cancelled()
    if not parts:
        return np.zeros((0, 28, 28, 1), np.float32), np.zeros(0, bool)
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def train_digits(
    config: DigitTrainConfig | None = None,
    out: Path | str | None = None,
    on_progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    evaluate_test: bool = True,
) -> DigitTrainResult:
    """Train the digit CNN; report progress; stop early when ``cancel`` is set.

    The validation images are held out from the 60k training images; the test
    set is only scored at the end, never used for a choice.

    Raises
    ------
    training.progress.Cancelled
        If cancelled; nothing is saved then.
    training.divergence.Diverged
        If the loss became NaN or infinite (learning rate too high); nothing is saved then.
    """
    import keras

    config = config or DigitTrainConfig()
    cancel = cancel or CancelToken()
    report = on_progress or (lambda p: None)
    check_optimizer(config.optimizer)
    if config.epochs < 1 or config.batch_size < 1:
        raise ValueError("epochs and batch size must be at least 1")
    if not 0 < config.learning_rate < math.inf:  # 0 or below trains nothing (or away from the answers); inf, NaN
        raise ValueError(f"the learning rate must be a number above 0, got {config.learning_rate}")
    if config.limit is not None and config.limit < 2:  # one image would all go to validation, none to learn from
        raise ValueError(f"the number of training images must be at least 2, got {config.limit}")
    if not 0 < config.validation_split < 0.5:
        raise ValueError("the validation split must be between 0 and 0.5")
    if not 0 <= config.canvas_share <= 1:
        raise ValueError("the share of canvas-like digits must be between 0 and 1")
    if not 0 <= config.non_digit_share <= 1:
        raise ValueError("the share of non-digits must be between 0 and 1")
    if config.non_digit_share > 0 and config.network != "cnn":
        raise ValueError("only the CNN learns 'not a digit'")
    if not 0 <= config.label_smoothing < 1:
        raise ValueError("label smoothing must be at least 0 and below 1")
    if config.network not in NETWORKS:
        raise ValueError(f"unknown network {config.network!r}; choose from {', '.join(NETWORKS)}")
    if config.network == "mlp":
        check_mlp(config.hidden, config.activation)
    start = time.perf_counter()
    keras.utils.set_random_seed(config.seed)

    report(Progress("message", Message(QT_TRANSLATE_NOOP("core", "Preprocessing MNIST…"))))
    x, y = load_mnist_inputs("train", config.mnist_dir, config.limit, cancel)
    order = np.random.default_rng(config.seed).permutation(len(x))
    n_val = max(1, round(len(x) * config.validation_split))
    val_idx, train_idx = order[:n_val], order[n_val:]
    x_train, y_train, x_val, y_val = x[train_idx], y[train_idx], x[val_idx], y[val_idx]
    cancel.raise_if_cancelled()
    extra = []  # drawings beside MNIST's images, a share of their number each
    if config.augment and config.canvas_share > 0:
        report(Progress("message", Message(QT_TRANSLATE_NOOP("core", "Drawing canvas-like digits…"))))
        extra.append(canvas_digits(round(len(x_train) * config.canvas_share), config.seed, cancel))
    rejects = config.non_digit_share > 0
    if rejects:
        report(Progress("message", Message(QT_TRANSLATE_NOOP("core", "Drawing letters, shapes and scribbles…"))))
        extra.append(drawn(non_digit_batch, round(len(x_train) * config.non_digit_share), config.seed, cancel))
    x_train = np.concatenate([x_train, *(x for x, _ in extra)])
    y_train = np.concatenate([y_train, *(y for _, y in extra)])
    classes = NUM_CLASSES + 1 if rejects else NUM_CLASSES

    # One-hot targets: Keras smooths labels only in the categorical loss.
    one_hot = np.eye(classes, dtype=np.float32)
    train_batches = digit_dataset(x_train, one_hot[y_train], config.batch_size, config.augment, config.seed)
    val_data = (x_val, one_hot[y_val])

    cancel.raise_if_cancelled()  # building the pipeline and the model takes seconds too
    steps = int(np.ceil(len(x_train) / config.batch_size))
    model = with_l2(build_digit_model(config, classes), config.l2)
    rate = learning_rate(config.learning_rate, config.lr_decay, steps, config.epochs)
    loss = keras.losses.CategoricalCrossentropy(label_smoothing=config.label_smoothing)
    model.compile(optimizer=make_optimizer(config.optimizer, rate), loss=loss, metrics=["accuracy"])

    report(
        Progress(
            "message",
            Message.counted(
                len(x_train),
                QT_TRANSLATE_NOOP("core", "Training on {0} image, validating on {1}…"),  # a quick run's limit=1
                QT_TRANSLATE_NOOP("core", "Training on {0} images, validating on {1}…"),
                len(x_train),
                len(x_val),
            ),
        )
    )
    cancel.raise_if_cancelled()
    reporter = ProgressReporter(report, cancel, config.epochs, steps, config.batch_size, len(x_val))
    guard = DivergenceGuard()
    callbacks = [guard, reporter]
    if config.gradient_every > 0:  # a fixed probe batch, so measurements compare over time
        probe = slice(0, min(256, len(x_train)))
        callbacks.append(
            GradientFlowMonitor(report, x_train[probe], one_hot[y_train[probe]], loss, config.gradient_every)
        )
    history = model.fit(  # shuffle=False: the dataset shuffles itself, reproducibly (Keras warns otherwise)
        train_batches,
        shuffle=False,
        validation_data=val_data,
        validation_batch_size=500,
        epochs=config.epochs,
        verbose=0,
        callbacks=callbacks,
    )
    cancel.raise_if_cancelled()
    guard.raise_if_diverged()

    scale, shift = 1.0, 0.0
    if rejects:  # no held-out digit refused; the answer's sureness fitted on fresh non-digits
        x_cal, _ = drawn(non_digit_batch, min(2000, len(x_val)), config.seed + 1, cancel)
        scale, shift = calibrate(model, x_val, y_val, x_cal)
    val_accuracy = float(history.history["val_accuracy"][-1])
    predictor = DigitPredictor(model)  # traced once, for validation and test alike
    val_probabilities = predictor.probabilities(x_val)
    if rejects:  # after the offset moved: the share of held-out digits now read right
        val_accuracy = float(np.mean(val_probabilities.argmax(axis=1) == y_val))
    test_accuracy, test_rejected = None, None
    if evaluate_test:
        report(Progress("message", Message(QT_TRANSLATE_NOOP("core", "Scoring on the MNIST test set…"))))
        test_accuracy, test_rejected = evaluate_model(predictor, config.mnist_dir, with_rejected=True)
    seconds = time.perf_counter() - start
    saved_to = None
    if out is not None:
        metadata = {
            "kind": "digits",
            "network": config.network,
            "classes": [str(d) for d in range(10)] + ([NOT_A_DIGIT_CLASS] if rejects else []),
            "input_size": [28, 28, 1],
            "preprocessing": "models.digit_preprocess.preprocess_digit (MNIST: 20 px box, centre of mass)",
            "val_accuracy": val_accuracy,
            "test_accuracy": test_accuracy,
            "train_images": int(len(x_train)),
            "val_images": int(len(x_val)),
            "train_seconds": round(seconds, 1),
            "config": asdict(config),
            "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "keras_version": keras.__version__,
        }
        if rejects:
            metadata["test_rejected"] = test_rejected
            metadata["not_a_digit"] = {
                "how": "trained with the digits from the start, on synthetic non-digits (training.non_digits)",
                "non_digits": int(np.sum(y_train == NOT_A_DIGIT)),
                "scale": scale,
                "bias_shift": shift,
                "max_rejected": MAX_REJECTED,
            }
        saved_to = save_model(model, out, metadata)
    return DigitTrainResult(
        model, dict(history.history), val_accuracy, test_accuracy, seconds, saved_to, x_val, y_val, val_probabilities
    )


def canvas_digits(n: int, seed: int, cancel: CancelToken) -> tuple[np.ndarray, np.ndarray]:
    """Up to ``n`` typed and hand-drawn canvas digits of the training fonts, preprocessed, with their labels
    (a drawing that preprocessing reads as blank is left out). The benchmark's held-out fonts are never among them.
    """

    def typed_and_hand(k: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
        return canvas_digit_batch(k, rng, "train", ("typed", "hand"))[:2]

    return drawn(typed_and_hand, n, seed, cancel)


def drawn(draw: Any, n: int, seed: int, cancel: CancelToken) -> tuple[np.ndarray, np.ndarray]:
    """The pictures and labels ``draw(k, rng)`` gives for ``n`` drawings (canvas digits, non-digits; training
    families only), a chunk at a time (a second or two each), stopping at the next chunk once cancelled."""
    rng = np.random.default_rng([seed, 28, n])
    xs, ys = [np.zeros((0, 28, 28, 1), np.float32)], [np.zeros(0, np.int32)]
    for start in range(0, n, PREPROCESS_CHUNK):
        cancel.raise_if_cancelled()
        x, y = draw(min(PREPROCESS_CHUNK, n - start), rng)
        xs.append(x)
        ys.append(np.asarray(y, np.int32))
    return np.concatenate(xs), np.concatenate(ys)


def build_digit_model(config: DigitTrainConfig, classes: int = NUM_CLASSES) -> Any:
    """The untrained network a run's settings ask for: the shipped CNN design or a perceptron."""
    if config.network == "mlp":
        return build_digit_mlp(config.hidden, config.activation)
    return build_digit_cnn(dropout=config.dropout, classes=classes)


def evaluate_model(
    model: Any, mnist_dir: str | None = None, limit: int | None = None, with_rejected: bool = False
) -> float | tuple[float, int]:
    """Accuracy of a digit model on the MNIST test set, through the shared preprocessing.

    "No digit" and, for a model that can say it, "not a digit" count as wrong.
    With ``with_rejected``, also return how many test digits were called "not a digit".
    """
    data = load_split("test", mnist_dir)
    images, labels = data.images[:limit], data.labels[:limit]
    x, found = preprocess_batch(images)
    predictor = model if isinstance(model, DigitPredictor) else DigitPredictor(model)
    predicted = np.full(len(labels), -1)
    for start in range(0, len(x), 1000):
        probs = predictor.probabilities(x[start : start + 1000])
        predicted[start : start + 1000] = probs.argmax(axis=1)
    predicted[~found] = -1  # "no digit" counts as wrong
    accuracy = float(np.mean(predicted == labels))
    if with_rejected:
        return accuracy, int(np.sum(predicted == NOT_A_DIGIT))
    return accuracy
