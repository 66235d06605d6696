"""``digitface``: with no arguments, the app's window; ``digitface <area> <verb>``, the CLI.

The CLI drives the same Qt-free core as the window. Heavy imports (TensorFlow,
Qt) happen inside the commands, so ``--help`` is instant.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from pathlib import Path

from models.image_io import IMAGE_SUFFIXES
from models.messages import plural
from training.configs import MLP_DEFAULTS, NON_DIGIT_SHARE, TEACH_STEPS, DigitTrainConfig, digit_config
from training.optimizers import OPTIMIZERS
from training.progress import Progress

VERBOSE = ("-v", "--verbose")


class ProgressBar:
    """A one-line text progress bar on stderr for training runs.

    Batch bars and "features" counters rewrite one line in place; that line is ended before anything
    else is printed, even when its last update never came (the last files were skipped).
    """

    def __init__(self, stream=None, width: int = 28) -> None:
        self.stream, self.width = stream or sys.stderr, width
        self._open = False

    def __call__(self, p: Progress) -> None:
        if p.kind == "message":
            self.end_line()
            print(p.message, file=self.stream, flush=True)
            return
        if p.kind == "features":  # one line that counts up, not a line per image
            if self._open != "features":
                self.end_line()
            self.stream.write(f"\r{p.message}")
            self.stream.flush()
            self._open = "features"
            return
        if self._open == "features":
            self.end_line()
        if p.kind not in ("batch", "epoch"):  # e.g. gradient-flow figures: for plots, not for a text bar
            return
        filled = round(self.width * p.batch / max(p.batches, 1))
        bar = "█" * filled + "·" * (self.width - filled)
        logs = p.logs
        text = f"\repoch {p.epoch}/{p.epochs} {bar} loss {logs.get('loss', 0):.4f} acc {logs.get('accuracy', 0):.4f}"
        text += f"  {p.examples_per_s:5.0f} img/s  ETA {_clock(p.eta_s)}"
        if p.kind == "epoch":
            if "val_loss" in logs:  # a run without a validation split has none: no made-up zeros
                text += f"  val_loss {logs['val_loss']:.4f} val_acc {logs.get('val_accuracy', 0):.4f}"
            text += "\n"
        self.stream.write(text)
        self.stream.flush()
        self._open = "batch" if p.kind == "batch" else False

    def end_line(self) -> None:
        """Finish a line left open by a bar or counter (before other output, and at the end of a run)."""
        if self._open:
            self.stream.write("\n")
            self.stream.flush()
            self._open = False


def _clock(seconds: float) -> str:
    m, s = divmod(int(seconds), 60)
    return f"{m}:{s:02d}"


def _file_state(path: Path) -> tuple[int, int, int] | None:
    """What is at ``path`` now (a rename or a rewrite changes it), ``None`` when nothing is."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


def _check_out(out: Path) -> tuple[int, int, int] | None:
    """Refuse an ``--out`` a model cannot be saved to, before any training (raises); what is there now."""
    from models.model_file import check_model_destination

    _not_the_windows(out)
    check_model_destination(out)
    return _file_state(out)


def _not_the_windows(out: Path) -> None:
    """Refuse to write over a model the window keeps for itself: only the window replaces those."""
    from models.model_file import metadata_path
    from models.paths import window_models
    from models.settings import settings_path

    # settings.keras would write its readable copy over the window's settings.json.
    if out.resolve() in {path.resolve() for path in window_models()} or (
        metadata_path(out).resolve() == settings_path().resolve()
    ):
        raise ValueError(
            f"{out} is a model the window uses and replaces itself (with Use this model); "
            "choose another --out (nothing was changed)"
        )


def _out_path(given: str | None, default: Path) -> Path:
    """``--out`` as given, else ``default``; an empty ``--out ''`` is a mistake, not a request for the default."""
    if given is None:
        return default
    if not given.strip():
        raise ValueError("--out is empty: give a file name, or leave --out out for the default")
    return Path(given)


