"""*Teach it my handwriting*: fine-tune a digit model on the user's corrected drawings, mixed with MNIST.

The user's drawings are few (five, twenty), so on their own they would teach the
network to read everything as those drawings. Each batch therefore mixes a few of
them (augmented, so the network learns the style and not the exact pixels) with
MNIST training digits, at a small learning rate, for a few hundred steps: seconds on
a laptop CPU. The whole network learns, the output layer included as it is, so a
model with more outputs (a "not a digit" class) is taught the same way; labels are
indices into the classes its metadata names.

Two checks say whether it worked, both measured before and after on the same data:
the user's own drawings (with enough of them, some are kept out of teaching, so the
"after" on those is not memorised) and the MNIST test set (forgetting: a taught
model below :data:`NO_FORGETTING` is saved but not offered as the one to use).
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from models.corrections import load_corrections
from models.digit_model import default_model_path
from models.digit_preprocess import SIZE
from models.messages import QT_TRANSLATE_NOOP, Message, plural
from models.model_file import check_model_destination, load_metadata, load_model, save_model
from models.paths import corrections_dir, user_data_dir
from training.augment import augment_digits
from training.configs import TEACH_STEPS, DigitTrainConfig
from training.mnist import load_split
from training.non_digits import NOT_A_DIGIT, non_digit_batch
from training.progress import CancelToken, Progress, ProgressCallback
from training.reject_offset import calibrate

MIN_CORRECTIONS = 5  # fewer drawings teach nothing that augmentation can generalise
HOLD_OUT_FROM = 10  # from this many drawings on, some are kept out of teaching to check it honestly
NO_FORGETTING = 0.995  # MNIST test accuracy a taught model must keep to be offered as the one to use
FORGET_MARGIN = 0.005  # for a model already below NO_FORGETTING: the most it may lose
# The share of held-out non-digits called "not a digit" a taught model may lose. Teaching a style the
# model called "not a digit" (a slashed 0) moves the boundary for look-alikes too: 2-10 points here.
REJECTION_SLACK = 0.10
REJECTION_RULE = 0.0008  # the share of held-out digits training.rejection lets "not a digit" take


class NotEnoughDrawings(ValueError):
    """Fewer corrected drawings than teaching needs; the message says how many more."""


@dataclass(frozen=True)
class TeachConfig:
    """How long and how hard to teach; the defaults take under a minute on a 2-core CPU."""

    steps: int = TEACH_STEPS
    batch_size: int = 64
    own_per_batch: int = 8  # of each batch, drawings of the user's (augmented); the rest MNIST
    learning_rate: float = 1e-4  # small: the network is already trained, it only adjusts
    # Only the last layers with weights learn (None: all): a style is new strokes put together, not new
    # strokes, and the earlier layers kept fixed cost MNIST least (99.56% vs 99.44-99.51% on optdigits).
    trainable_layers: int | None = 2
    mnist_images: int | None = 6000  # MNIST training digits mixed in (None: all 60,000)
    test_images: int | None = None  # MNIST test digits scored before and after (None: all 10,000)
    held_out: float = 0.25  # share of the drawings kept out of teaching, from HOLD_OUT_FROM drawings on
    seed: int = 1
    mnist_dir: str | None = None
    non_digits: int = 1500  # for a model with the "not a digit" answer: pictures of non-digits mixed in
    non_digits_per_batch: int = 8  # …taken from the MNIST share of each batch
    distill: bool = True  # MNIST digits learn the starting model's answers, not their labels


@dataclass
class TeachResult:
    """What teaching did, measured on the same drawings and test digits before and after (picklable)."""

    saved_to: str
    base_model: str
    drawings: int  # the user's drawings read
    taught: int  # …of which these were used for teaching
    before_right: int  # right on all the user's drawings, before…
    after_right: int  # …and after (includes the taught ones: partly memorised)
    held_out: int  # drawings kept out of teaching (0 with fewer than HOLD_OUT_FROM)
    held_before_right: int
    held_after_right: int
    test_images: int
    test_before: float  # MNIST test accuracy before…
    test_after: float  # …and after
    forgot: bool  # the MNIST test accuracy fell under the guard: not offered as the model to use
    seconds: float
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, why) of drawings not used
    unknown_classes: list[str] = field(default_factory=list)  # folders the model has no class for
    # A model with the "not a digit" answer: held-out non-digits it calls that, before and after.
    rejected_before: float | None = None
    rejected_after: float | None = None

    @property
    def offered(self) -> bool:
        """Whether the taught model should be offered as the one to use."""
        return not self.forgot


def forgetting_floor(test_before: float) -> float:
    """The lowest MNIST test accuracy a taught model may have: 99.5%, or a little under a weaker model's own."""
    return NO_FORGETTING if test_before >= NO_FORGETTING else test_before - FORGET_MARGIN


