"""Time the learning-rate finder as the Training tab runs it, for the MLP and the CNN, and print what it found.

Counts from the start (MNIST preprocessing included, as the student waits for it) to the result,
and the seconds of the sweep itself. Target: under a minute for the MLP on a 2-core CPU.

    python benchmarks/lr_finder_time.py [--network mlp|cnn|both] [--batch-size B] [--steps N]
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
    from training.configs import digit_config
    from training.lr_finder import STEPS, find_learning_rate

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--network", default="both", choices=("mlp", "cnn", "both"))
    parser.add_argument("--batch-size", type=int, default=None, help="default: the network's own")
    parser.add_argument("--steps", type=int, default=STEPS)
    args = parser.parse_args()
    for network in ("mlp", "cnn") if args.network == "both" else (args.network,):
        config = digit_config(network)
        if args.batch_size:
            config.batch_size = args.batch_size
        marks: dict[str, float] = {}

        def report(p, marks=marks) -> None:
            if p.kind == "lr" and "sweep" not in marks:
                marks["sweep"] = time.perf_counter()

        start = time.perf_counter()
        found = find_learning_rate(config, report, steps=args.steps)
        end = time.perf_counter()
        print(
            f"{network}: batch {config.batch_size}, {len(found.rates)} batches, {end - start:.1f} s in all "
            f"({end - marks.get('sweep', start):.1f} s sweeping); suggested {found.suggested:.2g}, "
            f"too low below {found.too_low:.2g}, overshoots above {found.overshoot:.2g}, loss fell {found.drop:.0%}"
        )


if __name__ == "__main__":
    main()
