"""The Faces tab: name people (or pets) live from a camera, a video file or an image folder."""

from __future__ import annotations

import logging
import sys
import weakref
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from gui.camera_view import CameraView
from gui.class_recorder import RecordPanel
from gui.file_dialogs import existing_folder, open_file
from gui.i18n import core_text, decimal, error_text, percent, tr_plural
from gui.people_dialog import PeopleDialog
from gui.probability_bars import ProbabilityBars
from gui.source_box import SourceBox
from gui.training_run import TrainingRun
from gui.video_threads import CaptureThread, RecognitionThread, shared_face_pool
from gui.worker import run_in_worker
from models.app_state import AppState, LoadedModel
from models.frame_source import FrameSource, describe, parse_source
from models.latest import Latest
from models.model_file import load_metadata
from models.paths import faces_in_use, people_dir, things_dir, things_in_use
from models.people import (
    PeopleError,
    check_name,
    free_photo_name,
    list_people,
    remove_empty_people,
    same_person,
)
from models.settings import recognizer_in_use, remember_recognizer
from training.backbone_choice import backbone_word

log = logging.getLogger(__name__)

ENROL_PROMPTS = [
    QT_TRANSLATE_NOOP("FacesTab", "Look straight at the camera"),
    QT_TRANSLATE_NOOP("FacesTab", "Turn your head a little to the left"),
    QT_TRANSLATE_NOOP("FacesTab", "Turn your head a little to the right"),
    QT_TRANSLATE_NOOP("FacesTab", "Tilt your head up a little"),
    QT_TRANSLATE_NOOP("FacesTab", "Tilt your head down a little"),
    QT_TRANSLATE_NOOP("FacesTab", "Smile!"),
    QT_TRANSLATE_NOOP("FacesTab", "Move a bit closer"),
    QT_TRANSLATE_NOOP("FacesTab", "Move a bit further away"),
]
ENROL_INTERVAL_MS = 700
# The newest load request per state: an older load that ends later, or one overtaken by a model set
# meanwhile (a retrain, the Training tab), must not replace what is in use.
_LOADS: weakref.WeakKeyDictionary[AppState, int] = weakref.WeakKeyDictionary()
# The files and folders chosen as sources per state, most recent first: a view rebuilt by a language switch
# lists them again.
_RECENT: weakref.WeakKeyDictionary[AppState, list[str]] = weakref.WeakKeyDictionary()
RECENT_SOURCES = 10
# The newest view per state: a view built over the same state (a language switch builds a new window before
# closing the old one) takes over the old view's playing source and pet/thing retraining instead of stopping them.
_VIEWS: weakref.WeakKeyDictionary[AppState, weakref.ref[FacesTab]] = weakref.WeakKeyDictionary()
MAX_BARS = 8  # probability bars of a pet/thing model: its most likely classes, in the model's order
FACE_DISTANCES = 100  # slider steps of 0.01: face embeddings lie within 1.0 of each other in practice
PICTURE_DISTANCES = 200  # whole-picture features have unit length: distances lie in [0, 2]


def sentence(text: str) -> str:
    """A core message (lowercase, to be embedded) shown as a sentence: its first letter capitalised."""
    return text[:1].upper() + text[1:]


