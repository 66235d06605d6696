"""Face recognition accuracy on the Yale faces (../shared/datasets/yalefaces), and head training time.

1. Closed set: learn each of the 15 people from 3 photos, name their other photos.
2. Open set: enrol half the people (3 photos each); their other photos must be
   named, everyone else's must come out "unknown".
3. Head training time on 100 images once their embeddings are cached.

Each split is drawn with a seed; several seeds are averaged.

    python benchmarks/faces_accuracy.py [--yale PATH] [--seeds 10]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402

from models.recognizer import UNKNOWN, Recognizer  # noqa: E402
from training.recognizer_evaluation import predict_label  # noqa: E402
from training.recognizer_training import RecognizerTrainConfig, train_recognizer  # noqa: E402

DEFAULT_YALE = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets" / "yalefaces"


def people(root: Path) -> dict[str, list[Path]]:
    return {d.name: sorted(p for p in d.iterdir() if p.is_file()) for d in sorted(root.iterdir()) if d.is_dir()}


def enrol(tmp: Path, chosen: dict[str, list[Path]], cache: Path) -> tuple[Recognizer, float]:
    train_dir = tmp / "train"
    shutil.rmtree(train_dir, ignore_errors=True)
    for name, paths in chosen.items():
        (train_dir / name).mkdir(parents=True)
        for p in paths:
            shutil.copy(p, train_dir / name / p.name)
    out = tmp / "model.keras"
    result = train_recognizer(train_dir, RecognizerTrainConfig(backbone="face"), out=out, cache_dir=cache)
    return Recognizer.load(out), result.seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--yale", type=Path, default=DEFAULT_YALE)
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--shots", type=int, default=3, help="photos per person to learn from")
    args = parser.parse_args()
    if not args.yale.is_dir():
        sys.exit(f"the Yale faces are not at {args.yale}; pass --yale PATH")
    everyone = people(args.yale)
    closed, opened = [], []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        cache = tmp / "cache"
        for seed in range(args.seeds):
            rng = np.random.default_rng(seed)
            shots = {n: sorted(rng.choice(len(ps), args.shots, replace=False)) for n, ps in everyone.items()}
            train = {n: [everyone[n][i] for i in idx] for n, idx in shots.items()}
            test = {n: [p for i, p in enumerate(everyone[n]) if i not in shots[n]] for n in everyone}

            recognizer, _ = enrol(tmp, train, cache)
            hits = [predict_label(recognizer, p) == n for n, ps in test.items() for p in ps]
            closed.append(np.mean(hits))

            names = sorted(everyone)
            known = set(rng.choice(names, len(names) // 2, replace=False))
            recognizer, _ = enrol(tmp, {n: train[n] for n in sorted(known)}, cache)
            right = []
            for n in names:
                for p in test[n] if n in known else everyone[n]:
                    right.append(predict_label(recognizer, p) == (n if n in known else UNKNOWN))
            opened.append(np.mean(right))
            print(f"seed {seed}: closed-set accuracy {closed[-1]:.4f}, open-set right {opened[-1]:.4f}", flush=True)

        hundred = {n: ps for n, ps in everyone.items()}
        flat = [(n, p) for n, ps in hundred.items() for p in ps][:100]
        subset: dict[str, list[Path]] = {}
        for n, p in flat:
            subset.setdefault(n, []).append(p)
        enrol(tmp, subset, cache)  # embeddings computed and cached
        start = time.perf_counter()
        _, seconds = enrol(tmp, subset, cache)
        wall = time.perf_counter() - start

    print(f"people                                   {len(everyone)} ({sum(map(len, everyone.values()))} photos)")
    print(
        f"closed set, {args.shots} photos per person, accuracy  {np.mean(closed):.4f}"
        f" (mean of {args.seeds} splits; worst {np.min(closed):.4f})"
    )
    print(
        f"open set, half enrolled, right           {np.mean(opened):.4f}"
        f" (mean of {args.seeds} splits; worst {np.min(opened):.4f})"
    )
    print(
        f"head training on {len(flat)} cached images     {seconds:.2f} s (train_recognizer; {wall:.2f} s with loading)"
    )


if __name__ == "__main__":
    main()