def default_output() -> Path:
    """A new file in the data folder for a taught model, named by the time it was made."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return user_data_dir() / "models" / f"handwriting-{stamp}.keras"


def needed_message(have: int) -> Message:
    """How many more drawings teaching needs (``have`` < :data:`MIN_CORRECTIONS`)."""
    return Message(
        QT_TRANSLATE_NOOP(
            "core", "Teaching needs at least {0} drawings of yours; {1} kept so far: correct {2} more first."
        ),
        MIN_CORRECTIONS,
        have,
        MIN_CORRECTIONS - have,
    )


def split_held_out(n: int, share: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices to teach on and indices kept out: none kept below :data:`HOLD_OUT_FROM` drawings, else ≥ 2."""
    order = np.random.default_rng(seed).permutation(n)
    if n < HOLD_OUT_FROM:
        return np.sort(order), np.zeros(0, int)
    kept = min(max(2, round(n * share)), n - MIN_CORRECTIONS)
    return np.sort(order[kept:]), np.sort(order[:kept])


def _predicted(model: Any, x: np.ndarray, cancel: CancelToken) -> np.ndarray:
    """The model's top class for each input, in chunks (the cancel flag is read between them)."""
    from keras import ops

    out = np.zeros(len(x), int)
    for start in range(0, len(x), 1000):
        cancel.raise_if_cancelled()
        out[start : start + 1000] = ops.convert_to_numpy(model(x[start : start + 1000], training=False)).argmax(axis=1)
    return out


def _preprocessed(images: np.ndarray, labels: np.ndarray, cancel: CancelToken) -> tuple[np.ndarray, np.ndarray]:
    """Pictures through the model's preprocessing in chunks; a picture with no digit found gets label -1."""
    from training.digit_training import preprocess_in_chunks  # imports Keras: only in the process that teaches

    x, found = preprocess_in_chunks(images, cancel)
    return x, np.where(found, labels.astype(int), -1)


def _mnist_test(limit: int | None, folder: str | None, cancel: CancelToken) -> tuple[np.ndarray, np.ndarray]:
    """MNIST test inputs and labels; a picture with no digit found gets label -1 (always wrong, as in evaluate)."""
    data = load_split("test", folder)
    return _preprocessed(data.images[:limit], data.labels[:limit], cancel)


