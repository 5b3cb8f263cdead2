"""The fast libyaml parse (macros/fastyaml.py) reads every value as ruamel's loader does.

macros.loader trusts it for files that validate, so any disagreement would change the site
silently. YAML 1.1 readings (on/yes booleans, 0755 octal, 1:20 base 60) are the usual trap.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError as RuamelError

from macros import fastyaml, loader
from tests.conftest import ROOT

SCALARS = [
    "on", "yes", "no", "off", "Y", "n", "true", "True", "TRUE", "tRue", "false", "null", "Null", "~", "",
    "0755", "08", "09.5", "0o17", "0x1F", "0b101", "1_000", "+12", "-3", "-0x1f", "1.", "1.5", ".5", "1e3",
    "1E-3", "-1.5e+3", ".inf", "-.Inf", ".NaN", "8080:50", "1:20", "12345:8080", "2026-11-30",
    "2026-11-30T10:00:00Z", "2026-11-30 10:00:00.5 +09:00", "2026-1-3", "0.1.2", "1.27", "v1", "'0755'",
    '"on"', "-", "0", "-0", "0x", "1e", "00", "+.5", ".", "...", "golang:1.27-bookworm",
]  # fmt: skip


def plain(value):
    """ruamel's subclasses (CommentedMap, ScalarFloat, ...) as the plain types, NaN made comparable."""
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, float):
        return ("float", "nan" if math.isnan(value) else float(value))
    for kind in (bool, int, str):
        if isinstance(value, kind):
            return (kind.__name__, kind(value))
    return (type(value).__mro__[-2].__name__ if type(value).__mro__[-2] is not object else type(value).__name__, value)


def read(load, text: str):
    """What a loader makes of the text, or "error" when it refuses it (both refuse `key: -`)."""
    try:
        return plain(load(text))
    except (yaml.YAMLError, RuamelError):
        return "error"


@pytest.mark.parametrize("scalar", SCALARS)
def test_scalars_read_as_ruamel_reads_them(scalar):
    text = f"key: {scalar}\n"
    assert read(fastyaml.load, text) == read(YAML(typ="rt").load, text)


@pytest.mark.parametrize("path", sorted((ROOT / "data").glob("*.yml")), ids=lambda p: p.name)
def test_every_data_file_reads_the_same(path: Path):
    text = path.read_text(encoding="utf-8")
    assert plain(fastyaml.load(text)) == plain(YAML(typ="rt").load(text))


def test_duplicate_keys_are_refused_as_ruamel_does():
    with pytest.raises(yaml.YAMLError, match="duplicate key 'id'"):
        fastyaml.load("a:\n  id: 1\n  id: 2\n")


def test_a_file_that_fails_is_reported_by_the_line_keeping_path(tmp_path):
    (tmp_path / "principles.yml").write_text(
        "principles:\n  - id: one\n    title: t\n    from_book: true\n    summary: s\n"
        "    checks:\n      - id: c\n        rule: r\n        rule: again\n",
        encoding="utf-8",
    )
    with pytest.raises(loader.DataError) as error:
        loader.load_file("principles", tmp_path, tmp_path)
    assert error.value.line == 9 and "duplicate key" in error.value.message
