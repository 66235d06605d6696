"""Frame sources: models/ stands alone, and file sources wait for whoever recognises their frames."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time

import numpy as np
from conftest import REPO
from PIL import Image

from models.frame_source import FrameSource


def write_slides(folder, n):
    folder.mkdir()
    for i in range(n):
        Image.fromarray(np.full((16, 16, 3), 10 * i, np.uint8)).save(folder / f"{i:02d}.png")
    return folder


def test_frame_source_needs_nothing_from_training(tmp_path):
    folder = write_slides(tmp_path / "slides", 2)
    script = textwrap.dedent(
        f"""
        import importlib.abc, sys

        class NoTraining(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path, target=None):
                if name.split(".")[0] == "training":
                    raise ImportError(f"models/ imported {{name}}")

        sys.meta_path.insert(0, NoTraining())
        from models.frame_source import FrameSource
        frames = list(FrameSource({str(folder)!r}).frames())
        assert len(frames) == 2 and frames[0].shape == (16, 16, 3), frames
        print("ok")
        """
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "ok", result.stderr[-3000:]


def test_folder_slide_show_waits_until_each_slide_was_recognised(tmp_path):
    folder = write_slides(tmp_path / "slides", 3)
    recognised = 0
    asked = []

    def caught_up(n):
        asked.append(n)
        return n <= recognised

    shown = []
    reader = threading.Thread(target=lambda: shown.extend(FrameSource(folder).frames(caught_up=caught_up)))
    reader.start()
    time.sleep(1.5)  # three slides' time at 2 per second
    assert len(shown) == 1 and asked and set(asked) == {1}  # stuck on the first slide, not run ahead
    recognised = 1
    time.sleep(1.0)
    assert len(shown) == 2
    recognised = 3
    reader.join(timeout=5)
    assert not reader.is_alive() and len(shown) == 3
