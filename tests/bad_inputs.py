"""A folder of the pictures and paths people really feed the CLI: damaged, tiny, thin, unreadable, exotic."""

from __future__ import annotations

import errno
import io
import os
import threading
import time
from pathlib import Path

import numpy as np
from PIL import Image

# Name → why it cannot be answered (a word the stderr line must hold).
BAD = {
    "truncated.jpg": "damaged",
    "empty.png": "empty file",
    "notes.png": "not an image",
    "thin.png": "too small",  # 5×300
    "strip.png": "too elongated",  # 2000×20
    "dot.png": "too small",  # 1×1
    "gone.jpg": "broken link",
    "locked": "cannot list this folder",
}
if hasattr(os, "mkfifo"):  # a named pipe among the pictures: reading it blocked until something wrote to it
    BAD["pipe.png"] = "named pipe"
APPLE_DOUBLE = "._good.jpg"


def exif_jpeg(upright: np.ndarray, path: Path, orientation: int) -> Path:
    """Save ``upright`` as a camera would: pixels stored turned, and an EXIF tag saying how to turn them back."""
    stored = {
        3: Image.Transpose.ROTATE_180,
        6: Image.Transpose.ROTATE_90,  # the viewer turns it 90° clockwise (ROTATE_270) to show it
        8: Image.Transpose.ROTATE_270,
    }
    picture = Image.fromarray(upright)
    if orientation != 1:
        picture = picture.transpose(stored[orientation])
    exif = Image.Exif()
    exif[0x0112] = orientation
    picture.save(path, quality=95, exif=exif.tobytes())
    return path


def write_good_variants(folder: Path, picture: np.ndarray) -> list[str]:
    """The same picture as a 16-bit PNG, a CMYK JPEG and an animated GIF: unusual but good files."""
    gray = np.asarray(Image.fromarray(picture).convert("L"))
    Image.fromarray(gray.astype(np.uint16) * 257).save(folder / "deep16.png")
    Image.fromarray(picture).convert("CMYK").save(folder / "cmyk.jpg", quality=95)
    frames = [Image.fromarray(picture), Image.fromarray(255 - picture)]
    frames[0].save(folder / "anim.gif", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return ["anim.gif", "cmyk.jpg", "deep16.png"]


def write_bad_inputs(folder: Path, good: np.ndarray) -> Path:
    """Write every kind of bad input of :data:`BAD` (and an AppleDouble file) into ``folder``.

    Returns the folder that cannot be listed (``locked``): it is made unreadable with chmod, which a
    root user ignores; :func:`lock` injects the same PermissionError for them.
    """
    buffer = io.BytesIO()
    Image.fromarray(good).save(buffer, format="JPEG", quality=95)
    data = buffer.getvalue()
    (folder / "truncated.jpg").write_bytes(data[: len(data) // 2])
    (folder / "empty.png").write_bytes(b"")
    (folder / "notes.png").write_text("this is not a picture")
    Image.new("L", (5, 300), 255).save(folder / "thin.png")
    Image.new("L", (2000, 20), 255).save(folder / "strip.png")
    Image.new("L", (1, 1), 0).save(folder / "dot.png")
    (folder / "gone.jpg").symlink_to(folder / "nowhere" / "gone.jpg")
    if "pipe.png" in BAD:
        pipe(folder / "pipe.png")
    (folder / APPLE_DOUBLE).write_bytes(b"\x00\x05\x16\x07" + b"\x00" * 60)  # macOS resource fork
    locked = folder / "locked"
    locked.mkdir()
    Image.fromarray(good).save(locked / "inside.png")
    return locked


def pipe(path: Path, grace_s: float = 15.0) -> Path:
    """Make a named pipe at ``path``; should a reader still block on it after ``grace_s``, end its wait.

    Without that, a regression would hang the test run forever instead of failing it: the reader
    gets an end of file (an "empty file") and the test's assertion on the line says what went wrong.
    """
    os.mkfifo(path)

    def release() -> None:
        time.sleep(grace_s)
        for _ in range(600):
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))  # succeeds only while a reader waits
                return
            except OSError as exc:
                if exc.errno != errno.ENXIO:  # ENXIO: no reader now; anything else: the pipe is gone
                    return
            time.sleep(0.2)

    threading.Thread(target=release, name="release-pipe", daemon=True).start()
    return path


def lock(locked: Path, monkeypatch) -> None:
    """Make ``locked`` unlistable: chmod 000, and for root (whom chmod does not stop) a PermissionError."""
    locked.chmod(0)
    if os.geteuid() != 0:
        return
    real = os.scandir

    def scandir(path=".", *args):
        if not isinstance(path, int) and Path(path) == locked:  # shutil.rmtree scans by file descriptor
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args)

    monkeypatch.setattr(os, "scandir", scandir)


def unlock(locked: Path) -> None:
    locked.chmod(0o755)  # so pytest can remove the temp folder


def stderr_lines_about(err: str, name: str) -> list[str]:
    """The stderr lines that name the file or folder ``name`` (by its path)."""
    return [line for line in err.splitlines() if f"/{name}:" in line]
