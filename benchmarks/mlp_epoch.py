"""Time one epoch of the lectures' perceptron (784 → 16 → 16 → 10) on all of MNIST, and its accuracy.

Trains through the app's own ``train_digits`` with the MLP defaults
(``training/configs.py: MLP_DEFAULTS``) and prints the seconds of each epoch
(from the first batch to the end of validation; preprocessing MNIST and
tracing are not counted), then the test accuracy. Target: ≤ 3 s per epoch on
a 2-core CPU, ≥ 90% test accuracy after 5 epochs with sigmoid.

    python benchmarks/mlp_epoch.py [--epochs N] [--batch-size B] [--lr R] [--activation A] [--hidden 16,16]
                                   [--gradient-every N]   # the cost of measuring gradient flow
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's code, not an installed copy
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def main() -> None:
    from models.digit_model import parse_hidden
    from training.configs import MLP_DEFAULTS, digit_config
    from training.digit_training import train_digits
    from training.progress import Progress

    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=MLP_DEFAULTS["epochs"])
    parser.add_argument("--batch-size", type=int, default=MLP_DEFAULTS["batch_size"])
    parser.add_argument("--lr", type=float, default=MLP_DEFAULTS["learning_rate"])
    parser.add_argument("--activation", default="sigmoid")
    parser.add_argument("--hidden", default="16,16")
    parser.add_argument("--optimizer", default="adam")
    parser.add_argument("--gradient-every", type=int, default=0, help="also measure gradient flow every N batches")
    args = parser.parse_args()
    config = digit_config(
        "mlp",
        epochs=args.epochs,
        batch_size=args.batch_size,
        learning_rate=args.lr,
        activation=args.activation,
        hidden=parse_hidden(args.hidden),
        optimizer=args.optimizer,
        gradient_every=args.gradient_every,
    )
    marks: list[float] = []

    def progress(p: Progress) -> None:
        if p.kind == "batch" and not marks:
            marks.append(time.perf_counter())  # the first batch: the step function is traced by now
        elif p.kind == "epoch":
            marks.append(time.perf_counter())
            print(f"epoch {p.epoch}: val_accuracy {p.logs['val_accuracy']:.4f}", flush=True)

    result = train_digits(config, on_progress=progress)
    epochs = [b - a for a, b in zip(marks, marks[1:])]
    print(
        f"network 784 → {' → '.join(map(str, config.hidden))} → 10, {config.activation}, "
        f"batch {config.batch_size}, {config.optimizer} lr {config.learning_rate}"
    )
    print("seconds per epoch: " + ", ".join(f"{s:.2f}" for s in epochs) + " (the first from its first batch on)")
    median = sorted(epochs)[len(epochs) // 2]
    print(f"median epoch {median:.2f} s; whole run {result.seconds:.1f} s incl. preprocessing")
    print(f"test accuracy after {config.epochs} epochs {result.test_accuracy:.4f}")


if __name__ == "__main__":
    main()
