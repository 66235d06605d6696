"""Longest GUI event-loop stall while the Training tab trains the digit CNN.

Opens the real main window (offscreen), starts a digit-training run in the
Training tab, and ticks a 5 ms timer on the GUI thread: a late tick is time
the window could not react. Prints the longest and the 99th-percentile gap
over the run, counted from the first batch report (after TensorFlow loaded),
then starts a second run, presses Cancel and prints how long it took to stop.

    python benchmarks/gui_stall.py [--images 12000] [--epochs 2]
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=12000)
    parser.add_argument("--epochs", type=int, default=2)
    args = parser.parse_args()

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow()
    window.show()
    tab = window.training_tab
    window.tabs.setCurrentWidget(tab)
    tab.epochs.setValue(args.epochs)
    tab.limit.setValue(args.images)

    ticks: list[float] = []
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    tab.start()
    assert tab.run is not None
    last_report: list[int] = []  # tick count at each progress report: where training ends
    tab.run.progress.connect(lambda p: last_report.append(len(ticks)))
    started = None
    while tab.run is not None:
        app.processEvents()
        if started is None and tab.points_received:
            started = len(ticks)
        time.sleep(0.001)
    timer.stop()
    gaps = np.diff(ticks[started or 0 :]) * 1000
    training_gaps = np.diff(ticks[started or 0 : last_report[-1] if last_report else None]) * 1000
    status = tab.record.status if tab.record else "?"
    points = tab.points_received

    # Cancel: from pressing Cancel during a run to the tab being ready again.
    tab.start()
    while not tab.points_received:
        app.processEvents()
        time.sleep(0.001)
    asked = time.perf_counter()
    tab.cancel()
    while tab.run is not None:
        app.processEvents()
        time.sleep(0.001)
    cancel_s = time.perf_counter() - asked
    cancel_status = tab.record.status if tab.record else "?"
    window.close()
    print(f"run                              {args.images} images x {args.epochs} epochs: {status}")
    print(f"curve points received            {points}")
    print(f"event-loop ticks measured        {len(gaps)}")
    print(f"longest stall                    {gaps.max():.1f} ms")
    print(f"  until the last progress report {training_gaps.max():.1f} ms (the rest: drawing the final report)")
    print(f"99th percentile gap              {np.percentile(gaps, 99):.1f} ms")
    print(f"cancel to stopped                {cancel_s:.2f} s ({cancel_status})")


if __name__ == "__main__":
    main()
