"""Time ``digitface digits train`` end to end and print its accuracy figures.

Runs the real CLI with its default settings (about 10 minutes on a 2-core
CPU) into a temporary file, so the shipped model is not touched.

    python benchmarks/digits_training.py [extra train arguments]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "digits.keras"
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "training.cli", "digits", "train", "--out", str(out), *sys.argv[1:]],
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - start
        if result.returncode != 0:
            sys.exit(f"training failed:\n{result.stderr[-3000:]}")
        print(result.stdout.strip())
        print(f"wall time of digitface digits train   {seconds / 60:.1f} min ({seconds:.0f} s)")


if __name__ == "__main__":
    main()
