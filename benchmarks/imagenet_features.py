"""ImageNet transfer learning speed: feature extraction images/s, and a head's training with a cold and a warm cache.

Uses the real MobileNetV2 no-top weights from ../shared/weights/keras (or
``--weights``), put into a temporary Keras cache (``KERAS_HOME``), on ~120
photos generated from scikit-image's samples (cat, coffee, astronaut, rocket
with camera-like variations). Nothing is downloaded.

1. Features of 64 pictures, one picture per call against batches of 32.
2. ``train_recognizer(backbone="imagenet")`` on the photos: cold cache (every
   feature computed), then warm (all from the cache).

    python benchmarks/imagenet_features.py [--photos 120] [--epochs 60]
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
ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import numpy as np  # noqa: E402
from faces_data import shipped, variants, write_folder  # noqa: E402

from models import image_features  # noqa: E402
from training.recognizer_training import RecognizerTrainConfig, train_recognizer  # noqa: E402

DEFAULT_WEIGHTS = ROOT.parent / "shared" / "weights" / "keras" / image_features.weights_name(224)
KINDS = {"cat": "chelsea", "coffee": "coffee", "astronaut": "astronaut", "rocket": "rocket"}


def rate(fn, n: int) -> float:
    """Images per second of ``fn()`` (which handles ``n`` pictures), after one warm-up call."""
    fn()
    started = time.perf_counter()
    fn()
    return n / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weights", type=Path, default=DEFAULT_WEIGHTS)
    parser.add_argument("--photos", type=int, default=120)
    parser.add_argument("--epochs", type=int, default=None, help="head epochs (default: the ImageNet default, 60)")
    args = parser.parse_args()
    if not args.weights.is_file():
        sys.exit(f"no MobileNetV2 no-top weights at {args.weights}; pass --weights PATH")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "keras" / "models").mkdir(parents=True)
        os.symlink(args.weights.resolve(), tmp / "keras" / "models" / args.weights.name)
        os.environ["KERAS_HOME"] = str(tmp / "keras")

        base = image_features.imagenet_backbone(image_features.IMAGENET_SIZE)
        rng = np.random.default_rng(0)
        pictures = rng.uniform(0, 255, (64, image_features.IMAGENET_SIZE, image_features.IMAGENET_SIZE, 3))
        pictures = pictures.astype(np.float32)
        one = rate(lambda: [np.asarray(base(p[None], training=False)) for p in pictures], len(pictures))
        batch = image_features.FEATURE_BATCH
        many = rate(
            lambda: [image_features.batch_features(base, pictures[i : i + batch]) for i in range(0, 64, batch)], 64
        )
        print(f"features, one picture per call: {one:.1f} images/s ({1000 / one:.1f} ms a picture)")
        print(f"features, batches of {batch}: {many:.1f} images/s ({1000 / many:.1f} ms a picture), {many / one:.1f}x")

        per_kind = args.photos // len(KINDS)
        folder = write_folder(
            tmp / "photos", {k: variants(shipped(v), per_kind, i) for i, (k, v) in enumerate(KINDS.items())}
        )
        config = RecognizerTrainConfig(backbone="imagenet", epochs=args.epochs)
        rates: list[float] = []

        def progress(p) -> None:
            if p.kind == "features" and p.examples_per_s:
                rates.append(p.examples_per_s)

        for label in ("cold", "warm"):
            rates.clear()
            result = train_recognizer(folder, config, on_progress=progress, cache_dir=tmp / "cache")
            meta = result.metadata
            extract = f", features at {rates[-1]:.1f} images/s" if rates else ""
            print(
                f"{label} cache: {result.seconds:.1f} s for {len(KINDS) * per_kind} photos "
                f"({meta['features_computed']} features computed{extract}; {meta['epochs']} epochs; "
                f"validation accuracy {meta['val_accuracy']:.3f})"
            )
        shutil.rmtree(tmp / "photos", ignore_errors=True)


if __name__ == "__main__":
    main()
