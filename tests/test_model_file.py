"""Model files: one atomic unit (metadata inside the archive), old pairs still read, safe-mode loading."""

from __future__ import annotations

import errno
import json
import os
import shutil
import sys
import zipfile

import numpy as np
import pytest

import models.model_file as model_file
from models.metadata import MetadataError
from models.model_file import (
    METADATA_MEMBER,
    check_model_destination,
    copy_model,
    load_metadata,
    load_model,
    metadata_path,
    save_model,
)


def tiny_model(seed: int):
    import keras

    keras.utils.set_random_seed(seed)
    inputs = keras.Input((4,))
    return keras.Model(inputs, keras.layers.Dense(2, activation="softmax")(inputs))


def recognizer_meta(classes: list[str], version: int) -> dict:
    """Valid recognizer metadata (scratch backbone: no references needed)."""
    return {"kind": "recognizer", "backbone": "scratch", "classes": classes, "input_size": [4], "version": version}


OLD = recognizer_meta(["ant", "bee"], 1)
NEW = recognizer_meta(["cat", "dog"], 2)


@pytest.fixture(scope="module")
def models():
    return tiny_model(1), tiny_model(2)


def weights_equal(a, b) -> bool:
    return all(np.array_equal(x, y) for x, y in zip(a.get_weights(), b.get_weights(), strict=True))


