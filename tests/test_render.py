"""Render functions, tested as plain functions without MkDocs."""

from __future__ import annotations

import pytest

from macros import commands, examples, instructions, markup, principles
from macros.models import InstructionsFile, PrinciplesFile


def test_instruction_table_lists_every_instruction_with_a_link(catalogue):
    out = instructions.instruction_table(catalogue.instructions, reference="instructions.md")
    rows = [line for line in out.splitlines() if line.startswith("| [")]
    assert len(rows) == 18
    assert "[<code>FROM</code>](instructions.md#from)" in out


def test_instruction_table_subset_keeps_the_order_given(catalogue):
    out = instructions.instruction_table(catalogue.instructions, ["COPY", "from"])
    rows = [line for line in out.splitlines() if line.startswith("| [")]
    assert [r.split("<code>")[1].split("<")[0] for r in rows] == ["COPY", "FROM"]


def test_unknown_instruction_is_an_error_that_names_it(catalogue):
    with pytest.raises(KeyError, match="COPPY"):
        instructions.instruction_table(catalogue.instructions, ["COPPY"])


def test_deprecated_instruction_is_marked(catalogue):
    out = instructions.instruction_table(catalogue.instructions, ["MAINTAINER"])
    assert "폐기 예정" in out and "<code>LABEL</code>" in out


def test_instruction_sections_have_headings_syntax_and_official_links(catalogue):
    out = instructions.instruction_sections(catalogue.instructions)
    assert out.count("\n### ") == 18
    assert "https://docs.docker.com/reference/dockerfile/#healthcheck" in out
    assert "``` dockerfile\nFROM [--platform=<platform>]" in out


def _instructions(**overrides) -> InstructionsFile:
    entry = {"name": "RUN", "category": "x", "summary": "s", "in_book": True, "syntax": [{"code": "RUN x"}]}
    entry.update(overrides)
    return InstructionsFile.model_validate({"reference_base": "https://example.org/ref/", "instructions": [entry]})


def test_html_and_pipes_in_yaml_text_are_escaped_and_keep_the_table_intact():
    data = _instructions(summary="<script>alert(1)</script> a | b\nnext line")
    out = instructions.instruction_table(data)
    assert "<script>" not in out and "&lt;script&gt;" in out
    row = next(line for line in out.splitlines() if line.startswith("| ["))
    assert row.count(" | ") == 3, row  # four cells, the pipe in the text is escaped
    assert "\\|" in row and "\n" not in row


def test_markup_code_survives_pipes_and_fence_outgrows_backticks():
    assert markup.code("a|b") == "<code>a&#124;b</code>"
    assert markup.fence("```inner```").startswith("\n\n````")


def test_principles_table_shows_checks_and_origin(catalogue):
    out = principles.principles_table(catalogue.principles)
    assert out.count("\n| **") == len(catalogue.principles.principles)
    for principle in catalogue.principles.principles:
        for check in principle.checks:
            assert f"<code>{check.id}</code>" in out
    assert "| 책 |" in out and "| 추가 |" in out


def test_principles_table_subset_keeps_the_order_given(catalogue):
    out = principles.principles_table(catalogue.principles, ["non-root", "small-image"])
    titles = {p.id: p.title for p in catalogue.principles.principles}
    assert out.count("\n| **") == 2
    assert out.index(titles["non-root"]) < out.index(titles["small-image"])
    assert titles["one-process"] not in out


def test_unknown_principle_id_is_an_error_that_names_it(catalogue):
    with pytest.raises(KeyError, match="unknown principle id.*no-such-rule.*data/principles.yml has one-process"):
        principles.principles_table(catalogue.principles, ["no-such-rule"])


def test_principles_table_escapes_text():
    data = PrinciplesFile.model_validate(
        {"principles": [{"id": "p", "title": "<b>t</b>", "from_book": False, "summary": "x|y",
                         "checks": [{"id": "c", "rule": "r"}]}]}
    )
    out = principles.principles_table(data)
    assert "<b>" not in out and "x\\|y" in out


def test_example_file_is_a_snippet_line_never_the_file_text(catalogue):
    out = examples.example_file(catalogue, "examples/hello/Dockerfile")
    assert '``` dockerfile title="examples/hello/Dockerfile"\n--8<-- "examples/hello/Dockerfile"\n```' in out
    assert "FROM" not in out


def test_example_file_rejects_uncatalogued_paths(catalogue):
    with pytest.raises(KeyError, match="not a file of any example"):
        examples.example_file(catalogue, "examples/../mkdocs.yml")


def test_language_is_picked_from_the_file_name():
    assert examples.language("x/Dockerfile.multistage") == "dockerfile"
    assert examples.language("x/main.go") == "go"
    assert examples.language("x/.dockerignore") == "text"


def test_example_commands_print_the_argv_the_tests_run(catalogue):
    example = catalogue.example("hello-multistage")
    out = examples.example_commands(catalogue, "hello-multistage", "build run user probe")
    for name in ("build", "run", "user", "probe"):
        assert commands.shell(commands.STEPS[name](example)) in out
    assert "docker image build -t hello-multistage:0.1 -f examples/hello/Dockerfile.multistage examples/hello" in out
    assert "docker container run -d --name hello-multistage -p 12346:8080 hello-multistage:0.1" in out
    assert "curl http://localhost:12346/" in out
    assert "Hello, Kubernetes" in out  # the expected answer block


def test_example_commands_reject_unknown_steps_and_ids(catalogue):
    with pytest.raises(KeyError, match="unknown step"):
        examples.example_commands(catalogue, "hello-single", "build deploy")
    with pytest.raises(Exception, match="no example with id 'nope'"):
        examples.example_commands(catalogue, "nope")


def test_official_link_uses_the_anchor_override(catalogue):
    out = instructions.instruction_sections(catalogue.instructions, ["MAINTAINER"])
    assert "https://docs.docker.com/reference/dockerfile/#maintainer-deprecated" in out
