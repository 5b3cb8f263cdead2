"""One dependency direction: macros/ (data and rendering) imports nothing of ours; notekit/ (the machinery
tests, scripts and bench share) may import macros/; nothing imports tests/, scripts/ or bench/."""

from __future__ import annotations

import ast

import pytest

from tests.conftest import ROOT

ALLOWED = {"macros": {"macros"}, "notekit": {"macros", "notekit"}, "plugins/korean_search/mkdocs_korean_search": set()}
OURS = {"macros", "notekit", "tests", "scripts", "bench"}


def imported(path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names & OURS


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_a_package_imports_only_the_layers_below_it(package):
    wrong = {
        str(path.relative_to(ROOT)): sorted(imported(path) - ALLOWED[package])
        for path in sorted((ROOT / package).rglob("*.py"))
        if imported(path) - ALLOWED[package]
    }
    assert wrong == {}
