"""The real app starts: window first, TensorFlow later, in a worker."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import REPO

SCRIPT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import gui.app as app

qapp = QApplication([])

seen = {}
def check():
    seen['tf_at_show'] = 'tensorflow' in sys.modules
    w = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    seen['window'] = bool(w)
QTimer.singleShot(0, check)
code = app.main([])
print('TF_AT_SHOW', seen['tf_at_show'], 'WINDOW', seen['window'], 'TF_LATER', 'tensorflow' in sys.modules, 'EXIT', code)
"""


def test_window_appears_before_tensorflow_and_model_loads():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DIGITFACE_STARTUP_REPORT="1")
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=REPO, env=env, capture_output=True, text=True, timeout=180
    )
    out = result.stdout
    assert "window-shown" in out and "model-ready" in out, out + result.stderr[-2000:]
    assert "TF_AT_SHOW False WINDOW True TF_LATER True EXIT 0" in out, out
