"""Rewrite ``assets/digit_cnn.onnx``, the shipped digit model's ONNX twin (see ``models/digit_onnx.py``).

Run it after the shipped model changes (a test fails until you do):

    python -m assets.onnx_twin
"""

from __future__ import annotations

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def main() -> None:
    from models.digit_model import default_model_path
    from models.digit_onnx import twin_path
    from models.model_file import load_model
    from training.export import export_keras

    source = default_model_path()
    out = export_keras(load_model(source), "onnx", twin_path(), source=source)
    print(f"wrote {out} ({out.stat().st_size // 1024} KB) from {source.name}")


if __name__ == "__main__":
    main()
