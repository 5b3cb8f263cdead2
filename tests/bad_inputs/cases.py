"""The catalogue of bad inputs a contributor will produce, and what each must lead to.

Each case mutates a temporary copy of the project, runs one real command on it, and expects
EITHER a clear failure (the message must contain every `fails` fragment: the file, the line or
field path, and what to do) OR a correct, safe render (the page shows every `shows` text).

`{line}` in a fragment is the line of the mutated file where `at` (the case's marker text)
ends up, so a message must point at the line the mistake is on, and editing the real data
files never breaks these tests.

Commands: "load" = macros.loader.load_catalogue(copy/data, copy) in-process; "build" = the real
scripts/build_site.py (strict mkdocs build, swap into site/) in a subprocess; "dockerfile" =
tests/dockerfile_checks.example_problems (official parser + principle checks) on every example.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Edit:
    """One change to one file of the copy. kind: replace | regex | append | write | bytes | delete | symlink."""

    kind: str
    path: str
    old: str | bytes = ""
    new: str | bytes = ""

    def apply(self, root: Path) -> None:
        import re

        target = root / self.path
        if self.kind == "write":
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(self.new, encoding="utf-8")
        elif self.kind == "bytes":
            target.write_bytes(self.new(target.read_bytes()))  # type: ignore[operator]
        elif self.kind == "delete":
            target.unlink()
        elif self.kind == "symlink":
            target.symlink_to(self.new)
        else:
            text = target.read_text(encoding="utf-8")
            if self.kind == "append":
                changed = text.rstrip("\n") + "\n\n" + self.new
            elif self.kind == "replace":
                changed = text.replace(self.old, self.new, 1)  # type: ignore[arg-type]
            elif self.kind == "regex":
                changed = re.sub(self.old, self.new, text, count=1, flags=re.S)  # type: ignore[arg-type]
            else:
                raise ValueError(f"unknown edit kind {self.kind}")
            # A mutation that changes nothing would make the case pass for the wrong reason.
            assert changed != text, f"{self.kind} on {self.path} changed nothing: {self.old!r} not found"
            target.write_text(changed, encoding="utf-8")


@dataclass(frozen=True)
class Case:
    name: str
    edits: tuple[Edit, ...]
    run: str  # load | build | dockerfile
    fails: tuple[str, ...] = ()  # fragments of the message; empty = the command must succeed
    at: tuple[str, str] | None = None  # (file, marker text) whose line replaces {line}
    page: str = ""  # built page (under site/) that must show `shows`
    shows: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()  # raw HTML that must not appear on `page`
    check: str = ""  # name of an extra assertion in test_bad_inputs.EXTRA_CHECKS


EX = "data/examples.yml"
INS = "data/instructions.yml"
PRI = "data/principles.yml"
INDEX = "docs/index.md"
DOCKERFILE = "examples/hello/Dockerfile"
GO_TEMPLATE = "docker inspect --format '{{.State.Running}}' web"


def page(text: str) -> Edit:
    """Append a section to the home page (it is in the nav, so strict mode accepts it)."""
    return Edit("append", INDEX, new=text)


def euc_kr_title(data: bytes) -> bytes:
    """One title saved as EUC-KR, as an editor with the wrong encoding would."""
    title = "title: 단일 스테이지 빌드"
    assert title.encode() in data
    return data.replace(title.encode(), title.encode("euc-kr"), 1)


CASES: list[Case] = [
    # --- YAML ---------------------------------------------------------------------------------
    Case(
        "yaml-syntax-error",
        (Edit("replace", EX, "title: 단일 스테이지 빌드", "title: [단일 스테이지 빌드"),),
        "load",
        fails=("data/examples.yml:", "YAML syntax", "check the brackets"),
    ),
    Case(
        "yaml-tab-indentation",
        (Edit("replace", EX, "    title: 단일 스테이지 빌드", "\ttitle: 단일 스테이지 빌드"),),
        "load",
        fails=("data/examples.yml:{line}: ", "tab", "replace it with spaces"),
        at=(EX, "\ttitle: 단일"),
    ),
    Case("yaml-empty-file", (Edit("write", PRI, new=""),), "load", fails=("data/principles.yml:1: ", "file is empty", "principles:")),
    Case(
        "yaml-top-level-list",
        (Edit("write", PRI, new="- id: one-process\n"),),
        "load",
        fails=("data/principles.yml:1: ", "must be a mapping with top-level principles: (found a list)"),
    ),
    Case(
        "yaml-wrong-type",
        (Edit("replace", EX, "container_port: 8080", "container_port: eighty"),),
        "load",
        fails=("data/examples.yml:{line}: examples[0].container_port: ", "integer", "'eighty'"),
        at=(EX, "container_port: eighty"),
    ),
    Case(
        "yaml-missing-required-field",
        (Edit("replace", EX, "    image: hello-single:0.1\n", ""),),
        "load",
        fails=("data/examples.yml:", "examples[0].image: ", "missing required field 'image'", "add it"),
    ),
    Case(
        "yaml-unknown-field-typo",
        (Edit("replace", INS, "    summary: 기반 이미지", "    sumary: 기반 이미지"),),
        "load",
        fails=("data/instructions.yml:{line}: instructions[0].sumary: ", "unknown field 'sumary'", "Did you mean 'summary'?"),
        at=(INS, "sumary:"),
    ),
    Case(
        "yaml-duplicate-key",
        (Edit("replace", EX, "    title: 단일 스테이지 빌드\n", "    title: 단일 스테이지 빌드\n    title: 또 다른 제목\n"),),
        "load",
        fails=("data/examples.yml:{line}: ", "duplicate key", "title", "remove one"),
        at=(EX, "title: 또 다른 제목"),
    ),
    Case(
        "yaml-duplicate-id",
        (Edit("replace", EX, "id: hello-multistage", "id: hello-single"),),
        "load",
        fails=("data/examples.yml:{line}: examples[1].id: ", "'hello-single' is already used by examples[0]", "unique"),
        at=(EX, "  - id: hello-single\n    title: 멀티"),
    ),
    Case("yaml-bom", (Edit("bytes", EX, new=lambda data: b"\xef\xbb\xbf" + data),), "load"),  # tolerated: loads as usual
    Case(
        "yaml-not-utf8",
        (Edit("bytes", EX, new=euc_kr_title),),
        "load",
        fails=("data/examples.yml:{line}: ", "not valid UTF-8", "save the file as UTF-8"),
        at=(EX, "title: "),
    ),
    Case(
        "yaml-slug-pattern",
        (Edit("replace", EX, "id: hello-multistage", "id: Hello_Multi"),),
        "load",
        fails=("data/examples.yml:{line}: examples[1].id: ", "lower-case letters, digits and hyphens"),
        at=(EX, "id: Hello_Multi"),
    ),
    Case(
        "yaml-unknown-exempt-check",
        (Edit("replace", EX, "small-final-image: 멀티", "small-final-imag: 멀티"),),
        "load",
        fails=("data/examples.yml:{line}: examples[0].exempt.small-final-imag: ", "not a check of any principle"),
        at=(EX, "small-final-imag:"),
    ),
    Case("yaml-file-missing", (Edit("delete", PRI),), "load", fails=("data/principles.yml: file not found; every file in data/ is required (restore it from git)",)),
    # --- references ---------------------------------------------------------------------------
    Case(
        "ref-unknown-example-id",
        (page("{{ example_dockerfile('hello-singel') }}\n"),),
        "build",
        fails=(
            "docs/index.md:{line}: example_dockerfile('hello-singel'): data/examples.yml: ",
            "no example with id 'hello-singel'",
            "Fix the id on the page",
        ),
        at=(INDEX, "hello-singel"),
    ),
    Case(
        "ref-unknown-command-step",
        (page("{{ example_commands('hello-single', 'build rnu') }}\n"),),
        "build",
        fails=("docs/index.md:{line}: example_commands('hello-single', 'build rnu'): unknown step(s)", "rnu", "Fix the id"),
        at=(INDEX, "'build rnu'"),
    ),
    Case(
        "ref-unknown-instruction",
        (page("{{ instruction_table('FROM', 'FORM') }}\n"),),
        "build",
        fails=("docs/index.md:{line}: instruction_table('FROM', 'FORM'): ", "unknown Dockerfile instruction(s) FORM", "data/instructions.yml"),
        at=(INDEX, "'FORM'"),
    ),
    Case(
        "ref-unknown-principle",
        (page("{{ principles_table('non-root', 'non-rot') }}\n"),),
        "build",
        fails=("docs/index.md:{line}: principles_table('non-root', 'non-rot'): ", "unknown principle id(s) non-rot", "data/principles.yml"),
        at=(INDEX, "'non-rot'"),
    ),
    Case(
        "ref-uncatalogued-example-file",
        (Edit("write", "examples/hello/extra.go", new="package main\n"), page("{{ example_file('examples/hello/extra.go') }}\n")),
        "build",
        fails=("docs/index.md:{line}: example_file('examples/hello/extra.go'): ", "not a file of any example", "files: in data/examples.yml"),
        at=(INDEX, "extra.go"),
    ),
    Case(
        "ref-catalogued-file-missing",
        (Edit("replace", EX, "files: [go.mod, main.go,", "files: [go.mod, mian.go,"),),
        "load",
        fails=("data/examples.yml:{line}: examples[0].files[1]: ", "'examples/hello/mian.go' does not exist", "fix the path"),
        at=(EX, "mian.go"),
    ),
    Case(
        "ref-catalogued-file-missing-in-build",
        (Edit("delete", "examples/hello/main_test.go"),),
        "build",
        # The first page (in file order) that loads the catalogue names the problem: docs/about/ sorts first.
        fails=("docs/about/how-it-works.md:", "data/examples.yml:", "'examples/hello/main_test.go' does not exist"),
    ),
    Case(
        "ref-path-dotdot",
        (Edit("replace", EX, "dockerfile: Dockerfile\n", "dockerfile: ../../mkdocs.yml\n"),),
        "load",
        fails=("data/examples.yml:{line}: examples[0].dockerfile: ", "points outside examples/", "must live under examples/"),
        at=(EX, "../../mkdocs.yml"),
    ),
    Case(
        "ref-path-absolute",
        (Edit("replace", EX, "dockerfile: Dockerfile\n", "dockerfile: /etc/passwd\n"),),
        "load",
        fails=("data/examples.yml:{line}: examples[0].dockerfile: ", "must be a relative path (no leading /", "'/etc/passwd'"),
        at=(EX, "/etc/passwd"),
    ),
    Case(
        "ref-context-outside",
        (Edit("replace", EX, "context: examples/hello\n", "context: examples/../data\n"),),
        "load",
        fails=("data/examples.yml:", "examples[0].dockerfile: ", "points outside examples/"),
    ),
    Case(
        "ref-path-symlink",
        (
            Edit("symlink", "examples/hello/secret.txt", new="../../mkdocs.yml"),
            Edit("replace", EX, "files: [go.mod, main.go,", "files: [secret.txt, go.mod, main.go,"),
        ),
        "load",
        fails=("data/examples.yml:{line}: examples[0].files[0]: ", "points outside examples/"),
        at=(EX, "secret.txt"),
    ),
    Case(
        "ref-missing-snippet",
        (page('```text\n--8<-- "examples/hello/nope.go"\n```\n'),),
        "build",
        fails=("docs/index.md:{line}: snippet 'examples/hello/nope.go' not found (looked in .)", "example_file("),
        at=(INDEX, "nope.go"),
    ),
    Case(
        "snippet-with-line-range-is-not-missing",  # go.mod:1:1 names lines of go.mod, not a file called that
        (page('```text\n--8<-- "examples/hello/go.mod:1:1"\n```\n'),),
        "build",
        page="index.html",
        shows=("module example.com/hello",),
    ),
    Case(
        "ref-missing-include",
        (page("{% include 'parts/missing.md' %}\n"),),
        "build",
        fails=("docs/index.md:{line}: include file 'parts/missing.md' not found", "example_file("),
        at=(INDEX, "parts/missing.md"),
    ),
    Case(
        "ref-link-to-missing-page",
        (page("[없는 페이지](docker/nope.md)\n"),),
        "build",
        fails=("Doc file 'index.md' contains a link 'docker/nope.md', but the target is not found",),
    ),
    Case(
        "ref-link-to-missing-korean-anchor",
        (page("[없는 절](docker/build.md#없는-절)\n"),),
        "build",
        fails=("Doc file 'index.md' contains a link 'docker/build.md#없는-절'", "does not contain an anchor '#없는-절'"),
    ),
    # --- content ------------------------------------------------------------------------------
    Case(
        "content-html-in-yaml",
        (Edit("replace", INS, "    summary: 기반 이미지", "    summary: <script>alert(1)</script> <b>굵게</b> 기반 이미지"),),
        "build",
        page="docker/instructions/index.html",
        shows=("<script>alert(1)</script> <b>굵게</b> 기반 이미지",),
        absent=("<script>alert(1)", "<b>굵게"),
    ),
    Case(
        "content-pipe-and-newline-in-table-cell",
        (Edit("replace", INS, "    summary: 기반 이미지", "    summary: |-\n      앞 | 뒤\n      둘째 줄 * 별표 _밑줄_\n      기반 이미지"),),
        "build",
        page="docker/instructions/index.html",
        shows=("앞 | 뒤 둘째 줄 * 별표 _밑줄_ 기반 이미지",),
        check="instruction_table_intact",
    ),
    Case(
        "content-go-template-in-yaml-note",
        (Edit("replace", INS, "    notes: docker run 이미지", f"    notes: >-\n      {GO_TEMPLATE} {{#id}} {{% x %}} docker run 이미지"),),
        "build",
        page="docker/instructions/index.html",
        shows=(f"{GO_TEMPLATE} {{#id}} {{% x %}} docker run 이미지",),
    ),
    Case(
        "content-go-template-in-note-code",
        (
            page(
                "## Go 템플릿\n\n```bash\n" + GO_TEMPLATE + "\n```\n\n"
                "인라인 `{{ .Name }}` 과 `{% if %}` 과 `{## x ##}` 는 글자 그대로.\n\n"
                "~~~yaml\nimage: \"{{ .Values.image }}\"\n~~~\n\n{{ instruction_table('FROM') }}\n"
            ),
        ),
        "build",
        page="index.html",
        shows=(GO_TEMPLATE, "{{ .Name }}", "{% if %}", "{## x ##}", 'image: "{{ .Values.image }}"', "기반 이미지를 정하고"),
    ),
    Case(
        "content-endraw-inside-code",
        (page("```jinja\n{% raw %}{{ x }}{% endraw %} 그리고 {%- endraw -%}\n```\n"),),
        "build",
        page="index.html",
        shows=("{% raw %}{{ x }}{% endraw %} 그리고 {%- endraw -%}",),
    ),
    Case(
        "content-heading-attr-id",
        (page("## 한국어 제목 {#my-id}\n\n제목 뒤의 문단도 남아 있다.\n\n## 다음 절\n"),),
        "build",
        page="index.html",
        shows=("한국어 제목", "제목 뒤의 문단도 남아 있다.", "다음 절"),
        check="heading_my_id",
    ),
    Case(
        "content-go-template-in-example-file",
        (
            Edit("write", "examples/hello/format.tmpl", new="{{ .Name }} {% if x %} {## c ##} {#id}\n"),
            Edit("replace", EX, "files: [go.mod, main.go,", "files: [format.tmpl, go.mod, main.go,"),
            page("{{ example_file('examples/hello/format.tmpl') }}\n"),
        ),
        "build",
        page="index.html",
        shows=("{{ .Name }} {% if x %} {## c ##} {#id}",),
    ),
    # An example file may itself hold a Markdown fence; it must not close the block early.
    Case(
        "content-backticks-in-example-file",
        (
            Edit("write", "examples/hello/notes.md", new="앞\n\n````text\n```\n{{ x }}\n```\n````\n\n뒤\n"),
            Edit("replace", EX, "files: [go.mod, main.go,", "files: [notes.md, go.mod, main.go,"),
            page("{{ example_file('examples/hello/notes.md') }}\n\n이 문단은 코드 밖이다.\n"),
        ),
        "build",
        page="index.html",
        shows=("앞\n\n````text\n```\n{{ x }}\n```\n````\n\n뒤\n", "이 문단은 코드 밖이다."),
        check="notes_md_in_one_block",
    )
,
    Case(
        "example-file-not-utf8",
        (Edit("bytes", "examples/hello/main.go", new=lambda data: data.replace(b"package main", "package main // 주석".encode("euc-kr"), 1)),),
        "build",
        fails=("docs/docker/build.md:", "example_file('examples/hello/main.go'): examples/hello/main.go:{line} is not valid UTF-8", "save the file as UTF-8"),
        at=("examples/hello/main.go", "package main"),
    ),
    Case(
        "content-jinja-slip-outside-code",
        (page("상태 확인: docker inspect --format '{{.State.Running}}' web\n"),),
        "build",
        fails=("docs/index.md:{line}: Jinja syntax error: unexpected '.'", "`inline code` or a fenced code block"),
        at=(INDEX, "상태 확인"),
    ),
    Case(
        "content-undefined-variable",
        (page("이름: {{ nmae }}\n"),),
        "build",
        fails=("docs/index.md:{line}: 'nmae' is undefined", "fix the spelling"),
        at=(INDEX, "nmae"),
    ),
    Case(
        "content-undefined-variable-with-front-matter",
        (
            Edit("regex", INDEX, r"\A", "---\ntitle: 홈\n---\n\n"),
            page("이름: {{ nmae }}\n"),
        ),
        "build",
        fails=("docs/index.md:{line}: 'nmae' is undefined",),
        at=(INDEX, "nmae"),
    ),
    # --- leftovers that escaped rendering (hooks/leftovers.py) --------------------------------
    Case(
        "leftover-unrendered-jinja",
        (Edit("regex", INDEX, r"\A", "---\nrender_macros: false\n---\n\n"), page("안녕 {{ name }}\n\n`{{ 코드는 괜찮다 }}`\n")),
        "build",
        fails=('docs/index.md: the built page shows a Jinja expression ({{) in "안녕 {{ name }}"', "render_macros: false"),
    ),
    Case(
        "leftover-snippet-marker",
        (page('```text\n;--8<-- "examples/hello/main.go"\n```\n'),),
        "build",
        fails=("docs/index.md: the built page shows a snippet marker (--8<--)", "example_file("),
    ),
    Case(
        "leftover-error-text",
        (page("# _Macro Rendering Error_\n\nTraceback (most recent call last):\n"),),
        "build",
        fails=(
            "docs/index.md: the built page shows mkdocs-macros error text (Macro Rendering Error)",
            "docs/index.md: the built page shows a Python traceback",
            "fix the error it names",
        ),
    ),
    # --- examples -----------------------------------------------------------------------------
    Case(
        "dockerfile-does-not-parse",
        (Edit("append", DOCKERFILE, new="RUN <<EOF\necho never closed\n"),),
        "dockerfile",
        fails=("examples/hello/Dockerfile:{line}: does not parse: unterminated heredoc", "fix the Dockerfile syntax"),
        at=(DOCKERFILE, "RUN <<EOF"),
    ),
    Case(
        "dockerfile-instruction-without-argument",
        (Edit("replace", DOCKERFILE, "WORKDIR /src", "WORKDIR"),),
        "dockerfile",
        fails=("examples/hello/Dockerfile:{line}: WORKDIR has no arguments",),
        at=(DOCKERFILE, "WORKDIR"),
    ),
    Case(
        "dockerfile-runs-as-root",
        (Edit("replace", DOCKERFILE, "USER 65532:65532", "USER root"),),
        "dockerfile",
        fails=("examples/hello/Dockerfile:{line}: non-root-user", "USER root runs as root"),
        at=(DOCKERFILE, "USER root"),
    ),
    Case(
        "dockerfile-no-user",
        (Edit("replace", "examples/hello/Dockerfile.multistage", "USER 65532:65532\n", ""),),
        "dockerfile",
        fails=("examples/hello/Dockerfile.multistage:{line}: non-root-user", "sets no USER"),
        at=("examples/hello/Dockerfile.multistage", "FROM scratch"),
    ),
    Case(
        "dockerfile-latest-tag",
        (Edit("replace", DOCKERFILE, "FROM golang:1.27-trixie", "FROM golang:latest"),),
        "dockerfile",
        fails=("examples/hello/Dockerfile:{line}: pinned-base-images", "uses 'latest'; pin a version tag"),
        at=(DOCKERFILE, "FROM golang:latest"),
    ),
    Case(
        "dockerfile-untagged-base",
        (Edit("replace", DOCKERFILE, "FROM golang:1.27-trixie", "FROM golang"),),
        "dockerfile",
        fails=("examples/hello/Dockerfile:{line}: pinned-base-images", "has no tag"),
        at=(DOCKERFILE, "FROM golang\n"),
    ),
    Case(
        "dockerfile-instruction-typo",
        (Edit("replace", DOCKERFILE, "WORKDIR /src", "WRKDIR /src"),),
        "dockerfile",
        fails=("examples/hello/Dockerfile:{line}: WRKDIR is not an instruction in data/instructions.yml", "fix the spelling"),
        at=(DOCKERFILE, "WRKDIR"),
    ),
    Case(
        "dockerfile-instruction-missing-from-yaml",
        (Edit("regex", INS, r"  - name: EXPOSE\n.*?(?=  - name: )", ""),),
        "dockerfile",
        fails=("examples/hello/Dockerfile:{line}: EXPOSE is not an instruction in data/instructions.yml", "document the instruction"),
        at=(DOCKERFILE, "EXPOSE"),
    ),
]
