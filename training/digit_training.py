"""Train and evaluate the digit CNN on MNIST (vendored, offline)."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from models.digit_model import DigitPredictor, build_digit_cnn
from models.digit_preprocess import preprocess_batch
from models.model_file import save_model
from training.augment import digit_dataset
from training.keras_progress import ProgressReporter
from training.mnist import load_split
from training.progress import CancelToken, Progress, ProgressCallback

OPTIMIZERS = ("adam", "sgd", "momentum", "adagrad")


@dataclass
class DigitTrainConfig:
    """Hyperparameters of a digit-training run; the defaults reach ≥ 99.6% on MNIST."""

    epochs: int = 14
    batch_size: int = 128
    learning_rate: float = 2e-3
    optimizer: str = "adam"
    lr_decay: bool = True  # warm up for one epoch, then cosine decay to zero
    dropout: float = 0.3
    l2: float = 0.0
    validation_split: float = 5000 / 60000
    augment: bool = True
    seed: int = 1
    limit: int | None = None  # use only the first N training images (quick runs, tests)
    mnist_dir: str | None = None


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


def make_optimizer(name: str, learning_rate: Any) -> Any:
    """The lectures' optimizers by name: SGD, SGD with momentum, Adagrad, Adam."""
    import keras

    if name == "adam":
        return keras.optimizers.Adam(learning_rate)
    if name == "sgd":
        return keras.optimizers.SGD(learning_rate)
    if name == "momentum":
        return keras.optimizers.SGD(learning_rate, momentum=0.9, nesterov=True)
    if name == "adagrad":
        return keras.optimizers.Adagrad(learning_rate)
    raise ValueError(f"unknown optimizer {name!r}; choose from {', '.join(OPTIMIZERS)}")


def load_mnist_inputs(split: str, folder: str | None = None, limit: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """MNIST images passed through the model's own preprocessing, and their labels."""
    data = load_split(split, folder)
    images, labels = data.images, data.labels
    if limit is not None:
        images, labels = images[:limit], labels[:limit]
    x, found = preprocess_batch(images)
    return x[found], labels[found].astype(np.int32)


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
    """
    import keras

    config = config or DigitTrainConfig()
    cancel = cancel or CancelToken()
    report = on_progress or (lambda p: None)
    if config.optimizer not in OPTIMIZERS:
        raise ValueError(f"unknown optimizer {config.optimizer!r}; choose from {', '.join(OPTIMIZERS)}")
    if config.epochs < 1 or config.batch_size < 1:
        raise ValueError("epochs and batch size must be at least 1")
    if not 0 < config.validation_split < 0.5:
        raise ValueError("the validation split must be between 0 and 0.5")
    start = time.perf_counter()
    keras.utils.set_random_seed(config.seed)

    report(Progress("message", "Preprocessing MNIST…"))
    x, y = load_mnist_inputs("train", config.mnist_dir, config.limit)
    cancel.raise_if_cancelled()
    order = np.random.default_rng(config.seed).permutation(len(x))
    n_val = max(1, round(len(x) * config.validation_split))
    val_idx, train_idx = order[:n_val], order[n_val:]
    x_train, y_train, x_val, y_val = x[train_idx], y[train_idx], x[val_idx], y[val_idx]

    train_batches = digit_dataset(x_train, y_train, config.batch_size, config.augment, config.seed)
    val_data = (x_val, y_val)

    steps = int(np.ceil(len(x_train) / config.batch_size))
    learning_rate: Any = config.learning_rate
    if config.lr_decay:
        learning_rate = keras.optimizers.schedules.CosineDecay(
            config.learning_rate / 20,
            decay_steps=steps * config.epochs,
            warmup_target=config.learning_rate,
            warmup_steps=min(steps, steps * config.epochs // 4),
        )
    model = build_digit_cnn(dropout=config.dropout)
    if config.l2 > 0:
        for layer in model.layers:
            if hasattr(layer, "kernel_regularizer"):
                layer.kernel_regularizer = keras.regularizers.L2(config.l2)
        model = keras.Model.from_config(model.get_config())
    model.compile(
        optimizer=make_optimizer(config.optimizer, learning_rate),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )

    report(Progress("message", f"Training on {len(x_train)} images, validating on {len(x_val)}…"))
    reporter = ProgressReporter(report, cancel, config.epochs, steps, config.batch_size)
    history = model.fit(
        train_batches,
        validation_data=val_data,
        validation_batch_size=500,
        epochs=config.epochs,
        verbose=0,
        callbacks=[reporter],
    )
    cancel.raise_if_cancelled()

    val_accuracy = float(history.history["val_accuracy"][-1])
    predictor = DigitPredictor(model)  # traced once, for validation and test alike
    val_probabilities = predictor.probabilities(x_val)
    test_accuracy = None
    if evaluate_test:
        report(Progress("message", "Scoring on the MNIST test set…"))
        test_accuracy = evaluate_model(predictor, config.mnist_dir)
    seconds = time.perf_counter() - start
    saved_to = None
    if out is not None:
        metadata = {
            "kind": "digits",
            "classes": [str(d) for d in range(10)],
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
        saved_to = save_model(model, out, metadata)
    return DigitTrainResult(
        model, dict(history.history), val_accuracy, test_accuracy, seconds, saved_to, x_val, y_val, val_probabilities
    )


def evaluate_model(model: Any, mnist_dir: str | None = None, limit: int | None = None) -> float:
    """Accuracy of a digit model on the MNIST test set, through the shared preprocessing."""
    data = load_split("test", mnist_dir)
    images, labels = data.images[:limit], data.labels[:limit]
    x, found = preprocess_batch(images)
    predictor = model if isinstance(model, DigitPredictor) else DigitPredictor(model)
    predicted = np.full(len(labels), -1)
    for start in range(0, len(x), 1000):
        probs = predictor.probabilities(x[start : start + 1000])
        predicted[start : start + 1000] = probs.argmax(axis=1)
    predicted[~found] = -1  # "no digit" counts as wrong
    return float(np.mean(predicted == labels))
