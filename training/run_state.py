"""The Training tab's state, Qt-free: the form's settings, the current run and the earlier ones.

Views subscribe to this object and redraw; a language switch builds a new tab
over the same state, so settings, folder, curves, reports and comparisons
survive it. The run lifecycle (begin → progress → finished | cancelled |
failed) is recorded here once, whoever drives it.
"""

from __future__ import annotations

import logging
import math
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from models.messages import Message
from models.observable import Event, Observable
from training.configs import KINDS, DigitTrainConfig, RecognizerTrainConfig, TrainConfig, default_config
from training.curves import overfitting_epoch
from training.jobs import RunSummary
from training.progress import Progress
from training.run_store import RunRecord, load_runs, runs_dir, words

SMOOTHING_BATCHES = 10  # the per-batch average spans about this many batches (fewer in a short run)…
SMOOTHING_SHARE = 50  # …and at most 1/50 of the run's batches: a 10-batch run is drawn as it is
EARLIER_RUNS = 4  # earlier runs of a kind kept on the plot: more and the curves blur together
BATCH_KEYS = ("loss", "accuracy")
CONFIG_TYPES: dict[str, type] = {"digits": DigitTrainConfig, "folder": RecognizerTrainConfig}


def batch_smoothing(total_batches: int) -> float:
    """The per-batch decay of the training curve's average for a run of ``total_batches``.

    Over a long run it averages ~``SMOOTHING_BATCHES`` batches, readable yet live; a short
    run has few points, so its window shrinks with it instead of flattening the whole curve.
    """
    window = min(SMOOTHING_BATCHES, max(1.0, total_batches / SMOOTHING_SHARE))
    return 1 - 1 / window


def config_of(kind: str, settings: dict[str, Any]) -> TrainConfig:
    """The typed config of a run of ``kind`` from saved settings (fields it does not know are ignored)."""
    cls = CONFIG_TYPES[kind]
    return cls(**{f.name: settings[f.name] for f in fields(cls) if f.name in settings})


