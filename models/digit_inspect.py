"""Look inside a digit network: every layer's activations and a Grad-CAM map, from one compiled call.

The lectures' picture of a CNN is pixels → edges → motifs → parts → a
decision. :class:`DigitInspector` returns exactly those stages for one 28×28
input: the feature maps after each convolution block, the numbers the dense
layer reads, its raw scores (logits) and the softmax probabilities, plus a
Grad-CAM map saying which part of the picture pushed the top class up.

For a multilayer perceptron (``models.digit_model.build_digit_mlp``) the
stages are its hidden layers, one activation per neuron ("hidden 1",
"hidden 2"…); the map is then gradient × input (the pixels that raised the
top score), and :meth:`DigitInspector.input_weights` gives a first-layer
neuron's 784 weights as a 28×28 picture.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

from models.digit_preprocess import SIZE


@dataclass(frozen=True)
class Stage:
    """One step of the flow: a Keras layer whose output the view shows."""

    title: str  # "conv 1", "dense input", "logits", "softmax"
    kind: str  # "maps" (H, W, C) | "vector" (N,)
    layer: str  # the Keras layer's name
    conv: str | None = None  # for maps: the Conv2D layer whose filters made them
    activation: str | None = None  # an Activation layer to apply to ``layer``'s output for display
    normalised: bool = False  # for maps: BatchNorm sits between the convolution and the activation


@dataclass
class Inspection:
    """What every stage of the network made of one input."""

    image: np.ndarray  # (28, 28) the input, in [0, 1]
    outputs: list[np.ndarray]  # one per stage, without the batch axis
    logits: np.ndarray  # (10,)
    probabilities: np.ndarray  # (10,)
    cam: np.ndarray  # (28, 28) Grad-CAM for the top class, in [0, 1]

    @property
    def top(self) -> int:
        return int(np.argmax(self.probabilities))


def find_stages(model: Any) -> tuple[list[Stage], str, str]:
    """The stages to show, the logits layer and the last feature-map layer, read from the model.

    Each convolution block is shown after its activation (what the next
    layer sees), at full size: where the block pools before its activation
    (the same result, cheaper), the maps are taken before the pooling and the
    activation is applied to them. The "dense input" is what the final dense
    layer reads.
    """
    import keras

    if not any(isinstance(layer, keras.layers.Conv2D) for layer in model.layers):
        return mlp_stages(model)
    stages: list[Stage] = []
    conv: str | None = None
    before_pool: str | None = None  # the block's last full-size output, when it pools before its activation
    normalised = False
    previous: str | None = None
    dense: Any = None
    for layer in model.layers:
        if isinstance(layer, keras.layers.Conv2D):
            conv, before_pool, normalised = layer.name, None, False
        elif isinstance(layer, keras.layers.BatchNormalization) and conv:
            normalised = True
        elif isinstance(layer, keras.layers.MaxPooling2D) and conv and before_pool is None:
            before_pool = previous
        elif isinstance(layer, keras.layers.Activation) and len(layer.output.shape) == 4 and conv:
            title = f"conv {len(stages) + 1}"
            if before_pool is None:
                stages.append(Stage(title, "maps", layer.name, conv, normalised=normalised))
            else:
                stages.append(Stage(title, "maps", before_pool, conv, layer.name, normalised))
            conv = None
        elif isinstance(layer, keras.layers.Dense):
            dense = layer
        previous = layer.name
    if dense is None or not stages:
        raise ValueError("not a CNN this view understands: it needs convolution blocks and a dense layer")
    feeding = dense.input  # the tensor the dense layer reads (after Flatten and Dropout)
    source = next(layer for layer in model.layers if layer.output is feeding)
    if isinstance(source, keras.layers.Dropout):  # identity at inference: show what goes into it
        source = next(layer for layer in model.layers if layer.output is source.input)
    stages.append(Stage("dense input", "vector", source.name))
    last = stages[-2]  # Grad-CAM reads the last maps after their activation, as the next layer does
    return stages, dense.name, last.activation or last.layer


def mlp_stages(model: Any) -> tuple[list[Stage], str, None]:
    """The hidden layers of a perceptron as vector stages, and its logits layer.

    Every ``Dense`` layer but the last is a hidden layer; its output (the
    activation function included) is one number per neuron.

    Raises
    ------
    ValueError
        If the model has no ``Dense`` layer or takes more than a flattened 28×28 picture.
    """
    import keras

    dense = [layer for layer in model.layers if isinstance(layer, keras.layers.Dense)]
    if not dense or dense[0].kernel.shape[0] != SIZE * SIZE:
        raise ValueError("not a network this view understands: it needs convolutions or dense layers on 784 pixels")
    stages = [Stage(f"hidden {i}", "vector", layer.name) for i, layer in enumerate(dense[:-1], start=1)]
    return stages, dense[-1].name, None


class DigitInspector:
    """All intermediate outputs and a Grad-CAM map of a digit model, from one ``tf.function`` call.

    For a perceptron (no convolution) the map is gradient × input instead of Grad-CAM.
    """

    def __init__(self, model: Any) -> None:
        import keras
        import tensorflow as tf

        self.model = model
        self.stages, logits_name, last_maps = find_stages(model)
        self.is_mlp = last_maps is None
        names = [s.layer for s in self.stages]
        outputs = [model.get_layer(n).output for n in names] + [model.get_layer(logits_name).output]
        if not self.is_mlp:
            outputs.append(model.get_layer(last_maps).output)
        probe = keras.Model(model.inputs, outputs)

        activations = [model.get_layer(s.activation) if s.activation else None for s in self.stages]

        def run(x: Any) -> Any:
            with tf.GradientTape() as tape:
                tape.watch(x)
                found = probe(x, training=False)
                found = list(found) if isinstance(found, (list, tuple)) else [found]  # one output: a bare tensor
                *stage_outputs, logits, maps = found + ([x] if self.is_mlp else [])
                top = tf.argmax(logits, axis=-1)
                score = tf.gather(logits, top, axis=1, batch_dims=1)
            if self.is_mlp:  # gradient × input: the pixels whose ink raised the top score
                cam = tf.nn.relu(tape.gradient(score, x) * x)[..., 0]
            else:  # Grad-CAM: weight each last-layer map by how much it raises the top score
                weights = tf.reduce_mean(tape.gradient(score, maps), axis=(1, 2))
                cam = tf.nn.relu(tf.einsum("bhwc,bc->bhw", maps, weights))
            shown = [act(out) if act is not None else out for act, out in zip(activations, stage_outputs)]
            return shown, logits, tf.nn.softmax(logits), cam

        self._run = tf.function(run, input_signature=[tf.TensorSpec([1, SIZE, SIZE, 1], tf.float32)])
        self.inspect(np.zeros((SIZE, SIZE), np.float32))  # trace now, not on the first stroke

    def inspect(self, image: np.ndarray) -> Inspection:
        """Run one preprocessed 28×28 input (values in [0, 1]) through every stage."""
        x = np.asarray(image, np.float32).reshape(1, SIZE, SIZE, 1)
        stage_outputs, logits, probabilities, cam = self._run(x)
        return Inspection(
            image=x[0, :, :, 0],
            outputs=[np.asarray(o)[0] for o in stage_outputs],
            logits=np.asarray(logits)[0],
            probabilities=np.asarray(probabilities)[0],
            cam=cam_to_input(np.asarray(cam)[0], self.model),
        )

    def input_weights(self, neuron: int) -> np.ndarray:
        """A first-hidden-layer neuron's 784 weights as a (28, 28) picture, signs kept (perceptrons only).

        Bright where ink raises the neuron's input, dark where it lowers it:
        the pattern the neuron looks for.
        """
        return self.input_weight_maps()[:, :, neuron]

    def input_weight_maps(self) -> np.ndarray:
        """Every first-hidden-layer neuron's weights as (28, 28, neurons): one grid with ``tile_maps``."""
        if not self.is_mlp or not self.stages:
            raise ValueError("only a perceptron's first hidden layer has one weight per pixel")
        kernel = np.asarray(self.model.get_layer(self.stages[0].layer).kernel)  # (784, neurons), row-major pixels
        return kernel.reshape(SIZE, SIZE, -1)

    def kernel(self, stage: Stage, channel: int) -> np.ndarray:
        """The weights of the filter that made ``channel`` of a maps stage: (height, width, inputs)."""
        if stage.conv is None:
            raise ValueError(f"{stage.title} has no filters")
        return np.asarray(self.model.get_layer(stage.conv).kernel)[:, :, :, channel]


