"""*Add class…*'s recording panel: hold a button (or Space) and the running video's frames go into a class folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from gui.i18n import error_text, tr_plural
from models.frame_recorder import FrameRecorder

COUNTDOWN_STEPS = 3  # "3, 2, 1" before the first picture: time to get the thing into view
COUNTDOWN_STEP_MS = 1000
RECORD_INTERVAL_MS = 100  # at most ten pictures a second while held: enough variety, not a flood of twins


class RecordPanel(QWidget):
    """Records one class: *Hold to record* saves frames while held, *Done* ends.

    Frames come from ``frame()`` (the newest frame shown, or ``None``) and are
    written by a :class:`models.frame_recorder.FrameRecorder` on its own thread,
    so holding the button never makes the video wait for the disk.
    """

    countdown = Signal(str)  # "3", "2", "1", then "" when recording starts: shown over the video
    recording_begins = Signal(str)  # the class name, once per recording: the countdown is over, pictures are kept
    finished = Signal(str, int, str)  # class name, pictures saved, why it stopped early ("" when Done was pressed)

    def __init__(self, frame: Callable[[], np.ndarray | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._frame = frame
        self.recorder: FrameRecorder | None = None
        self.name = ""
        self._counted_down = False
        self._left = 0
        self._last: np.ndarray | None = None
        self.hold_button = QPushButton(self.tr("Hold to record pict&ures"))
        self.hold_button.setToolTip(
            self.tr("Hold this button (or Space) while the thing is in view: its pictures are saved for training")
        )
        self.hold_button.pressed.connect(self._pressed)
        self.hold_button.released.connect(self._released)
        self.count_label = QLabel()
        self.done_button = QPushButton(self.tr("D&one"))
        self.done_button.setToolTip(self.tr("Stop recording this class"))
        self.done_button.clicked.connect(lambda: self.finish())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.hold_button)
        row.addWidget(self.count_label, 1)
        row.addWidget(self.done_button)
        self._countdown_timer = QTimer(self)
        self._countdown_timer.timeout.connect(self._count_down)
        self._tick_timer = QTimer(self)  # grabs frames while held, and shows the count as pictures reach the disk
        self._tick_timer.timeout.connect(self._tick)
        self._end_timer = QTimer(self)  # waits, without blocking, for the last pictures to be written
        self._end_timer.timeout.connect(self._ended)
        self._why = ""
        self.hide()

    @property
    def recording(self) -> bool:
        """Whether a class is being recorded (the panel is in use)."""
        return self.recorder is not None

    def begin(self, name: str, folder: Path) -> None:
        """Record pictures of ``name`` into ``folder`` (made with the first picture)."""
        self.name = name
        self.recorder = FrameRecorder(folder, name)
        self._counted_down = False
        self._last = None
        self._show_count()
        self.show()
        self.hold_button.setFocus()  # Space holds it
        self._tick_timer.start(RECORD_INTERVAL_MS)

    def take_over(self, old: RecordPanel) -> bool:
        """Go on recording what ``old`` (a panel being replaced, e.g. on a language switch) records; whether it did.

        The recorder and its count move here; a countdown under way starts again on the next hold.
        """
        if old.recorder is None or old._end_timer.isActive():
            return False
        self.name, self.recorder, self._counted_down, self._last = old.name, old.recorder, old._counted_down, old._last
        old.recorder = None
        old._countdown_timer.stop()
        old._tick_timer.stop()
        old.hide()
        self._show_count()
        self.show()
        self.hold_button.setFocus()
        self._tick_timer.start(RECORD_INTERVAL_MS)
        return True

    def finish(self, why: str = "") -> None:
        """Stop recording; ``finished`` follows once the pictures handed over are on disk."""
        if self.recorder is None or self._end_timer.isActive():
            return
        self._countdown_timer.stop()
        self._tick_timer.stop()
        self.countdown.emit("")
        self._why = why
        self.recorder.stop()
        self._end_timer.start(20)

    def _ended(self) -> None:
        recorder = self.recorder
        if recorder is None or recorder.busy:
            return
        self._end_timer.stop()
        self.recorder = None
        self.hide()
        why = self._why
        if recorder.error is not None and not why:
            why = self.tr("could not save a picture in {0}: {1}").format(recorder.folder, error_text(recorder.error))
        self.finished.emit(self.name, recorder.saved, why)

    def _pressed(self) -> None:
        if self.recorder is None or self._end_timer.isActive():
            return
        if self._counted_down:
            self._grab()
            return
        self._left = COUNTDOWN_STEPS
        self.countdown.emit(str(self._left))
        self._countdown_timer.start(COUNTDOWN_STEP_MS)

    def _released(self) -> None:
        if not self._counted_down:  # let go before the countdown ended: it starts again on the next hold
            self._countdown_timer.stop()
            self.countdown.emit("")

    def _count_down(self) -> None:
        self._left -= 1
        if self._left > 0:
            self.countdown.emit(str(self._left))
            return
        self._countdown_timer.stop()
        self._counted_down = True
        self.countdown.emit("")
        self.recording_begins.emit(self.name)
        if self.hold_button.isDown():
            self._grab()

    def _tick(self) -> None:
        if self.recorder is None:
            return
        if self.recorder.error is not None:
            self.finish()
            return
        if self._counted_down and self.hold_button.isDown():
            self._grab()
        self._show_count()

    def _grab(self) -> None:
        frame = self._frame()
        if self.recorder is not None and frame is not None and frame is not self._last:  # a new frame, not a twin
            self._last = frame
            self.recorder.put(frame)

    def _show_count(self) -> None:
        if self.recorder is not None:
            n = self.recorder.saved
            self.count_label.setText(
                tr_plural(n, self.tr("{0}: {1} picture"), self.tr("{0}: {1} pictures")).format(self.name, n)
            )