@dataclass
class Run:
    """One training run: its kind, typed settings, curves, result and report.

    ``number`` is the run's place among all runs (1 = the oldest kept): it names
    the run in legends and picks its colour, so both stay the same when a view
    is rebuilt.
    """

    record: RunRecord
    config: TrainConfig
    number: int
    folder: str | None = None
    batch_points: dict[str, list[tuple[float, float]]] = field(default_factory=lambda: {k: [] for k in BATCH_KEYS})
    summary: RunSummary | None = None  # the report of a finished run of this session
    last_progress: Progress | None = None
    filters: Any = None  # the first layer's latest kernels (height, width, in, out), if reported
    gradients: list[Any] = field(default_factory=list)  # GradientFlow measurements, oldest first
    reported_epochs: int = 0  # the epochs the run itself plans (an "auto" folder run only knows once it starts)
    reported_val_examples: int | None = None  # the validation images its epochs were scored on, as reported
    _ema: dict[str, float] = field(default_factory=dict, repr=False)
    _ema_weight: dict[str, float] = field(default_factory=dict, repr=False)  # 1 − the decays so far: bias correction
    _batches_seen: int = field(default=0, repr=False)

    @property
    def run_id(self) -> str:
        return self.record.run_id

    @property
    def kind(self) -> str:
        return self.record.kind

    @property
    def status(self) -> str:
        """``running``, ``finished``, ``cancelled`` or ``failed``."""
        return self.record.status

    @property
    def epochs(self) -> list[dict[str, float]]:
        """The logs of each finished epoch (training and validation metrics)."""
        return self.record.epochs

    @property
    def planned_epochs(self) -> int:
        """The epochs the run goes to: as reported by the run once it started, else as set (0, "auto": 1)."""
        return max(1, self.reported_epochs or int(self.config.epochs or 1))

    def network_name(self) -> str:
        """The digit network in a few characters: "CNN", or "MLP 16-16 sigmoid"; empty for a folder run."""
        config = self.config
        if not isinstance(config, DigitTrainConfig):
            return ""
        if config.network != "mlp":
            return "CNN"
        return f"MLP {'-'.join(str(n) for n in config.hidden) or '0'} {config.activation}"

    def label(self) -> Message:
        """A legend text unique among the runs: its number, the network, then the settings a student changes most."""
        return words(f"#{self.number}", self.network_name(), self.record.label())

    def val_points(self, key: str) -> list[tuple[float, float]]:
        """(epoch, value) of a per-epoch metric such as ``val_loss``, finite values only."""
        points = [(float(i), e[key]) for i, e in enumerate(self.epochs, start=1) if key in e]
        return [(x, y) for x, y in points if math.isfinite(y)]

    def val_examples(self) -> int | None:
        """How many validation images the run scored (known once it finished in this session)."""
        return None if self.summary is None else len(self.summary.val_labels)

    def overfitting_epoch(self) -> int | None:
        """Where validation loss started a sustained rise while training loss fell (see training.curves).

        The number of validation images decides whether the curve can be read at all: the finished run's,
        an earlier session's record, or while a run goes (or after it was cancelled) what its epochs reported.
        """
        if self.summary is not None:
            count = self.val_examples()
        else:
            count = self.record.final.get("val_examples", self.reported_val_examples)
        return overfitting_epoch(
            [e.get("loss", math.nan) for e in self.epochs], [e.get("val_loss", math.nan) for e in self.epochs], count
        )

    def model_file(self) -> Path | None:
        """The saved model of a finished run, if it is still there."""
        path = self.record.model_path
        if self.status != "finished" or not path or not Path(path).exists():
            return None
        return Path(path)

    def add_progress(self, p: Progress) -> None:
        """Record a report: per-batch metrics smoothed once, epoch logs as they are.

        Reports are throttled and each holds the mean of the batches since the
        previous one, so the average decays per batch covered (see :func:`batch_smoothing`), and
        is divided by the weight so far (bias correction): the curve starts at the
        first batches' loss and keeps within a few batches of the real one.
        """
        self.last_progress = p
        if p.kind in ("batch", "epoch") and p.epochs > 0:
            self.reported_epochs = p.epochs
        if p.filters is not None:
            self.filters = p.filters
        if p.kind == "gradients" and p.gradients is not None:
            self.gradients.append(p.gradients)
        if p.kind == "batch":
            x = p.epoch - 1 + p.batch / max(p.batches, 1)
            seen = (p.epoch - 1) * p.batches + p.batch
            decay = batch_smoothing(p.epochs * p.batches) ** max(1, seen - self._batches_seen)
            self._batches_seen = seen
            for key in BATCH_KEYS:
                if key in p.logs and math.isfinite(p.logs[key]):
                    self._ema[key] = decay * self._ema.get(key, 0.0) + (1 - decay) * p.logs[key]
                    self._ema_weight[key] = decay * self._ema_weight.get(key, 0.0) + (1 - decay)
                    self.batch_points[key].append((x, self._ema[key] / self._ema_weight[key]))
        elif p.kind == "epoch":
            self.record.epochs.append(dict(p.logs))
            if p.val_examples is not None:
                self.reported_val_examples = p.val_examples