def cam_to_input(cam: np.ndarray, model: Any) -> np.ndarray:
    """Stretch a Grad-CAM map over the input pixels it covers, scaled to [0, 1].

    A first "valid" convolution sees only the inner part of the picture
    (24×24 of 28×28 for a 5×5 kernel), so the map is placed over that part.
    """
    import keras

    first = next((layer for layer in model.layers if isinstance(layer, keras.layers.Conv2D)), None)
    margin = (first.kernel_size[0] // 2) if first is not None and first.padding == "valid" else 0
    inner = SIZE - 2 * margin
    out = np.zeros((SIZE, SIZE), np.float32)
    out[margin : margin + inner, margin : margin + inner] = cv2.resize(
        cam.astype(np.float32), (inner, inner), interpolation=cv2.INTER_LINEAR
    )
    peak = out.max()
    return out / peak if peak > 0 else out


def tile_maps(maps: np.ndarray, columns: int, gap: int = 1, scale_each: bool = True) -> np.ndarray:
    """Maps (H, W, C) as one grid picture; gaps are NaN.

    With ``scale_each`` every map is stretched to [0, 1] on its own (to see
    its pattern); without, values are kept (filter weights keep their sign).
    """
    h, w, c = maps.shape
    rows = -(-c // columns)
    grid = np.full((rows * (h + gap) - gap, columns * (w + gap) - gap), np.nan, np.float32)
    scaled = maps
    if scale_each:
        low = maps.min(axis=(0, 1))
        span = maps.max(axis=(0, 1)) - low
        scaled = (maps - low) / np.where(span > 0, span, 1)
    for i in range(c):
        r, col = divmod(i, columns)
        grid[r * (h + gap) : r * (h + gap) + h, col * (w + gap) : col * (w + gap) + w] = scaled[:, :, i]
    return grid


def tile_index(x: float, y: float, shape: tuple[int, int], count: int, columns: int, gap: int = 1) -> int | None:
    """Which map of a :func:`tile_maps` grid the grid pixel (x, y) falls on, or ``None``."""
    h, w = shape
    col, dx = divmod(int(x), w + gap)
    row, dy = divmod(int(y), h + gap)
    index = row * columns + col
    if x < 0 or y < 0 or dx >= w or dy >= h or col >= columns or index >= count:
        return None
    return index
