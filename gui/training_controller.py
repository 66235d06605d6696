"""The run lifecycle, written once: start, progress, cancel, done, error; a queue for comparisons."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from gui.training_run import TrainingRun
from training.configs import TrainConfig
from training.jobs import RunSummary, run_job
from training.progress import Progress
from training.run_state import Run, RunState

log = logging.getLogger("digitface")


@dataclass(frozen=True)
class Plan:
    """One run to start: its kind, settings and, for a folder run, the folder."""

    kind: str
    config: TrainConfig
    folder: str | None = None
    compared: bool = False  # one run of a transfer-vs-scratch comparison (state.comparison)


class RunController(QObject):
    """Runs plans one after another in a training process and records everything in ``state``.

    A cancel or a failure drops the plans still queued. ``busyChanged`` says
    when the controller starts or stops running anything.
    """

    busyChanged = Signal(bool)

    def __init__(self, state: RunState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.run: TrainingRun | None = None  # the training process of the current run, while it runs
        self._queue: list[Plan] = []

    def is_running(self) -> bool:
        return self.run is not None

    def start(self, plans: list[Plan]) -> list[Run]:
        """Start the first plan now and the others when it finishes; nothing when a run is going."""
        if self.run is not None or not plans:
            return []
        self._queue = list(plans[1:])
        self.state.comparison.set(())  # a new run or comparison replaces the one shown
        run = self._launch(plans[0])
        self.busyChanged.emit(True)
        return [run]

    def queued(self) -> int:
        return len(self._queue)

    def cancel(self) -> None:
        """Ask the run to stop, whatever it is doing (it checks between batches and chunks)."""
        self._queue.clear()
        if self.run is not None:
            self.run.cancel()

    def wait(self, ms: int = 30000) -> bool:
        """Wait for the training process to end (the window is closing); whether it ended."""
        return self.run.wait(ms) if self.run is not None else True

    def _launch(self, plan: Plan) -> Run:
        run = self.state.begin(plan.kind, plan.config, plan.folder)
        if plan.compared:
            self.state.comparison.set((*self.state.comparison.value, run.run_id))
        process = TrainingRun(run_job, plan.kind, plan.config, plan.folder, run.record.model_path)
        process.progress.connect(lambda p: self._progress(run, p))
        process.succeeded.connect(lambda result: self._succeeded(run, result))
        process.cancelled.connect(lambda: self._cancelled(run))
        process.failed.connect(lambda message: self._failed(run, message))
        process.finished.connect(lambda: self._finished(run))
        self.run = process
        process.start()
        return run

    def _progress(self, run: Run, p: Progress) -> None:
        self.state.progress(run, p)

    def _succeeded(self, run: Run, result: RunSummary) -> None:
        self.state.finish(run, result)

    def _cancelled(self, run: Run) -> None:
        self._queue.clear()
        self.state.cancelled(run)

    def _failed(self, run: Run, message: object) -> None:
        self._queue.clear()
        self.state.failed(run, message if isinstance(message, str) else str(message))  # a Message stays one

    def _finished(self, run: Run) -> None:
        self.run = None
        if self._queue and run.status == "finished":
            self._launch(self._queue.pop(0))  # the next run of a comparison
            return
        self._queue.clear()
        self.busyChanged.emit(False)