class FacesTab(QWidget):
    """Live recognition with an open set ("Unknown"), enrolment from the camera and still images."""

    status = Signal(str)

    def __init__(self, state: AppState | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state if state is not None else AppState()
        self.recognizer: Any = None  # the state's model, once applied to the slider
        self.capture: CaptureThread | None = None
        self.recognition: RecognitionThread | None = None
        self.last_found: list = []
        self.last_frame: np.ndarray | None = None
        self.label_updates = 0
        self.recognize_in_processes = True  # faces in child processes (see gui.video_threads)
        self.face_pool = shared_face_pool()
        self._enrol: dict | None = None
        self._opening = False  # the message says "Opening…" until the first frame
        # How the last source stopped by itself, while Retry is offered: ("slides" | "video", "") when it ended,
        # ("failed", why) when it failed. A view rebuilt in another language says it again in its words.
        self._ended: tuple[str, str] | None = None

        self.source_box = SourceBox()
        self.source_box.set_help(self.tr("A camera number (0 is the usual webcam), or a video file or image folder"))
        self.source_box.setMinimumWidth(160)
        self.source_box.currentIndexChanged.connect(lambda _: self._source_picked())
        self.browse_video = self._button(self.tr("&Video…"), self.tr("Play a video file and name the faces in it"))
        self.browse_video.clicked.connect(lambda: self._pick_video())
        self.browse_folder = self._button(
            self.tr("Folde&r…"), self.tr("Show a folder of images as a slide show and name the faces in it")
        )
        self.browse_folder.clicked.connect(lambda: self._pick_folder())
        self.start_button = self._button(self.tr("&Start"), self.tr("Start or stop reading the source"))
        self.start_button.clicked.connect(lambda: self._toggle())
        self.phase_label = QLabel()
        self.phase_label.setToolTip(self.tr("What the recognition is doing"))
        self.phase_label.setMinimumWidth(  # room for the longest phase: the buttons do not jump when it changes
            max(self.fontMetrics().horizontalAdvance(t) for t in self._phase_texts().values()) + 8
        )

        self.model_label = QLabel(self.tr("No recogniser yet: add two people, or load a model."))
        self.model_label.setWordWrap(True)
        self.load_button = self._button(
            self.tr("Pic&k model…"), self.tr("Use a recogniser file (.keras) trained here or with the command line")
        )
        self.load_button.clicked.connect(lambda: self._pick_model())
        self.add_button = self._button(
            self.tr("&Add person…"),
            self.tr("Name a person, then take a few photos from the camera; the model retrains"),
        )
        self.add_button.clicked.connect(lambda: self.start_enrolment())
        self.add_class_button = self._button(
            self.tr("Add &class…"),
            self.tr("Name a pet or thing, then hold a button while it is in view to record it; no face needed"),
        )
        self.add_class_button.clicked.connect(lambda: self.start_class_recording())
        self.building_things = False  # Add class was used: Retrain trains the pet/thing model
        self.things_backbone: str | None = None  # None: ImageNet when cached, else scratch (see training.things_job)
        self.things_epochs: int | None = None  # None: the backbone's default
        self._things_run: TrainingRun | None = None
        self._people_retraining = False  # a face retraining runs in a worker (Retrain waits for it)
        self._still: str | None = None  # the photo file Classify image… shows, whose line the slider updates
        self._outcome = ""  # what Add person or a retrain said since Start: the end of the source keeps it
        self.record_panel = RecordPanel(lambda: self.last_frame)
        self.record_panel.countdown.connect(self._countdown)
        self.record_panel.recording_begins.connect(self._recording_begins)
        self.record_panel.finished.connect(self._class_recorded)
        self.retrain_progress = QProgressBar()
        self.retrain_progress.setToolTip(self.tr("Retraining the pet/thing recogniser"))
        self.cancel_retrain_button = self._button(
            self.tr("Ca&ncel"), self.tr("Stop retraining; the recogniser in use stays")
        )
        self.cancel_retrain_button.clicked.connect(lambda: self.cancel_retrain())
        self.retrain_progress.hide()
        self.cancel_retrain_button.hide()
        self.people_button = self._button(
            self.tr("&People…"), self.tr("See, rename and delete the enrolled people, or add photos to one")
        )
        self.people_button.clicked.connect(lambda: self.show_people())
        self.retrain_button = self._button(
            self.tr("Retrain no&w"), self.tr("Train the recogniser again on everyone enrolled (takes seconds)")
        )
        self.retrain_button.clicked.connect(lambda: self.retrain())
        self.still_button = self._button(self.tr("Classify ima&ge…"), self.tr("Name the people in a photo file"))
        self.still_button.clicked.connect(lambda: self._pick_still())

        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 100)
        self.slider.setEnabled(False)
        self.slider.valueChanged.connect(self._threshold_moved)
        self.slider_label = QLabel(self.tr("Unknown threshold"))
        self.slider.setToolTip(
            self.tr(
                "How far a face may be from a person's enrolled photos and still be named. "
                "Lower: stricter, more 'Unknown'. Higher: looser, more mistakes."
            )
        )
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.retry_button = self._button(self.tr("Retr&y"), self.tr("Open the source again"))
        self.retry_button.hide()
        self.retry_button.clicked.connect(lambda: self.start())

        self.view = CameraView()
        self.bars = ProbabilityBars(  # whole percentages, as the label over the picture writes them
            [],
            tip=self.tr("What the recogniser sees in the whole picture: its probability for each class"),
            decimals=0,
        )
        self.bars.setMinimumWidth(220)
        self.bars.hide()  # pets and things only: faces get a box each

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Source:")))
        top.addWidget(self.source_box, 1)
        top.addWidget(self.browse_video)
        top.addWidget(self.browse_folder)
        top.addWidget(self.start_button)
        top.addWidget(self.phase_label)
        actions = QHBoxLayout()
        actions.addWidget(self.still_button)
        actions.addWidget(self.add_button)
        actions.addWidget(self.add_class_button)
        actions.addWidget(self.people_button)
        actions.addWidget(self.retrain_button)
        actions.addStretch(1)
        actions.addWidget(self.load_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.slider_label)
        bottom.addWidget(self.slider, 1)
        bottom.addWidget(self.retry_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.record_panel)
        retraining = QHBoxLayout()
        retraining.addWidget(self.retrain_progress, 1)
        retraining.addWidget(self.cancel_retrain_button)
        layout.addLayout(retraining)
        middle = QHBoxLayout()
        middle.addWidget(self.view, 1)
        middle.addWidget(self.bars, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(middle, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.model_label)
        layout.addWidget(self.message)

        self._enrol_timer = QTimer(self, interval=ENROL_INTERVAL_MS)
        self._enrol_timer.timeout.connect(self._enrol_step)
        self._update_retrain()
        self._subscribe()
        previous = _VIEWS.get(self.state)
        _VIEWS[self.state] = weakref.ref(self)
        old = previous() if previous is not None else None
        if old is not None and shiboken6.isValid(old):
            self._take_over(old)

    def _button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        return button

    def _subscribe(self) -> None:
        """Follow the state; stop following when this view goes (a language switch builds a new one)."""
        faces, source = self.state.faces, self.state.face_source
        recent = _RECENT.setdefault(self.state, [])
        self.source_box.blockSignals(True)  # listing them again picks none of them
        for earlier in reversed(recent):  # each goes in first after the cameras: the newest ends on top
            self.source_box.set_source(earlier)
        self.source_box.blockSignals(False)
        box = self.source_box

        def on_source(text: str) -> None:  # the box, not this view: subscribe holds the callback
            if not str(text).isdigit():
                recent[:] = [str(text), *(t for t in recent if t != str(text))][:RECENT_SOURCES]
            box.set_source(text)

        on_faces = faces.subscribe(self._faces_changed)
        source.subscribe(on_source)

        def unsubscribe(*_: object) -> None:  # holds no reference to the dying widget
            faces.changed.disconnect(on_faces)
            source.changed.disconnect(on_source)

        self.destroyed.connect(unsubscribe)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Get ready before Start is pressed: the face finders start, the recogniser in use loads."""
        super().showEvent(event)
        self._update_retrain()  # people may have been added meanwhile (e.g. in a file manager)
        if self.recognize_in_processes:
            self.face_pool.warm_up()
        QTimer.singleShot(0, self, self._load_ahead)  # after any load already asked for (gui.app queues one)

    def _load_ahead(self) -> None:
        if self.state.faces.value.status != "none":
            return
        if recognizer_in_use().exists():
            self.load_model_in_background(recognizer_in_use())

    # --- model -------------------------------------------------------------------------
    def load_model_in_background(
        self,
        path: Path | str,
        on_error: Callable[[str], None] | None = None,
        on_ready: Callable[[], None] | None = None,
    ) -> None:
        """Load a recogniser file in a worker (imports TensorFlow and dlib there); the state says how it went.

        ``on_error(message)`` runs on the GUI thread after a failure that the state took (not overtaken),
        ``on_ready()`` after a success that it took.
        """
        from gui.model_loading import load_recognizer

        faces, name = self.state.faces, Path(path).name
        faces.set(faces.value.loading())
        request = _LOADS[self.state] = _LOADS.get(self.state, 0) + 1

        # The callbacks hold the state, not this view: a language switch may replace the view meanwhile.
        def done(recognizer: Any) -> None:
            if _LOADS.get(state) == request and faces.value.status == "loading":  # not overtaken meanwhile
                faces.set(faces.value.ready(recognizer, str(path)))
                if on_ready is not None:
                    on_ready()

        def failed(message: str, tb: str) -> None:
            if _LOADS.get(state) == request and faces.value.status == "loading":
                faces.set(faces.value.failed(f"{name}: {message}"))
                if on_error is not None:
                    on_error(faces.value.error)

        state = self.state
        run_in_worker(lambda: load_recognizer(path), done, failed)

    def set_recognizer(self, recognizer: Any) -> None:
        """Use a loaded ``models.recognizer.Recognizer`` (through the state)."""
        self.state.faces.set(self.state.faces.value.ready(recognizer, None))

    def _faces_changed(self, slot: LoadedModel) -> None:
        if self.recognition is not None:
            self.recognition.expecting_model = slot.status == "loading"
        if slot.model is not None and slot.model is not self.recognizer:
            self._use(slot.model)
        if slot.status == "loading":
            self.message.setText(self.tr("Loading the recogniser…"))
        elif slot.error:  # the description of the recogniser in use stays
            self.message.setText(self.tr("The recogniser could not be loaded: {0}").format(slot.error))
        elif self.message.text() == self.tr("Loading the recogniser…"):
            if self._ended is not None:  # "Loading…" had replaced it: the source is still over, Retry still there
                self._show_ended(*self._ended)
            else:
                self.message.setText("")

    def _use(self, recognizer: Any) -> None:
        if self.recognizer is not None or self.last_found:
            self._clear_boxes()  # named by the earlier model: its people may be unknown to this one
        self.recognizer = recognizer
        if self.recognition is not None:
            self.recognition.recognizer = recognizer
        if recognizer.backbone == "face" and self.recognize_in_processes:
            self.face_pool.warm_up()
        meta = recognizer.metadata
        names = ", ".join(recognizer.classes[:8]) + ("…" if len(recognizer.classes) > 8 else "")
        accuracy = meta.get("val_accuracy")
        text = self.tr("Recogniser: {0} classes ({1}); backbone {2}.").format(
            len(recognizer.classes), names, core_text(backbone_word(recognizer.backbone))
        )
        if accuracy is not None:
            text += " " + self.tr("Validation accuracy {0}.").format(percent(accuracy))
        self.model_label.setText(text)
        whole = recognizer.backbone != "face"
        self.building_things = whole
        self._update_retrain()
        if whole:  # trace the live call now, on the model-work thread, not on the first frame
            run_in_worker(recognizer.live_call, lambda _: None, lambda message, tb: None)
        self.bars.setVisible(whole)
        self.bars.set_values(np.zeros(min(len(recognizer.classes), MAX_BARS)), recognizer.classes[:MAX_BARS])
        self.slider.setEnabled(True)
        self.slider.blockSignals(True)
        # Faces, and pets/things with references, are "unknown" by distance; older pet/thing models by confidence.
        if recognizer.uses_distance:
            self.slider.setRange(0, PICTURE_DISTANCES if whole else FACE_DISTANCES)
            self.slider.setValue(round(100 * recognizer.distance_threshold))
        else:
            self.slider.setRange(0, 100)
            self.slider.setValue(round(100 * max(recognizer.confidence_threshold, 0.2)))
        self.slider.setToolTip(self._slider_tip(recognizer))
        self.slider.blockSignals(False)
        self._threshold_moved(self.slider.value())

    def _slider_tip(self, recognizer: Any) -> str:
        if recognizer.backbone == "face":
            return self.tr(
                "How far a face may be from a person's enrolled photos and still be named. "
                "Lower: stricter, more 'Unknown'. Higher: looser, more mistakes."
            )
        if recognizer.uses_distance:
            return self.tr(
                "How far a picture may be from a class's training pictures (0 to 2) and still be named. "
                "Lower: stricter, more 'Unknown'. Higher: looser, more mistakes."
            )
        return self.tr("How sure the recogniser must be to name a picture. Higher: stricter, more 'Unknown'.")

    def _threshold_moved(self, value: int) -> None:
        if self.recognizer is None:
            return
        if self.recognizer.uses_distance:
            self.recognizer.distance_threshold = value / 100
            self.slider_label.setText(self.tr("Unknown beyond distance {0}").format(decimal(value / 100, 2)))
        else:
            self.recognizer.confidence_threshold = value / 100
            self.slider_label.setText(self.tr("Unknown below {0}% confidence").format(value))
        self.last_found = self.recognizer.relabel(self.last_found)
        self.view.show_recognitions(self.last_found)
        if self._still is not None and self.capture is None:  # the line under a photo names what the boxes say
            self.message.setText(self._still_text(self._still, self.last_found))

    # --- live video --------------------------------------------------------------------
    def set_source(self, text: str) -> None:
        """Choose a camera number, video file or image folder (kept in the state)."""
        self.state.face_source.set(str(text))

    def _source_picked(self) -> None:
        self.state.face_source.set(self.source_box.source())
        self._clear_boxes()

    def _clear_boxes(self) -> None:
        self.last_found = []
        self.view.show_recognitions([])
        self.bars.set_values(np.zeros(len(self.bars.labels)))

    def _show_bars(self, found: list) -> None:
        """The whole picture's probabilities: the most likely classes, in the model's order."""
        if self.recognizer is None or not found or len(found[0].probabilities) != len(self.recognizer.classes):
            return  # faces, or a result of a model replaced meanwhile
        probabilities = np.asarray(found[0].probabilities, np.float32)
        keep = np.sort(np.argsort(-probabilities, kind="stable")[:MAX_BARS])
        self.bars.set_values(probabilities[keep], [self.recognizer.classes[i] for i in keep])

    def _toggle(self) -> None:
        if self.capture is not None:
            self.stop()
            if self._enrol is not None:  # Stop ends Add person too: its button comes back
                self._finish_enrolment(why=self.tr("the source was stopped"))
            self.record_panel.finish(why=self.tr("the source was stopped"))
        else:
            self.start()

    def start(self) -> None:
        """Start reading the chosen source and recognising its frames."""
        self.stop()
        self._clear_boxes()  # they belong to the previous playback
        source = parse_source(self.source_box.source())
        self.retry_button.hide()
        self._ended = None
        self._still = None
        self._outcome = ""
        opening = self.tr("Opening {0}…").format(core_text(describe(source)))
        self.message.setText(opening)
        self.view.show_message(opening)
        self._opening = True
        mailbox: Latest[tuple[int, np.ndarray]] = Latest()
        self.recognition = RecognitionThread(mailbox, use_processes=self.recognize_in_processes, pool=self.face_pool)
        self.recognition.recognizer = self.recognizer
        self.recognition.tracking = not (isinstance(source, Path) and source.is_dir())  # slides: each picture is new
        self.recognition.expecting_model = self.state.faces.value.status == "loading"
        self.capture = CaptureThread(FrameSource(source), mailbox, caught_up=self.recognition.caught_up)
        self._connect_threads(connect=True)
        self.capture.start()
        self.recognition.start()
        self.start_button.setText(self.tr("&Stop"))

    def _connect_threads(self, connect: bool) -> None:
        """Connect this view to the video threads' signals, or disconnect it (another view takes them over)."""
        assert self.capture is not None and self.recognition is not None
        pairs = [
            (self.capture.frameReady, self._frame),
            (self.capture.failed, self._source_failed),
            (self.capture.ended, self._source_ended),
            (self.recognition.recognized, self._recognized),
            (self.recognition.failed, self._recognition_failed),
            (self.recognition.phase, self._phase),
        ]
        for signal, slot in pairs:
            if connect:
                signal.connect(slot)
            else:
                signal.disconnect(slot)

    def _take_over(self, old: FacesTab) -> None:
        """Go on with what ``old``, the view this one replaces over the same state, was doing.

        A language switch builds a new window before closing the old one, whose closing stops its
        source: the playing source goes on here instead (the same threads, so a video keeps its place
        and faces keep their tracks), with the same recogniser (the state's) and settings; Add person and
        Add class go on recording here, and a pet/thing retraining goes on reporting here.
        """
        self.recognize_in_processes = old.recognize_in_processes
        self.things_backbone, self.things_epochs = old.things_backbone, old.things_epochs
        self.building_things = old.building_things  # Retrain trains what the old view would have trained
        if self.building_things and self.recognizer is None:
            self.model_label.setText(self.tr("No recogniser yet: record two classes, then press Retrain."))
        if old.capture is not None and old.recognition is not None:
            old._connect_threads(connect=False)
            self.capture, self.recognition = old.capture, old.recognition
            old.capture = old.recognition = None  # closing the old window must not stop them
            self.recognition.recognizer = self.recognizer
            self._connect_threads(connect=True)
            self.start_button.setText(self.tr("&Stop"))
            self.phase_label.setText(self._phase_texts().get(self.recognition.current_phase, ""))
            self.last_frame, self.last_found = old.last_frame, list(old.last_found)
            if self.last_frame is not None:
                self.view.show_frame(self.last_frame)
                self.view.show_recognitions(self.last_found)
                self._show_bars(self.last_found)
            elif old._opening:
                self._opening = True
                opening = self.tr("Opening {0}…").format(core_text(describe(parse_source(self.source_box.source()))))
                self.message.setText(opening)
                self.view.show_message(opening)
        elif old._ended is not None:  # a source that ended or failed: its last picture and Retry stay
            self.last_frame, self.last_found = old.last_frame, list(old.last_found)
            if self.last_frame is not None:
                self.view.show_frame(self.last_frame)
                self.view.show_recognitions(self.last_found)
                self._show_bars(self.last_found)
            self._show_ended(*old._ended)
        if old._enrol is not None:
            enrol, old._enrol = old._enrol, None  # a face check the old view has under way is ignored there
            old._enrol_timer.stop()
            enrol["checking"] = False
            self._enrol = enrol
            self.add_button.setEnabled(False)
            self.people_button.setEnabled(False)
            prompt = self.tr(ENROL_PROMPTS[enrol["saved"] % len(ENROL_PROMPTS)])
            self.message.setText(self.tr("Add {0}: {1}").format(enrol["name"], prompt))
            self._enrol_timer.start()
        if self.record_panel.take_over(old.record_panel):
            self.add_button.setEnabled(False)
            self.message.setText(self._recording_text(self.record_panel.name))
        self._update_retrain()
        run = old._things_run
        if run is not None:
            old._watch_things_run(run, watch=False)
            old._things_run = None
            self._things_run = run
            self._watch_things_run(run, watch=True)
            self.retrain_progress.setRange(old.retrain_progress.minimum(), old.retrain_progress.maximum())
            self.retrain_progress.setValue(old.retrain_progress.value())
            self.retrain_progress.show()
            self.cancel_retrain_button.show()
            self.cancel_retrain_button.setEnabled(old.cancel_retrain_button.isEnabled())
            self.message.setText(self.tr("Retraining the pet/thing recogniser…"))
            self._update_retrain()

    def stop(self) -> None:
        """Stop the video and wait for both threads to finish."""
        self._enrol_timer.stop()
        for thread in (self.capture, self.recognition):
            if thread is not None:
                thread.stop()
        for thread in (self.capture, self.recognition):
            if thread is not None:
                thread.wait()
        self.capture = self.recognition = None
        self.start_button.setText(self.tr("&Start"))
        self.phase_label.setText("")

    @Slot(str)
    def _phase(self, phase: str) -> None:
        if not self._from_recognition():
            return  # a late signal of a stopped thread (its sender() is None once it is deleted)
        self.phase_label.setText(self._phase_texts().get(phase, ""))

    def _phase_texts(self) -> dict[str, str]:
        return {
            RecognitionThread.PHASE_MODEL: self.tr("Loading the recogniser…"),
            RecognitionThread.PHASE_FINDERS: self.tr("Starting the face finders…"),
            RecognitionThread.PHASE_RUNNING: self.tr("Recognising"),
            RecognitionThread.PHASE_IDLE: self.tr("No recogniser: video only"),
        }

    @Slot(object)
    def _frame(self, rgb: np.ndarray) -> None:
        if not self._from_capture():
            return  # a late frame from a stopped source
        self.last_frame = rgb
        if self._enrol is not None and self._enrol["pending"] is not None:
            self._enrol["pending"].append(rgb)  # every picture of a folder is looked at, none skipped
            self._enrol_step()
        if self._opening:  # the first frame answers "Opening…"; other messages stay
            self._opening = False
            self.message.setText("")
        self.view.show_frame(rgb)

    @Slot(object, float)
    def _recognized(self, found: list, seconds: float) -> None:
        if not self._from_recognition() or not self._of_recognizer_in_use(found):
            return
        self.label_updates += 1
        self.last_found = found
        self.view.show_recognitions(found)
        self._show_bars(found)

    def _of_recognizer_in_use(self, found: list) -> bool:
        """Whether ``found`` can come from the recogniser in use, not from the one it replaced.

        The thread may be halfway through a frame with the old recogniser when the new one is put in use;
        that late answer (a whole-picture box after a face model came, or faces after a pet model) must not stay.
        """
        recognizer = self.recognizer
        if recognizer is None:
            return False
        if recognizer.backbone == "face":
            return all(r.box is not None for r in found)
        return all(r.box is None and len(r.probabilities) == len(recognizer.classes) for r in found)

    @Slot(str)
    def _recognition_failed(self, message: str) -> None:
        if not self._from_recognition():
            return
        # A failure on the first frame can arrive before that frame's own signal (the frame goes to the
        # recogniser first), which then wiped this message as it would "Opening…".
        self._opening = False
        self.message.setText(sentence(message))

    def _from_capture(self) -> bool:
        """Whether the signal being handled comes from the source playing now, not from one stopped before it.

        A source restarted as it ended (Add person on a video) left its "ended" queued: it stopped the new one.
        """
        return self.capture is not None and self.sender() is self.capture

    def _from_recognition(self) -> bool:
        """Whether the signal being handled comes from the recognition running now (a stopped one's ``sender()``
        is None once it is deleted)."""
        return self.recognition is not None and self.sender() is self.recognition

    @Slot(str)
    def _source_failed(self, message: str) -> None:
        if not self._from_capture():
            return
        self.stop()
        message = sentence(message)
        self.view.clear()  # the previous source's last picture must not stay behind the error
        self._clear_boxes()
        self.last_frame = None
        self._show_ended("failed", message)
        if self._enrol is not None:  # nothing more to photograph
            self._finish_enrolment(why=message)
        self.record_panel.finish(why=message)

    @Slot()
    def _source_ended(self) -> None:
        if not self._from_capture():
            return
        slides = self._source_is_a_folder()
        self.stop()
        self._show_ended("slides" if slides else "video")
        if self._enrol is not None:
            if self._enrol["pending"] or self._enrol["checking"]:  # its last pictures are still looked at
                self._enrol["ended"] = self.tr("the source ended")
            else:
                self._finish_enrolment(why=self.tr("the source ended"))
        self.record_panel.finish(why=self.tr("the source ended"))

    def _show_ended(self, how: str, why: str = "") -> None:
        """Say that the source ended (``how``: "slides", "video") or failed (``"failed"``, ``why``); offer Retry."""
        self._ended = (how, why)
        if how == "failed":
            self.message.setText(self.tr("{0}. Check the source and press Retry.").format(why))
            self.view.show_message(why)
        elif how == "slides":
            ended = self.tr("The slide show ended. Press Retry to show it again.")
            self.message.setText(f"{self._outcome} {ended}".strip())  # "Saved 6 photos of Ana…" stays in view
            self.view.show_message(self.tr("The slide show ended."))
        else:
            ended = self.tr("The video ended. Press Retry to play it again.")
            self.message.setText(f"{self._outcome} {ended}".strip())
            self.view.show_message(self.tr("The video ended."))
        self.retry_button.show()

    # --- stills ------------------------------------------------------------------------
    def classify_file(self, path: Path | str) -> None:
        """Recognise the subjects in one image file and show it (stops the live video)."""
        if self.recognizer is None:
            self.message.setText(self.tr("Load or train a recogniser first."))
            return
        self.stop()
        self.retry_button.hide()  # a still image replaces the source: nothing to retry
        self._ended = None
        recognizer = self.recognizer

        def work():
            from models.image_io import FACE_MAX_SIDE, as_rgb, read_image

            rgb = as_rgb(read_image(path, FACE_MAX_SIDE))
            return rgb, recognizer.recognize(rgb)

        def done(result) -> None:
            rgb, found = result
            self.last_frame, self.last_found = rgb, found
            self.view.show_frame(rgb)
            self.view.show_recognitions(found)
            self._show_bars(found)
            self._still = Path(path).name
            self.message.setText(self._still_text(self._still, found))

        self.message.setText(self.tr("Classifying {0}…").format(Path(path).name))
        failed = self.tr("Could not classify {0}: {1}")
        run_in_worker(work, done, lambda msg, tb: self.message.setText(failed.format(Path(path).name, msg)))

    def _still_text(self, name: str, found: list) -> str:
        """``photo.jpg: Alice (91%), Unknown (40%)``: what Classify image… found in a photo."""
        from models.recognizer import left_to_right  # loaded with the recogniser already: no start-up cost

        unknown = self.tr("Unknown")
        names = ", ".join(f"{r.label if r.known else unknown} ({percent(r.confidence)})" for r in left_to_right(found))
        face_model = self.recognizer is not None and self.recognizer.backbone == "face"
        if face_model and len(found) == 1 and found[0].box is None:
            # No face was found, and the photo was read whole (it may be a face cropped close): say so, or a
            # landscape's "Unknown" reads as a stranger's face.
            return self.tr("{0}: no face found, so the whole picture was read as one face: {1}").format(name, names)
        return f"{name}: {names or self.tr('nobody')}"

    def _ask_name(self, name: str | None, root: Path, title: str, prompt: str) -> str | None:
        """``name``, or one asked for, checked for a class folder under ``root``; ``None`` if refused or cancelled.

        A name already there is accepted: it gets more pictures.
        """
        if name is None:
            name, ok = QInputDialog.getText(self, title, prompt)
            if not ok:
                return None
        try:
            name = check_name(root, name, current=name)
        except PeopleError as exc:
            QMessageBox.warning(self, title, self.tr("Please choose another name: {0}.").format(error_text(exc)))
            return None
        # "alice" is Alice: one person, not a second folder (the People dialog refuses such a rename too).
        return next((p.name for p in list_people(root) if same_person(p.name, name)), name)

    # --- enrolment ---------------------------------------------------------------------
    def _folder_is_one_person(self, name: str) -> bool:
        """With a folder of pictures as the source, whether the user confirms that they all show ``name``.

        Add person saves the faces the source shows: from a folder of several people's photos
        it would enrol them all under one name.
        """
        if not self._source_is_a_folder():
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Add person"),
            self.tr(
                "The source is a folder of pictures: the faces in its next pictures will be saved as {0}. "
                "Go on only if they all show {0}. (To add chosen photo files to someone, use People… instead.)"
            ).format(name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def start_enrolment(self, name: str | None = None, count: int = 6) -> None:
        """Ask for a name, then save ``count`` camera frames that show a face, prompting poses."""
        root = people_dir()
        name = self._ask_name(name, root, self.tr("Add person"), self.tr("Name of the person (or pet):"))
        if name is None or not self._folder_is_one_person(name):
            return
        self.building_things = False  # Retrain trains faces again
        self._play_from_the_start()
        folder = root / name  # made with the first photo: a failed Add person leaves no empty person
        # A folder's pictures are each looked at in turn ("pending"): sampled on a timer as a camera is, the
        # slide show went by faster than faces were found and most pictures were never looked at.
        pending = [] if self._source_is_a_folder() else None
        self._enrol = {
            "name": name,
            "folder": folder,
            "saved": 0,
            "count": count,
            "faces": None,
            "checking": False,
            "pending": pending,
            "ended": "",  # why the source ended, while pictures it showed are still being looked at
        }
        self.add_button.setEnabled(False)
        self.people_button.setEnabled(False)  # renaming or deleting the person being photographed split them
        self._update_retrain()
        self.message.setText(self.tr("Add {0}: {1}").format(name, self.tr(ENROL_PROMPTS[0])))
        self._enrol_timer.start()

    def _play_from_the_start(self) -> None:
        """Start the source; a folder or video already playing starts again from its first picture.

        The slide show went on behind the name dialog and the question: photos were taken of whatever
        pictures were left, often none.
        """
        if self.capture is None:
            self.start()
        elif self._plays_to_an_end():
            self._restart_source()

    def _source_is_a_folder(self) -> bool:
        """Whether the source chosen is a folder of pictures (a slide show), not a camera or a video."""
        source = parse_source(self.source_box.source())
        return isinstance(source, Path) and source.is_dir()

    def _plays_to_an_end(self) -> bool:
        """Whether the source playing is a folder or a video file (a camera never ends)."""
        return self.capture is not None and isinstance(parse_source(self.source_box.source()), Path)

    def _restart_source(self) -> None:
        """Play the source again from its beginning, as it played (a test's looping video loops again)."""
        loop = self.capture is not None and self.capture.source.loop
        self.start()
        if self.capture is not None:
            self.capture.source.loop = loop

    def _enrol_step(self) -> None:
        enrol = self._enrol
        if enrol is None or enrol["checking"]:
            return
        if enrol["pending"] is not None:  # a folder: its next picture not yet looked at
            if not enrol["pending"]:
                return
            frame = enrol["pending"].pop(0)
        elif self.last_frame is None:
            return
        else:
            frame = self.last_frame
        # Loading dlib's models and looking for a face take up to a second: not on the GUI thread.
        enrol["checking"] = True

        def has_face() -> bool:
            if enrol["faces"] is None:
                from models.face_features import FaceFeatures

                enrol["faces"] = FaceFeatures()
            return bool(enrol["faces"].detect(frame, live=True))

        run_in_worker(has_face, lambda found: self._enrol_checked(enrol, frame, found), self._enrol_failed)

    def _enrol_failed(self, message: str, tb: str) -> None:
        print(tb, file=sys.stderr)
        self.message.setText(sentence(message))
        self._finish_enrolment(why=message)

    def _enrol_checked(self, enrol: dict, frame: np.ndarray, found: bool) -> None:
        enrol["checking"] = False
        if enrol is not self._enrol:
            return  # finished or cancelled meanwhile
        self._save_if_face(enrol, frame, found)
        if enrol is self._enrol and enrol["pending"] is not None:
            if enrol["pending"]:
                self._enrol_step()  # the folder's next picture at once
            elif enrol["ended"]:
                self._finish_enrolment(why=enrol["ended"])

    def _save_if_face(self, enrol: dict, frame: np.ndarray, found: bool) -> None:
        if not found:
            prompt = self.tr(ENROL_PROMPTS[enrol["saved"] % len(ENROL_PROMPTS)])
            self.message.setText(self.tr("Add {0}: no face in view — {1}").format(enrol["name"], prompt))
            return
        from PIL import Image

        try:
            enrol["folder"].mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.message.setText(self.tr("Could not save a photo in {0}: {1}").format(enrol["folder"], error_text(exc)))
            self._finish_enrolment(retrain=False)
            return
        index = len(list(enrol["folder"].glob("*.jpg")))
        path = free_photo_name(enrol["folder"], f"{enrol['name']}_{index + 1:03d}", ".jpg")
        tmp = path.with_name(f".{path.name}.tmp")  # hidden: training never sees half a photo
        try:
            Image.fromarray(frame).save(tmp, format="JPEG", quality=92)
            tmp.replace(path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            self.message.setText(self.tr("Could not save a photo in {0}: {1}").format(enrol["folder"], error_text(exc)))
            self._finish_enrolment(retrain=False)
            return
        enrol["saved"] += 1
        if enrol["saved"] >= enrol["count"]:
            self._finish_enrolment()
            return
        prompt = self.tr(ENROL_PROMPTS[enrol["saved"] % len(ENROL_PROMPTS)])
        self.message.setText(
            self.tr("Photo {0}/{1} of {2} saved. {3}").format(enrol["saved"], enrol["count"], enrol["name"], prompt)
        )

    def _finish_enrolment(self, retrain: bool = True, why: str = "") -> None:
        """End Add person; ``why`` says what stopped it early (a source that failed or ended)."""
        self._enrol_timer.stop()
        enrol, self._enrol = self._enrol, None
        self.add_button.setEnabled(True)
        self.people_button.setEnabled(True)
        if enrol is not None:
            remove_empty_people(people_dir())  # e.g. a person folder left by an older version
        self._update_retrain()
        if enrol is None:
            return
        if enrol["saved"] == 0:
            if retrain:  # a save error has said why already
                none = self.tr("{0}: no photos of {1} were taken.").format(
                    sentence(why or self.tr("No face")), enrol["name"]
                )
                if why and isinstance(parse_source(self.source_box.source()), int):  # no camera here
                    hint = self.tr("Without a camera, choose a folder of their photos with Folder… and add them again.")
                    none = f"{none} {hint}"
                self._say(none)
            return
        if not retrain:
            return
        short = ""
        if enrol["saved"] < enrol["count"]:
            short = self.tr("Only {0} of {1} photos of {2} were taken ({3}).").format(
                enrol["saved"], enrol["count"], enrol["name"], why
            )
        people = [p for p in list_people(people_dir()) if p.photos]
        if len(people) < 2:
            saved = tr_plural(
                enrol["saved"],
                self.tr("Saved {0} photo of {1}. Add one more person to train."),
                self.tr("Saved {0} photos of {1}. Add one more person to train."),
            ).format(enrol["saved"], enrol["name"])
            self._say(f"{short} {saved}".strip())
            return
        saved = tr_plural(
            enrol["saved"],
            self.tr("Saved {0} photo of {1}. Retraining…"),
            self.tr("Saved {0} photos of {1}. Retraining…"),
        ).format(enrol["saved"], enrol["name"])
        self._say(f"{short} {saved}".strip())
        kept = tr_plural(  # said again when the retrain ends, which had hidden it
            enrol["saved"], self.tr("Saved {0} photo of {1}."), self.tr("Saved {0} photos of {1}.")
        ).format(enrol["saved"], enrol["name"])
        self.retrain_people(note=f"{short} {kept}".strip())  # even while a pet/thing model is in use

    def _say(self, text: str) -> None:
        """Say how Add person or a retrain ended; the end of the slide show or video adds to it, never hides it."""
        self.message.setText(text)
        self._outcome = text

    def _update_retrain(self) -> None:
        """Retrain needs two classes with pictures: people, or pets/things when building those."""
        root = things_dir() if self.building_things else people_dir()
        running = self._things_run is not None or self._people_retraining
        self.retrain_button.setEnabled(not running and sum(1 for p in list_people(root) if p.photos) >= 2)
        if running:
            self.retrain_button.setToolTip(self.tr("Retraining: wait for it, or Cancel"))
        elif self.building_things:
            self.retrain_button.setToolTip(self.tr("Train the pet/thing recogniser again on every class recorded"))
        else:
            self.retrain_button.setToolTip(self.tr("Train the recogniser again on everyone enrolled (takes seconds)"))
        face_model = self.recognizer is not None and self.recognizer.backbone == "face"
        self.add_class_button.setVisible(not face_model or self.building_things or bool(list_people(things_dir())))
        busy = self._enrol is not None or self.record_panel.recording
        self.add_class_button.setEnabled(not busy and not running)

    def show_people(self) -> None:
        """The People dialog: rename, delete, add photos, retrain."""
        dialog = PeopleDialog(people_dir(), self)
        dialog.enrolFromCamera.connect(lambda name: self.start_enrolment(name))
        dialog.retrainRequested.connect(lambda: self.retrain_people())  # the people listed, even with a pet model
        dialog.changed.connect(self._people_changed)
        dialog.exec()
        dialog.deleteLater()
        self._update_retrain()

    def _people_changed(self) -> None:
        self._update_retrain()
        if self._people_retraining:  # it retrains again by itself once this run ends
            self.message.setText(self.tr("The people changed: the recogniser retrains again once this retrain ends."))
        else:
            self.message.setText(self.tr("The people changed: press Retrain to update the recogniser."))

    def retrain(self, note: str = "") -> None:
        """Retrain the recogniser on everyone in the people folder (fast: embeddings are cached).

        While building a pet/thing model (after *Add class…*, or with one in use) it retrains
        that one instead, in a child process (:meth:`retrain_things`).
        ``note`` goes before the result (e.g. that Add person took fewer photos than asked).
        """
        if self.building_things:
            self.retrain_things()
            return
        self.retrain_people(note)

    def retrain_people(self, note: str = "") -> None:
        """Retrain the face recogniser on everyone in the people folder, whatever recogniser is in use."""
        if self._people_retraining:  # a second click queued a second full retraining
            return
        out = faces_in_use()
        remove_empty_people(people_dir())  # a person with no photos is never passed to training
        self._update_retrain()
        empty = [p.name for p in list_people(people_dir()) if not p.photos]
        if empty:
            self.message.setText(
                self.tr("{0} has no photos: add photos or delete them in People…, then retrain.").format(
                    ", ".join(empty)
                )
            )
            return
        self.message.setText(self.tr("Retraining…"))
        self._people_retraining = True
        self._update_retrain()
        changed = self.tr("The people changed while it retrained.")
        enrolled = sorted(p.name for p in list_people(people_dir()))

        def again_if_changed(classes: list[str]) -> bool:
            """Retrain once more if people were deleted, added or renamed meanwhile (whether this run ended
            well or failed on a deleted folder): the model would still name someone deleted."""
            now = sorted(p.name for p in list_people(people_dir()) if p.photos)
            if now == sorted(classes):
                return False
            if len(now) >= 2:
                self.retrain_people(note=changed)
            else:
                self.message.setText(f"{changed} {self.tr('Add one more person to train.')}")
            return True

        def work():
            from models.recognizer import Recognizer
            from training.recognizer_training import RecognizerTrainConfig, train_recognizer

            result = train_recognizer(people_dir(), RecognizerTrainConfig(backbone="face"), out=out)
            return result, Recognizer.load(out)

        def ended() -> None:
            self._people_retraining = False
            self._update_retrain()

        def done(value) -> None:
            ended()
            result, recognizer = value
            self.state.faces.set(self.state.faces.value.ready(recognizer, str(out)))
            retrained = self.tr("Retrained on {0} people in {1} s.").format(
                len(result.classes), decimal(result.seconds, 1)
            )
            self._say(f"{note} {retrained}".strip())
            again_if_changed(result.classes)

        def fail(message: str, tb: str) -> None:
            ended()
            if not again_if_changed(enrolled):  # a folder deleted under the run made it fail
                self._say(self.tr("Retraining failed: {0}").format(message))

        run_in_worker(work, done, fail)

    # --- pickers -----------------------------------------------------------------------
    def _pick_video(self) -> None:
        path = open_file(
            self, "video", self.tr("Video file"), self.tr("Videos (*.mp4 *.avi *.mov *.mkv *.webm);;All (*)")
        )
        if path:
            self.set_source(path)
            self.start()

    def _pick_folder(self) -> None:
        path = existing_folder(self, "image folder", self.tr("Image folder"))
        if path:
            self.set_source(path)
            self.start()

    def _pick_model(self) -> None:
        path = open_file(self, "recogniser", self.tr("Recogniser"), self.tr("Keras models (*.keras)"))
        if not path:
            return
        problem = self._model_problem(Path(path))
        if problem:
            self.message.setText(problem)
            QMessageBox.warning(self, self.tr("Load model"), problem)
            return

        def failed(message: str) -> None:
            if shiboken6.isValid(self):  # a language switch may have replaced this view meanwhile
                text = self.tr("The recogniser could not be loaded: {0}").format(message)
                QMessageBox.warning(self, self.tr("Load model"), text)

        def remember() -> None:  # the next start opens it too, while it exists (see models.settings.recognizer_in_use)
            try:
                remember_recognizer(path)
            except OSError as exc:
                log.warning("The recogniser picked could not be remembered for the next start: %s", exc)

        self.load_model_in_background(path, on_error=failed, on_ready=remember)

    def _model_problem(self, path: Path) -> str:
        """What makes ``path`` unusable as a recogniser, in window terms; empty when it looks usable.

        The core's messages point to the command line; the window points to its own tabs instead.
        """
        train = self.tr("train a recogniser in the Training tab or with Add person…")
        if not zipfile.is_zipfile(path):  # empty, damaged or something else: every .keras file is a zip
            return self.tr("{0} is not a Keras model file.").format(path.name)
        try:
            meta = load_metadata(path)
        except (OSError, ValueError) as exc:
            return self.tr("{0} cannot be used: {1}").format(path.name, error_text(exc))
        if not meta:
            return self.tr("{0} was not saved by DigitFace (it has no metadata), so it cannot name anyone: {1}").format(
                path.name, train
            )
        if meta.get("kind") != "recognizer":
            return self.tr("{0} is a digit model, not a face/pet recogniser: {1}").format(path.name, train)
        return ""

    def _pick_still(self) -> None:
        path = open_file(
            self, "image", self.tr("Image"), self.tr("Images (*.png *.jpg *.jpeg *.gif *.bmp *.pgm *.webp)")
        )
        if path:
            self.classify_file(path)

    # --- pets and things ---------------------------------------------------------------
    def start_class_recording(self, name: str | None = None) -> None:
        """Ask for a class name, start the source if needed, and show *Hold to record* for it."""
        root = things_dir()
        name = self._ask_name(name, root, self.tr("Add class"), self.tr("Name of the pet or thing:"))
        if name is None:
            return
        if self.capture is None:
            self.start()
        if self._plays_to_an_end():  # a 5 s slide show was over before the countdown: it loops from now on
            self.capture.source.loop = True
        self.building_things = True
        if self.recognizer is None:  # "add two people" would send a pet owner the wrong way
            self.model_label.setText(self.tr("No recogniser yet: record two classes, then press Retrain."))
        self.record_panel.begin(name, root / name)
        self.add_button.setEnabled(False)
        self._update_retrain()
        self.message.setText(self._recording_text(name))

    def _recording_text(self, name: str) -> str:
        return self.tr(
            "Add {0}: hold the button (or Space) while it is in view; press Done when you have enough."
        ).format(name)

    def _recording_begins(self, name: str) -> None:
        """The countdown is over: a folder or video plays from its first picture, as Add person does."""
        if self._plays_to_an_end():
            self._restart_source()
            self.message.setText(self._recording_text(name))

    def _countdown(self, text: str) -> None:
        self.view.show_countdown(text)  # show_message would be wiped by the next frame of the running source

    def _class_recorded(self, name: str, saved: int, why: str) -> None:
        self.add_button.setEnabled(True)
        remove_empty_people(things_dir())
        self._update_retrain()
        classes = [c for c in list_people(things_dir()) if c.photos]
        if why:
            text = tr_plural(
                saved,
                self.tr("Recording {0} stopped: {1}. {2} picture saved."),
                self.tr("Recording {0} stopped: {1}. {2} pictures saved."),
            ).format(name, why, saved)
        else:
            text = tr_plural(saved, self.tr("Saved {0} picture of {1}."), self.tr("Saved {0} pictures of {1}.")).format(
                saved, name
            )
        if len(classes) < 2:
            text += " " + self.tr("Add one more class to train.")
        else:
            text += " " + self.tr("Press Retrain to train on {0} classes.").format(len(classes))
        self.message.setText(text)

    def retrain_things(self) -> None:
        """Train the pet/thing recogniser on the recorded classes in a child process, with progress and Cancel."""
        from training.things_job import retrain_things

        if self._things_run is not None:
            return
        remove_empty_people(things_dir())
        out = things_in_use()
        run = self._things_run = TrainingRun(
            retrain_things, str(things_dir()), str(out), self.things_backbone, self.things_epochs
        )
        self._watch_things_run(run, watch=True)
        self.retrain_progress.setRange(0, 0)  # busy until the first epoch says how far it is
        self.retrain_progress.show()
        self.cancel_retrain_button.show()
        self.cancel_retrain_button.setEnabled(True)
        self.message.setText(self.tr("Retraining the pet/thing recogniser…"))
        self._update_retrain()
        run.start()

    def _watch_things_run(self, run: TrainingRun, watch: bool) -> None:
        """Follow a retraining run's signals, or stop following them (a view built over the state takes it over)."""
        slots = (
            self._things_progress,
            self._things_retrained,
            self._things_cancelled,
            self._things_failed,
            self._things_run_ended,
        )
        run.watch(slots, connect=watch)

    def cancel_retrain(self) -> None:
        """Ask the retraining child process to stop at its next batch."""
        if self._things_run is not None:
            self._things_run.cancel()
            self.cancel_retrain_button.setEnabled(False)
            self.message.setText(self.tr("Cancelling…"))

    def _things_progress(self, p: Any) -> None:
        if p.kind == "message":
            self.message.setText(self._things_line(p.message))
        elif p.kind == "features":  # reading the pictures (or their cached features): the bar counts them
            self.message.setText(sentence(core_text(p.message)))
            if p.batches:
                self.retrain_progress.setRange(0, p.batches)
                self.retrain_progress.setValue(p.batch)
        elif p.epochs:
            self.retrain_progress.setRange(0, p.epochs)
            self.retrain_progress.setValue(p.epoch if p.kind == "epoch" else max(p.epoch - 1, 0))

    def _things_line(self, message: object) -> str:
        """A retraining message as a sentence."""
        return sentence(core_text(message))

    def _things_cancelled(self) -> None:
        self.message.setText(self.tr("Retraining cancelled; the recogniser in use stays."))

    def _things_failed(self, message: object) -> None:
        self.message.setText(self.tr("Retraining failed: {0}").format(core_text(message)))

    def _things_retrained(self, result: Any) -> None:
        text = self.tr("Retrained on {0} classes ({1} backbone) in {2} s.").format(
            len(result.classes), core_text(backbone_word(result.backbone)), decimal(result.seconds, 1)
        )
        state = self.state  # the callbacks hold the state, not this view (a language switch may replace it)

        def load() -> Any:
            from models.recognizer import Recognizer

            recognizer = Recognizer.load(result.path)
            recognizer.live_call()  # traced here, not on the first live frame
            return recognizer

        def done(recognizer: Any) -> None:
            state.faces.set(state.faces.value.ready(recognizer, result.path))
            if shiboken6.isValid(self):
                self.message.setText(text)

        def failed(message: str, tb: str) -> None:
            if shiboken6.isValid(self):
                self.message.setText(self.tr("The recogniser could not be loaded: {0}").format(message))

        self.message.setText(self.tr("Loading the recogniser…"))
        run_in_worker(load, done, failed)

    def _things_run_ended(self) -> None:
        run, self._things_run = self._things_run, None
        if run is not None:
            run.deleteLater()
        self.retrain_progress.hide()
        self.cancel_retrain_button.hide()
        self._update_retrain()
