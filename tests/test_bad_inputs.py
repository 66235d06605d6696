"""Bad pictures and bad paths never crash and never mislead: the ``digits`` CLI, EXIF, logs, progress."""

from __future__ import annotations

import io

import numpy as np
import pytest
from bad_inputs import (
    APPLE_DOUBLE,
    BAD,
    exif_jpeg,
    lock,
    stderr_lines_about,
    unlock,
    write_bad_inputs,
    write_good_variants,
)
from conftest import paste_digit

from training.cli import ProgressBar, main
from training.progress import Progress


def rows(out: str) -> dict[str, list[str]]:
    """stdout of ``predict`` as {file name: fields after the path}."""
    return {line.split("\t")[0].rsplit("/", 1)[1]: line.split("\t")[1:] for line in out.strip().splitlines()}


@pytest.mark.parametrize("orientation", [3, 6, 8])
def test_phone_photos_stored_sideways_read_as_shown(tmp_path, mnist_test, orientation, capsys):
    # Digits whose answer changes when turned: read sideways, most of them were wrong.
    picked = [i for i in range(40) if mnist_test.labels[i] in (1, 2, 3, 4, 5, 7)][:6]
    for i in picked:
        upright = paste_digit(mnist_test.images[i], 240, 180, 30, 30)
        exif_jpeg(upright, tmp_path / f"{i:02d}.jpg", orientation)
    assert main(["digits", "predict", str(tmp_path)]) == 0
    answers = rows(capsys.readouterr().out)
    assert {name: int(fields[0]) for name, fields in answers.items()} == {
        f"{i:02d}.jpg": int(mnist_test.labels[i]) for i in picked
    }


def test_a_folder_of_bad_inputs_gets_one_line_each_and_every_good_file_answered(
    tmp_path, mnist_test, monkeypatch, capsys
):
    seven = paste_digit(mnist_test.images[0], 200, 150, 25, 25)  # MNIST test image 0 is a 7
    folder = tmp_path / "inbox"
    folder.mkdir()
    from PIL import Image

    Image.fromarray(seven).save(folder / "good.png")
    good = ["good.png", *write_good_variants(folder, np.stack([seven] * 3, axis=2))]
    locked = write_bad_inputs(folder, seven)
    lock(locked, monkeypatch)
    try:
        code = main(["digits", "predict", str(folder), str(locked)])
    finally:
        unlock(locked)
    out, err = capsys.readouterr()
    assert code == 1
    assert {name: fields[0] for name, fields in rows(out).items()} == dict.fromkeys(good, "7")
    for name, why in BAD.items():
        (line,) = stderr_lines_about(err, name)
        assert why in line, line
    assert APPLE_DOUBLE not in err + out
    assert "Traceback" not in err
    files = len(BAD) - 1  # the unlisted folder holds one
    assert f"{files} of {files + len(good)} files could not be read" in err  # the AppleDouble file is not one
    assert "1 folder could not be listed" in err


def test_a_huge_picture_is_read_reduced_and_answered_without_pillows_warning(tmp_path, mnist_test, capsys):
    import warnings

    from PIL import Image

    from models.image_io import DIGIT_MAX_SIDE, read_image

    # 10000×10000 is over Pillow's 89 Mpx "decompression bomb" warning.
    seven = paste_digit(mnist_test.images[0], 1000, 750, 125, 125)
    Image.fromarray(seven).resize((10000, 10000), Image.Resampling.NEAREST).save(tmp_path / "huge.jpg", quality=80)
    assert main(["digits", "predict", str(tmp_path / "huge.jpg")]) == 0
    assert rows(capsys.readouterr().out)["huge.jpg"][0] == "7"
    # The CLI sends warnings to its log; the reader itself must not raise Pillow's in the first place.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert read_image(tmp_path / "huge.jpg", DIGIT_MAX_SIDE).shape == (1000, 1000)
    assert not [w for w in caught if w.category is Image.DecompressionBombWarning]


