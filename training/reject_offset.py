"""Where "not a digit" begins: its offset set on held-out digits, so few real digits are refused."""

from __future__ import annotations

from typing import Any

import numpy as np

from models.digit_model import NOT_A_DIGIT, NUM_CLASSES

MAX_REJECTED = 0.0  # of the held-out MNIST digits: none (non-digits are still refused, see README)
SCALES = tuple(np.arange(1.0, 6.01, 0.25))  # the "not a digit" score's scales tried by :func:`calibrate`


def set_offset(score: np.ndarray, best_digit: np.ndarray, max_rejected: float) -> float:
    """The largest bias shift (≤ 0) that calls at most ``max_rejected`` of these digits "not a digit".

    ``score`` is the "not a digit" score on held-out digits and ``best_digit`` their best
    digit score: a digit is rejected when its new score is above.
    """
    margin = np.sort(score - best_digit)[::-1]  # > 0: rejected
    allowed = int(np.floor(max_rejected * len(margin)))
    if allowed >= len(margin) or margin[allowed] < 0:
        return 0.0
    return -float(margin[allowed]) - 1e-4


def _cross_entropy(scores: np.ndarray, labels: np.ndarray) -> float:
    """The mean cross-entropy of softmax(``scores``) against ``labels``."""
    shifted = scores - scores.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return float(-log_p[np.arange(len(labels)), labels].mean())


def _scores(model: Any, x: np.ndarray) -> np.ndarray:
    import keras

    scores = keras.Model(model.input, model.get_layer("logits").output)
    return np.concatenate([np.asarray(scores(x[i : i + 500], training=False)) for i in range(0, len(x), 500)])


def calibrate(
    model: Any,
    x_val: np.ndarray,
    y_val: np.ndarray | None = None,
    x_non: np.ndarray | None = None,
    max_rejected: float = MAX_REJECTED,
) -> tuple[float, float]:
    """Set the "not a digit" score of an 11-answer ``model`` on held-out pictures; returns (scale, shift).

    The offset is lowered until at most ``max_rejected`` of the held-out digits ``x_val`` get that
    answer. Lowering it alone makes every "not a digit" unsure (an A read "not a digit, 23% sure"),
    so with labelled digits ``y_val`` and non-digits ``x_non`` the score is also scaled: of
    :data:`SCALES`, each with its own offset, the one whose probabilities fit these pictures best
    (the least cross-entropy, digits and non-digits weighing alike). Which pictures are refused
    hardly changes; how sure the answer says it is becomes honest.
    """
    val = _scores(model, x_val)
    best_digit = val[:, :NUM_CLASSES].max(axis=1)

    def offset(scale: float) -> float:
        return set_offset(val[:, NOT_A_DIGIT] * scale, best_digit, max_rejected)

    def misfit(scale: float) -> float:  # digits and non-digits weigh alike
        shift = offset(scale)
        loss = 0.0
        for scores, labels in ((val, y_val), (non, np.full(len(non), NOT_A_DIGIT))):
            adjusted = scores.copy()
            adjusted[:, NOT_A_DIGIT] = adjusted[:, NOT_A_DIGIT] * scale + shift
            loss += _cross_entropy(adjusted, labels) / 2
        return loss

    scale = 1.0
    if y_val is not None and x_non is not None and len(x_non):
        non = _scores(model, x_non)
        scale = float(min(SCALES, key=misfit))  # the first (smallest) of equally good ones
    shift = offset(scale)
    move_answer(model, scale, shift)
    return scale, shift


def move_answer(model: Any, scale: float, shift: float) -> None:
    """Scale the "not a digit" score of ``model`` by ``scale`` and add ``shift`` to it, in its logits layer."""
    layer = model.get_layer("logits")
    kernel, bias = layer.get_weights()
    kernel[:, NOT_A_DIGIT] *= scale
    bias[NOT_A_DIGIT] = bias[NOT_A_DIGIT] * scale + shift
    layer.set_weights([kernel, bias])