def _stopped(out: Path, before: tuple[int, int, int] | None) -> int:
    """Say whether a run stopped by Ctrl+C or Cancel had already saved its model (saving is the last step)."""
    if _file_state(out) != before:
        print(f"\ntraining stopped after saving {out}", file=sys.stderr)
    else:
        print("\ntraining stopped; nothing was saved", file=sys.stderr)
    return 130


def image_paths(paths: list[str], recursive: bool = False) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Expand folders into their image files (sorted); files are kept as given.

    Raises ``ValueError`` for an empty path.

    Hidden files, macOS's ``._x.jpg`` AppleDouble files among them, are left out as training does.
    Returns the paths and the problems met on the way: (folder, why) for a folder that cannot be
    listed, so the caller can say so and still answer every readable input.
    """
    out: list[Path] = []
    problems: list[tuple[Path, str]] = []
    if any(not raw.strip() for raw in paths):  # Path("") is the current folder: an empty argument is a slip
        raise ValueError("an empty PATH was given (a quoted variable that was not set?): nothing was read")
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            out.append(path)  # a missing file is reported when it is read, in its turn
            continue
        found: list[Path] = []
        for folder, subfolders, files in os.walk(path, onerror=lambda e: problems.append(_listing_problem(e))):
            subfolders[:] = sorted(d for d in subfolders if not d.startswith(".")) if recursive else []
            found += (
                Path(folder) / f for f in files if not f.startswith(".") and Path(f).suffix.lower() in IMAGE_SUFFIXES
            )
        out.extend(sorted(found))
    # A folder given beside its parent (or a file twice) is answered once, in its first place.
    return list(dict.fromkeys(out)), list(dict.fromkeys(problems))


def _listing_problem(exc: OSError) -> tuple[Path, str]:
    return Path(exc.filename or "?"), f"cannot list this folder: {exc.strerror or exc}"


def _why(path: Path, exc: Exception) -> str:
    """One clear reason a picture was not read, without Python's error-class wording."""
    if isinstance(exc, OSError):
        if path.is_symlink() and not path.exists():
            return f"broken link (its target {os.readlink(path)} does not exist)"
        if isinstance(exc, IsADirectoryError):
            return "is a folder, not a picture"
        return exc.strerror or str(exc)
    return str(exc)


def _skip(path: Path, exc: Exception) -> None:
    """Say on one stderr line why a picture was skipped; its traceback goes to the log."""
    from models.logs import log_error

    line = f"{path}: {_why(path, exc)}"
    print(line, file=sys.stderr, flush=True)
    log_error(line, exc)


def _log(exc: BaseException) -> None:
    from models.logs import log_error

    log_error(f"error: {exc}", exc)


def _report_problems(problems: list[tuple[Path, str]]) -> None:
    from models.logs import log_error

    for path, why in problems:
        print(f"{path}: {why}", file=sys.stderr, flush=True)
        log_error(f"{path}: {why}")


def train_settings(args: argparse.Namespace) -> DigitTrainConfig:
    """The run's settings: the chosen network's defaults, with what the command line gave on top."""
    from models.digit_model import parse_hidden

    if args.network != "mlp" and (args.hidden is not None or args.activation is not None):
        raise ValueError("--hidden and --activation shape a perceptron: add --network mlp")
    given = {
        "epochs": args.epochs,
        "batch_size": args.batch_size,
        "learning_rate": args.lr,
        "optimizer": args.optimizer,
        "seed": args.seed,
        "label_smoothing": args.label_smoothing,
        "limit": args.limit,
        "mnist_dir": args.mnist,
        "activation": args.activation,
        "hidden": parse_hidden(args.hidden) if args.hidden is not None else None,
    }
    settings = {name: value for name, value in given.items() if value is not None}
    if args.no_augment:
        settings["augment"] = False
    if args.not_a_digit:
        if args.network != "cnn":
            raise ValueError("--not-a-digit is for the CNN")
        settings["non_digit_share"] = NON_DIGIT_SHARE
    return digit_config(args.network, **settings)


