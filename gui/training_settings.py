"""The Training tab's settings form: what to train and the lectures' hyperparameters, as a typed config."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from gui.file_dialogs import existing_folder
from gui.follow import follow
from gui.i18n import core_text, error_text, number, percent, ui_locale
from gui.tooltip import wrapped
from models.digit_model import ACTIVATIONS, parse_hidden
from training.backbone_choice import BACKBONES, backbone_word
from training.configs import (
    KINDS,
    DigitTrainConfig,
    RecognizerTrainConfig,
    TrainConfig,
    default_config,
    digit_config,
)
from training.lr_finder import SENSIBLE_MAX_RATE
from training.run_state import RunState

MIN_LEARNING_RATE = 1e-5

SUMMARY_DELAY_MS = 300  # a typed folder path is scanned once typing pauses, not at every key
MAX_LEARNING_RATE = 1e5  # far past any sensible rate: a student can watch overshoot, then divergence
GRADIENT_EVERY = 10  # with gradient flow on, each layer is measured every N batches


def _spin(lo: float, hi: float, step: float, decimals: int = 0, tip: str = "") -> QSpinBox | QDoubleSpinBox:
    box: QSpinBox | QDoubleSpinBox
    if decimals:
        box = QDoubleSpinBox()
        box.setDecimals(decimals)
        box.setSingleStep(step)
    else:
        box = QSpinBox()
        box.setSingleStep(int(step))
    box.setRange(lo, hi)
    box.setLocale(ui_locale())  # "0,30" in Portuguese, as the texts around it write numbers
    box.setToolTip(wrapped(tip))
    return box


class WheelOnlyWhenFocused(QObject):
    """An event filter: a spin box or combo box takes wheel steps only once it has the focus.

    Unfocused, the field never sees the wheel event; the scroll area around it gets it and scrolls
    (scrolling past "Label smoothing" once set it from 0.1 to 0). The event is handed to the scroll
    area explicitly: Qt does not pass a wheel event on to the parents of a field that ignores it
    when the event was sent by the program (a test, an accessibility tool) rather than the mouse.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QWidget) or watched.hasFocus():
            return False
        area = watched.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        if area is not None:
            QCoreApplication.sendEvent(area.viewport(), event)  # scrolls the form (a position is not needed)
        return True  # the field itself never takes an unfocused wheel step


