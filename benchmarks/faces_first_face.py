"""Time from pressing *Start* to the first face found, with the face finders started then or ahead.

The Faces tab starts its face-finding child processes when it is shown (or a
recogniser is set), not when *Start* is pressed: loading dlib's models in two
fresh processes takes seconds. This measures both ways with the real
:class:`models.face_processes.FaceProcessPool` on a shipped photo; naming the
faces it returns takes well under a millisecond more.

    python benchmarks/faces_first_face.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from faces_data import shipped  # noqa: E402

from models.face_processes import FaceProcessPool  # noqa: E402


def first_face(pool: FaceProcessPool, frame) -> float:
    """Seconds from "Start" to the first frame's faces, as the recognition thread gets them."""
    start = time.perf_counter()
    processes = pool.acquire()
    processes.submit(1, frame)
    done = []
    while not done:
        done = processes.collect(timeout=0.5)
    assert done[0].boxes, "no face found in the test photo"
    seconds = time.perf_counter() - start
    pool.release(processes)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    frame = shipped("astronaut")
    cold, warm = [], []
    for _ in range(args.runs):
        pool = FaceProcessPool()
        cold.append(first_face(pool, frame))  # started when Start is pressed
        pool.close()
        pool = FaceProcessPool()
        pool.warm_up()  # the tab was shown a while before Start
        while pool.state == "starting":
            time.sleep(0.05)
        warm.append(first_face(pool, frame))
        pool.close()
    print(f"runs                                  {args.runs}")
    print(f"first face, finders started at Start  median {statistics.median(cold):.2f} s  (max {max(cold):.2f})")
    print(f"first face, finders started ahead     median {statistics.median(warm):.2f} s  (max {max(warm):.2f})")


if __name__ == "__main__":
    main()