def test_a_jpeg_over_pillows_size_limit_is_read_reduced_and_other_formats_are_still_refused(
    tmp_path, mnist_test, capsys, monkeypatch
):
    """A 200 MP phone photo (16320×12240) is over Pillow's bomb limit, yet decodes at 1/8 as 3 MP: it was refused.

    The limit is lowered here so that a 2400×2400 picture stands for it, without writing 200 MP.
    """
    from PIL import Image

    from models.image_io import DIGIT_MAX_SIDE, FACE_MAX_SIDE, UnusableImage, read_image_scaled

    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000_000)  # refused from 2 Mpx on
    seven = paste_digit(mnist_test.images[0], 2400, 1800, 300, 300)
    exif_jpeg(seven, tmp_path / "phone.jpg", 6)  # stored sideways, as phones do
    Image.fromarray(seven).save(tmp_path / "phone.png")
    assert main(["digits", "predict", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert list(rows(out)) == ["phone.jpg"] and rows(out)["phone.jpg"][0] == "7"  # read upright, reduced
    assert "phone.png: picture too large to read safely" in err  # a PNG cannot be decoded reduced
    pixels, scale = read_image_scaled(tmp_path / "phone.jpg", DIGIT_MAX_SIDE)
    assert pixels.shape == (1000, 1000) and scale == 2.4
    with pytest.raises(UnusableImage, match="too large"):  # at 2000 px it would decode whole: still refused
        read_image_scaled(tmp_path / "phone.jpg", FACE_MAX_SIDE)


def test_reduced_reading_keeps_the_pictures_own_coordinates(tmp_path):
    from PIL import Image

    from models.image_io import read_image_scaled

    picture = np.zeros((3000, 4000), np.uint8)
    picture[1000:1500, 2000:2400] = 255
    Image.fromarray(picture).save(tmp_path / "big.jpg", quality=95)
    small, scale = read_image_scaled(tmp_path / "big.jpg", 1000)
    assert small.shape == (750, 1000) and scale == 4.0
    ys, xs = np.nonzero(small > 128)
    assert abs(ys.min() * scale - 1000) <= 8 and abs(xs.min() * scale - 2000) <= 8


def test_errors_keep_their_traceback_in_the_log_and_verbose_prints_it(tmp_path, capsys):
    from models.logs import log_path

    (tmp_path / "notes.png").write_text("not a picture")
    assert main(["digits", "predict", str(tmp_path / "notes.png")]) == 1
    err = capsys.readouterr().err
    assert "notes.png: not an image file" in err and "Traceback" not in err
    log = log_path().read_text()
    assert "notes.png: not an image file" in log and "Traceback" in log and "UnidentifiedImageError" in log

    assert main(["digits", "predict", str(tmp_path / "notes.png"), "--verbose"]) == 1
    err = capsys.readouterr().err
    assert "notes.png: not an image file" in err and "Traceback" in err and "UnidentifiedImageError" in err


def test_an_unexpected_failure_is_one_line_pointing_to_the_log(tmp_path, mnist_test, capsys, monkeypatch):
    from PIL import Image

    from models.digit_model import DigitPredictor
    from models.logs import log_path

    Image.fromarray(paste_digit(mnist_test.images[0], 100, 80, 10, 10)).save(tmp_path / "seven.png")

    def broken(self, image):
        raise RuntimeError("injected fault")

    monkeypatch.setattr(DigitPredictor, "predict_image", broken)
    assert main(["digits", "predict", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [f"error: RuntimeError: injected fault; details in {log_path()}"]
    assert "injected fault" in log_path().read_text().split("unexpected error")[-1]


def test_python_warnings_go_to_the_log_not_the_console(capfd):
    import warnings

    from models.logs import log_path, setup_logging

    setup_logging()
    warnings.warn("a library's chatter", UserWarning, stacklevel=1)
    assert "chatter" not in capfd.readouterr().err
    assert "a library's chatter" in log_path().read_text()


def test_the_feature_counter_line_is_ended_when_its_last_files_were_skipped():
    stream = io.StringIO()
    bar = ProgressBar(stream)
    bar(Progress("features", "Finding and embedding faces: 6/9", batch=6, batches=9))  # 7–9 unreadable
    bar(Progress("message", "faces found in 100% of the images"))
    bar(Progress("features", "Reading pictures: 1/2", batch=1, batches=2))
    bar.end_line()
    assert stream.getvalue().split("\n") == [
        "\rFinding and embedding faces: 6/9",
        "faces found in 100% of the images",
        "\rReading pictures: 1/2",
        "",
    ]


def test_an_epoch_without_validation_shows_no_validation_figures():
    """A folder too small for a validation split printed "val_loss 0.0000 val_acc 0.0000", a result never measured."""
    stream = io.StringIO()
    bar = ProgressBar(stream)
    bar(Progress("epoch", epoch=1, epochs=2, batch=1, batches=1, logs={"loss": 0.5, "accuracy": 0.75}))
    bar(Progress("epoch", epoch=2, epochs=2, batch=1, batches=1, logs={"loss": 0.4, "val_loss": 0.6, "accuracy": 1.0}))
    first, second, _ = stream.getvalue().split("\n")
    assert "acc 0.7500" in first and "val_" not in first and first.endswith("ETA 0:00")
    assert second.endswith("val_loss 0.6000 val_acc 0.0000")