def _mnist_train(
    config: TeachConfig, model_config: dict[str, Any], with_calibration: bool, cancel: CancelToken
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """MNIST digits to teach with, and the model's own validation digits to set the "not a digit" offset on.

    The validation digits are the split :func:`training.digit_training.train_digits` made with the
    model's seed (every MNIST picture has a digit, so the order over raw pictures is the same). They
    are what the offset was first set on: digits the network never trained on, as a user's are.
    Training digits would be set on too leniently (the network knows them), and every test digit
    it then called "not a digit" would count as forgetting.
    """
    data = load_split("train", config.mnist_dir)
    order = np.random.default_rng(int(model_config.get("seed", 1))).permutation(len(data.images))
    n_val = round(len(order) * float(model_config.get("validation_split", DigitTrainConfig.validation_split)))
    validation, train = order[:n_val], order[n_val:]
    teach = train[: config.mnist_images]
    x, y = _preprocessed(data.images[teach], data.labels[teach], cancel)
    x_cal = _preprocessed(data.images[validation], data.labels[validation], cancel)[0] if with_calibration else x[:0]
    return x[y >= 0], y[y >= 0].astype(np.int32), x_cal


def teach_handwriting(
    model_path: str | Path | None = None,
    out: str | Path | None = None,
    corrections: str | Path | None = None,
    config: TeachConfig | None = None,
    on_progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> TeachResult:
    """Fine-tune a digit model on the kept drawings mixed with MNIST; save it as a new model file.

    Parameters
    ----------
    model_path
        The model to start from (``None``: the shipped one). It is never changed.
    out
        Where to save the taught model (``None``: a new file in the data folder). The shipped
        model is refused.
    corrections
        The corrections folder (``None``: the one in the data folder).
    config
        Steps, batch, learning rate, how much MNIST; the defaults take under a minute.

    Raises
    ------
    NotEnoughDrawings
        With fewer than :data:`MIN_CORRECTIONS` usable drawings (it says how many more).
    ValueError, OSError
        Naming the file: a model that is not a digit model, or an ``out`` that cannot be written.
    training.progress.Cancelled
        If cancelled; nothing is saved then.
    """
    import keras

    config = config or TeachConfig()
    cancel = cancel or CancelToken()
    report = on_progress or (lambda p: None)
    if config.steps < 1 or config.batch_size < 2 or not 0 < config.own_per_batch < config.batch_size:
        raise ValueError("teaching needs at least one step, and batches with both your drawings and MNIST digits")
    if config.trainable_layers is not None and config.trainable_layers < 1:
        raise ValueError("teaching needs at least one layer that learns")
    # Checked before teaching: a run that found out at the end (no test digit to score) lost its work.
    for name, count in (("MNIST training digits", config.mnist_images), ("MNIST test digits", config.test_images)):
        if count is not None and count < 1:
            raise ValueError(f"teaching needs at least one of the {name}, got {count}")
    start = time.perf_counter()
    source = Path(model_path) if model_path is not None else default_model_path()
    out = Path(out) if out is not None else default_output()
    if out.resolve() == default_model_path().resolve():
        raise ValueError(f"{out} is the model DigitFace ships with; a taught model is saved as a new file")
    check_model_destination(out)
    metadata = load_metadata(source)
    if metadata.get("kind", "digits") != "digits":
        raise ValueError(f"{source} is a face/pet recognizer, not a digit model: it cannot learn handwriting")
    classes = list(metadata.get("classes") or [str(d) for d in range(10)])

    report(Progress("message", Message(QT_TRANSLATE_NOOP("core", "Reading your drawings…"))))
    folder = Path(corrections) if corrections is not None else corrections_dir()
    if corrections is not None and not folder.is_dir():  # the default folder is simply empty until the first
        raise FileNotFoundError(f"no folder of drawings at {folder}")
    own = load_corrections(folder, classes)
    if len(own) < MIN_CORRECTIONS:
        raise NotEnoughDrawings(needed_message(len(own)))
    taught_idx, held_idx = split_held_out(len(own), config.held_out, config.seed)
    cancel.raise_if_cancelled()

    model = load_model(source)
    outputs = int(model.output_shape[-1])
    if tuple(model.input_shape[1:]) != (SIZE, SIZE, 1) or outputs != len(classes):
        what = plural(len(classes), "{0} class", "{0} classes").format(len(classes))
        raise ValueError(f"{source} is not a digit model of {what}: it cannot learn handwriting")

    report(Progress("message", Message(QT_TRANSLATE_NOOP("core", "Preprocessing MNIST…"))))
    rejects = outputs == NOT_A_DIGIT + 1
    model_config = metadata.get("config") or {}
    x_mnist, y_mnist, x_cal = _mnist_train(config, model_config, rejects, cancel)
    x_test, y_test = _mnist_test(config.test_images, config.mnist_dir, cancel)

    report(Progress("message", Message(QT_TRANSLATE_NOOP("core", "Scoring the model before teaching…"))))
    own_before = _predicted(model, own.x, cancel) == own.y
    test_before = float(np.mean(_predicted(model, x_test, cancel) == y_test))
    # A model with the "not a digit" answer keeps it only if it keeps seeing non-digits: a share of
    # every batch, and held-out kinds it never learned from to check it did not forget.
    if rejects:
        x_not, y_not = non_digit_batch(config.non_digits, np.random.default_rng(config.seed), "train")
        x_not_test, _ = non_digit_batch(config.non_digits // 3, np.random.default_rng(config.seed + 1), "heldout")
        rejected_before = float(np.mean(_predicted(model, x_not_test, cancel) == NOT_A_DIGIT))

    keras.utils.set_random_seed(config.seed)
    rng = np.random.default_rng(config.seed)
    smoothing = float(model_config.get("label_smoothing") or 0)  # as the model was trained
    # Learning without forgetting: a batch's MNIST digits are taught the untouched model's own answers
    # (soft, smoothed as it was trained), not their labels, so what it knew of digits moves least.
    teacher = keras.models.clone_model(model) if config.distill else None
    if teacher is not None:
        teacher.set_weights(model.get_weights())
    weighted = [layer for layer in model.layers if layer.weights]
    for layer in weighted[: -config.trainable_layers] if config.trainable_layers else []:
        layer.trainable = False
    loss = keras.losses.CategoricalCrossentropy()
    model.compile(optimizer=keras.optimizers.Adam(config.learning_rate), loss=loss, metrics=["accuracy"])
    one_hot = np.eye(outputs, dtype=np.float32) * (1 - smoothing) + smoothing / outputs
    x_own, y_own = own.x[taught_idx], own.y[taught_idx]
    n_mnist = config.batch_size - config.own_per_batch
    report(
        Progress(
            "message",
            Message(
                QT_TRANSLATE_NOOP("core", "Teaching on {0} drawings of yours mixed with {1:,} MNIST digits…"),
                len(x_own),
                len(x_mnist),
            ),
        )
    )
    step_start = time.perf_counter()
    for step in range(1, config.steps + 1):
        cancel.raise_if_cancelled()
        mine = rng.integers(0, len(x_own), config.own_per_batch)
        n_not = config.non_digits_per_batch if rejects else 0
        theirs = rng.integers(0, len(x_mnist), n_mnist - n_not)
        xs, ys = [x_own[mine], x_mnist[theirs]], [y_own[mine], y_mnist[theirs]]
        if n_not:
            others = rng.integers(0, len(x_not), n_not)
            xs.append(x_not[others])
            ys.append(y_not[others])
        xb = augment_digits(np.concatenate(xs), rng)
        yb = one_hot[np.concatenate(ys)]
        if teacher is not None:
            digits = slice(config.own_per_batch, config.batch_size - n_not)
            yb[digits] = np.asarray(teacher(xb[digits], training=False))
        logs = model.train_on_batch(xb, yb, return_dict=True)
        elapsed = time.perf_counter() - step_start
        report(
            Progress(
                "batch",
                epoch=1,
                epochs=1,
                batch=step,
                batches=config.steps,
                examples_per_s=step * config.batch_size / max(elapsed, 1e-9),
                eta_s=elapsed / step * (config.steps - step),
                logs={k: float(v) for k, v in logs.items()},
            )
        )
    cancel.raise_if_cancelled()

    report(Progress("message", Message(QT_TRANSLATE_NOOP("core", "Scoring the taught model…"))))
    extra_shift = 0.0
    if rejects and "logits" in {layer.name for layer in model.layers}:
        # By the model's own rule: none refused for one trained with the answer, 0.08% (training.rejection's) else.
        rule = (metadata.get("not_a_digit") or {}).get("max_rejected", REJECTION_RULE)
        _, extra_shift = calibrate(model, x_cal, max_rejected=float(rule))
    own_after = _predicted(model, own.x, cancel) == own.y
    test_after = float(np.mean(_predicted(model, x_test, cancel) == y_test))
    forgot = test_after < forgetting_floor(test_before)
    rejected_after = None
    if rejects:
        rejected_after = float(np.mean(_predicted(model, x_not_test, cancel) == NOT_A_DIGIT))
        forgot = forgot or rejected_after < rejected_before - REJECTION_SLACK
    cancel.raise_if_cancelled()
    seconds = time.perf_counter() - start

    result = TeachResult(
        saved_to=str(out),
        base_model=str(source),
        drawings=len(own),
        taught=len(taught_idx),
        before_right=int(own_before.sum()),
        after_right=int(own_after.sum()),
        held_out=len(held_idx),
        held_before_right=int(own_before[held_idx].sum()),
        held_after_right=int(own_after[held_idx].sum()),
        test_images=len(y_test),
        test_before=test_before,
        test_after=test_after,
        forgot=forgot,
        seconds=round(seconds, 1),
        skipped=[(str(f), why) for f, why in own.skipped],
        unknown_classes=own.unknown_classes,
        rejected_before=rejected_before if rejects else None,
        rejected_after=rejected_after,
    )
    stale = ("val_accuracy", "val_images", "test_accuracy", "test_rejected")  # of the model taught, not this one
    new_meta = {k: v for k, v in metadata.items() if k not in stale}
    if config.test_images is None:  # a figure on part of the test set is not "the" test accuracy
        new_meta["test_accuracy"] = test_after
    new_meta.update(
        created=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        keras_version=keras.__version__,
        handwriting={
            **{k: v for k, v in asdict(result).items() if k not in ("saved_to", "skipped", "unknown_classes")},
            "config": asdict(config),
            "not_a_digit_shift": extra_shift,  # added to the offset in not_a_digit, which is the model taught's
        },
    )
    for layer in model.layers:  # saved as any model, to be taught or trained further whole
        layer.trainable = True
    save_model(model, out, new_meta)
    return result
