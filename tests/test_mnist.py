"""The vendored MNIST copy is complete and reads offline."""

from __future__ import annotations

import gzip
import hashlib

import numpy as np
import pytest

from training.mnist import default_dir, load_split, read_idx

# MD5 of the uncompressed canonical files (LeCun et al.).
CANONICAL_MD5 = {
    "train-images-idx3-ubyte.gz": "6bbc9ace898e44ae57da46a324031adb",
    "train-labels-idx1-ubyte.gz": "a25bea736e30d166cdddb491f175f624",
    "t10k-images-idx3-ubyte.gz": "2646ac647ad5339dbf082846283269ea",
    "t10k-labels-idx1-ubyte.gz": "27ae3e4e09519cfbb04c329615203637",
}


@pytest.mark.parametrize("name", sorted(CANONICAL_MD5))
def test_vendored_files_are_canonical(name):
    data = gzip.decompress((default_dir() / name).read_bytes())
    assert hashlib.md5(data).hexdigest() == CANONICAL_MD5[name]


def test_splits_load():
    train, test = load_split("train"), load_split("test")
    assert train.images.shape == (60000, 28, 28) and train.labels.shape == (60000,)
    assert test.images.shape == (10000, 28, 28)
    assert set(np.unique(test.labels)) == set(range(10))


def test_user_given_folder_with_unpacked_files(tmp_path):
    for name in ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"):
        (tmp_path / name.removesuffix(".gz")).write_bytes(gzip.decompress((default_dir() / name).read_bytes()))
    assert len(load_split("test", tmp_path).labels) == 10000


def test_missing_and_corrupt_files_are_clear_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="not found"):
        load_split("test", tmp_path)
    bad = tmp_path / "bad-idx"
    bad.write_bytes(b"\x00\x00\x08\x01\x00\x00\x00\x05abc")
    with pytest.raises(ValueError, match="expected 5"):
        read_idx(bad)
    with pytest.raises(ValueError, match="split"):
        load_split("validation")
