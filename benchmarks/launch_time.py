"""Launch-to-window and launch-to-model-ready times of the real app.

Starts ``python -m gui.app`` several times with DIGITFACE_STARTUP_REPORT set:
the app prints a timestamp when its window is shown and when the digit model
is ready, then quits. Uses a real X server (Xvfb) when one is installed,
otherwise Qt's offscreen platform; the line "platform" says which.

    python benchmarks/launch_time.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def one_launch(env: dict[str, str]) -> tuple[float, float]:
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-m", "gui.app"], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    ).stdout
    stamps = dict(line.split() for line in out.splitlines() if line.startswith(("window-shown", "model-ready")))
    if "model-ready" not in stamps:
        raise RuntimeError(f"the app did not report a ready model:\n{out}")
    return float(stamps["window-shown"]) - start, float(stamps["model-ready"]) - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    env = dict(os.environ, DIGITFACE_STARTUP_REPORT="1", TF_CPP_MIN_LOG_LEVEL="2")
    xvfb = None
    if shutil.which("Xvfb"):
        display = ":87"
        xvfb = subprocess.Popen(
            ["Xvfb", display, "-screen", "0", "1400x900x24"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(1.0)
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
        platform = "xcb on Xvfb"
    else:
        env["QT_QPA_PLATFORM"] = "offscreen"
        platform = "offscreen (no Xvfb installed)"
    try:
        one_launch(env)  # first launch warms the OS file cache
        results = [one_launch(env) for _ in range(args.runs)]
    finally:
        if xvfb:
            xvfb.terminate()
    windows, models = zip(*results)
    print(f"platform                        {platform}")
    print(f"runs                            {args.runs}")
    print(f"launch to window, median        {statistics.median(windows):.2f} s (max {max(windows):.2f})")
    print(f"launch to model ready, median   {statistics.median(models):.2f} s (max {max(models):.2f})")


if __name__ == "__main__":
    main()
