"""The Faces tab: name people (or pets) live from a camera, a video file or an image folder."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from gui.camera_view import CameraView
from gui.i18n import core_text
from gui.video_threads import CaptureThread, RecognitionThread
from gui.worker import run_in_worker
from models.frame_source import FrameSource, describe, parse_source
from models.latest import Latest
from models.paths import faces_in_use, people_dir, user_data_dir

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


class FacesTab(QWidget):
    """Live recognition with an open set ("Unknown"), enrolment from the camera and still images."""

    status = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recognizer: Any = None
        self.capture: CaptureThread | None = None
        self.recognition: RecognitionThread | None = None
        self.last_found: list = []
        self.last_frame: np.ndarray | None = None
        self.label_updates = 0
        self.recognize_in_processes = True  # faces in child processes (see gui.video_threads)
        self._enrol: dict | None = None
        self._opening = False  # the message says "Opening…" until the first frame

        self.source_box = QComboBox()
        self.source_box.setEditable(True)
        self.source_box.addItems(["0", "1"])
        self.source_box.setToolTip(self.tr("A camera number (0 is the usual webcam), or a video file or image folder"))
        self.source_box.setMinimumWidth(220)
        browse_video = QPushButton(self.tr("Video…"))
        browse_video.clicked.connect(self._pick_video)
        browse_folder = QPushButton(self.tr("Folder…"))
        browse_folder.clicked.connect(self._pick_folder)
        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.clicked.connect(self._toggle)

        self.model_label = QLabel(self.tr("No recogniser yet: add two people, or load a model."))
        self.model_label.setWordWrap(True)
        load_button = QPushButton(self.tr("Load model…"))
        load_button.clicked.connect(self._pick_model)
        self.add_button = QPushButton(self.tr("Add person…"))
        self.add_button.setToolTip(self.tr("Name a person, then take a few photos from the camera; the model retrains"))
        self.add_button.clicked.connect(self.start_enrolment)
        still_button = QPushButton(self.tr("Classify image…"))
        still_button.clicked.connect(self._pick_still)

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
        self.retry_button = QPushButton(self.tr("Retry"))
        self.retry_button.hide()
        self.retry_button.clicked.connect(self.start)

        self.view = CameraView()

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Source:")))
        top.addWidget(self.source_box)
        top.addWidget(browse_video)
        top.addWidget(browse_folder)
        top.addWidget(self.start_button)
        top.addStretch(1)
        top.addWidget(still_button)
        top.addWidget(self.add_button)
        top.addWidget(load_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.slider_label)
        bottom.addWidget(self.slider, 1)
        bottom.addWidget(self.retry_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.model_label)
        layout.addWidget(self.message)

        self._enrol_timer = QTimer(self, interval=ENROL_INTERVAL_MS)
        self._enrol_timer.timeout.connect(self._enrol_step)

    # --- model -------------------------------------------------------------------------
    def load_model_in_background(self, path: Path | str) -> None:
        """Load a recogniser file in a worker (imports TensorFlow and dlib there)."""
        from gui.app import load_recognizer

        self.model_label.setText(self.tr("Loading {0}…").format(Path(path).name))
        run_in_worker(lambda: load_recognizer(path), self.set_recognizer, self._model_failed)

    def set_recognizer(self, recognizer: Any) -> None:
        """Use a loaded ``models.recognizer.Recognizer``."""
        self.recognizer = recognizer
        if self.recognition is not None:
            self.recognition.recognizer = recognizer
        meta = recognizer.metadata
        names = ", ".join(recognizer.classes[:8]) + ("…" if len(recognizer.classes) > 8 else "")
        accuracy = meta.get("val_accuracy")
        text = self.tr("Recogniser: {0} classes ({1}); backbone {2}.").format(
            len(recognizer.classes), names, recognizer.backbone
        )
        if accuracy is not None:
            text += " " + self.tr("Validation accuracy {0:.0f}%.").format(100 * accuracy)
        self.model_label.setText(text)
        self.slider.setEnabled(True)
        self.slider.blockSignals(True)
        if recognizer.backbone == "face":
            self.slider.setValue(round(100 * recognizer.distance_threshold))
        else:
            self.slider.setValue(round(100 * max(recognizer.confidence_threshold, 0.2)))
        self.slider.blockSignals(False)
        self._threshold_moved(self.slider.value())

    def _model_failed(self, message: str, tb: str) -> None:
        self.model_label.setText(self.tr("The recogniser could not be loaded: {0}").format(message))

    def _threshold_moved(self, value: int) -> None:
        if self.recognizer is None:
            return
        if self.recognizer.backbone == "face":
            self.recognizer.distance_threshold = value / 100
            self.slider_label.setText(self.tr("Unknown beyond distance {0:.2f}").format(value / 100))
        else:
            self.recognizer.confidence_threshold = value / 100
            self.slider_label.setText(self.tr("Unknown below {0}% confidence").format(value))
        self.last_found = self.recognizer.relabel(self.last_found)
        self.view.show_recognitions(self.last_found)

    # --- live video --------------------------------------------------------------------
    def set_source(self, text: str) -> None:
        """Put a camera number, video file or image folder in the source box."""
        self.source_box.setCurrentText(str(text))

    def _toggle(self) -> None:
        if self.capture is not None:
            self.stop()
        else:
            self.start()

    def start(self) -> None:
        """Start reading the chosen source and recognising its frames."""
        self.stop()
        source = parse_source(self.source_box.currentText())
        self.retry_button.hide()
        opening = self.tr("Opening {0}…").format(core_text(describe(source)))
        self.message.setText(opening)
        self.view.show_message(opening)
        self._opening = True
        mailbox: Latest[np.ndarray] = Latest()
        self.capture = CaptureThread(FrameSource(source), mailbox)
        self.recognition = RecognitionThread(mailbox, use_processes=self.recognize_in_processes)
        self.recognition.recognizer = self.recognizer
        self.capture.frameReady.connect(self._frame)
        self.capture.failed.connect(self._source_failed)
        self.capture.ended.connect(self._source_ended)
        self.recognition.recognized.connect(self._recognized)
        self.recognition.failed.connect(self._recognition_failed)
        self.capture.start()
        self.recognition.start()
        self.start_button.setText(self.tr("Stop"))

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
        self.start_button.setText(self.tr("Start"))

    @Slot(object)
    def _frame(self, rgb: np.ndarray) -> None:
        if self.sender() is not self.capture:
            return  # a late frame from a stopped source
        self.last_frame = rgb
        if self._opening:  # the first frame answers "Opening…"; other messages stay
            self._opening = False
            self.message.setText("")
        self.view.show_frame(rgb)

    @Slot(object, float)
    def _recognized(self, found: list, seconds: float) -> None:
        if self.sender() is not self.recognition:
            return
        self.label_updates += 1
        self.last_found = found
        self.view.show_recognitions(found)

    @Slot(str)
    def _recognition_failed(self, message: str) -> None:
        self.message.setText(message)

    @Slot(str)
    def _source_failed(self, message: str) -> None:
        self.stop()
        self.message.setText(self.tr("{0}. Check the source and press Retry.").format(message))
        self.view.show_message(message)
        self.retry_button.show()

    @Slot()
    def _source_ended(self) -> None:
        self.stop()
        self.message.setText(self.tr("The video ended. Press Retry to play it again."))
        self.view.show_message(self.tr("The video ended."))
        self.retry_button.show()
        if self._enrol is not None:
            self._finish_enrolment()

    # --- stills ------------------------------------------------------------------------
    def classify_file(self, path: Path | str) -> None:
        """Recognise the subjects in one image file and show it (stops the live video)."""
        if self.recognizer is None:
            self.message.setText(self.tr("Load or train a recogniser first."))
            return
        self.stop()
        recognizer = self.recognizer

        def work():
            from models.image_io import read_image
            from training.folder_dataset import as_rgb

            rgb = as_rgb(read_image(path))
            return rgb, recognizer.recognize(rgb)

        def done(result) -> None:
            rgb, found = result
            self.last_frame, self.last_found = rgb, found
            self.view.show_frame(rgb)
            self.view.show_recognitions(found)
            unknown = self.tr("Unknown")
            names = ", ".join(f"{r.label if r.known else unknown} ({100 * r.confidence:.0f}%)" for r in found)
            self.message.setText(f"{Path(path).name}: {names or self.tr('nobody')}")

        self.message.setText(self.tr("Classifying {0}…").format(Path(path).name))
        failed = self.tr("Could not classify {0}: {1}")
        run_in_worker(work, done, lambda msg, tb: self.message.setText(failed.format(Path(path).name, msg)))

    # --- enrolment ---------------------------------------------------------------------
    def start_enrolment(self, name: str | None = None, count: int = 6) -> None:
        """Ask for a name, then save ``count`` camera frames that show a face, prompting poses."""
        if name is None:
            name, ok = QInputDialog.getText(self, self.tr("Add person"), self.tr("Name of the person (or pet):"))
            if not ok:
                return
        name = name.strip()
        if not name or any(c in name for c in '/\\:*?"<>|') or name.startswith("."):
            QMessageBox.warning(self, self.tr("Add person"), self.tr('Please use a name without / \\ : * ? " < > |.'))
            return
        if self.capture is None:
            self.start()
        folder = people_dir() / name
        folder.mkdir(parents=True, exist_ok=True)
        self._enrol = {"name": name, "folder": folder, "saved": 0, "count": count, "faces": None, "checking": False}
        self.add_button.setEnabled(False)
        self.message.setText(self.tr("Add {0}: {1}").format(name, self.tr(ENROL_PROMPTS[0])))
        self._enrol_timer.start()

    def _enrol_step(self) -> None:
        enrol = self._enrol
        if enrol is None or self.last_frame is None or enrol["checking"]:
            return
        # Loading dlib's models and looking for a face take up to a second: not on the GUI thread.
        enrol["checking"] = True
        frame = self.last_frame

        def has_face() -> bool:
            if enrol["faces"] is None:
                from models.face_features import FaceFeatures

                enrol["faces"] = FaceFeatures()
            return bool(enrol["faces"].detect(frame, live=True))

        run_in_worker(has_face, lambda found: self._enrol_checked(enrol, frame, found), self._enrol_failed)

    def _enrol_failed(self, message: str, tb: str) -> None:
        print(tb, file=sys.stderr)
        self.message.setText(message)
        self._finish_enrolment()

    def _enrol_checked(self, enrol: dict, frame: np.ndarray, found: bool) -> None:
        enrol["checking"] = False
        if enrol is not self._enrol:
            return  # finished or cancelled meanwhile
        if not found:
            prompt = self.tr(ENROL_PROMPTS[enrol["saved"] % len(ENROL_PROMPTS)])
            self.message.setText(self.tr("Add {0}: no face in view — {1}").format(enrol["name"], prompt))
            return
        from PIL import Image

        index = len(list(enrol["folder"].glob("*.jpg")))
        path = enrol["folder"] / f"{enrol['name']}_{index + 1:03d}.jpg"
        tmp = path.with_suffix(".tmp")
        Image.fromarray(frame).save(tmp, format="JPEG", quality=92)
        tmp.replace(path)
        enrol["saved"] += 1
        if enrol["saved"] >= enrol["count"]:
            self._finish_enrolment()
            return
        prompt = self.tr(ENROL_PROMPTS[enrol["saved"] % len(ENROL_PROMPTS)])
        self.message.setText(
            self.tr("Photo {0}/{1} of {2} saved. {3}").format(enrol["saved"], enrol["count"], enrol["name"], prompt)
        )

    def _finish_enrolment(self) -> None:
        self._enrol_timer.stop()
        enrol, self._enrol = self._enrol, None
        self.add_button.setEnabled(True)
        if enrol is None:
            return
        people = [p for p in people_dir().iterdir() if p.is_dir() and any(p.iterdir())]
        if len(people) < 2:
            self.message.setText(
                self.tr("Saved {0} photos of {1}. Add one more person to train.").format(enrol["saved"], enrol["name"])
            )
            return
        self.message.setText(self.tr("Saved {0} photos of {1}. Retraining…").format(enrol["saved"], enrol["name"]))
        self.retrain()

    def retrain(self) -> None:
        """Retrain the recogniser on everyone in the people folder (fast: embeddings are cached)."""
        out = faces_in_use()

        def work():
            from models.recognizer import Recognizer
            from training.recognizer_training import RecognizerTrainConfig, train_recognizer

            result = train_recognizer(people_dir(), RecognizerTrainConfig(backbone="face"), out=out)
            return result, Recognizer.load(out)

        def done(value) -> None:
            result, recognizer = value
            self.set_recognizer(recognizer)
            self.message.setText(
                self.tr("Retrained on {0} people in {1:.1f} s.").format(len(result.classes), result.seconds)
            )

        failed = self.tr("Retraining failed: {0}")
        run_in_worker(work, done, lambda msg, tb: self.message.setText(failed.format(msg)))

    # --- pickers -----------------------------------------------------------------------
    def _pick_video(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Video file"), "", self.tr("Videos (*.mp4 *.avi *.mov *.mkv *.webm);;All (*)")
        )
        if path:
            self.set_source(path)
            self.start()

    def _pick_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Image folder"))
        if path:
            self.set_source(path)
            self.start()

    def _pick_model(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Recogniser"), str(user_data_dir()), self.tr("Keras models (*.keras)")
        )
        if path:
            self.load_model_in_background(path)

    def _pick_still(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Image"), "", self.tr("Images (*.png *.jpg *.jpeg *.gif *.bmp *.pgm *.webp)")
        )
        if path:
            self.classify_file(path)
