"""The Faces tab: name people (or pets) live from a camera, a video file or an image folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal
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
from gui.video_threads import CaptureThread, RecognitionThread
from gui.worker import run_in_worker
from models.frame_source import FrameSource, describe, parse_source
from models.latest import Latest
from models.paths import faces_in_use, people_dir, user_data_dir

ENROL_PROMPTS = [
    "Look straight at the camera",
    "Turn your head a little to the left",
    "Turn your head a little to the right",
    "Tilt your head up a little",
    "Tilt your head down a little",
    "Smile!",
    "Move a bit closer",
    "Move a bit further away",
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
        self._enrol: dict | None = None

        self.source_box = QComboBox()
        self.source_box.setEditable(True)
        self.source_box.addItems(["0", "1"])
        self.source_box.setToolTip("A camera number (0 is the usual webcam), or a video file or image folder")
        self.source_box.setMinimumWidth(220)
        browse_video = QPushButton("Video…")
        browse_video.clicked.connect(self._pick_video)
        browse_folder = QPushButton("Folder…")
        browse_folder.clicked.connect(self._pick_folder)
        self.start_button = QPushButton("Start")
        self.start_button.clicked.connect(self._toggle)

        self.model_label = QLabel("No recogniser yet: add two people, or load a model.")
        self.model_label.setWordWrap(True)
        load_button = QPushButton("Load model…")
        load_button.clicked.connect(self._pick_model)
        self.add_button = QPushButton("Add person…")
        self.add_button.setToolTip("Name a person, then take a few photos from the camera; the model retrains")
        self.add_button.clicked.connect(self.start_enrolment)
        still_button = QPushButton("Classify image…")
        still_button.clicked.connect(self._pick_still)

        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 100)
        self.slider.setEnabled(False)
        self.slider.valueChanged.connect(self._threshold_moved)
        self.slider_label = QLabel("Unknown threshold")
        self.slider.setToolTip(
            "How far a face may be from a person's enrolled photos and still be named. "
            "Lower: stricter, more 'Unknown'. Higher: looser, more mistakes."
        )
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.retry_button = QPushButton("Retry")
        self.retry_button.hide()
        self.retry_button.clicked.connect(self.start)

        self.view = CameraView()

        top = QHBoxLayout()
        top.addWidget(QLabel("Source:"))
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

        self.model_label.setText(f"Loading {Path(path).name}…")
        run_in_worker(lambda: load_recognizer(path), self.set_recognizer, self._model_failed)

    def set_recognizer(self, recognizer: Any) -> None:
        """Use a loaded ``models.recognizer.Recognizer``."""
        self.recognizer = recognizer
        if self.recognition is not None:
            self.recognition.recognizer = recognizer
        meta = recognizer.metadata
        names = ", ".join(recognizer.classes[:8]) + ("…" if len(recognizer.classes) > 8 else "")
        accuracy = meta.get("val_accuracy")
        extra = f"; validation accuracy {100 * accuracy:.0f}%" if accuracy is not None else ""
        self.model_label.setText(
            f"Recogniser: {len(recognizer.classes)} classes ({names}); backbone {recognizer.backbone}{extra}."
        )
        self.slider.setEnabled(True)
        self.slider.blockSignals(True)
        if recognizer.backbone == "face":
            self.slider.setValue(round(100 * recognizer.distance_threshold))
        else:
            self.slider.setValue(round(100 * max(recognizer.confidence_threshold, 0.2)))
        self.slider.blockSignals(False)
        self._threshold_moved(self.slider.value())

    def _model_failed(self, message: str, tb: str) -> None:
        self.model_label.setText(f"The recogniser could not be loaded: {message}")

    def _threshold_moved(self, value: int) -> None:
        if self.recognizer is None:
            return
        if self.recognizer.backbone == "face":
            self.recognizer.distance_threshold = value / 100
            self.slider_label.setText(f"Unknown beyond distance {value / 100:.2f}")
        else:
            self.recognizer.confidence_threshold = value / 100
            self.slider_label.setText(f"Unknown below {value}% confidence")
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
        self.message.setText(f"Opening {describe(source)}…")
        self.view.show_message(f"Opening {describe(source)}…")
        mailbox: Latest[np.ndarray] = Latest()
        self.capture = CaptureThread(FrameSource(source), mailbox)
        self.recognition = RecognitionThread(mailbox)
        self.recognition.recognizer = self.recognizer
        self.capture.frameReady.connect(self._frame)
        self.capture.failed.connect(self._source_failed)
        self.capture.ended.connect(self._source_ended)
        self.recognition.recognized.connect(self._recognized)
        self.recognition.failed.connect(self.message.setText)
        self.capture.start()
        self.recognition.start()
        self.start_button.setText("Stop")

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
        self.start_button.setText("Start")

    def _frame(self, rgb: np.ndarray) -> None:
        if self.sender() is not self.capture:
            return  # a late frame from a stopped source
        self.last_frame = rgb
        if not self.message.text().startswith(("Add", "Photo")):
            self.message.setText("")
        self.view.show_frame(rgb)

    def _recognized(self, found: list, seconds: float) -> None:
        if self.sender() is not self.recognition:
            return
        self.label_updates += 1
        self.last_found = found
        self.view.show_recognitions(found)

    def _source_failed(self, message: str) -> None:
        self.stop()
        self.message.setText(f"{message}. Check the source and press Retry.")
        self.view.show_message(message)
        self.retry_button.show()

    def _source_ended(self) -> None:
        self.stop()
        self.message.setText("The video ended. Press Retry to play it again.")
        self.view.show_message("The video ended.")
        self.retry_button.show()
        if self._enrol is not None:
            self._finish_enrolment()

    # --- stills ------------------------------------------------------------------------
    def classify_file(self, path: Path | str) -> None:
        """Recognise the subjects in one image file and show it (stops the live video)."""
        if self.recognizer is None:
            self.message.setText("Load or train a recogniser first.")
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
            names = ", ".join(f"{r.label} ({100 * r.confidence:.0f}%)" for r in found) or "nobody"
            self.message.setText(f"{Path(path).name}: {names}")

        self.message.setText(f"Classifying {Path(path).name}…")
        run_in_worker(work, done, lambda msg, tb: self.message.setText(f"Could not classify {Path(path).name}: {msg}"))

    # --- enrolment ---------------------------------------------------------------------
    def start_enrolment(self, name: str | None = None, count: int = 6) -> None:
        """Ask for a name, then save ``count`` camera frames that show a face, prompting poses."""
        if name is None:
            name, ok = QInputDialog.getText(self, "Add person", "Name of the person (or pet):")
            if not ok:
                return
        name = name.strip()
        if not name or any(c in name for c in '/\\:*?"<>|') or name.startswith("."):
            QMessageBox.warning(self, "Add person", 'Please use a name without / \\ : * ? " < > |.')
            return
        if self.capture is None:
            self.start()
        folder = people_dir() / name
        folder.mkdir(parents=True, exist_ok=True)
        self._enrol = {"name": name, "folder": folder, "saved": 0, "count": count, "faces": None}
        self.add_button.setEnabled(False)
        self.message.setText(f"Add {name}: {ENROL_PROMPTS[0]}")
        self._enrol_timer.start()

    def _enrol_step(self) -> None:
        enrol = self._enrol
        if enrol is None or self.last_frame is None:
            return
        if enrol["faces"] is None:
            from models.face_features import FaceFeatures

            try:
                enrol["faces"] = FaceFeatures()
            except (ModuleNotFoundError, FileNotFoundError) as exc:
                self.message.setText(str(exc))
                self._finish_enrolment()
                return
        frame = self.last_frame
        if not enrol["faces"].detect(frame, live=True):
            self.message.setText(f"Add {enrol['name']}: no face in view — {ENROL_PROMPTS[enrol['saved']]}")
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
        prompt = ENROL_PROMPTS[enrol["saved"] % len(ENROL_PROMPTS)]
        self.message.setText(f"Photo {enrol['saved']}/{enrol['count']} of {enrol['name']} saved. {prompt}")

    def _finish_enrolment(self) -> None:
        self._enrol_timer.stop()
        enrol, self._enrol = self._enrol, None
        self.add_button.setEnabled(True)
        if enrol is None:
            return
        people = [p for p in people_dir().iterdir() if p.is_dir() and any(p.iterdir())]
        if len(people) < 2:
            self.message.setText(f"Saved {enrol['saved']} photos of {enrol['name']}. Add one more person to train.")
            return
        self.message.setText(f"Saved {enrol['saved']} photos of {enrol['name']}. Retraining…")
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
            self.message.setText(f"Retrained on {len(result.classes)} people in {result.seconds:.1f} s.")

        run_in_worker(work, done, lambda msg, tb: self.message.setText(f"Retraining failed: {msg}"))

    # --- pickers -----------------------------------------------------------------------
    def _pick_video(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Video file", "", "Videos (*.mp4 *.avi *.mov *.mkv *.webm);;All (*)"
        )
        if path:
            self.set_source(path)
            self.start()

    def _pick_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Image folder")
        if path:
            self.set_source(path)
            self.start()

    def _pick_model(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Recogniser", str(user_data_dir()), "Keras models (*.keras)")
        if path:
            self.load_model_in_background(path)

    def _pick_still(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Image", "", "Images (*.png *.jpg *.jpeg *.gif *.bmp *.pgm *.webp)")
        if path:
            self.classify_file(path)