def names(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_save_and_load_round_trip(tmp_path, models):
    model = models[0]
    path = save_model(model, tmp_path / "m.keras", OLD)
    with zipfile.ZipFile(path) as archive:  # the metadata travels inside the model
        assert json.loads(archive.read(METADATA_MEMBER)) == OLD
    assert json.loads(metadata_path(path).read_text()) == OLD  # and a readable copy sits beside it
    assert load_metadata(path) == OLD
    x = np.ones((1, 4), np.float32)
    np.testing.assert_allclose(load_model(path)(x), model(x), rtol=1e-6)  # Keras' safe mode ignores our member
    assert names(tmp_path) == ["m.json", "m.keras"]


def test_metadata_inside_wins_over_a_stale_copy_beside(tmp_path, models):
    path = save_model(models[1], tmp_path / "m.keras", NEW)
    metadata_path(path).write_text(json.dumps(OLD))  # e.g. an older app rewrote only the .json
    assert load_metadata(path)["classes"] == ["cat", "dog"]
    metadata_path(path).unlink()  # the copy is only informational
    assert load_metadata(path)["classes"] == ["cat", "dog"]


def test_models_saved_before_still_load(tmp_path, models):
    """An old ``.keras`` + ``.json`` pair (no member inside), like the shipped digit model before "not a digit"."""
    path = tmp_path / "old.keras"
    models[0].save(path)
    metadata_path(path).write_text(json.dumps(OLD))
    assert load_metadata(path) == OLD
    assert weights_equal(load_model(path), models[0])
    metadata_path(path).unlink()
    assert load_metadata(path) == {}  # a bare Keras file: no metadata, not an error

    from models.digit_model import default_model_path

    shipped = default_model_path()  # saved again with its 11th answer: the metadata now travels inside
    with zipfile.ZipFile(shipped) as archive:
        assert METADATA_MEMBER in archive.namelist()
    assert load_metadata(shipped)["classes"] == [*(str(d) for d in range(10)), "not a digit"]


# --- the invariant: a failure at any step leaves exactly the old model or exactly the new one ---------------


class Faults:
    """Counts the steps of a save (each write, fsync and rename) and fails at one of them."""

    def __init__(self, monkeypatch, model, fail_at: int | None, fault: BaseException, after: bool) -> None:
        self.count, self.fail_at, self.fault, self.after = 0, fail_at, fault, after
        self.steps: list[str] = []
        for name in ("write", "fsync", "replace"):
            monkeypatch.setattr(os, name, self.wrap(name, getattr(os, name)))
        monkeypatch.setattr(zipfile.ZipFile, "writestr", self.wrap("zip write", zipfile.ZipFile.writestr))
        monkeypatch.setattr(shutil, "copyfile", self.wrap("copy", shutil.copyfile))
        monkeypatch.setattr(model, "save", self.wrap("keras save", model.save), raising=False)

    def wrap(self, name, real):
        def step(*args, **kwargs):
            self.steps.append(name)
            self.count += 1
            if self.count - 1 != self.fail_at:
                return real(*args, **kwargs)
            if self.after:  # the step took effect, then the signal or error arrived
                real(*args, **kwargs)
            elif name in ("write", "keras save", "copy"):  # a full disk takes part of a write first
                if name == "write":
                    real(args[0], bytes(args[1])[: len(args[1]) // 2])
            raise self.fault

        return step


def old_state(folder, models, legacy: bool):
    path = folder / "m.keras"
    if legacy:  # a pair saved by an earlier version: the labels live only beside the model
        models[0].save(path)
        metadata_path(path).write_text(json.dumps(OLD))
    else:
        save_model(models[0], path, OLD)
    return path


def new_model_in(tmp_path, models, operation: str):
    """How the new model arrives: saved after training, or copied over the one in use ("Use this model")."""
    if operation == "save":
        return lambda path: save_model(models[1], path, NEW)
    source = tmp_path / "run" / "finished.keras"  # a run saved by an earlier version: an old pair
    source.parent.mkdir()
    models[1].save(source)
    metadata_path(source).write_text(json.dumps(NEW))
    return lambda path: copy_model(source, path)


def count_steps(tmp_path, monkeypatch, models, install) -> list[str]:
    folder = tmp_path / "count"
    folder.mkdir()
    path = old_state(folder, models, legacy=False)
    with monkeypatch.context() as m:
        faults = Faults(m, models[1], None, OSError(), after=False)
        install(path)
    return faults.steps


@pytest.mark.parametrize("operation", ["save", "copy"])
@pytest.mark.parametrize("legacy", [False, True], ids=["over-a-new-format-model", "over-an-old-pair"])
def test_a_failure_at_any_step_leaves_the_old_model_or_the_new_one(tmp_path, monkeypatch, models, legacy, operation):
    install = new_model_in(tmp_path, models, operation)
    steps = count_steps(tmp_path, monkeypatch, models, install)
    assert {"keras save" if operation == "save" else "copy", "zip write", "write", "fsync", "replace"} <= set(steps)
    outcomes = set()
    for i, step in enumerate(steps):
        for fault in (OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()):
            for after in (False, True):
                folder = tmp_path / f"{i}-{type(fault).__name__}-{after}"
                folder.mkdir()
                path = old_state(folder, models, legacy)
                case = f"{fault!r} {'after' if after else 'at'} step {i} ({step})"
                raised = None
                with monkeypatch.context() as m:
                    Faults(m, models[1], i, fault, after)
                    try:
                        install(path)
                    except BaseException as exc:  # noqa: BLE001 - the test looks at what came out
                        raised = exc
                assert names(folder) in (["m.json", "m.keras"], ["m.keras"]), f"{case}: temp files left"
                meta, model = load_metadata(path), load_model(path)
                expected = 1 if meta["version"] == 1 else 2
                assert meta == (OLD if expected == 1 else NEW), case
                assert weights_equal(model, models[expected - 1]), f"{case}: labels of one model, weights of another"
                if metadata_path(path).exists():  # the readable copy never describes the other model
                    assert json.loads(metadata_path(path).read_text()) == meta, case
                if isinstance(fault, KeyboardInterrupt):
                    assert isinstance(raised, KeyboardInterrupt), case
                elif raised is not None:
                    assert expected == 1, f"{case}: an error was reported but the model was replaced"
                    assert isinstance(raised, OSError) and raised.errno == errno.ENOSPC, case
                    assert str(path) in str(raised) and ".tmp" not in str(raised), case
                outcomes.add(expected)
    assert outcomes == {1, 2}  # both outcomes happen: the faults really hit before and after the switch


def test_copy_refuses_a_source_without_metadata(tmp_path, models):
    source = tmp_path / "bare.keras"
    models[1].save(source)
    target = save_model(models[0], tmp_path / "in-use.keras", OLD)
    with pytest.raises(MetadataError, match=r"bare\.json: is missing"):
        copy_model(source, target)
    assert load_metadata(target) == OLD and weights_equal(load_model(target), models[0])


def test_save_errors_name_the_users_file_not_the_temp_file(tmp_path, models, monkeypatch):
    path = save_model(models[0], tmp_path / "m.keras", OLD)

    def full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device", str(src))

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(OSError, match="No space left") as caught:
        save_model(models[1], path, NEW)
    assert str(path) in str(caught.value) and ".tmp" not in str(caught.value)


def test_metadata_that_could_not_be_loaded_back_is_never_written(tmp_path, models):
    with pytest.raises(MetadataError, match="confidence_threshold"):
        save_model(models[0], tmp_path / "m.keras", {**NEW, "confidence_threshold": float("nan")})
    with pytest.raises(MetadataError, match="JSON"):
        save_model(models[0], tmp_path / "m.keras", {**NEW, "note": float("inf")})
    assert names(tmp_path) == []


# --- where a model may be saved ---------------------------------------------------------------------------


def test_destination_is_checked_before_any_work(tmp_path):
    assert check_model_destination(tmp_path / "new" / "deeper" / "m.keras") == tmp_path / "new" / "deeper" / "m.keras"
    assert names(tmp_path) == []  # checking creates nothing
    with pytest.raises(ValueError, match=r"m\.h5: model files end in \.keras"):
        check_model_destination(tmp_path / "m.h5")
    (tmp_path / "folder.keras").mkdir()
    with pytest.raises(ValueError, match="is a folder"):
        check_model_destination(tmp_path / "folder.keras")
    (tmp_path / "file").write_text("x")
    with pytest.raises(NotADirectoryError, match="is a file, not a folder"):
        check_model_destination(tmp_path / "file" / "m.keras")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions and /proc")
def test_a_read_only_place_is_refused(tmp_path):
    if os.geteuid() != 0:  # root may write in a read-only folder; /proc refuses everyone
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o555)
        try:
            with pytest.raises(PermissionError, match="cannot save"):
                check_model_destination(locked / "m.keras")
        finally:
            locked.chmod(0o755)
    if os.path.isdir("/proc/self"):
        with pytest.raises(OSError, match=r"cannot save /proc/self/m\.keras"):
            check_model_destination("/proc/self/m.keras")


# --- bad files -------------------------------------------------------------------------------------------


def test_bad_files_are_clear_errors(tmp_path, models):
    with pytest.raises(FileNotFoundError):
        load_model(tmp_path / "absent.keras")
    with pytest.raises(FileNotFoundError, match="absent.keras"):
        load_metadata(tmp_path / "absent.keras")
    junk = tmp_path / "junk.keras"
    junk.write_bytes(b"not a zip")
    with pytest.raises(ValueError, match=r"junk.keras is not a Keras model file \(not a .keras archive\)"):
        load_model(junk)
    empty = tmp_path / "empty.keras"  # Keras itself calls this "File not found"
    empty.touch()
    with pytest.raises(ValueError, match=r"empty.keras is not a Keras model file \(an empty file\)"):
        load_model(empty)
    with pytest.raises(ValueError, match=".keras"):
        save_model(models[0], tmp_path / "m.h5", OLD)


def test_a_corrupt_json_names_the_file(tmp_path, models):
    path = tmp_path / "m.keras"
    models[0].save(path)
    metadata_path(path).write_text('{"kind": "recognizer", "classes": ')
    with pytest.raises(MetadataError, match=r"m\.json: is not valid JSON \(Expecting value: line 1 column 35\)"):
        load_metadata(path)
    metadata_path(path).write_bytes(b"\xff\xfe{}")
    with pytest.raises(MetadataError, match=r"m\.json: is not UTF-8"):
        load_metadata(path)


def test_a_damaged_member_inside_names_the_model_file(tmp_path, models):
    path = tmp_path / "m.keras"
    models[0].save(path)
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr(METADATA_MEMBER, "[1, 2")
    with pytest.raises(MetadataError, match=rf"m\.keras \({METADATA_MEMBER} inside it\): is not valid JSON"):
        load_metadata(path)


def test_safe_mode_refuses_code_in_the_file(tmp_path):
    import keras

    inputs = keras.Input((2,))
    model = keras.Model(inputs, keras.layers.Lambda(lambda t: t * 2)(inputs))
    path = tmp_path / "lambda.keras"
    model.save(path)
    with pytest.raises(ValueError, match="not a readable Keras model"):
        load_model(path)


def test_atomic_write_bytes_leaves_the_old_file_on_failure(tmp_path, monkeypatch):
    path = tmp_path / "settings.json"
    model_file.atomic_write_bytes(path, b"old")
    for name in ("write", "fsync", "replace"):
        with monkeypatch.context() as m:
            m.setattr(os, name, lambda *a, **k: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
            with pytest.raises(OSError):
                model_file.atomic_write_bytes(path, b"new")
        assert path.read_bytes() == b"old" and names(tmp_path) == ["settings.json"], name


# --- a process killed in the middle of a save -------------------------------------------------------------

KILLED_SAVE = """
import json, os, signal, sys
sys.path.insert(0, sys.argv[4])
import keras
from models.model_file import save_model

keras.utils.set_random_seed(2)  # the same weights as tiny_model(2) in the test
inputs = keras.Input((4,))
model = keras.Model(inputs, keras.layers.Dense(2, activation="softmax")(inputs))
calls = []
for name in ("fsync", "replace"):
    def step(*args, _real=getattr(os, name), **kwargs):
        result = _real(*args, **kwargs)
        calls.append(1)
        if len(calls) == int(sys.argv[2]):
            os.kill(os.getpid(), signal.SIGKILL)
        return result
    setattr(os, name, step)
save_model(model, sys.argv[1], json.loads(sys.argv[3]))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
@pytest.mark.parametrize(
    ("kill_after", "expected"),
    [(1, 1), (2, 2), (3, 2), (5, 2)],
    ids=["temp-model-flushed", "just-renamed", "folder-flushed", "copy-renamed"],
)
def test_a_killed_save_leaves_one_whole_model_and_its_leftovers_are_swept(tmp_path, models, kill_after, expected):
    """Killed after the n-th fsync/rename: 1 the temp model flushed, 2 renamed, 3 folder flushed, 5 copy renamed."""
    import subprocess
    import time
    from pathlib import Path

    path = save_model(models[0], tmp_path / "m.keras", OLD)
    repo = str(Path(__file__).resolve().parent.parent)
    done = subprocess.run(
        [sys.executable, "-c", KILLED_SAVE, str(path), str(kill_after), json.dumps(NEW), repo],
        capture_output=True,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "CUDA_VISIBLE_DEVICES": ""},
        timeout=300,
    )
    assert done.returncode == -9, done.stderr.decode()[-2000:]
    assert load_metadata(path) == (OLD if expected == 1 else NEW)
    assert weights_equal(load_model(path), models[expected - 1])  # the labels belong to these weights
    if kill_after > 2 and metadata_path(path).exists():  # (killed at once after the rename, the old copy is left:
        assert json.loads(metadata_path(path).read_text()) == NEW  # loading never reads it, as the model has its own)
    leftovers = [p for p in tmp_path.iterdir() if p.name not in ("m.keras", "m.json")]
    if kill_after == 1:
        assert leftovers  # a killed process cannot clean up after itself…
    for p in leftovers:
        old = time.time() - 2 * model_file.LEFTOVER_AGE_S
        os.utime(p, (old, old))
    (tmp_path / ".m.keras.abcd1234.tmp.keras").write_bytes(b"a save still running in another process")
    save_model(models[0], path, OLD)  # …so the next save into the folder does
    assert names(tmp_path) == [".m.keras.abcd1234.tmp.keras", "m.json", "m.keras"]


SIGNALLED_SAVE = """
import json, os, signal, sys
sys.path.insert(0, sys.argv[4])
import keras
from models.model_file import save_model

keras.utils.set_random_seed(2)  # the same weights as tiny_model(2) in the test
inputs = keras.Input((4,))
model = keras.Model(inputs, keras.layers.Dense(2, activation="softmax")(inputs))
real_save = keras.Model.save

def save(self, *args, **kwargs):  # the signal arrives while the archive is being written
    os.kill(os.getpid(), getattr(signal, sys.argv[2]))
    return real_save(self, *args, **kwargs)

keras.Model.save = save
try:
    save_model(model, sys.argv[1], json.loads(sys.argv[3]))
except KeyboardInterrupt:
    print("stopped after the save", flush=True)
    sys.exit(130)
print("went on after the signal", flush=True)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize(("name", "code"), [("SIGINT", 130), ("SIGTERM", -15)])
def test_ctrl_c_or_sigterm_during_a_save_stops_the_program_once_it_is_saved(tmp_path, models, name, code):
    """Ctrl+C inside h5py's writer came out as a TypeError, reported as an internal error; SIGTERM left a temp file."""
    import subprocess
    from pathlib import Path

    path = save_model(models[0], tmp_path / "m.keras", OLD)
    repo = str(Path(__file__).resolve().parent.parent)
    done = subprocess.run(
        [sys.executable, "-c", SIGNALLED_SAVE, str(path), name, json.dumps(NEW), repo],
        capture_output=True,
        text=True,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "CUDA_VISIBLE_DEVICES": ""},
        timeout=300,
    )
    assert done.returncode == code, done.stderr[-2000:]
    assert "went on" not in done.stdout
    assert load_metadata(path) == NEW and weights_equal(load_model(path), models[1])
    assert names(tmp_path) == ["m.json", "m.keras"]  # no temp file left behind
