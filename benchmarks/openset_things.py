"""Open set for whole-picture models: are strangers "unknown" while the enrolled things stay named?

Trains ``train_recognizer(backbone="imagenet")`` with the real MobileNetV2
no-top weights from ../shared/weights/keras (or ``--weights``), copied into a
temporary Keras cache (``KERAS_HOME``), on two "things" built from
scikit-image's samples: crops of the cat (``chelsea``) and of the coffee cup
(``coffee``) with camera-like variations. Nothing is downloaded.

Then it names:

- new crops of the cat and the cup (other seeds): should stay named;
- strangers: other scikit-image pictures (astronaut, rocket, camera, horse,
  coins, …) with variations, and line drawings made with OpenCV: should be
  "unknown".

It prints both rates for the saved model (its calibrated distance threshold),
for the old rule (top probability < 0.5) and for a sweep of thresholds (what
the "unknown" slider would give).

    python benchmarks/openset_things.py [--photos 60] [--epochs 30] [--backbone imagenet|scratch]

``--backbone scratch`` measures the compact CNN's open set the same way (no weights needed).
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

import cv2  # noqa: E402
import numpy as np  # noqa: E402
from faces_data import shipped, variants, write_folder  # noqa: E402

STRANGERS = (
    "astronaut",
    "rocket",
    "camera",
    "horse",
    "coins",
    "page",
    "text",
    "moon",
    "immunohistochemistry",
    "hubble_deep_field",
    "brick",
    "grass",
    "gravel",
    "clock",
    "logo",
    "cell",
)


def sample(name: str) -> np.ndarray:
    """A scikit-image sample as RGB uint8 (the horse is a boolean silhouette)."""
    import skimage.data

    if name in ("horse",):
        image = (~getattr(skimage.data, name)()).astype(np.uint8) * 255
        return np.repeat(image[:, :, None], 3, axis=2)
    image = getattr(skimage.data, name)()
    if image.dtype != np.uint8:
        image = (255 * (image - image.min()) / max(np.ptp(image), 1e-9)).astype(np.uint8)
    return shipped(name) if name in ("astronaut", "camera", "chelsea", "coffee") else _rgb(image)


def _rgb(image: np.ndarray) -> np.ndarray:
    return np.repeat(image[:, :, None], 3, axis=2) if image.ndim == 2 else image[:, :, :3]


def crops(rgb: np.ndarray, n: int, seed: int) -> list[np.ndarray]:
    """Random crops (60–100% of the shorter side), each then varied like a camera would."""
    rng = np.random.default_rng(seed)
    h, w = rgb.shape[:2]
    out = []
    for i in range(n):
        side = int(min(h, w) * rng.uniform(0.6, 1.0))
        top, left = rng.integers(0, h - side + 1), rng.integers(0, w - side + 1)
        out.extend(variants(np.ascontiguousarray(rgb[top : top + side, left : left + side]), 1, seed * 1000 + i))
    return out


def drawings(n: int, seed: int) -> list[np.ndarray]:
    """Line drawings: black strokes, circles and boxes on white paper."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        img = np.full((240, 240, 3), 255, np.uint8)
        for _ in range(int(rng.integers(3, 9))):
            colour = tuple(int(c) for c in rng.integers(0, 120, 3))
            p, q = tuple(int(v) for v in rng.integers(10, 230, 2)), tuple(int(v) for v in rng.integers(10, 230, 2))
            kind = rng.integers(3)
            if kind == 0:
                cv2.line(img, p, q, colour, int(rng.integers(1, 5)))
            elif kind == 1:
                cv2.circle(img, p, int(rng.integers(10, 80)), colour, int(rng.integers(1, 5)))
            else:
                cv2.rectangle(img, p, q, colour, int(rng.integers(1, 5)))
        out.append(img)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    default = (
        ROOT.parent
        / "shared"
        / "weights"
        / "keras"
        / "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224_no_top.h5"
    )
    parser.add_argument("--weights", type=Path, default=default)
    parser.add_argument("--photos", type=int, default=60, help="training crops per class")
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--backbone", choices=["imagenet", "scratch"], default="imagenet")
    args = parser.parse_args()
    if args.backbone == "imagenet" and not args.weights.is_file():
        sys.exit(f"no weights at {args.weights}: pass --weights")

    tmp = Path(tempfile.mkdtemp(prefix="openset_"))
    try:
        (tmp / "keras" / "models").mkdir(parents=True)
        shutil.copyfile(args.weights, tmp / "keras" / "models" / args.weights.name)
        os.environ["KERAS_HOME"] = str(tmp / "keras")
        import keras

        def no_download(*a, **k):
            raise OSError("the benchmark never downloads")

        keras.utils.get_file = no_download
        from models.image_features import prepare
        from models.recognizer import UNKNOWN, Recognizer, unit_rows
        from training.recognizer_training import RecognizerTrainConfig, train_recognizer

        cat, cup = sample("chelsea"), sample("coffee")
        root = write_folder(tmp / "things", {"cat": crops(cat, args.photos, 1), "cup": crops(cup, args.photos, 2)})
        start = time.perf_counter()
        result = train_recognizer(
            root, RecognizerTrainConfig(backbone=args.backbone, epochs=args.epochs), out=tmp / "things.keras"
        )
        print(
            f"{args.backbone}: trained on {2 * args.photos} crops in {time.perf_counter() - start:.1f} s; "
            f"val accuracy {result.metadata['val_accuracy']:.3f}"
        )
        recognizer = Recognizer.load(tmp / "things.keras")
        print(f"calibrated distance threshold {recognizer.distance_threshold:.3f}")

        enrolled = {"cat": crops(cat, 40, 11), "cup": crops(cup, 40, 12)}
        strangers = {name: crops(sample(name), 6, 20 + i) for i, name in enumerate(STRANGERS)}
        strangers["drawings"] = drawings(30, 99)

        def outputs(pictures: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
            x = np.stack([prepare(p, recognizer.input_size) for p in pictures])
            features, probs = recognizer.picture_outputs(x)
            return unit_rows(features), probs

        def unknown_rate(pictures: list[np.ndarray], threshold: float | None, truth: str | None) -> float:
            """Share called unknown (strangers), or share named right (enrolled, ``truth`` given)."""
            features, probs = outputs(pictures)
            saved = recognizer.distance_threshold
            if threshold is not None:
                recognizer.distance_threshold = threshold
            decisions = recognizer.decide(probs, features if threshold is not None else None)
            labels = [recognizer.label_for(*d) for d in decisions]
            recognizer.distance_threshold = saved
            if truth is not None:
                return float(np.mean([label == truth for label in labels]))
            return float(np.mean([label == UNKNOWN for label in labels]))

        # One real recognize() call per picture for the saved model, as the app does.
        named = {c: np.mean([recognizer.recognize(p)[0].label == c for p in pics]) for c, pics in enrolled.items()}
        unknown = {
            s: np.mean([recognizer.recognize(p)[0].label == UNKNOWN for p in pics]) for s, pics in strangers.items()
        }
        all_strangers = [p for pics in strangers.values() for p in pics]
        print("\nsaved model (recognize(), calibrated threshold):")
        for c, rate in named.items():
            print(f"  enrolled {c:<22} named right {100 * rate:5.1f}%")
        for s, rate in unknown.items():
            print(f"  stranger {s:<22} unknown     {100 * rate:5.1f}%")
        total = np.mean([recognizer.recognize(p)[0].label == UNKNOWN for p in all_strangers])
        print(
            f"  ALL strangers ({len(all_strangers)} pictures): unknown {100 * total:.1f}%; "
            f"enrolled named right {100 * np.mean(list(named.values())):.1f}%"
        )

        print("\nold rule (top probability < 0.5, no distance):")
        print(
            f"  strangers unknown {100 * unknown_rate(all_strangers, None, None):.1f}%; enrolled named right "
            f"{100 * np.mean([unknown_rate(p, None, c) for c, p in enrolled.items()]):.1f}%"
        )

        print("\nthreshold sweep (the unknown slider):")
        calibrated = recognizer.distance_threshold
        for t in sorted({0.3, 0.5, 0.7, 0.9, 1.0, *(round(f * calibrated, 3) for f in (0.5, 0.75, 1.5, 2, 3))}):
            s = unknown_rate(all_strangers, t, None)
            e = np.mean([unknown_rate(p, t, c) for c, p in enrolled.items()])
            print(f"  threshold {t:.3f}: strangers unknown {100 * s:5.1f}%  enrolled named right {100 * e:5.1f}%")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
