"""Save a face model over an existing one on small disks: what is left at the path afterwards.

Each disk is a fresh ``tmpfs`` of the given size (Linux, as root). An old face
model (2 people, 150 enrolled photos each) is saved first; then a new one (2
other people, 300 photos each) is saved over it, by the previous two-file save
(model, then metadata beside it: each renamed on its own) and by
``models.model_file.save_model``. The path must afterwards hold exactly the
old model or exactly the new one, with no temp files left; "MIXED" means the
new weights with the old labels.

    sudo PYTHONPATH=. python benchmarks/small_disk_saves.py [--from-kib 600 --to-kib 3200 --step-kib 200]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402

from models.model_file import atomic_write_bytes, load_metadata, load_model, save_model  # noqa: E402


def two_file_save(model, path: str, metadata: dict) -> None:
    """The save before this one: the model renamed into place, then its metadata file beside it."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".keras", dir=path.parent)
    os.close(fd)
    try:
        model.save(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    atomic_write_bytes(path.with_suffix(".json"), (json.dumps(metadata, indent=2) + "\n").encode())


def face_head(seed: int):
    import keras

    keras.utils.set_random_seed(seed)
    inputs = keras.Input((128,))
    return keras.Model(inputs, keras.layers.Dense(2, activation="softmax")(inputs))


def face_metadata(names: list[str], photos: int, seed: int) -> dict:
    rng = np.random.default_rng(seed)
    return {
        "kind": "recognizer",
        "backbone": "face",
        "classes": names,
        "input_size": [128],
        "feature_size": 128,
        "confidence_threshold": 0.0,
        "distance_threshold": 0.46,
        "references": {c: np.round(rng.normal(size=(photos, 128)) * 0.1, 5).tolist() for c in names},
    }


def outcome(path: str, old, new) -> str:
    """Which model the path holds, judged by loading it: labels and weights must belong together."""
    try:
        classes = tuple(load_metadata(path)["classes"])
        weights = load_model(path).get_weights()
    except Exception as exc:  # noqa: BLE001 - any failure to load is the finding
        return f"BROKEN ({type(exc).__name__})"
    model, name = (old, "old") if classes == ("ann", "bob") else (new, "new")
    same = all(np.array_equal(a, b) for a, b in zip(weights, model.get_weights(), strict=True))
    return name if same else "MIXED"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from-kib", type=int, default=600)
    parser.add_argument("--to-kib", type=int, default=3200)
    parser.add_argument("--step-kib", type=int, default=200)
    args = parser.parse_args()
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        print("needs Linux and root, to mount small tmpfs disks", file=sys.stderr)
        return 2
    old, new = face_head(1), face_head(2)
    old_meta, new_meta = face_metadata(["ann", "bob"], 150, 1), face_metadata(["cat", "dan"], 300, 2)
    with tempfile.TemporaryDirectory() as disk:
        for name, save in (("two files, two renames (before)", two_file_save), ("one archive (now)", save_model)):
            rows, bad = [], 0
            for kib in range(args.from_kib, args.to_kib + 1, args.step_kib):
                subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={kib}k", "tmpfs", disk], check=True)
                try:
                    path = os.path.join(disk, "m.keras")
                    try:
                        save_model(old, path, old_meta)
                    except OSError:
                        continue  # the old model alone does not fit
                    try:
                        save(new, path, new_meta)
                        result = "saved"
                    except OSError:
                        result = "error"
                    held = outcome(path, old, new)
                    litter = sorted(set(os.listdir(disk)) - {"m.keras", "m.json"})
                    good = (held, result) in (("old", "error"), ("new", "saved")) and not litter
                    bad += not good
                    rows.append(f"  {kib:5d} KiB: {result:5} → {held}{'  + temp files' if litter else ''}")
                finally:
                    subprocess.run(["umount", disk], check=True)
            print(f"{name}: {bad} of {len(rows)} disks left the model changed, broken or littered")
            print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