def cmd_digits_train(args: argparse.Namespace) -> int:
    from models.paths import user_data_dir
    from training.progress import Cancelled

    try:
        config = train_settings(args)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        out = _out_path(args.out, user_data_dir() / "models" / f"digit_{config.network}.keras")
        before = _check_out(out)  # at once: before the seconds TensorFlow takes to load
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    from training.digit_training import train_digits
    from training.divergence import Diverged

    try:
        result = train_digits(config, out=out, on_progress=ProgressBar())
    except (Cancelled, KeyboardInterrupt):
        return _stopped(out, before)
    except Diverged as exc:
        print(f"\nfailed: {exc}", file=sys.stderr)
        return 1
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"saved {result.saved_to}")
    print(f"trained in {_clock(result.seconds)} (m:ss)")
    print(f"validation accuracy {result.val_accuracy:.4f}")
    print(f"test accuracy {result.test_accuracy:.4f}")
    return 0


def cmd_digits_evaluate(args: argparse.Namespace) -> int:
    from models.digit_model import DigitPredictor
    from training.digit_training import evaluate_model

    try:
        predictor = DigitPredictor.load(args.model)
        accuracy, rejected = evaluate_model(predictor, args.mnist, with_rejected=True)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if predictor.rejects:  # they count as wrong in the accuracy: say how many there were
        print(f"not a digit {rejected} (MNIST test digits the model called 'not a digit')")
    print(f"accuracy {accuracy:.4f}")
    return 0


def cmd_digits_predict(args: argparse.Namespace) -> int:
    from models.digit_onnx import load_for_reading
    from models.image_io import DIGIT_MAX_SIDE, read_image

    try:
        paths, problems = image_paths(args.paths, recursive=True)  # DIR/7/*.png as well as DIR/*.png
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    _report_problems(problems)
    if not paths:
        print("error: no images found", file=sys.stderr)
        return 1
    try:
        predictor = load_for_reading(args.model)  # the shipped model without TensorFlow when it can
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    failed = 0
    for path in paths:
        try:
            prediction = predictor.predict_image(read_image(path, DIGIT_MAX_SIDE))
        except (OSError, ValueError) as exc:
            _skip(path, exc)
            failed += 1
            continue
        digit = "-" if prediction.digit is None else str(prediction.digit)  # no digit, or "not a digit"
        print(f"{path}\t{digit}\t{prediction.confidence:.4f}", flush=True)
    return _summary(failed, len(paths), problems)


def cmd_digits_teach(args: argparse.Namespace) -> int:
    """Fine-tune the model in use on the drawings kept in the corrections folder; say before/after."""
    from models.paths import digits_in_use
    from training.handwriting import TeachConfig, forgetting_floor, teach_handwriting
    from training.progress import Cancelled

    # The same model the window starts with: the one accepted in the Training tab, else the shipped one.
    model = args.model or (str(digits_in_use()) if digits_in_use().exists() else None)
    defaults = TeachConfig()
    config = TeachConfig(
        steps=args.steps if args.steps is not None else defaults.steps,
        mnist_images=args.mnist_images if args.mnist_images is not None else defaults.mnist_images,
        test_images=args.test_images,
        mnist_dir=args.mnist,
    )
    bar = ProgressBar()
    try:
        if args.out is not None:
            _not_the_windows(_out_path(args.out, Path()))
        result = teach_handwriting(model, args.out, args.corrections, config, on_progress=bar)
    except (Cancelled, KeyboardInterrupt):
        bar.end_line()
        print("\nteaching stopped; nothing was saved", file=sys.stderr)
        return 130
    except (OSError, ValueError) as exc:
        bar.end_line()
        print(f"error: {exc}", file=sys.stderr)
        return 1
    bar.end_line()
    for path, why in result.skipped:
        print(f"{path}: skipped: {why}", file=sys.stderr)
    for name in result.unknown_classes:
        print(f"{name}: skipped: the model has no class of that name", file=sys.stderr)
    print(f"saved {result.saved_to} (taught in {result.seconds:.1f} s)")
    print(
        f"your {result.drawings} drawings: before {result.before_right} right, after {result.after_right} "
        f"({result.taught} of them taught)"
    )
    if result.held_out:
        held = plural(result.held_out, "{0} drawing", "{0} drawings").format(result.held_out)
        print(f"{held} kept out of teaching: before {result.held_before_right} right, after {result.held_after_right}")
    digits = plural(result.test_images, "{0} digit", "{0} digits").format(result.test_images)
    print(f"MNIST test accuracy ({digits}): before {result.test_before:.4f}, after {result.test_after:.4f}")
    if result.rejected_before is not None:
        print(
            f"held-out non-digits called 'not a digit': before {result.rejected_before:.4f}, "
            f"after {result.rejected_after:.4f}"
        )
    if result.forgot and result.test_after >= forgetting_floor(result.test_before):
        print("warning: the taught model forgot part of 'not a digit'; do not use it as your default", file=sys.stderr)
    elif result.forgot:
        print(
            f"warning: the taught model forgot part of MNIST (below {forgetting_floor(result.test_before):.4f}); "
            "do not use it as your default",
            file=sys.stderr,
        )
    return 0


