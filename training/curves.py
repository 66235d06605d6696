"""Reading the learning curves: where overfitting begins."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

# Validation loss must climb this far above its best to count as rising, not as noise.
RISE = 0.03


def overfitting_epoch(train_loss: Sequence[float], val_loss: Sequence[float]) -> int | None:
    """The epoch (1-based) after which validation loss rises while training loss keeps falling.

    That is the lectures' picture of overfitting: the network memorises the
    training images (the book) instead of learning what generalises. Returns
    ``None`` while validation loss is at its best or only wobbles.
    """
    n = min(len(train_loss), len(val_loss))
    if n < 2:
        return None
    train, val = np.asarray(train_loss[:n], float), np.asarray(val_loss[:n], float)
    if not np.isfinite(val).all():
        return None
    best = int(np.argmin(val))
    if best == n - 1 or val[-1] <= val[best] * (1 + RISE):
        return None
    if train[-1] >= train[best]:  # both got worse: training itself went wrong, not overfitting
        return None
    return best + 1
