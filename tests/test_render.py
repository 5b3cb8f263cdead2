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


def test_example_file_is_a_snippet_line_never_the_file_text():
    out = examples.file_block("examples/hello/Dockerfile")
    assert '``` dockerfile title="examples/hello/Dockerfile"\n--8<-- "examples/hello/Dockerfile"\n```' in out
    assert "FROM" not in out


def test_example_file_rejects_paths_outside_examples():
    with pytest.raises(LookupError, match="no such file under examples/"):
        examples.file_block("examples/../mkdocs.yml")
    with pytest.raises(LookupError, match="did you mean 'examples/hello/main.go'"):
        examples.file_block("examples/hello/mian.go")


def test_example_shows_its_dockerfile_and_the_chosen_files_as_tabs(catalogue):
    out = examples.example(catalogue, "hello-multistage", ["main.go"])
    assert '=== "Dockerfile.multistage"' in out and '=== "main.go"' in out
    assert '    --8<-- "examples/hello/main.go"' in out


def test_language_is_picked_from_the_file_name():
    assert examples.language("x/Dockerfile.multistage") == "dockerfile"
    assert examples.language("x/main.go") == "go"
    assert examples.language("x/.dockerignore") == "text"


def test_example_commands_print_the_argv_the_tests_run(catalogue):
    example = catalogue.example("hello-multistage")
    port, container_port = example.http.port, catalogue.facts(example).port
    out = examples.example_commands(catalogue, "hello-multistage", "build run user probe")
    for name in ("build", "run", "user", "probe"):
        assert commands.shell(commands.argv(name, example, catalogue)) in out
    assert "docker image build -t hello-multistage:0.1 -f examples/hello/Dockerfile.multistage examples/hello" in out
    assert f"docker container run -d --name hello-multistage -p 127.0.0.1:{port}:{container_port} hello-multistage:0.1" in out
    assert "docker container inspect --format '{{.Config.User}}' hello-multistage" in out
    assert f"curl -sS http://127.0.0.1:{port}/" in out
    assert example.http.body.strip() in out  # the expected answer block


def test_example_commands_reject_unknown_steps_and_ids(catalogue):
    with pytest.raises(KeyError, match="unknown step"):
        examples.example_commands(catalogue, "hello-single", "build deploy")
    with pytest.raises(LookupError, match="did you mean 'hello-single'"):
        examples.example_commands(catalogue, "hello-singel")


def test_official_link_uses_the_anchor_override(catalogue):
    out = instructions.instruction_sections(catalogue.instructions, ["MAINTAINER"])
    assert "https://docs.docker.com/reference/dockerfile/#maintainer-deprecated" in out
