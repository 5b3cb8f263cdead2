"""The parts of notekit/base_images.py and notekit/gotool.py that need no container engine."""

from __future__ import annotations

import pytest

from notekit import base_images as b
from notekit.gotool import elf_facts


def test_one_line_and_deb822_sources_are_both_read():
    one_line = "deb [signed-by=/k.gpg] http://mirror.example/debian bookworm main\ndeb-src http://x/debian bookworm main\n"
    assert b._entries(one_line, deb822=False) == [("http://mirror.example/debian", ["bookworm"])]
    deb822 = (
        "Types: deb\nURIs: http://deb.example/debian\nSuites: bookworm bookworm-updates\nComponents: main\n\n"
        "Types: deb\nURIs: http://off.example/debian\nSuites: bookworm\nEnabled: no\n"
    )
    assert b._entries(deb822, deb822=True) == [("http://deb.example/debian", ["bookworm", "bookworm-updates"])]


def test_short_names_resolve_to_docker_hub_like_docker_does():
    assert b.qualified("golang:1.27-trixie") == "docker.io/library/golang:1.27-trixie"
    assert b.qualified("someone/tool:1") == "docker.io/someone/tool:1"
    assert b.qualified("quay.io/org/img:2") == "quay.io/org/img:2"


def test_the_examples_need_exactly_the_golang_builder():
    assert b.needed_base_images() == ["golang:1.27-trixie"]
    assert set(b.needed_base_images()) <= set(b.STAND_INS), "every base image needs a stand-in recipe"


def test_recipe_hash_follows_the_go_version(monkeypatch):
    before, debian = b.recipe_hash(), b.debian_recipe()
    assert before == b.recipe_hash()
    monkeypatch.setattr(b, "go_version", lambda: "1.27.99")
    assert b.recipe_hash() != before
    assert b.debian_recipe() == debian  # the Debian root filesystem does not depend on Go


def test_elf_reader_refuses_what_is_not_elf(tmp_path):
    text = tmp_path / "script.sh"
    text.write_text("#!/bin/sh\n")
    with pytest.raises(ValueError):
        elf_facts(text)
