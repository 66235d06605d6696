"""Peak memory (RSS) of the real ``digitface digits predict`` on many pictures and on one huge photo.

Writes pictures into a temporary folder, runs the CLI in a subprocess for each case and prints the
child's peak resident memory (its VmHWM) and its wall time. Target: 5,000 pictures under 600 MB.
Each case runs twice: with the shipped model as ``digits predict`` reads it by default (its ONNX twin
when current, see ``models/digit_onnx.py``) and with the same model named as a ``.keras`` file, which
loads TensorFlow.

    python benchmarks/predict_memory.py [--count 5000] [--huge 10000]

Cases: ``many`` — COUNT MNIST test digits drawn as ink on paper, 280×280 PNG, with one 4000×3000
JPEG "phone photo" among every 100; ``huge`` — one HUGE×HUGE RGB JPEG holding a digit.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
KERAS = REPO / "assets" / "digit_cnn.keras"


def paper(digit: np.ndarray, size: int) -> np.ndarray:
    """An MNIST digit as dark ink on light paper, ``size`` px square, the digit filling ~70%."""
    import cv2

    ink = cv2.resize(digit, (size * 7 // 10, size * 7 // 10), interpolation=cv2.INTER_CUBIC)
    out = np.zeros((size, size), np.uint8)
    top = (size - ink.shape[0]) // 2
    out[top : top + ink.shape[0], top : top + ink.shape[1]] = ink
    return 255 - out


def write_many(folder: Path, count: int) -> None:
    from training.mnist import load_split

    test = load_split("test")
    for i in range(count):
        digit = test.images[i % len(test.images)]
        if i % 100 == 99:
            photo = np.asarray(Image.fromarray(paper(digit, 3000)).convert("RGB"))
            canvas = np.full((3000, 4000, 3), 235, np.uint8)
            canvas[:, 500:3500] = photo
            Image.fromarray(canvas).save(folder / f"{i:05d}.jpg", quality=85)
        else:
            Image.fromarray(paper(digit, 280)).save(folder / f"{i:05d}.png")


def write_huge(folder: Path, side: int) -> None:
    from training.mnist import load_split

    digit = load_split("test").images[0]
    small = Image.fromarray(paper(digit, 1000)).convert("RGB")
    small.resize((side, side), Image.Resampling.BILINEAR).save(folder / "huge.jpg", quality=85)


# The child reports its own high-water mark: a forked child's ru_maxrss keeps the parent's size from before exec.
_REPORT = (
    "import atexit, os, runpy, sys\n"
    "def report():\n"
    "    hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
    "    open(os.environ['PEAK_FILE'], 'w').write(hwm)\n"
    "atexit.register(report)\n"
    "sys.argv = ['digitface', *sys.argv[1:]]\n"
    "runpy.run_module('training.cli', run_name='__main__')\n"
)


def peak_rss(argv: list[str]) -> tuple[float, float, int]:
    """Run the CLI; returns (peak RSS in MB, seconds, exit code)."""
    with tempfile.NamedTemporaryFile(suffix=".peak") as peak:
        env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", CUDA_VISIBLE_DEVICES="", PEAK_FILE=peak.name)
        start = time.perf_counter()
        code = subprocess.run(
            [sys.executable, "-c", _REPORT, *argv], cwd=REPO, env=env, stdout=subprocess.DEVNULL
        ).returncode
        seconds = time.perf_counter() - start
        return int(Path(peak.name).read_text()) / 1024, seconds, code  # VmHWM: KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--huge", type=int, default=10000, help="side of the huge JPEG in pixels")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        many, huge = Path(tmp, "many"), Path(tmp, "huge")
        many.mkdir()
        huge.mkdir()
        write_many(many, args.count)
        write_huge(huge, args.huge)
        one = many / "00000.png"
        for label, model in (
            ("shipped model", []),
            ("shipped model as a .keras file (TensorFlow)", ["--model", str(KERAS)]),
        ):
            print(label)
            rss, seconds, _ = peak_rss(["digits", "predict", *model, str(one)])
            print(f"  one small picture: peak RSS {rss:6.0f} MB  ({seconds:.1f} s)")
            rss, seconds, code = peak_rss(["digits", "predict", *model, str(huge)])
            print(f"  one {args.huge}×{args.huge} JPEG: peak RSS {rss:6.0f} MB  ({seconds:.1f} s, exit {code})")
            rss, seconds, code = peak_rss(["digits", "predict", *model, str(many)])
            print(f"  {args.count} pictures: peak RSS {rss:6.0f} MB  ({seconds:.1f} s, exit {code})")


if __name__ == "__main__":
    main()
