"""``digitface``: with no arguments, the app's window; ``digitface <area> <verb>``, the CLI.

The CLI drives the same Qt-free core as the window. Heavy imports (TensorFlow,
Qt) happen inside the commands, so ``--help`` is instant.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from models.image_io import IMAGE_SUFFIXES
from training.configs import DigitTrainConfig
from training.optimizers import OPTIMIZERS
from training.progress import Progress


class ProgressBar:
    """A one-line text progress bar on stderr for training runs."""

    def __init__(self, stream=None, width: int = 28) -> None:
        self.stream, self.width = stream or sys.stderr, width
        self._open = False

    def __call__(self, p: Progress) -> None:
        if p.kind == "message":
            self._end_line()
            print(p.message, file=self.stream, flush=True)
            return
        filled = round(self.width * p.batch / max(p.batches, 1))
        bar = "█" * filled + "·" * (self.width - filled)
        logs = p.logs
        text = f"\repoch {p.epoch}/{p.epochs} {bar} loss {logs.get('loss', 0):.4f} acc {logs.get('accuracy', 0):.4f}"
        text += f"  {p.examples_per_s:5.0f} img/s  ETA {_clock(p.eta_s)}"
        if p.kind == "epoch":
            text += f"  val_loss {logs.get('val_loss', 0):.4f} val_acc {logs.get('val_accuracy', 0):.4f}\n"
        self.stream.write(text)
        self.stream.flush()
        self._open = p.kind == "batch"

    def _end_line(self) -> None:
        if self._open:
            self.stream.write("\n")
            self._open = False


def _clock(seconds: float) -> str:
    m, s = divmod(int(seconds), 60)
    return f"{m}:{s:02d}"


def image_paths(paths: list[str], recursive: bool = False) -> list[Path]:
    """Expand folders into their image files (sorted); files are kept as given."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = path.rglob("*") if recursive else path.iterdir()
            out.extend(sorted(p for p in found if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES))
        else:
            out.append(path)
    return out


def cmd_digits_train(args: argparse.Namespace) -> int:
    from models.paths import user_data_dir
    from training.digit_training import DigitTrainConfig, train_digits
    from training.progress import Cancelled

    config = DigitTrainConfig(
        epochs=args.epochs,
        batch_size=args.batch_size,
        learning_rate=args.lr,
        optimizer=args.optimizer,
        seed=args.seed,
        label_smoothing=args.label_smoothing,
        augment=not args.no_augment,
        limit=args.limit,
        mnist_dir=args.mnist,
    )
    out = Path(args.out) if args.out else user_data_dir() / "models" / "digit_cnn.keras"
    try:
        result = train_digits(config, out=out, on_progress=ProgressBar())
    except (Cancelled, KeyboardInterrupt):
        print("\ntraining stopped; nothing was saved", file=sys.stderr)
        return 130
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
        accuracy = evaluate_model(predictor, args.mnist)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"accuracy {accuracy:.4f}")
    return 0


def cmd_digits_predict(args: argparse.Namespace) -> int:
    from models.digit_model import DigitPredictor
    from models.image_io import read_image

    paths = image_paths(args.paths)
    if not paths:
        print("error: no images found", file=sys.stderr)
        return 1
    try:
        predictor = DigitPredictor.load(args.model)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    failed = 0
    for path in paths:
        try:
            prediction = predictor.predict_image(read_image(path))
        except (OSError, ValueError) as exc:
            print(f"{path}: {exc}", file=sys.stderr)
            failed += 1
            continue
        digit = "-" if prediction.digit is None else str(prediction.digit)
        print(f"{path}\t{digit}\t{prediction.confidence:.4f}", flush=True)
    if failed:
        print(f"{failed} of {len(paths)} files could not be read", file=sys.stderr)
    return 1 if failed else 0


