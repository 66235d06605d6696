"""The learning-rate finder: a short sweep with a rate growing exponentially, loss against rate.

Start from a fresh network and train it for a couple of hundred batches, each
with a rate ``growth`` times the last one's (1e-6 → 10). While the rate is too
low the loss hardly moves; then it falls steeply; past the good rates it
bottoms out and shoots up (overshoot) or becomes NaN. A good rate sits on the
steep part, about ten times below the rate of the lowest loss (Smith 2017,
"Cyclical learning rates for training neural networks"; fast.ai's ``lr_find``),
and never above :data:`SENSIBLE_MAX_RATE` for the optimizer: a sweep of 150
single batches reaches its lowest loss at rates that overshoot in a whole run
(Adam on the MLP: lowest at 0.39, so 0.039, four times what Adam takes well).

The sweep is a generator (:func:`lr_sweep`), so the CLI, a test or a child
process can drive it; :func:`lr_finder_job` runs it like the other training
jobs, reporting each point as ``Progress("lr", logs={"lr", "loss", "smoothed"})``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from typing import Any

import numpy as np

from models.messages import QT_TRANSLATE_NOOP, Message
from training.configs import DigitTrainConfig
from training.progress import CancelToken, Progress, ProgressCallback

# Above these rates an optimizer usually overshoots: the Training tab warns (it still allows them), and the
# finder never suggests more.
SENSIBLE_MAX_RATE = {"adam": 0.01, "adagrad": 0.5, "sgd": 1.0, "momentum": 0.1}
START_RATE, END_RATE = 1e-6, 10.0
STEPS = 150
SMOOTHING = 0.9  # exponential moving average of the loss, bias-corrected: a readable curve from noisy batches
BLOW_UP = 4.0  # stop once the smoothed loss is this many times its best: the rest is overshoot


@dataclass(frozen=True)
class LRPoint:
    """One batch of the sweep: its rate, its loss and the smoothed loss."""

    step: int
    learning_rate: float
    loss: float
    smoothed: float


@dataclass
class LRFinderResult:
    """The sweep's curve and what it says: below ``too_low`` the loss hardly moves, above ``overshoot`` it rises.

    ``suggested`` is ten times below the rate of the lowest smoothed loss, kept on the
    falling part of the curve (never below ``too_low``) and at most the optimizer's
    :data:`SENSIBLE_MAX_RATE`; ``capped_from`` is what the curve alone suggested when that
    cap lowered it (0 when it did not). ``steepest`` is where the smoothed loss fell fastest.
    """

    rates: list[float]
    losses: list[float]
    smoothed: list[float]
    too_low: float
    steepest: float
    overshoot: float
    suggested: float
    optimizer: str
    drop: float = 0.0  # how much the smoothed loss fell from its start to its lowest, as a share of the start
    capped_from: float = 0.0  # the curve's own suggestion, when above the optimizer's sensible maximum


def rates(steps: int = STEPS, start: float = START_RATE, end: float = END_RATE) -> np.ndarray:
    """``steps`` rates growing exponentially from ``start`` to ``end``."""
    return np.geomspace(start, end, steps)


def analyse(lrs: list[float], smoothed: list[float], optimizer: str = "") -> LRFinderResult:
    """Read the too-low, steepest, overshoot and suggested rates off a sweep's smoothed loss.

    Raises
    ------
    ValueError
        With fewer than 5 finite points: nothing to read yet.
    """
    finite = [(r, s) for r, s in zip(lrs, smoothed) if math.isfinite(s)]
    if len(finite) < 5:
        raise ValueError("the learning-rate sweep ended before it could say anything (fewer than 5 batches)")
    r = np.array([p[0] for p in finite])
    s = np.array([p[1] for p in finite])
    best = int(np.argmin(s))
    overshoot = float(r[best])
    start = float(np.median(s[: min(10, len(s))]))  # the first batches' loss, steadier than the very first
    falling = np.nonzero(s < start - 0.05 * abs(start))[0]  # where the loss has clearly begun to fall
    first = int(falling[0]) if len(falling) else best
    too_low = float(r[first])
    # The steepest fall between "too low" and the lowest loss (before it, a noisy start misleads).
    if best - first >= 2:
        slopes = np.gradient(s[first : best + 1], np.log(r[first : best + 1]))
        steepest = float(r[first + int(np.argmin(slopes))])
    else:
        steepest = too_low
    suggested = float(min(overshoot, max(too_low, overshoot / 10)))
    # The form warns above SENSIBLE_MAX_RATE; a suggestion past it would be warned about as soon as it is used.
    cap = SENSIBLE_MAX_RATE.get(optimizer, math.inf)
    capped_from = suggested if suggested > cap else 0.0
    suggested = min(suggested, cap)
    drop = float((start - s[best]) / start) if start > 0 else 0.0
    return LRFinderResult(
        [float(x) for x in lrs],
        [],
        [float(x) for x in smoothed],
        too_low,
        steepest,
        overshoot,
        suggested,
        optimizer,
        drop,
        capped_from,
    )


def lr_sweep(
    model: Any,
    x: np.ndarray,
    y: np.ndarray,
    optimizer: str,
    batch_size: int,
    steps: int = STEPS,
    start: float = START_RATE,
    end: float = END_RATE,
    seed: int = 1,
    cancel: CancelToken | None = None,
) -> Iterator[LRPoint]:
    """Train ``model`` one batch per rate, rates growing from ``start`` to ``end``; yield each point.

    Stops early once the loss is not finite or ``BLOW_UP`` times its best (overshoot).

    Raises
    ------
    training.progress.Cancelled
        If ``cancel`` was set (checked before every batch).
    """
    import keras

    from training.optimizers import make_optimizer

    cancel = cancel or CancelToken()
    opt = make_optimizer(optimizer, start)
    model.compile(optimizer=opt, loss=keras.losses.CategoricalCrossentropy())
    order = np.random.default_rng(seed).permutation(len(x))
    average, best = 0.0, math.inf
    for step, rate in enumerate(rates(steps, start, end)):
        cancel.raise_if_cancelled()
        at = (step * batch_size) % max(len(x) - batch_size + 1, 1)
        batch = order[at : at + batch_size]
        opt.learning_rate.assign(float(rate))
        loss = float(np.asarray(model.train_on_batch(x[batch], y[batch])).reshape(-1)[0])
        if not math.isfinite(loss):
            yield LRPoint(step, float(rate), loss, math.nan)
            return
        average = SMOOTHING * average + (1 - SMOOTHING) * loss
        smoothed = average / (1 - SMOOTHING ** (step + 1))
        yield LRPoint(step, float(rate), loss, smoothed)
        best = min(best, smoothed)
        if step > 10 and smoothed > BLOW_UP * best:
            return


def find_learning_rate(
    config: DigitTrainConfig,
    on_progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    steps: int = STEPS,
) -> LRFinderResult:
    """Sweep the rate for a fresh network of ``config`` (its network, optimizer and batch size) on MNIST.

    Uses ``steps × batch size`` training images (or ``config.limit``, if fewer), without augmentation.
    """
    import keras

    from training.digit_training import build_digit_model, load_mnist_inputs
    from training.optimizers import check_optimizer

    cancel = cancel or CancelToken()
    report = on_progress or (lambda p: None)
    check_optimizer(config.optimizer)
    keras.utils.set_random_seed(config.seed)
    report(Progress("message", Message(QT_TRANSLATE_NOOP("core", "Preprocessing MNIST…"))))
    needed = steps * config.batch_size
    x, labels = load_mnist_inputs("train", config.mnist_dir, min(config.limit or needed, needed), cancel)
    if len(x) < config.batch_size:
        raise ValueError(f"the learning-rate finder needs at least one batch of images ({config.batch_size})")
    y = np.eye(10, dtype=np.float32)[labels]
    model = build_digit_model(replace(config, dropout=0.0))
    lrs: list[float] = []
    losses: list[float] = []
    smoothed: list[float] = []
    for point in lr_sweep(model, x, y, config.optimizer, config.batch_size, steps, seed=config.seed, cancel=cancel):
        lrs.append(point.learning_rate)
        losses.append(point.loss)
        smoothed.append(point.smoothed)
        logs = {"lr": point.learning_rate, "loss": point.loss, "smoothed": point.smoothed}
        report(Progress("lr", epoch=1, epochs=1, batch=point.step + 1, batches=steps, logs=logs))
    result = analyse(lrs, smoothed, config.optimizer)
    result.losses = losses
    return result


def lr_finder_job(
    config: DigitTrainConfig | dict[str, Any], on_progress: ProgressCallback, cancel: CancelToken
) -> LRFinderResult:
    """:func:`find_learning_rate` as a picklable job for a child process (see :mod:`training.process_job`)."""
    from training.jobs import config_from

    settings = config if isinstance(config, dict) else asdict(config)
    return find_learning_rate(config_from(DigitTrainConfig, settings), on_progress, cancel)
