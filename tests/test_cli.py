"""The ``digitface digits`` CLI on good and bad input."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import paste_digit
from PIL import Image

from training.cli import main


@pytest.fixture()
def digit_folder(tmp_path, mnist_test):
    folder = tmp_path / "drawings"
    folder.mkdir()
    labels = {}
    for i in range(6):
        picture = paste_digit(mnist_test.images[i], 200, 150, 25, 25)
        name = f"{i:02d}.png"
        Image.fromarray(picture).save(folder / name)
        labels[name] = int(mnist_test.labels[i])
    return folder, labels


def parse(out: str) -> list[list[str]]:
    return [line.split("\t") for line in out.strip().splitlines()]


def test_predict_folder(digit_folder, capsys):
    folder, labels = digit_folder
    assert main(["digits", "predict", str(folder)]) == 0
    rows = parse(capsys.readouterr().out)
    assert [r[0] for r in rows] == [str(folder / n) for n in sorted(labels)]  # sorted, one line each
    for path, digit, confidence in rows:
        assert int(digit) == labels[path.rsplit("/", 1)[1]]
        assert 0.0 <= float(confidence) <= 1.0


def test_predict_formats_and_blank(tmp_path, mnist_test, capsys):
    seven = paste_digit(mnist_test.images[0], 120, 100, 10, 10)
    Image.fromarray(seven).convert("RGBA").save(tmp_path / "seven.png")
    Image.fromarray(seven).save(tmp_path / "seven.gif")
    Image.fromarray(seven).save(tmp_path / "seven.jpg", quality=90)
    Image.fromarray(seven.astype(np.uint16) * 257).save(tmp_path / "seven16.png")
    Image.fromarray(np.full((64, 64), 255, np.uint8)).save(tmp_path / "blank.png")
    paths = [str(tmp_path / n) for n in ("seven.png", "seven.gif", "seven.jpg", "seven16.png", "blank.png")]
    assert main(["digits", "predict", *paths]) == 0
    rows = parse(capsys.readouterr().out)
    assert [r[1] for r in rows] == ["7", "7", "7", "7", "-"]
    assert float(rows[-1][2]) == 0.0


def test_predict_bad_files_are_reported_and_the_rest_processed(digit_folder, capsys):
    folder, labels = digit_folder
    (folder / "notes.png").write_text("this is not a picture")
    missing = folder / "missing.png"
    assert main(["digits", "predict", str(folder), str(missing)]) == 1
    captured = capsys.readouterr()
    assert len(parse(captured.out)) == len(labels)
    assert "notes.png" in captured.err and "missing.png" in captured.err
    assert "2 of 8 files could not be read" in captured.err


def test_evaluate_prints_accuracy_last(capsys):
    assert main(["digits", "evaluate"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    label, value = last.split()
    assert label == "accuracy" and float(value) >= 0.995  # shipped model: 0.9958


def test_evaluate_bad_model_is_an_error(tmp_path, capsys):
    bad = tmp_path / "bad.keras"
    bad.write_text("nope")
    assert main(["digits", "evaluate", "--model", str(bad)]) == 1
    assert f"{bad} is not a Keras model file (not a .keras archive)" in capsys.readouterr().err


def test_train_cli_quick_run(tmp_path, capsys):
    out = tmp_path / "m.keras"
    assert main(["digits", "train", "--epochs", "1", "--limit", "800", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert out.exists() and "test accuracy" in captured.out
    assert "epoch 1/1" in captured.err


def _all_parsers(parser):
    yield parser
    for action in parser._actions:
        for sub in getattr(action, "choices", None) or {}:
            if isinstance(action.choices, dict):
                yield from _all_parsers(action.choices[sub])


def test_every_help_text_reads_as_written():
    """``--help`` of every command: argparse fills in ``%(...)s``, so a bare ``20%`` had printed its internals."""
    from training.cli import build_parser

    helps = {parser.prog: parser.format_help() for parser in _all_parsers(build_parser())}
    assert len(helps) > 10  # digits and faces, each with their verbs
    for prog, text in helps.items():
        assert "option_strings" not in text and "%(" not in text, prog
    assert "20% as many as MNIST images" in " ".join(helps["digitface digits train"].split())


def test_predict_reads_sub_folders_as_the_windows_corrections_are_kept(digit_folder, capsys):
    """``corrections/7/….png``: a folder of folders had answered "no images found"."""
    folder, labels = digit_folder
    nested = folder / "7" / "more"
    nested.mkdir(parents=True)
    first = sorted(labels)[0]
    (folder / first).rename(nested / first)
    assert main(["digits", "predict", str(folder)]) == 0
    rows = parse(capsys.readouterr().out)
    assert str(nested / first) in [r[0] for r in rows] and len(rows) == len(labels)
    assert main(["digits", "predict", str(folder), str(nested)]) == 0  # a sub-folder named too: read once
    assert len(parse(capsys.readouterr().out)) == len(labels)