class RunState:
    """The form's settings, the current run and every run kept, with events for views.

    Parameters
    ----------
    records
        Earlier runs (oldest first); by default those saved in the user's data folder.
    folder
        Where new runs are saved; the user's ``runs/`` folder by default.
    """

    def __init__(self, records: list[RunRecord] | None = None, folder: Path | None = None) -> None:
        self._folder = folder
        self.kind: Observable[str] = Observable("digits")
        self.data_folder: Observable[str] = Observable("")  # the folder a folder run trains on
        self.configs: dict[str, Observable[TrainConfig]] = {k: Observable(default_config(k)) for k in KINDS}
        self.current: Observable[Run | None] = Observable(None)  # the run training now, or the last one
        self.chosen: Observable[str | None] = Observable(None)  # the run picked for "Use this model"
        self.comparison: Observable[tuple[str, ...]] = Observable(())  # run ids of a transfer-vs-scratch
        self.show_earlier: Observable[bool] = Observable(True)
        self.in_use: dict[str, str] = {}  # kind → the run whose model was put to use in this session
        # The learning-rate finder: its points so far (rate, smoothed loss) and, once done, what it found.
        self.lr_points: list[tuple[float, float]] = []
        self.lr_found: Observable[Any] = Observable(None)  # training.lr_finder.LRFinderResult
        self.lr_config: TrainConfig | None = None  # the settings the sweep ran with: its result is for them only
        self.lr_progressed = Event()  # (Progress) of the sweep
        self.run_added = Event()  # (run)
        self.progressed = Event()  # (run, Progress)
        self.run_ended = Event()  # (run): finished, cancelled or failed
        loaded = load_runs(folder) if records is None else records
        self.runs: list[Run] = []
        for record in loaded:
            try:
                config = config_of(record.kind, record.settings)
            except (KeyError, TypeError):  # a record from an older or damaged file: not comparable
                continue
            self.runs.append(Run(record, config, len(self.runs) + 1, record.settings.get("folder")))

    # --- reading ----------------------------------------------------------------------
    def config(self) -> TrainConfig:
        """The form's settings for the chosen kind."""
        return self.configs[self.kind.value].value

    def run(self, run_id: str | None) -> Run | None:
        return next((r for r in self.runs if r.run_id == run_id), None)

    def earlier(self, kind: str, count: int = EARLIER_RUNS) -> list[Run]:
        """The last ``count`` finished runs of ``kind`` with curves, the current run excepted."""
        current = self.current.value
        done = [r for r in self.runs if r.kind == kind and r.status == "finished" and r.epochs and r is not current]
        return done[-count:]

    def usable(self, kind: str) -> list[Run]:
        """Finished runs of ``kind`` whose model file is still there, oldest first."""
        return [r for r in self.runs if r.kind == kind and r.model_file() is not None]

    # --- the run lifecycle ------------------------------------------------------------
    def begin(self, kind: str, config: TrainConfig, folder: str | None = None) -> Run:
        """A new run, saved as ``running`` and made current."""
        settings = asdict(config)
        if folder is not None:
            settings["folder"] = folder
        record = RunRecord.new(kind, settings)
        record.model_path = str((self._folder or runs_dir()) / f"{record.run_id}.keras")
        try:
            record.save(self._folder)
        except OSError:  # the run can still train; a full disk then fails it with a clear message
            logging.getLogger("digitface").warning("could not save the run record %s", record.run_id, exc_info=True)
        run = Run(record, config, len(self.runs) + 1, folder)
        self.runs.append(run)
        self.current.set(run)
        self.run_added.emit(run)
        return run

    def progress(self, run: Run, p: Progress) -> None:
        run.add_progress(p)
        self.progressed.emit(run, p)

    def finish(self, run: Run, summary: RunSummary) -> None:
        run.summary = summary
        run.record.final = dict(summary.final, val_examples=len(summary.val_labels))
        self._end(run, "finished")
        if self.chosen.value is None or (r := self.run(self.chosen.value)) is None or r.kind == run.kind:
            self.chosen.set(run.run_id)  # the newest run is the one offered first

    def cancelled(self, run: Run) -> None:
        self._end(run, "cancelled")

    def failed(self, run: Run, message: str) -> None:
        run.record.final = {"error": message}
        self._end(run, "failed")

    def _end(self, run: Run, status: str) -> None:
        run.record.status = status
        try:
            run.record.save(self._folder)
        except OSError:  # the run still shows; only its record for later sessions is lost
            logging.getLogger("digitface").warning("could not save the run record %s", run.run_id, exc_info=True)
        self.run_ended.emit(run)
