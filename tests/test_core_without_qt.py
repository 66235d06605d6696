"""models/ and training/ never import Qt: they import and run with Qt made unimportable."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from conftest import REPO

SCRIPT = textwrap.dedent(
    """
    import importlib.abc, pkgutil, sys

    class NoQt(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):
            if name.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6", "pyqtgraph", "superqt", "qtpy"):
                raise ImportError(f"Qt is absent in this test: {name}")

    sys.meta_path.insert(0, NoQt())
    import models, training
    for package in (models, training):
        for info in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{info.name}")

    from models.digit_model import DigitPredictor
    from training.mnist import load_split
    from training.cli import main

    test = load_split("test")
    prediction = DigitPredictor.load().predict_image(test.images[0])
    assert prediction.digit == int(test.labels[0]), prediction
    assert main(["digits", "evaluate", "--help"]) == 0
    """
)


def test_core_imports_and_predicts_without_qt():
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=REPO, capture_output=True, text=True, timeout=300)
    # argparse's --help exits through SystemExit(0) after printing usage
    assert "usage: digitface digits evaluate" in result.stdout, result.stderr[-3000:]
    assert "Qt is absent" not in result.stderr, result.stderr[-3000:]