def cmd_faces_train(args: argparse.Namespace) -> int:
    from models.paths import user_data_dir
    from training.progress import Cancelled
    from training.recognizer_training import RecognizerTrainConfig, train_recognizer

    config = RecognizerTrainConfig(
        backbone=args.backbone, epochs=args.epochs, seed=args.seed, fine_tune_layers=args.fine_tune
    )
    out = Path(args.out) if args.out else user_data_dir() / "models" / f"{Path(args.dir).resolve().name}.keras"
    bar = ProgressBar()

    def progress(p: Progress) -> None:
        if p.kind == "features":  # one line that counts up, not a line per image
            sys.stderr.write(f"\r{p.message}")
            if p.batch == p.batches:
                sys.stderr.write("\n")
            sys.stderr.flush()
        else:
            bar(p)

    try:
        result = train_recognizer(args.dir, config, out=out, on_progress=progress)
    except (Cancelled, KeyboardInterrupt):
        print("\ntraining stopped; nothing was saved", file=sys.stderr)
        return 130
    except (OSError, ValueError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    meta = result.metadata
    print(f"saved {result.saved_to}")
    print(f"backbone {result.backbone}; classes: {', '.join(result.classes)}")
    print(f"trained in {result.seconds:.1f} s; training accuracy {meta['train_accuracy']:.4f}")
    if meta["val_accuracy"] is not None:
        print(f"validation accuracy {meta['val_accuracy']:.4f} on {meta['val_images']} images")
    if "distance_threshold" in meta:
        print(f"unknown when a face is farther than {meta['distance_threshold']:.3f} from every enrolled photo")
    return 0


def _load_recognizer(path: str):
    from models.recognizer import Recognizer

    return Recognizer.load(path)


def cmd_faces_predict(args: argparse.Namespace) -> int:
    from models.image_io import read_image
    from training.folder_dataset import as_rgb

    paths = image_paths(args.paths, recursive=True)
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
            found = recognizer.recognize(as_rgb(read_image(path)))
        except (OSError, ValueError) as exc:
            print(f"{path}: {exc}", file=sys.stderr)
            failed += 1
            continue
        for r in found:
            line = f"{path}\t{r.label}\t{r.confidence:.4f}"
            if r.box is not None:
                line += "\t" + "\t".join(str(v) for v in r.box.as_tuple())
            print(line, flush=True)
    if failed:
        print(f"{failed} of {len(paths)} files could not be read", file=sys.stderr)
    return 1 if failed else 0


def cmd_faces_evaluate(args: argparse.Namespace) -> int:
    from training.recognizer_evaluation import evaluate_recognizer

    try:
        recognizer = _load_recognizer(args.model)
        report = evaluate_recognizer(recognizer, args.dir)
    except (OSError, ValueError, ModuleNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for name, (right, total) in report.per_class.items():
        print(f"{name}\t{right}/{total}\t{right / total:.4f}" if total else f"{name}\t0/0\t-")
    if report.skipped:
        print(f"skipped {report.skipped} unreadable file(s)", file=sys.stderr)
    print(f"accuracy {report.accuracy:.4f}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="digitface", description="DigitFace: learn deep learning by doing it.")
    areas = parser.add_subparsers(dest="area", metavar="AREA")

    digits = areas.add_parser("digits", help="the handwritten-digit CNN").add_subparsers(dest="verb", metavar="VERB")
    digits.required = True
    train = digits.add_parser("train", help="train the digit CNN on MNIST")
    d = DigitTrainConfig()  # one set of defaults for the CLI, the Training tab and the library
    train.add_argument("--epochs", type=int, default=d.epochs)
    train.add_argument("--out", help="model file to write (.keras); default: your DigitFace data folder")
    train.add_argument("--batch-size", type=int, default=d.batch_size)
    train.add_argument("--lr", type=float, default=d.learning_rate, help="peak learning rate")
    train.add_argument("--optimizer", choices=OPTIMIZERS, default=d.optimizer)
    train.add_argument("--seed", type=int, default=d.seed)
    train.add_argument(
        "--label-smoothing", type=float, default=d.label_smoothing, help="share of each target spread over all classes"
    )
    train.add_argument("--no-augment", action="store_true", help="train without canvas-like augmentation")
    train.add_argument("--limit", type=int, help="use only the first N training images (quick runs)")
    train.add_argument("--mnist", help="folder with the MNIST idx files (default: the bundled copy)")
    train.set_defaults(func=cmd_digits_train)

    evaluate = digits.add_parser("evaluate", help="accuracy on the MNIST test set")
    evaluate.add_argument("--model", help="model file (default: the shipped model)")
    evaluate.add_argument("--mnist", help="folder with the MNIST idx files (default: the bundled copy)")
    evaluate.set_defaults(func=cmd_digits_evaluate)

    predict = digits.add_parser("predict", help="read the digit in images")
    predict.add_argument("paths", nargs="+", metavar="PATH", help="image files or folders")
    predict.add_argument("--model", help="model file (default: the shipped model)")
    predict.set_defaults(func=cmd_digits_predict)

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
    return parser


def main(argv: list[str] | None = None) -> int:
    """``digitface <area> <verb> …`` (the window itself is opened by ``gui.app.main``, which calls this)."""
    # TensorFlow's C++ start-up chatter says nothing a user can act on.
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "func"):  # an area without a verb
        parser.print_help()
        return 2
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