class TrainingSettings(QWidget):
    """The form; it keeps ``state.kind``, ``state.data_folder`` and ``state.configs`` up to date.

    Built over existing state (after a language switch) it shows the same
    settings and folder. Defaults come from :func:`training.configs.default_config`.
    """

    validityChanged = Signal(bool)  # whether the settings shown can start a run (bad hidden layers cannot)

    def __init__(self, state: RunState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self._loading = False
        self.valid = True
        self._folder_error = ""  # why the folder typed cannot be trained on ("" when it can, or none is typed yet)

        self.dataset_box = QComboBox()
        # Short names: "Folder of images (one sub-folder per class)" was cut off in the box at any window size.
        self.dataset_box.addItems([self.tr("Digits (MNIST)"), self.tr("Folder of images")])
        self.dataset_box.setToolTip(
            wrapped(
                self.tr(
                    "What to train on: MNIST's handwritten digits, or a folder of your own with one sub-folder "
                    "of images per class"
                )
            )
        )
        self.dataset_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.dataset_box.setMinimumContentsLength(12)
        self.folder_edit = QLineEdit()
        self.folder_edit.setPlaceholderText(self.tr("choose a folder…"))
        self.browse = QPushButton(self.tr("&Browse…"))
        self.browse.setToolTip(wrapped(self.tr("Choose the folder with one sub-folder of images per class")))
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.browse)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        self.epochs = _spin(
            1, 500, 1, tip=self.tr("Passes over the whole training set. More can learn more, or overfit.")
        )
        self.epochs.setSpecialValueText(self.tr("auto"))  # folder runs: the chosen backbone's own default
        self.batch = _spin(
            0, 4096, 16, tip=self.tr("Examples per gradient step. Small: noisy steps; large: smooth but fewer.")
        )
        self.batch.setSpecialValueText(self.tr("auto"))  # 0: the model's own default
        self.lr = _spin(
            MIN_LEARNING_RATE,
            MAX_LEARNING_RATE,
            0.0005,
            5,
            self.tr(
                "Step size of gradient descent. Too high overshoots or diverges, too low crawls. "
                "The learning-rate finder suggests one."
            ),
        )
        self.lr.setSpecialValueText(self.tr("auto"))
        self.lr_hint = QLabel()
        self.lr_hint.setWordWrap(True)
        self.lr_hint.setStyleSheet("color: #d9480f")
        self.lr_hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.network = QComboBox()
        self.network.addItem(self.tr("CNN (convolutional)"), "cnn")
        self.network.addItem(self.tr("MLP (multilayer perceptron)"), "mlp")
        self.network.setToolTip(
            wrapped(
                self.tr(
                    "CNN: small filters slide over the image and find strokes wherever they are. "
                    "MLP: every neuron sees all 784 pixels at once; the network of the first lectures."
                )
            )
        )
        self.hidden = QLineEdit()
        self.hidden.setPlaceholderText("16,16")
        self.hidden.setToolTip(
            wrapped(
                self.tr(
                    "Hidden layers, as neurons per layer separated by commas: 16,16 is two layers of 16. "
                    "A neuron adds up its weighted inputs and passes the sum through the activation; "
                    "a hidden layer is a row of neurons between the pixels and the ten digits."
                )
            )
        )
        self.hidden_error = QLabel()
        self.hidden_error.setWordWrap(True)
        self.hidden_error.setStyleSheet("color: #b00020")
        self.hidden_error.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.activation = QComboBox()
        self.activation.addItems(list(ACTIVATIONS))
        self.activation.setToolTip(
            wrapped(
                self.tr(
                    "Activation: the function a neuron applies to its sum. sigmoid squashes to 0…1 and its "
                    "slope is at most 0.25, so in deep networks gradients shrink layer by layer; tanh "
                    "squashes to −1…1; relu keeps positive sums as they are and passes gradients undamped."
                )
            )
        )
        self.gradient_flow = QCheckBox(self.tr("Show &gradient flow"))
        self.gradient_flow.setToolTip(
            wrapped(
                self.tr(
                    "While training, plot how strongly each layer is told to change (its gradient norm) and how "
                    "much its weights actually change per step. If the first layers' lines lie far below the "
                    "last ones', the gradient vanishes on its way back and those layers hardly learn. "
                    "It costs some time per batch."
                )
            )
        )
        self.optimizer = QComboBox()
        for label, key in (
            ("Adam", "adam"),
            ("SGD", "sgd"),
            (self.tr("SGD with momentum"), "momentum"),
            ("Adagrad", "adagrad"),
        ):
            self.optimizer.addItem(label, key)
        self.optimizer.setToolTip(
            wrapped(self.tr("How the gradient becomes a step: plain SGD, SGD with momentum, Adagrad or Adam."))
        )
        self.decay = QCheckBox(self.tr("warm-up, then cosine decay"))
        self.decay.setToolTip(
            wrapped(self.tr("Learning-rate decay: start gently, then shrink the steps so training settles."))
        )
        self.dropout = _spin(
            0.0, 0.9, 0.05, 2, self.tr("Dropout: randomly silence this share of neurons while training.")
        )
        self.l2 = _spin(0.0, 0.1, 0.0001, 5, self.tr("L2 weight decay: penalise large weights to fight overfitting."))
        self.smoothing = _spin(
            0.0,
            0.5,
            0.05,
            2,
            self.tr(
                "Label smoothing: the target gives the true digit 1 − s and spreads s over all ten, "
                "so the network is not pushed to total certainty. The loss then cannot reach 0."
            ),
        )
        self.val_split = _spin(
            0.02, 0.45, 0.01, 3, self.tr("Share of the training images held out to measure overfitting.")
        )
        self.augment = QCheckBox(self.tr("augmentation"))
        self.augment.setToolTip(
            wrapped(
                self.tr(
                    "Show the network varied copies (rotated, shifted, thicker strokes) of each image. "
                    "Digits: also typed and hand-drawn digits like the canvas's ({0} more images). "
                    "Folders: for CNNs that see pictures (scratch, fine-tuning), not frozen features."
                ).format(percent(DigitTrainConfig().canvas_share))
            )
        )
        self.seed = _spin(0, 999999, 1, tip=self.tr("Random seed: the same seed and settings give the same run."))
        self.backbone = QComboBox()
        for backbone in ("auto", *BACKBONES):  # the CLI's choices, named in the window's language
            self.backbone.addItem(core_text(backbone_word(backbone)), backbone)
        self.backbone.setToolTip(
            wrapped(
                self.tr(
                    "Transfer learning: start from a pretrained feature extractor ({0}, {1}) "
                    "or train a small CNN from scratch ({2})."
                ).format(*(core_text(backbone_word(b)) for b in BACKBONES))
            )
        )
        self.fine_tune = _spin(0, 150, 5, tip=self.tr("Transfer learning: also retrain the backbone's top N layers."))
        self.limit = _spin(
            0, 60000, 1000, tip=self.tr("Use only the first N training images (0: all). For quick tries.")
        )
        self.limit.setSpecialValueText(self.tr("all"))  # 0 read as "none" to a person

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("Train"), self.dataset_box)
        form.addRow(self.tr("Folder"), folder_row)
        form.addRow(self.summary)
        form.addRow(self.tr("Epochs"), self.epochs)
        form.addRow(self.tr("Batch size"), self.batch)
        form.addRow(self.tr("Network"), self.network)
        form.addRow(self.tr("Hidden layers"), self.hidden)
        form.addRow(self.hidden_error)
        form.addRow(self.tr("Activation"), self.activation)
        form.addRow(self.tr("Gradient flow"), self.gradient_flow)
        form.addRow(self.tr("Learning rate"), self.lr)
        form.addRow(self.lr_hint)
        form.addRow(self.tr("Optimizer"), self.optimizer)
        form.addRow(self.tr("Learning-rate decay"), self.decay)
        form.addRow(self.tr("Dropout"), self.dropout)
        form.addRow(self.tr("L2 weight decay"), self.l2)
        form.addRow(self.tr("Label smoothing"), self.smoothing)
        form.addRow(self.tr("Validation split"), self.val_split)
        form.addRow(self.tr("Augmentation"), self.augment)
        form.addRow(self.tr("Random seed"), self.seed)
        form.addRow(self.tr("Backbone"), self.backbone)
        form.addRow(self.tr("Fine-tune top layers"), self.fine_tune)
        form.addRow(self.tr("Training images"), self.limit)
        self.folder_widgets: list[QWidget] = [self.folder_edit, self.browse, self.backbone, self.fine_tune]
        self._form = form
        # Rows that mean nothing for a folder run: hidden there, not shown disabled ("MLP", "Show gradient flow").
        self.digits_rows: list[QWidget] = [
            self.network,
            self.hidden,
            self.activation,
            self.gradient_flow,
            self.smoothing,
            self.limit,
        ]
        self.digits_widgets: list[QWidget] = [self.limit, self.smoothing, self.network, self.gradient_flow]
        self.mlp_widgets: list[QWidget] = [self.hidden, self.activation]

        # Fields take the focus by click or Tab, never by the wheel (Qt.WheelFocus), and take wheel steps
        # only while focused: otherwise the wheel scrolls the form.
        self._wheel_guard = WheelOnlyWhenFocused(self)
        for field in [*self.findChildren(QAbstractSpinBox), *self.findChildren(QComboBox)]:
            field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            field.installEventFilter(self._wheel_guard)

        self._summary_timer = QTimer(self, singleShot=True, interval=SUMMARY_DELAY_MS)
        self._summary_timer.timeout.connect(self._summarise_folder)

        self.folder_edit.setText(state.data_folder.value)
        self._show_kind(state.kind.value)
        self.dataset_box.currentIndexChanged.connect(lambda i: self.state.kind.set(KINDS[i]))
        follow(self, state.kind.changed, self._show_kind)
        self.folder_edit.textChanged.connect(self._folder_typed)
        self.browse.clicked.connect(self._pick_folder)
        self.backbone.currentIndexChanged.connect(lambda: self._backbone_changed(self.backbone.currentData()))
        for box in (self.epochs, self.batch, self.lr, self.dropout, self.l2, self.smoothing, self.val_split):
            box.valueChanged.connect(self._store)
        for box in (self.seed, self.fine_tune, self.limit):
            box.valueChanged.connect(self._store)
        self.optimizer.currentIndexChanged.connect(self._store)
        for check in (self.decay, self.augment, self.gradient_flow):
            check.toggled.connect(self._store)
        self.network.currentIndexChanged.connect(self._network_changed)
        self.hidden.textChanged.connect(self._store)
        self.activation.currentIndexChanged.connect(self._store)
        self.lr.valueChanged.connect(self._hint_rate)
        self.optimizer.currentIndexChanged.connect(self._hint_rate)
        self._hint_rate()

    # --- state → widgets --------------------------------------------------------------
    def _show_kind(self, kind: str) -> None:
        digits = kind == "digits"
        self._loading = True
        self.dataset_box.setCurrentIndex(KINDS.index(kind))
        self._loading = False
        for w in self.folder_widgets:
            w.setEnabled(not digits)
        for w in self.digits_widgets:
            w.setEnabled(digits)
        for w in self.digits_rows:
            self._form.setRowVisible(w, digits)
        self._load(self.state.configs[kind].value)
        self._check_hidden()
        if digits:
            self.summary.setText(
                self.tr("MNIST: 60,000 training images of 10 digits (a share held out for validation).")
            )
        else:
            self._summarise_folder()

    def _load(self, config: TrainConfig) -> None:
        """Show ``config`` in the widgets without writing it back."""
        self._loading = True
        try:
            # A folder run may leave epochs and rate to the backbone that ``auto`` turns out to be (0: "auto").
            folder = isinstance(config, RecognizerTrainConfig)
            self.epochs.setMinimum(0 if folder else 1)
            self.lr.setMinimum(0.0 if folder else MIN_LEARNING_RATE)
            # "auto" only where the minimum means it (0, folder runs): in Digits mode the minimum is a real 1 epoch.
            self.epochs.setSpecialValueText(self.tr("auto") if folder else "")
            self.lr.setSpecialValueText(self.tr("auto") if folder else "")
            self.epochs.setValue(config.epochs or 0)
            self.batch.setValue(config.batch_size or 0)
            self.lr.setValue(config.learning_rate or 0.0)
            self.optimizer.setCurrentIndex(self.optimizer.findData(config.optimizer))
            self.decay.setChecked(config.lr_decay)
            self.dropout.setValue(config.dropout)
            self.l2.setValue(config.l2)
            self.val_split.setValue(config.validation_split)
            self.augment.setChecked(config.augment)
            self.seed.setValue(config.seed)
            if isinstance(config, DigitTrainConfig):
                self.smoothing.setValue(config.label_smoothing)
                self.limit.setValue(config.limit or 0)
                self.network.setCurrentIndex(self.network.findData(config.network))
                self.hidden.setText(",".join(str(n) for n in config.hidden))
                self.activation.setCurrentText(config.activation)
                self.gradient_flow.setChecked(config.gradient_every > 0)
            else:
                self.backbone.setCurrentIndex(max(0, self.backbone.findData(config.backbone)))
                self.fine_tune.setValue(config.fine_tune_layers)
        finally:
            self._loading = False
        self._show_network()
        self._hint_rate()

    def _show_network(self) -> None:
        mlp = self.state.kind.value == "digits" and self.network.currentData() == "mlp"
        for w in self.mlp_widgets:
            w.setEnabled(mlp)
        self.dropout.setEnabled(self.state.kind.value == "folder" or not mlp)  # the MLP has no dropout layer

    def _hint_rate(self) -> None:
        """A visible warning when the rate is above what suits the optimizer: it may overshoot or diverge."""
        bound = SENSIBLE_MAX_RATE.get(self.optimizer.currentData(), 1.0)
        if self.lr.value() > bound:
            self.lr_hint.setText(
                self.tr(
                    "Above {0} is very high for {1}: the loss may jump about (overshoot) or become NaN (diverge)."
                ).format(number(bound), self.optimizer.currentText())
            )
        else:
            self.lr_hint.setText("")
        self.lr_hint.setVisible(bool(self.lr_hint.text()))

    def _check_hidden(self) -> bool:
        """Whether the hidden layers typed are usable; a clear message under the field when not."""
        ok = True
        if self.state.kind.value == "digits" and self.network.currentData() == "mlp":
            try:
                parse_hidden(self.hidden.text())
            except ValueError:
                ok = False
        self.hidden_error.setText(
            ""
            if ok
            else self.tr("Hidden layers: write neurons per layer separated by commas, e.g. 16,16 (each at least 1).")
        )
        self.hidden_error.setVisible(not ok)
        self._update_validity()
        return ok

    def _update_validity(self) -> None:
        """Tell the tab whether a run can start: good hidden layers, and in folder mode a usable folder."""
        ok = not self.hidden_error.text() and (self.state.kind.value != "folder" or not self._folder_error)
        if ok != self.valid:
            self.valid = ok
            self.validityChanged.emit(ok)

    def _network_changed(self) -> None:
        """A new network starts from the core's defaults for it (the MLP: no augmentation, a higher rate…)."""
        self._show_network()
        if self._loading or self.state.kind.value != "digits":
            return
        network = self.network.currentData()
        current = self.config()
        keep = {"epochs", "limit", "validation_split", "seed", "optimizer", "l2", "hidden", "activation"}
        settings = {k: v for k, v in vars(current).items() if k in keep}
        defaults = digit_config(network, **settings)
        if network == "mlp":
            defaults.gradient_every = GRADIENT_EVERY  # cheap on a small MLP, and what the MLP is here to show
        self.state.configs["digits"].set(defaults)
        self._load(defaults)
        self._check_hidden()

    # --- widgets → state --------------------------------------------------------------
    def config(self) -> TrainConfig:
        """The settings shown, as the typed config of the chosen kind."""
        kind = self.state.kind.value
        common = {
            "epochs": self.epochs.value(),
            "learning_rate": self.lr.value(),
            "optimizer": self.optimizer.currentData(),
            "lr_decay": self.decay.isChecked(),
            "dropout": self.dropout.value(),
            "l2": self.l2.value(),
            "validation_split": self.val_split.value(),
            "augment": self.augment.isChecked(),
            "seed": self.seed.value(),
        }
        base = self.state.configs[kind].value
        if kind == "digits":
            assert isinstance(base, DigitTrainConfig)
            try:
                hidden = parse_hidden(self.hidden.text())
            except ValueError:
                hidden = base.hidden  # shown as an error under the field; Train stays disabled
            return replace(
                base,
                **common,
                batch_size=self.batch.value() or DigitTrainConfig.batch_size,
                label_smoothing=self.smoothing.value(),
                limit=self.limit.value() or None,
                network=self.network.currentData(),
                hidden=hidden,
                activation=self.activation.currentText(),
                gradient_every=GRADIENT_EVERY if self.gradient_flow.isChecked() else 0,
            )
        assert isinstance(base, RecognizerTrainConfig)
        return replace(
            base,
            **{**common, "epochs": self.epochs.value() or None, "learning_rate": self.lr.value() or None},
            batch_size=self.batch.value() or None,
            backbone=self.backbone.currentData(),
            fine_tune_layers=self.fine_tune.value(),
        )

    def _store(self) -> None:
        if not self._loading:
            self._check_hidden()
            self.state.configs[self.state.kind.value].set(self.config())

    def _backbone_changed(self, backbone: str) -> None:
        """A folder run's epochs and learning rate follow the backbone (one function gives them)."""
        if self._loading or self.state.kind.value != "folder":
            return
        defaults = default_config("folder", backbone)
        self._loading = True
        self.epochs.setValue(defaults.epochs or 0)
        self.lr.setValue(defaults.learning_rate or 0.0)
        self._loading = False
        self._store()

    def _pick_folder(self) -> None:
        path = existing_folder(self, "training folder", self.tr("Folder with one sub-folder per class"))
        if path:
            self.folder_edit.setText(path)
            self._summarise_folder()

    def _folder_typed(self, text: str) -> None:
        self.state.data_folder.set(text.strip())
        self._summary_timer.start()  # restarted by each key: one scan when typing pauses

    def _summarise_folder(self) -> None:
        from training.folder_dataset import scan_folder

        self._summary_timer.stop()
        self._folder_error = ""
        try:
            if self.state.kind.value != "folder":
                return
            text = self.folder_edit.text().strip()
            if not text:
                self.summary.setText(self.tr("Choose a folder with one sub-folder of images per class."))
                return
            try:
                dataset = scan_folder(text)
            except (OSError, ValueError) as exc:
                # Train stays disabled while the folder cannot be used: a run would only fail seconds later.
                self._folder_error = self.tr("Not usable: {0}").format(error_text(exc))
                self.summary.setText(self._folder_error)
                return
        finally:
            self._update_validity()
        warnings = [self.tr("warning: {0}").format(core_text(w)) for w in dataset.warnings()]
        self.summary.setText("\n".join([dataset.summary(core_text), *warnings]))