def _summary(failed: int, total: int, problems: list) -> int:
    """The closing stderr line of a predict run and its exit code: 1 when anything was not read."""
    if failed:
        files = plural(total, "{0} of {1} file could not be read", "{0} of {1} files could not be read")
        print(files.format(failed, total), file=sys.stderr)
    if problems:
        folders = plural(len(problems), "{0} folder could not be listed", "{0} folders could not be listed")
        print(folders.format(len(problems)), file=sys.stderr)
    return 1 if failed or problems else 0


def cmd_export(args: argparse.Namespace) -> int:
    """``digits export`` and ``faces export``: the model in another format, with a runnable example beside it."""
    from training.export import export_digits, export_faces

    export = export_digits if args.area == "digits" else export_faces
    try:
        result = export(args.model, args.format, args.out)
    except (OSError, ValueError, ModuleNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    shape = ", ".join("N" if side is None else str(side) for side in result.input_shape)
    print(f"exported {result.model} (input: float32 ({shape}))")
    print(f"example {result.example}")
    return 0


def add_export_parser(verbs: argparse._SubParsersAction, area: str) -> None:
    """``<area> export``: the same options for digits and faces."""
    from training.export import FORMATS

    what = "a digit model" if area == "digits" else "a recognizer's Keras model"
    export = verbs.add_parser("export", help=f"write {what} as TFLite, ONNX or a SavedModel, with an example")
    export.add_argument("--format", choices=FORMATS, required=True)
    export.add_argument("--out", required=True, help="file to write (a folder for savedmodel)")
    if area == "digits":
        export.add_argument("--model", help="model file (default: the shipped model)")
    else:
        export.add_argument("--model", required=True, help="recognizer file from 'digitface faces train'")
    export.set_defaults(func=cmd_export)


def cmd_faces_train(args: argparse.Namespace) -> int:
    from models.paths import user_data_dir, window_models
    from training.progress import Cancelled

    if not args.dir.strip():  # Path("") is the current folder: it would train on whatever is there
        print("error: an empty DIR was given: nothing was trained", file=sys.stderr)
        return 2
    if args.epochs is not None and args.epochs < 1:
        print(f"error: --epochs must be at least 1, got {args.epochs}", file=sys.stderr)
        return 2
    if args.fine_tune and args.backbone in ("face", "scratch"):
        print(f"error: --fine-tune is for the imagenet backbone, not {args.backbone}", file=sys.stderr)
        return 2
    default = user_data_dir() / "models" / f"{Path(args.dir).resolve().name}.keras"
    if default.resolve() in {path.resolve() for path in window_models()}:  # a folder named "faces"
        default = default.with_name(f"{default.stem}_recognizer.keras")
    try:
        out = _out_path(args.out, default)
        before = _check_out(out)  # at once: before the seconds TensorFlow takes to load
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    from training.recognizer_training import RecognizerTrainConfig, train_recognizer

    config = RecognizerTrainConfig(
        backbone=args.backbone, epochs=args.epochs, seed=args.seed, fine_tune_layers=args.fine_tune
    )
    bar = ProgressBar()
    try:
        result = train_recognizer(args.dir, config, out=out, on_progress=bar)
    except (Cancelled, KeyboardInterrupt):
        bar.end_line()
        return _stopped(out, before)
    except (OSError, ValueError, RuntimeError) as exc:
        bar.end_line()
        print(f"error: {exc}", file=sys.stderr)
        _log(exc)
        return 1
    bar.end_line()
    meta = result.metadata
    print(f"saved {result.saved_to}")
    print(f"backbone {result.backbone}; classes: {', '.join(result.classes)}")
    print(f"trained in {result.seconds:.1f} s; training accuracy {meta['train_accuracy']:.4f}")
    if meta["val_accuracy"] is not None:
        images = plural(meta["val_images"], "{0} image", "{0} images").format(meta["val_images"])
        print(f"validation accuracy {meta['val_accuracy']:.4f} on {images}")
    if "distance_threshold" in meta:
        what = "a face" if result.backbone == "face" else "a picture's features"
        print(f"unknown when {what} lies farther than {meta['distance_threshold']:.3f} from every enrolled one")
    return 0


def cmd_faces_fetch_weights(args: argparse.Namespace) -> int:
    """Download MobileNetV2's no-top ImageNet weights into the Keras cache, for offline use later."""
    from models.image_features import IMAGENET_SIZE, BackboneDamaged, BackboneUnavailable, imagenet_weights_file

    try:
        path = imagenet_weights_file(IMAGENET_SIZE)
    except (BackboneUnavailable, BackboneDamaged) as exc:
        print(f"error: {(str(exc).splitlines() or [type(exc).__name__])[0]}", file=sys.stderr)
        _log(exc)
        return 1
    print(f"ImageNet weights ready in {path}: 'digitface faces train' can use them offline")
    return 0


def _load_recognizer(path: str):
    from models.recognizer import Recognizer

    return Recognizer.load(path)


def cmd_faces_predict(args: argparse.Namespace) -> int:
    from models.image_io import FACE_MAX_SIDE, read_image_scaled
    from models.recognizer import left_to_right
    from training.folder_dataset import as_rgb

    try:
        paths, problems = image_paths(args.paths, recursive=True)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    _report_problems(problems)
    if not paths:
        print("error: no images found", file=sys.stderr)
        return 1
    try:
        recognizer = _load_recognizer(args.model)
    except (OSError, ValueError, ModuleNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    failed = 0
    for path in paths:
        try:
            pixels, scale = read_image_scaled(path, FACE_MAX_SIDE)
            found = recognizer.recognize(as_rgb(pixels))
        except (OSError, ValueError) as exc:
            _skip(path, exc)
            failed += 1
            continue
        for r in left_to_right(found):  # reading order, as the window names them
            line = f"{path}\t{r.label}\t{r.confidence:.4f}"
            if r.box is not None:  # in the picture's own pixels, however it was read
                line += "\t" + "\t".join(str(round(v * scale)) for v in r.box.as_tuple())
            print(line, flush=True)
    return _summary(failed, len(paths), problems)


def cmd_faces_evaluate(args: argparse.Namespace) -> int:
    from training.recognizer_evaluation import evaluate_recognizer

    if not args.dir.strip():  # Path("") is the current folder
        print("error: an empty DIR was given: nothing was evaluated", file=sys.stderr)
        return 2
    try:
        recognizer = _load_recognizer(args.model)
        report = evaluate_recognizer(recognizer, args.dir)
    except (OSError, ValueError, ModuleNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for name, (right, total) in report.per_class.items():
        print(f"{name}\t{right}/{total}\t{right / total:.4f}" if total else f"{name}\t0/0\t-")
    for path, why in report.skipped_files:
        print(f"{path}: skipped: {why}", file=sys.stderr)
    if report.skipped:
        files = plural(report.skipped, "skipped {0} unreadable file", "skipped {0} unreadable files")
        print(files.format(report.skipped), file=sys.stderr)
    print(f"accuracy {report.accuracy:.4f}")
    return 0


def add_train_arguments(train: argparse.ArgumentParser) -> None:
    """``digits train``'s options; epochs, batch size, rate and smoothing default per network."""
    from models.digit_model import ACTIVATIONS, NETWORKS

    d, m = DigitTrainConfig(), MLP_DEFAULTS  # one set of defaults for the CLI, the Training tab and the library
    train.add_argument("--network", choices=NETWORKS, default=d.network, help="the CNN (default) or a perceptron")
    train.add_argument(
        "--hidden",
        metavar="N,N,…",
        help=f"mlp: neurons per hidden layer, any number of layers (default {','.join(map(str, d.hidden))})",
    )
    train.add_argument(
        "--activation", choices=ACTIVATIONS, help=f"mlp: hidden layers' activation (default {d.activation})"
    )
    train.add_argument("--epochs", type=int, help=f"default: {d.epochs} (cnn), {m['epochs']} (mlp)")
    train.add_argument("--out", help="model file to write (.keras); default: your DigitFace data folder")
    train.add_argument("--batch-size", type=int, help=f"default: {d.batch_size} (cnn), {m['batch_size']} (mlp)")
    train.add_argument(
        "--lr", type=float, help=f"peak learning rate; default: {d.learning_rate} (cnn), {m['learning_rate']} (mlp)"
    )
    train.add_argument("--optimizer", choices=OPTIMIZERS, default=d.optimizer)
    train.add_argument("--seed", type=int, default=d.seed)
    train.add_argument(
        "--label-smoothing",
        type=float,
        help=f"share of each target spread over all classes; default: {d.label_smoothing} (cnn), 0 (mlp)",
    )
    train.add_argument(
        "--no-augment", action="store_true", help="train without canvas-like augmentation and drawn digits (mlp: never)"
    )
    train.add_argument(
        "--not-a-digit",
        action="store_true",
        help=f"cnn: also learn an 11th answer, 'not a digit', from letters, shapes and scribbles "
        f"({NON_DIGIT_SHARE * 100:.0f}%% as many as MNIST images; how the shipped model was made)",  # %%: argparse
    )
    train.add_argument("--limit", type=int, help="use only the first N training images (quick runs)")
    train.add_argument("--mnist", help="folder with the MNIST idx files (default: the bundled copy)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="digitface", description="DigitFace: learn deep learning by doing it.")
    parser.add_argument(
        *VERBOSE,
        action="store_true",
        help="also print error tracebacks (always kept in the log file); anywhere on the line",
    )
    areas = parser.add_subparsers(dest="area", metavar="AREA")

    digits = areas.add_parser("digits", help="the handwritten-digit CNN").add_subparsers(dest="verb", metavar="VERB")
    digits.required = True
    train = digits.add_parser("train", help="train a digit network on MNIST (the CNN, or an MLP you design)")
    add_train_arguments(train)
    train.set_defaults(func=cmd_digits_train)

    evaluate = digits.add_parser("evaluate", help="accuracy on the MNIST test set")
    evaluate.add_argument("--model", help="model file (default: the shipped model)")
    evaluate.add_argument("--mnist", help="folder with the MNIST idx files (default: the bundled copy)")
    evaluate.set_defaults(func=cmd_digits_evaluate)

    predict = digits.add_parser("predict", help="read the digit in images")
    predict.add_argument("paths", nargs="+", metavar="PATH", help="image files or folders (searched recursively)")
    predict.add_argument("--model", help="model file (default: the shipped model)")
    predict.set_defaults(func=cmd_digits_predict)
    teach = digits.add_parser(
        "teach", help="fine-tune on your corrected drawings (kept by the window) mixed with MNIST"
    )
    teach.add_argument("--model", help="model to start from (default: the model in use: accepted, else shipped)")
    teach.add_argument("--out", help="model file to write (.keras); default: a new file in your DigitFace data folder")
    teach.add_argument(
        "--corrections", metavar="DIR", help="folder of DIR/<digit>/*.png drawings (default: the window's own)"
    )
    teach.add_argument("--steps", type=int, help=f"training steps (default: {TEACH_STEPS})")
    teach.add_argument("--mnist-images", type=int, help="MNIST training digits mixed in (default: 6000)")
    teach.add_argument("--test-images", type=int, help="score on the first N MNIST test digits (default: all)")
    teach.add_argument("--mnist", help="folder with the MNIST idx files (default: the bundled copy)")
    teach.set_defaults(func=cmd_digits_teach)
    add_export_parser(digits, "digits")

    faces = areas.add_parser("faces", help="recognise people, pets or things").add_subparsers(
        dest="verb", metavar="VERB"
    )
    faces.required = True
    ftrain = faces.add_parser("train", help="train a recognizer on DIR/<class>/<images>")
    ftrain.add_argument("dir", metavar="DIR", help="folder with one sub-folder of images per person/class")
    ftrain.add_argument("--backbone", choices=["auto", "face", "imagenet", "scratch"], default="auto")
    ftrain.add_argument("--out", help="model file to write (.keras); default: your DigitFace data folder")
    ftrain.add_argument("--epochs", type=int, help="default: 150 (face), 60 (imagenet), 40 (scratch)")
    ftrain.add_argument("--seed", type=int, default=1)
    ftrain.add_argument(
        "--fine-tune",
        type=int,
        default=0,
        metavar="N",
        help="imagenet backbone: also fine-tune its top N layers after training the head",
    )
    ftrain.set_defaults(func=cmd_faces_train)

    fpredict = faces.add_parser("predict", help="name the people/classes in images")
    fpredict.add_argument("--model", required=True, help="recognizer file from 'digitface faces train'")
    fpredict.add_argument("paths", nargs="+", metavar="PATH", help="image files or folders (searched recursively)")
    fpredict.set_defaults(func=cmd_faces_predict)

    fevaluate = faces.add_parser("evaluate", help="accuracy on a labelled folder DIR/<class>/<images>")
    fevaluate.add_argument("--model", required=True, help="recognizer file from 'digitface faces train'")
    fevaluate.add_argument("dir", metavar="DIR")
    fevaluate.set_defaults(func=cmd_faces_evaluate)
    fetch = faces.add_parser(
        "fetch-weights", help="download the pretrained ImageNet backbone now, for training offline later"
    )
    fetch.set_defaults(func=cmd_faces_fetch_weights)
    add_export_parser(faces, "faces")
    return parser


def main(argv: list[str] | None = None) -> int:
    """``digitface <area> <verb> …`` (the window itself is opened by ``gui.app.main``, which calls this)."""
    # TensorFlow's C++ start-up chatter says nothing a user can act on.
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    argv = sys.argv[1:] if argv is None else argv
    # --verbose may come anywhere on the line, not only before the area as argparse would want.
    verbose = any(a in VERBOSE for a in argv)
    parser = build_parser()
    args = parser.parse_args([a for a in argv if a not in VERBOSE])
    if not hasattr(args, "func"):  # an area without a verb
        parser.print_help()
        return 2
    from models.logs import log_error, setup_logging

    log_file = setup_logging(verbose=verbose)
    # SIGTERM (kill, a closing terminal, a job scheduler) stops a command as Ctrl+C does: its temporary
    # files are cleaned up and it says what was saved. Left at the default, it died where it stood.
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminated) if main_thread else None
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 — the last guard: one line for the user, the traceback in the log
        log_error(f"unexpected error in digitface {' '.join(argv)}", exc)
        where = f"; details in {log_file}" if log_file else ""
        print(f"error: {type(exc).__name__}: {exc}{where}", file=sys.stderr)
        return 1
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)


def _terminated(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # handled where Ctrl+C is: "stopped", what was saved, temporary files removed


if __name__ == "__main__":
    sys.exit(main())
