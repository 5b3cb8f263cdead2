"""Render functions, tested as plain functions without MkDocs."""

from __future__ import annotations

import shlex

import pytest

from macros import bases, examples, instructions, markup, principles, sessions, sizes
from macros.models import BaseImagesFile, InstructionsFile, PrinciplesFile


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
    with pytest.raises(LookupError, match="no Dockerfile instruction 'COPPY'; did you mean 'COPY'"):
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
    assert markup.code_span("gcr.io/x:1") == "`gcr.io/x:1`"
    assert markup.code_span("a|b") == markup.code("a|b") and markup.code_span("a`b").startswith("<code>")
    assert markup.fence("```inner```").startswith("\n\n````")


def test_principles_table_shows_checks_and_origin(catalogue):
    out = principles.principles_table(catalogue.principles)
    assert out.count("\n| **") == len(catalogue.principles.principles)
    for principle in catalogue.principles.principles:
        for check in principle.checks:
            assert f"<code>{check.id}</code>" in out
            assert markup.text(check.misses) in out  # each lint says what it cannot catch
    assert "| 책 |" in out and "| 추가 |" in out


def test_principles_table_subset_keeps_the_order_given(catalogue):
    out = principles.principles_table(catalogue.principles, ["non-root", "small-image"])
    titles = {p.id: p.title for p in catalogue.principles.principles}
    assert out.count("\n| **") == 2
    assert out.index(titles["non-root"]) < out.index(titles["small-image"])
    assert titles["one-process"] not in out


def test_unknown_principle_id_is_an_error_that_names_it(catalogue):
    with pytest.raises(LookupError, match="data/principles.yml: no principle 'no-such-rule'; known: one-process"):
        principles.principles_table(catalogue.principles, ["no-such-rule"])


def test_principles_table_escapes_text():
    data = PrinciplesFile.model_validate(
        {"principles": [{"id": "p", "title": "<b>t</b>", "from_book": False, "summary": "x|y",
                         "checks": [{"id": "c", "rule": "r", "misses": "m<i>"}]}]}
    )
    out = principles.principles_table(data)
    assert "<b>" not in out and "<i>" not in out and "x\\|y" in out


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


def test_commands_print_the_argv_the_tests_run_and_the_expected_output(catalogue):
    example = catalogue.example("hello-multistage")
    port, container_port = example.http.port, catalogue.facts(example).port
    out = sessions.commands(catalogue, "hello-multistage", "build run probe user")
    planned = {step.name: step for step in sessions.plan(catalogue, sessions.session(catalogue, "hello-multistage"))}
    for name in ("build", "run", "probe", "user"):
        assert shlex.join(planned[name].argv()) in out
    assert "docker image build -t hello-multistage:0.1 -f examples/hello/Dockerfile.multistage examples/hello" in out
    assert f"docker container run -d --name hello-multistage -p 127.0.0.1:{port}:{container_port} hello-multistage:0.1" in out
    assert "docker container inspect --format '{{.Config.User}}' hello-multistage" in out
    assert f"curl -sS http://127.0.0.1:{port}/" in out
    # Output blocks follow the step whose output teaches: curl's answer, then the user inspect prints.
    assert out.count(f'title="{catalogue.sessions.output_title}"') == 2
    assert example.http.body.strip() in out and "\n65532:65532\n" in out


def test_commands_reject_unknown_sessions_unknown_steps_and_a_wrong_order(catalogue):
    with pytest.raises(LookupError, match="did you mean 'hello-single'"):
        sessions.commands(catalogue, "hello-singel")
    with pytest.raises(ValueError, match="'deploy' is not a step of session 'hello-single'; its steps"):
        sessions.commands(catalogue, "hello-single", "build deploy")
    with pytest.raises(ValueError, match="'lst' is not a step of session 'hello-single'; did you mean 'list'\\?"):
        sessions.commands(catalogue, "hello-single", "run lst")
    with pytest.raises(ValueError, match="'deploy' is not a step of session 'hello-single'"):
        sessions.commands(catalogue, "hello-single", "build deploy")
    with pytest.raises(ValueError, match="'build' comes earlier in session 'hello-single'"):
        sessions.commands(catalogue, "hello-single", "run build")


def test_a_value_known_only_at_run_time_shows_as_a_placeholder_and_runs_with_the_captured_one(catalogue):
    registry = catalogue.registry
    out = sessions.commands(catalogue, "registry", "tag push pull")
    assert f"docker image tag hello-multistage:0.1 127.0.0.1:{registry.port}/hello-multistage:0.1" in out
    assert f"docker image pull 127.0.0.1:{registry.port}/hello-multistage@sha256:DIGEST" in out
    pull = next(s for s in sessions.plan(catalogue, sessions.session(catalogue, "registry")) if s.name == "pull")
    assert pull.argv({"digest": "0" * 64})[-1] == f"{registry.repository}@sha256:{'0' * 64}"


def test_official_link_uses_the_anchor_override(catalogue):
    out = instructions.instruction_sections(catalogue.instructions, ["MAINTAINER"])
    assert "https://docs.docker.com/reference/dockerfile/#maintainer-deprecated" in out


# --- base_image_table -----------------------------------------------------------------------


