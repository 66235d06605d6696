"""Settings of the training runs, free of Keras so the window can show their defaults at start-up."""

from __future__ import annotations

from dataclasses import dataclass, replace

# Per-backbone defaults of a recognizer run (RecognizerTrainConfig fields left at None).
DEFAULT_EPOCHS = {"face": 150, "imagenet": 60, "scratch": 40}
HEAD_LEARNING_RATE = 0.01  # a softmax head on frozen features
SCRATCH_LEARNING_RATE = 2e-3  # a CNN from scratch


@dataclass
class DigitTrainConfig:
    """Hyperparameters of a digit-training run; the defaults reach ≥ 99.6% on MNIST."""

    epochs: int = 15
    batch_size: int = 128
    learning_rate: float = 2e-3
    optimizer: str = "adam"
    lr_decay: bool = True  # warm up for one epoch, then cosine decay to zero
    dropout: float = 0.3
    l2: float = 0.0
    label_smoothing: float = 0.1  # aim at 0.91 for the true class, not 1: less overconfident
    validation_split: float = 5000 / 60000
    augment: bool = True
    # With augment: typed and hand-drawn canvas digits added to training, as a share of the MNIST images
    # (MNIST alone is one pen on paper; the canvas sees fonts, markers, any hand).
    canvas_share: float = 0.15
    # Non-digits (letters, shapes, scribbles: training.non_digits) learned as an 11th answer, "not a
    # digit", as a share of the MNIST images; 0: the ten digits only (the CNN only).
    non_digit_share: float = 0.0
    seed: int = 1
    limit: int | None = None  # use only the first N training images (quick runs, tests)
    mnist_dir: str | None = None
    network: str = "cnn"  # "cnn" (the shipped design) | "mlp" (built from ``hidden`` and ``activation``)
    hidden: tuple[int, ...] = (16, 16)  # mlp: neurons per hidden layer, first to last
    activation: str = "sigmoid"  # mlp: sigmoid | tanh | relu
    gradient_every: int = 0  # every N batches report each layer's gradient norm and update/weight ratio; 0: off

    def __post_init__(self) -> None:
        # Settings read back from JSON (run records, metadata) give a list: keep configs comparable.
        self.hidden = tuple(int(n) for n in self.hidden)


NON_DIGIT_SHARE = 0.2  # `digits train --not-a-digit`: 11,000 non-digits beside 55,000 MNIST digits
TEACH_STEPS = 150  # *Teach it my handwriting*: steps of fine-tuning (training.handwriting.TeachConfig)

# What a run of the lectures' perceptron starts from (measured: benchmarks/mlp_epoch.py): plain
# preprocessed MNIST, no augmentation or smoothing, large batches and a rate that suits sigmoid.
MLP_DEFAULTS = {
    "epochs": 5,
    "batch_size": 256,
    "learning_rate": 1e-2,
    "lr_decay": False,
    "dropout": 0.0,
    "label_smoothing": 0.0,
    "augment": False,
}


def digit_config(network: str = "cnn", **settings: object) -> DigitTrainConfig:
    """A digit run's settings: the chosen network's defaults, then ``settings`` on top."""
    base = DigitTrainConfig(network=network)
    if network == "mlp":
        base = replace(base, **MLP_DEFAULTS)
    return replace(base, **settings)


@dataclass
class RecognizerTrainConfig:
    """Settings of a recognizer run. ``None`` picks a default per backbone.

    The head on face or ImageNet features trains with ``learning_rate`` 0.01
    for 150 (face) or 60 (ImageNet) epochs, face embeddings in one full
    batch; the CNN from scratch trains at 0.002 for 40 epochs in batches of 32.
    ``augment`` varies the pictures a CNN learns from (scratch and
    fine-tuning); frozen features are computed once, so it has no effect there.
    """

    backbone: str = "auto"  # auto | face | imagenet | scratch
    epochs: int | None = None
    learning_rate: float | None = None
    batch_size: int | None = None
    optimizer: str = "adam"
    lr_decay: bool = False
    dropout: float = 0.2
    l2: float = 1e-4
    augment: bool = True
    validation_split: float = 0.2  # used only when every class has at least 5 images
    seed: int = 1
    imagenet_weights: str | None = "imagenet"  # None: random weights (tests)
    fine_tune_layers: int = 0  # imagenet: after the head, also train the backbone's top N layers
    fine_tune_epochs: int = 5


TrainConfig = DigitTrainConfig | RecognizerTrainConfig
KINDS = ("digits", "folder")  # what a run trains on: MNIST, or a folder with one sub-folder per class


def default_config(kind: str, backbone: str = "auto") -> TrainConfig:
    """The settings a new run of ``kind`` starts from.

    The one place a settings form reads its defaults from: for a folder run the
    epochs and learning rate follow the backbone. With ``auto`` they stay ``None``
    ("auto" in the form): the run fills them in from the backbone that ``auto``
    resolves to (faces, ImageNet or scratch, each with its own defaults).
    """
    if kind == "digits":
        return DigitTrainConfig()
    if kind != "folder":
        raise ValueError(f"unknown kind of run {kind!r}; use one of {KINDS}")
    if backbone == "auto":  # the core picks epochs and rate once it knows which backbone auto stands for
        return replace(RecognizerTrainConfig(), backbone=backbone)
    if backbone not in DEFAULT_EPOCHS:
        raise ValueError(f"unknown backbone {backbone!r}")
    rate = SCRATCH_LEARNING_RATE if backbone == "scratch" else HEAD_LEARNING_RATE
    return replace(RecognizerTrainConfig(), backbone=backbone, epochs=DEFAULT_EPOCHS[backbone], learning_rate=rate)
