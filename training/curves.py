"""Reading the learning curves: where overfitting begins."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

# Validation loss must climb this far above its best to count as rising, not as noise.
RISE = 0.03
# …for this many epochs in a row after its best: one bad epoch is noise, not a trend.
SUSTAINED_EPOCHS = 2
# With fewer validation images their loss is mostly chance (9 images: one flips it by 11%).
MIN_VALIDATION_EXAMPLES = 30


def overfitting_epoch(
    train_loss: Sequence[float], val_loss: Sequence[float], val_examples: int | None = None
) -> int | None:
    """The epoch (1-based) after which validation loss rises while training loss keeps falling.

    That is the lectures' picture of overfitting: the network memorises the
    training images (the book) instead of learning what generalises. Returns
    ``None`` while validation loss is at its best or only wobbles, when it has
    risen for fewer than :data:`SUSTAINED_EPOCHS` epochs, and when fewer than
    :data:`MIN_VALIDATION_EXAMPLES` validation images (``val_examples``, when
    known) make the validation loss too noisy to read.
    """
    if val_examples is not None and val_examples < MIN_VALIDATION_EXAMPLES:
        return None
    n = min(len(train_loss), len(val_loss))
    if n < 1 + SUSTAINED_EPOCHS:
        return None
    train, val = np.asarray(train_loss[:n], float), np.asarray(val_loss[:n], float)
    if not np.isfinite(val).all():
        return None
    best = int(np.argmin(val))
    after = val[best + 1 :]
    if len(after) < SUSTAINED_EPOCHS or not (after[-SUSTAINED_EPOCHS:] > val[best] * (1 + RISE)).all():
        return None
    if train[-1] >= train[best]:  # both got worse: training itself went wrong, not overfitting
        return None
    return best + 1
