"""Does the digit model know what it doesn't know? Prints the figures of "not a digit".

For a model (the shipped one by default, or ``--model PATH``; ``--compare PATH`` adds
another, e.g. the model before rejection):

- MNIST test accuracy ("not a digit" counts as wrong) and how many test digits it rejects;
- canvas-like digits (fonts and hands of families training never saw, any size and place,
  through the canvas' preprocessing): the share read right, and right *and* sure
  (top probability ≥ 0.6, what the Digits tab needs to say "It's a …");
- non-digits of held-out families (fonts, letters drawn by hand, shape kinds and a
  scribble style training never saw): the share answered "not a digit", and the share
  answered "not a digit" or "not sure" (the Digits tab never names a digit for those).

Run: ``python benchmarks/digit_rejection.py [--model PATH] [--compare PATH] [--n 3000]``
(about a minute a model on a 2-core CPU). The pictures are drawn from fixed seeds, so
two models are measured on the same drawings.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from models.digit_model import NOT_A_DIGIT, NOT_SURE_BELOW, NUM_CLASSES, DigitPredictor  # noqa: E402
from training.canvas_digits import canvas_digit_canvases  # noqa: E402
from training.canvas_drawing import to_inputs  # noqa: E402
from training.digit_training import evaluate_model  # noqa: E402
from training.mnist import load_split  # noqa: E402
from training.non_digits import non_digit_canvases  # noqa: E402

SEED_DIGITS, SEED_NON_DIGITS = 20261123, 1123


def answers(predictor: DigitPredictor, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The answer (0–9, or 10 for "not a digit") and its probability for each input."""
    probs = np.concatenate([predictor.probabilities(x[i : i + 1000]) for i in range(0, len(x), 1000)])
    top = probs.argmax(axis=1)
    return top, probs[np.arange(len(top)), top]


def measure(path: Path | None, n: int) -> None:
    predictor = DigitPredictor.load(path)
    print(f"\n== {path or 'shipped model'} ({predictor.model.output_shape[-1]} outputs)")
    accuracy, rejected = evaluate_model(predictor, with_rejected=True)
    print(f"MNIST test: accuracy {accuracy:.2%}; rejected as 'not a digit': {rejected} of 10000")

    test = load_split("test")
    canvases, labels, families = canvas_digit_canvases(
        n, np.random.default_rng(SEED_DIGITS), "heldout", mnist=(test.images, test.labels)
    )
    x, found = to_inputs(canvases)
    top, confidence = answers(predictor, x[found])
    labels, families = labels[found], np.array(families)[found]
    right = top == labels
    sure = right & (confidence >= NOT_SURE_BELOW)
    print(f"canvas-like digits ({len(labels)}): right {right.mean():.2%}, right and sure {sure.mean():.2%}, "
          f"rejected {np.mean(top == NOT_A_DIGIT):.2%}")  # fmt: skip
    for family in sorted(set(families)):
        mask = families == family
        print(f"   {family:>6} ({mask.sum()}): right {right[mask].mean():.2%}, right and sure {sure[mask].mean():.2%}")
    missed = defaultdict(int)
    for digit, answer in zip(labels[~right], top[~right]):
        missed[f"{digit}→{'-' if answer == NOT_A_DIGIT else answer}"] += 1
    print(
        "   most frequent misreadings:",
        ", ".join(f"{k} ×{v}" for k, v in sorted(missed.items(), key=lambda kv: -kv[1])[:8]),
    )

    canvases, kinds = non_digit_canvases(n, np.random.default_rng(SEED_NON_DIGITS), "heldout")
    x, found = to_inputs(canvases)
    top, confidence = answers(predictor, x[found])
    names = np.array(kinds)[found]
    kinds = np.array([k.split(" ")[0] for k in names])
    rejected = top == NOT_A_DIGIT
    unsure = rejected | (confidence < NOT_SURE_BELOW)
    print(
        f"held-out non-digits ({found.sum()} drawn, {(~found).sum()} read as blank): "
        f"'not a digit' {rejected.mean():.2%}, 'not a digit' or 'not sure' {unsure.mean():.2%}"
    )
    for kind in sorted(set(kinds)):
        mask = kinds == kind
        print(
            f"   {kind:>8} ({mask.sum()}): 'not a digit' {rejected[mask].mean():.2%}, "
            f"or 'not sure' {unsure[mask].mean():.2%}"
        )
    shapes = sorted({n for n in names if n.startswith("shape ")})
    print("   shapes one by one:", ", ".join(f"{n[6:]} {unsure[names == n].mean():.0%}" for n in shapes))
    if predictor.model.output_shape[-1] == NUM_CLASSES:
        print("   (this model has no 'not a digit' answer: only 'not sure' can keep it from naming a digit)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="a digit model (default: the shipped one)")
    parser.add_argument(
        "--compare", type=Path, action="append", default=[], help="another model, measured the same way"
    )
    parser.add_argument("--n", type=int, default=3000, help="canvas-like digits, and non-digits, to draw")
    args = parser.parse_args()
    for path in [args.model, *args.compare]:
        measure(path, args.n)


if __name__ == "__main__":
    main()
