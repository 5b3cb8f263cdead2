"""load_catalogue() is cached per build, but a changed data or example file is always seen."""

from __future__ import annotations

import os
import shutil

import pytest

from macros.loader import DataError, load_catalogue
from tests.conftest import ROOT


@pytest.fixture
def project(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    return tmp_path


def test_repeated_calls_return_the_checked_catalogue(project):
    first = load_catalogue(project / "data", project)
    assert load_catalogue(project / "data", project) is first


def test_a_deleted_example_file_fails_the_next_call(project):
    catalogue = load_catalogue(project / "data", project)
    victim = project / catalogue.examples.examples[0].all_files[-1]
    victim.unlink()
    with pytest.raises(DataError, match="does not exist"):
        load_catalogue(project / "data", project)
    with pytest.raises(DataError, match="does not exist"):  # a failed check is not cached
        load_catalogue(project / "data", project)


def test_an_edited_data_file_is_read_again(project):
    load_catalogue(project / "data", project)
    path = project / "data" / "examples.yml"
    text = path.read_text(encoding="utf-8")
    first_title = load_catalogue(project / "data", project).examples.examples[0].title
    path.write_text(text.replace(f"title: {first_title}", "title: 바뀐 제목", 1), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # coarse clocks: force a new mtime
    assert load_catalogue(project / "data", project).examples.examples[0].title == "바뀐 제목"