def _bases(**overrides) -> BaseImagesFile:
    entry = {
        "id": "tiny", "title": "tiny", "image": "example.org/tiny:1", "shell": None, "package_manager": None,
        "ca_certificates": True, "tzdata": False, "libc": "musl", "user": {"name": "app", "uid": 1000},
        "sources": [{"title": "docs", "url": "https://example.org/tiny"}],
    }  # fmt: skip
    entry.update(overrides)
    return BaseImagesFile.model_validate({"checked_on": "2026-11-30", "images": [entry]})


def _rows(out: str) -> list[list[str]]:
    """Per card: its title line, then the value of each property line, in bases.FIELDS order."""
    rows = []
    for card in out.split('<div class="base-image" markdown>')[1:]:
        lines = [line for line in card.split("</div>")[0].strip().splitlines() if line]
        values = [line.split(": ", 1)[1] for line in lines[1:]]
        assert [line[2:].split(": ", 1)[0] for line in lines[1:]] == bases.FIELDS
        rows.append([lines[0], *values])
    return rows


def test_base_image_table_has_a_card_per_image_with_every_property(catalogue):
    out = bases.base_image_table(catalogue.base_images, catalogue.measurements)
    rows = _rows(out)
    assert [r[0].split("**")[1] for r in rows] == [b.title for b in catalogue.base_images.images]
    assert all(len(r) == 9 for r in rows), rows
    assert "`gcr.io/distroless/static-debian13`" in out  # a code span: no glossary tooltip inside it
    assert "`nonroot`(UID 65532)" in out


def test_measured_size_is_read_from_measurements_not_copied(catalogue):
    """The scratch row shows what `make sizes` measured, so a new measurement changes the page."""
    image = next(i for i in catalogue.measurements.images if i.example == "hello-multistage")
    out = bases.base_image_table(catalogue.base_images, catalogue.measurements, ["scratch"])
    assert "여기서 잰 값" in out and f"`{image.image}` {sizes.human(image.size_bytes)}" in out
    assert f"Go 바이너리 {sizes.human(catalogue.measurements.go_binary.size_bytes)}" in out
    grown = catalogue.measurements.model_copy(
        update={"images": [image.model_copy(update={"size_bytes": 7_300_000})]}
    )
    assert "7.3 MB" in bases.base_image_table(catalogue.base_images, grown, ["scratch"])


def test_quoted_sizes_say_they_are_quoted_and_link_their_source(catalogue):
    out = bases.base_image_table(catalogue.base_images, catalogue.measurements, ["debian-slim", "alpine"])
    for row in _rows(out):
        assert "**인용**([" in row[7] and "여기서 잰 값" not in row[7], row[7]
    assert "압축 29.8 MB" in out  # compressed bytes shown in decimal MB, like the measured sizes


def test_base_image_table_cells_for_libc_tools_and_missing_size():
    data = _bases(
        shell="busybox ash", debug="a :debug tag", package_manager="apk",
        quoted_size={"stated": "about 1 MB", "sources": [{"title": "hub", "url": "https://example.org/hub"}]},
    )  # fmt: skip
    row = _rows(bases.base_image_table(data, None))[0]
    assert row[1] == "busybox ash<br>디버깅: a :debug tag"
    assert row[2:6] == ["apk", "있음", "없음", "musl"]
    assert row[6] == "`app`(UID 1000)"
    assert row[7] == "“about 1 MB”<br>**인용**([hub](https://example.org/hub))"
    no_size = _rows(bases.base_image_table(_bases(), None))[0]
    assert no_size[1] == "없음" and no_size[7] == "출처에 크기가 없다"


def test_base_image_table_escapes_yaml_text():
    data = _bases(title="<b>x</b>", shell="a | b", user_note="*note*")
    row = _rows(bases.base_image_table(data, None))[0]
    assert "<b>" not in row[0] and "&lt;b&gt;" in row[0]
    assert row[1] == "a \\| b" and "\\*note\\*" in row[6]  # escaped as everywhere (a \\| reads as |)


def test_base_image_table_subset_and_unknown_id(catalogue):
    out = bases.base_image_table(catalogue.base_images, catalogue.measurements, ["alpine", "scratch"])
    assert [r[0].split("**")[1] for r in _rows(out)] == ["Alpine", "scratch"]
    with pytest.raises(LookupError, match="data/base_images.yml: no base image 'distroles'; did you mean 'distroless-base'"):
        bases.base_image_table(catalogue.base_images, catalogue.measurements, ["distroles"])


def test_measured_by_an_example_without_a_measurement_is_an_error(catalogue):
    data = _bases(measured_by="no-such-example")
    with pytest.raises(KeyError, match="no-such-example.*data/measurements.yml does not have"):
        bases.base_image_table(data, catalogue.measurements)


def test_a_size_is_measured_or_quoted_never_both():
    quoted = {"stated": "1 MB", "sources": [{"title": "s", "url": "https://example.org/"}]}
    with pytest.raises(ValueError, match="not both"):
        _bases(measured_by="hello-multistage", quoted_size=quoted)
    with pytest.raises(ValueError, match="at least one of"):
        _bases(quoted_size={"sources": quoted["sources"]})
    with pytest.raises(ValueError, match="libc"):
        _bases(libc="uclibc")
