"""Enrolled people on disk: renaming, deleting and adding photos never lose a photo, even when the disk fails."""

from __future__ import annotations

import errno
import os

import numpy as np
import pytest
from PIL import Image

from models.people import PeopleError, add_photos, check_name, delete_person, list_people, rename_person


def photo(path, value=100):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(np.full((20, 20, 3), value, np.uint8)).save(path)
    return path


@pytest.fixture()
def root(tmp_path):
    root = tmp_path / "people"
    for i in range(3):
        photo(root / "ada" / f"{i}.jpg")
    photo(root / "bob" / "0.png")
    (root / ".deleted-old").mkdir()  # a hidden leftover is nobody
    return root


def photos(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_list_people_counts_photos(root, tmp_path):
    assert [(p.name, p.photos) for p in list_people(root)] == [("ada", 3), ("bob", 1)]
    assert list_people(tmp_path / "nowhere") == []


@pytest.mark.parametrize(
    "name",
    ["", "   ", "unknown", "Unknown", "a/b", "a\\b", "x:y", "what?", ".hidden", "con", "LPT1.txt", "dot.", "BOB"],
)
def test_bad_or_taken_names_are_refused(root, name):
    with pytest.raises(PeopleError):
        check_name(root, name)


def test_good_names_pass_stripped(root):
    assert check_name(root, "  Grace Hopper ") == "Grace Hopper"
    assert check_name(root, "Bob", current="bob") == "Bob"  # a person may keep (or re-case) their own name


def test_rename_moves_every_photo(root):
    before = photos(root / "ada")
    rename_person(root, "ada", "Ada Lovelace")
    assert not (root / "ada").exists() and photos(root / "Ada Lovelace") == before


@pytest.mark.parametrize("new", ["bob", "unknown", "", "a/b"])
def test_refused_rename_changes_nothing(root, new):
    before = photos(root)
    with pytest.raises(PeopleError):
        rename_person(root, "ada", new)
    assert photos(root) == before


def test_rename_or_delete_on_a_failing_disk_loses_nothing(root, monkeypatch):
    before = photos(root)

    def full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "rename", full)
    with pytest.raises(OSError):
        rename_person(root, "ada", "eve")
    with pytest.raises(OSError):
        delete_person(root, "ada")
    assert photos(root) == before


def test_delete_removes_the_person_only(root):
    delete_person(root, "ada")
    assert [p.name for p in list_people(root)] == ["bob"]
    assert not any(p.name.startswith(".deleted-") and p.name != ".deleted-old" for p in root.iterdir())
    with pytest.raises(PeopleError):
        delete_person(root, "ada")


def test_add_photos_copies_readable_files_and_names_the_others(root, tmp_path):
    good = photo(tmp_path / "in" / "0.jpg", 50)  # same name as one of ada's: must not replace it
    bad = tmp_path / "in" / "notes.png"
    bad.write_text("not a picture")
    old = (root / "ada" / "0.jpg").read_bytes()
    added, skipped = add_photos(root, "ada", [good, bad])
    assert added == 1 and [f for f, _ in skipped] == [bad]
    assert (root / "ada" / "0.jpg").read_bytes() == old
    assert (root / "ada" / "0_2.jpg").read_bytes() == good.read_bytes()


def test_add_photos_on_a_full_disk_leaves_no_half_file(root, tmp_path, monkeypatch):
    good = photo(tmp_path / "in" / "new.jpg")
    before = photos(root)

    def full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(OSError):
        add_photos(root, "ada", [good])
    assert photos(root) == before


def test_remove_empty_people_removes_only_folders_with_nothing_in_them(root):
    from models.people import remove_empty_people

    (root / "carla").mkdir()
    (root / "dora").mkdir()
    (root / "dora" / "notes.txt").write_text("mine")
    assert remove_empty_people(root) == ["carla"]
    assert not (root / "carla").exists() and (root / "dora" / "notes.txt").exists()
    assert [p.name for p in list_people(root)] == ["ada", "bob", "dora"]


def test_one_name_however_its_accents_or_case_were_typed(root):
    """ "José" with a combining accent (macOS, a paste) and "STRASSE" beside "Straße" became second people."""
    photo(root / "José" / "0.jpg")  # precomposed é
    photo(root / "Straße" / "0.jpg")
    decomposed = "Jose\u0301"
    assert decomposed != "José"
    for name in (decomposed, "josé", "STRASSE", "strasse"):
        with pytest.raises(PeopleError):
            check_name(root, name)
    assert check_name(root, "  Gaspar Fe\u0301lix ") == "Gaspar Félix"  # kept in one spelling
