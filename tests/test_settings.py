"""The remembered choices (models.settings): kept whole through a failed save, ignored when damaged."""

from __future__ import annotations

import errno
import os

import pytest

from models import settings
from models.paths import faces_in_use, recognizer_in_use


@pytest.fixture(autouse=True)
def fresh_user(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


@pytest.mark.parametrize("fault", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()])
def test_a_save_that_fails_at_the_rename_leaves_the_earlier_choices(monkeypatch, tmp_path, fault):
    settings.save_setting("language", "pt_BR")
    model = tmp_path / "pets.keras"
    model.write_bytes(b"PK")

    def replace(*args):
        raise fault

    with monkeypatch.context() as patch, pytest.raises(type(fault)):
        patch.setattr(os, "replace", replace)
        settings.remember_recognizer(model)
    assert settings.read_settings() == {"language": "pt_BR"}
    assert [p.name for p in settings.settings_path().parent.iterdir()] == ["settings.json"]  # no temp file left


def test_the_picked_recogniser_opens_until_it_is_gone_or_one_is_retrained_after_it(tmp_path):
    model = tmp_path / "pets.keras"
    model.write_bytes(b"PK")
    settings.save_setting("language", "en")
    settings.remember_recognizer(model)
    assert recognizer_in_use() == model.resolve()
    assert settings.read_settings()["language"] == "en"  # the other choices stay
    retrained = faces_in_use()
    retrained.parent.mkdir(parents=True)
    retrained.write_bytes(b"PK")  # retrained after the pick: newer
    assert recognizer_in_use() == retrained
    os.utime(retrained, (1e9, 1e9))
    model.unlink()
    assert recognizer_in_use() == retrained


@pytest.mark.parametrize("text", ["", "{", "[1, 2]", '{"recognizer": "pets.keras"}', '{"recognizer": {"path": 3}}'])
def test_a_damaged_file_means_nothing_chosen(text):
    settings.settings_path().write_text(text)
    assert settings.picked_recognizer() is None
    assert recognizer_in_use().name == "faces.keras"
