"""Give a trained digit CNN an 11th answer, "not a digit", in a few minutes on a 2-core CPU.

The network is kept as it is and grows a little: its last convolution gets
``extra`` new filters, and its last layer an 11th output, "not a digit", that
reads both the old filters' features and the new ones. Only the new weights
learn (the trained ones are held fixed by a constraint after every step), so
the ten digit scores are exactly the network's own: the digit it names among
the ten never changes, and a digit can only be lost by being called "not a
digit", which is counted. They learn from MNIST digits, canvas-like digits and
synthetic non-digits (letters, shapes, scribbles: :mod:`training.non_digits`).
What the untouched first layers make of every picture is computed once, so each
pass only runs the last two layers: about a minute, where a full training run
takes ten.

The new answer's offset (bias) is then set on held-out MNIST digits (the 5,000
validation images the network never trained on) so that at most
``max_rejected`` of them are called "not a digit", and the model is scored on
the MNIST test set, where "not a digit" counts as wrong.

``python -m training.rejection --model TEN.keras --out PATH`` makes such a model from
a CNN with ten answers (``digitface digits train`` makes one). The previous shipped model
came this way; the shipped one learned "not a digit" with its digits from the start
(``digitface digits train --not-a-digit``), which refuses more non-digits.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from models.digit_model import NOT_A_DIGIT, NUM_CLASSES, REJECT_CLASSES, default_model_path
from models.messages import plural
from models.metadata import NOT_A_DIGIT_CLASS
from models.model_file import load_metadata, load_model, save_model
from training.augment import augment_digits
from training.canvas_digits import canvas_digit_batch
from training.digit_training import evaluate_model, load_mnist_inputs
from training.non_digits import FAMILIES, non_digit_batch
from training.progress import CancelToken
from training.reject_offset import move_answer, set_offset

FEATURE_BATCH = 500


def feature_model(model: Any) -> Any:
    """The part of a digit network that turns a picture into what its last layer reads, and its scores."""
    import keras

    logits = model.get_layer("logits")
    return keras.Model(model.input, [logits.input, logits.output])  # features and the scores


def features_of(extractor: Any, x: np.ndarray, cancel: CancelToken | None = None) -> Any:
    """What ``extractor`` makes of preprocessed inputs, batch by batch (one array, or a tuple of them)."""
    parts = []
    for start in range(0, len(x), FEATURE_BATCH):
        if cancel is not None:
            cancel.raise_if_cancelled()
        out = extractor(x[start : start + FEATURE_BATCH], training=False)
        parts.append([np.asarray(o, np.float32) for o in (out if isinstance(out, (list, tuple)) else [out])])
    joined = tuple(np.concatenate(column) for column in zip(*parts))
    return joined if len(joined) > 1 else joined[0]


def training_inputs(
    seed: int, validation_seed: int, n_non_digits: int, n_canvas: int
) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """What the model learns from, and the held-out MNIST digits the offset is set on.

    Learning: the MNIST training images the network trained on (half of them
    also with its canvas-like augmentation), typed and hand-drawn canvas digits,
    and non-digits, all from the ``train`` families. Setting: the network's own
    validation images (the same split as :func:`training.digit_training.train_digits`).
    """
    rng = np.random.default_rng(seed)
    x, y = load_mnist_inputs("train")
    order = np.random.default_rng(validation_seed).permutation(len(x))
    n_val = round(len(x) * 5000 / 60000)
    val, train = order[:n_val], order[n_val:]
    x_train, y_train = x[train], y[train]
    augmented = augment_digits(x_train[: len(x_train) // 2], rng)
    x_canvas, y_canvas, _ = canvas_digit_batch(n_canvas, rng, "train", ("typed", "hand"))
    x_non, y_non = non_digit_batch(n_non_digits, rng, "train")
    inputs = np.concatenate([x_train, augmented, x_canvas, x_non])
    labels = np.concatenate([y_train, y_train[: len(augmented)], y_canvas, y_non]).astype(np.int32)
    return (inputs, labels), (x[val], y[val])


class _KeepTrained:
    """A weight constraint: after each step, put back the trained part (``mask`` 0) as it was."""

    def __init__(self, trained: np.ndarray, mask: np.ndarray) -> None:
        self.trained, self.mask = trained, mask

    def __call__(self, value: Any) -> Any:
        return value * self.mask + self.trained * (1 - self.mask)


def widened(model: Any, extra: int) -> tuple[Any, list[tuple[Any, np.ndarray, np.ndarray]]]:
    """The network with ``extra`` more filters in its last convolution and an 11th output.

    Returns the new model and, for each weight that has a trained part, the
    (variable, trained values, mask of the new part) to hold it with. The new
    filters start at random, the "not a digit" output at zero; the ten digit
    outputs read none of the new filters.
    """
    import keras
    from keras import layers

    convs = [i for i, layer in enumerate(model.layers) if isinstance(layer, keras.layers.Conv2D)]
    if not convs or not any(layer.name == "logits" for layer in model.layers):
        raise ValueError("only a CNN can learn 'not a digit' this way (this network has no convolution)")
    old_conv, old_dense = model.layers[convs[-1]], model.get_layer("logits")
    filters = old_conv.filters
    x = old_conv.input  # every layer before it is the trained network's own, shared, weights and all
    conv = layers.Conv2D(
        filters + extra, old_conv.kernel_size, strides=old_conv.strides, padding=old_conv.padding, name=old_conv.name
    )
    dense = layers.Dense(REJECT_CLASSES, name="logits")
    for layer in model.layers[convs[-1] :]:
        if layer is old_conv:
            x = conv(x)
        elif layer is old_dense:
            x = dense(x)
        elif layer.name == "probabilities":
            x = layers.Activation("softmax", name="probabilities")(x)
        else:
            x = layer(x)
    grown = keras.Model(model.inputs[0], x, name=model.name)  # one input tensor, not a list of one

    kernel, bias = conv.get_weights()
    old_kernel, old_bias = old_conv.get_weights()
    kernel[..., :filters], bias[:filters] = old_kernel, old_bias
    conv.set_weights([kernel, bias])
    # Flatten lists each position's filters in turn: old feature (position, filter) moves to the wider layout.
    old_w, old_b = old_dense.get_weights()
    positions = old_w.shape[0] // filters
    w = np.zeros((positions * (filters + extra), REJECT_CLASSES), np.float32)
    w.reshape(positions, filters + extra, REJECT_CLASSES)[:, :filters, :NUM_CLASSES] = old_w.reshape(
        positions, filters, NUM_CLASSES
    )
    b = np.append(old_b, 0.0).astype(np.float32)
    dense.set_weights([w, b])
    new_filters = np.zeros(filters + extra, np.float32)
    new_filters[filters:] = 1
    new_output = np.zeros(REJECT_CLASSES, np.float32)
    new_output[NOT_A_DIGIT] = 1
    held = [
        (conv.kernel, kernel, np.broadcast_to(new_filters, kernel.shape).copy()),
        (conv.bias, bias, new_filters),
        (dense.kernel, w, np.broadcast_to(new_output, w.shape).copy()),
        (dense.bias, b, new_output),
    ]
    return grown, held


def head_of(model: Any) -> tuple[Any, Any, Any]:
    """(frozen part, trainable head, head's scores) of a chain-shaped CNN, cut before its last convolution."""
    import keras

    convs = [i for i, layer in enumerate(model.layers) if isinstance(layer, keras.layers.Conv2D)]
    cut = model.layers[convs[-1]]
    frozen = keras.Model(model.input, cut.input)
    x = head_input = keras.Input(tuple(cut.input.shape[1:]))
    scores = None
    for layer in model.layers[convs[-1] :]:
        x = layer(x)
        if layer.name == "logits":
            scores = x
    return frozen, keras.Model(head_input, x), keras.Model(head_input, scores)


def learn_not_digit(
    head: Any,
    held: list[tuple[Any, np.ndarray, np.ndarray]],
    maps: np.ndarray,
    labels: np.ndarray,
    epochs: int = 6,
    rate: float = 1e-3,
    non_digit_share: float = 0.5,
    seed: int = 0,
) -> None:
    """Train the new weights on the frozen layers' output; non-digits weigh ``non_digit_share`` of the loss."""
    import keras

    keras.utils.set_random_seed(seed)
    for variable, trained, mask in held:
        variable.constraint = _KeepTrained(trained, mask)
    is_non = labels == NOT_A_DIGIT
    share = float(is_non.mean())
    weights = np.where(is_non, non_digit_share / share, (1 - non_digit_share) / (1 - share)).astype(np.float32)
    head.compile(optimizer=keras.optimizers.Adam(rate), loss="sparse_categorical_crossentropy")
    try:
        head.fit(maps, labels, sample_weight=weights, batch_size=256, epochs=epochs, verbose=0)
    finally:
        for variable, _, _ in held:  # a saved model carries no constraint (and no custom class to load)
            variable.constraint = None


@dataclass
class RejectionResult:
    """The model with "not a digit", its metadata, and where it was saved (``None``: not saved)."""

    model: Any
    metadata: dict[str, Any]
    saved_to: Path | None


def add_not_digit_class(
    model_path: Path | str | None = None,
    out: Path | str | None = None,
    n_non_digits: int = 20000,
    n_canvas: int = 8000,
    extra: int = 96,
    max_rejected: float = 0.0008,
    seed: int = 0,
    epochs: int = 6,
    report: Any = print,
) -> RejectionResult:
    """Load a 10-class digit CNN, teach it "not a digit", score it on MNIST test and save it to ``out``.

    Raises
    ------
    ValueError
        If the model already has 11 outputs or has no convolution.
    """
    start = time.perf_counter()
    model_path = Path(model_path) if model_path is not None else default_model_path()
    metadata = load_metadata(model_path)
    model = load_model(model_path)
    if model.output_shape[-1] != NUM_CLASSES:
        answers = model.output_shape[-1]
        given = plural(answers, "{0} answer", "{0} answers").format(answers)
        raise ValueError(f"{model_path} already gives {given}, not the ten digits")
    config = metadata.get("config") or {}
    rejecting, held = widened(model, extra)
    frozen, head, scores = head_of(rejecting)
    report("drawing and preprocessing the examples…")
    (x, y), (x_val, y_val) = training_inputs(seed, int(config.get("seed", 1)), n_non_digits, n_canvas)
    report(f"running {len(x) + len(x_val)} pictures through the frozen layers…")
    maps, val_maps = features_of(frozen, x), features_of(frozen, x_val)
    del x
    report("learning 'not a digit'…")
    learn_not_digit(head, held, maps, y, epochs=epochs, seed=seed)
    val_scores = features_of(scores, val_maps)
    shift = set_offset(val_scores[:, NOT_A_DIGIT], val_scores[:, :NUM_CLASSES].max(axis=1), max_rejected)
    move_answer(rejecting, 1.0, shift)
    val_answers = features_of(scores, val_maps).argmax(axis=1)
    report("scoring on the MNIST test set…")
    accuracy, rejected = evaluate_model(rejecting, with_rejected=True)
    meta = {
        **metadata,
        "classes": [*metadata.get("classes", [str(d) for d in range(10)]), NOT_A_DIGIT_CLASS],
        "test_accuracy": accuracy,
        "test_rejected": rejected,
        "val_accuracy": float(np.mean(val_answers == y_val)),
        "not_a_digit": {
            "how": f"training.rejection: {extra} new filters in the last convolution and an 11th output; "
            "the trained weights held fixed",
            "from_model": model_path.name,
            "non_digit_families": list(FAMILIES),
            "non_digits": int(np.sum(y == NOT_A_DIGIT)),
            "digits": int(np.sum(y != NOT_A_DIGIT)),
            "epochs": epochs,
            "val_rejected": float(np.mean(val_answers == NOT_A_DIGIT)),
            "bias_shift": shift,
            "seconds": round(time.perf_counter() - start, 1),
        },
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    }
    saved = save_model(rejecting, out, meta) if out is not None else None
    return RejectionResult(rejecting, meta, saved)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, help="a digit CNN with ten answers (e.g. from 'digits train')")
    parser.add_argument("--out", required=True, help="where to save the model with 'not a digit' (.keras)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--extra", type=int, default=96, help="new filters in the last convolution")
    parser.add_argument("--max-rejected", type=float, default=0.0008, help="share of held-out MNIST digits rejected")
    args = parser.parse_args(argv)
    result = add_not_digit_class(args.model, args.out, extra=args.extra, max_rejected=args.max_rejected, seed=args.seed)
    meta = result.metadata
    print(f"saved {result.saved_to}: MNIST test accuracy {meta['test_accuracy']:.4f}, {meta['test_rejected']} rejected")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
