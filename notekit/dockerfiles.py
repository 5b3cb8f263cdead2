"""The automated checks behind the design principles in data/principles.yml.

Each check takes a parsed Dockerfile (official BuildKit grammar, via the PyPI `dockerfile`
package) and returns a list of problems; an empty list means the Dockerfile complies. The
registry CHECKS maps the check ids used in the YAML to these functions, and a test makes sure
every id in the YAML has a function here and every function is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import dockerfile


@dataclass
class Stage:
    base: str
    name: str | None
    commands: list = field(default_factory=list)


@dataclass
class ParsedDockerfile:
    path: Path
    commands: tuple
    stages: list[Stage]

    @property
    def final(self) -> Stage:
        return self.stages[-1]


class DockerfileSyntaxError(ValueError):
    """The Dockerfile does not parse; `line` is the first line where it stops making sense."""

    def __init__(self, line: int, message: str):
        self.line, self.message = line, message
        super().__init__(f"line {line}: {message}")


def _first_bad_line(text: str, error: str) -> int:
    """The parser's errors carry no line (e.g. 'unterminated heredoc'): the shortest prefix that
    fails with the same error ends on the line that starts the problem."""
    lines = text.splitlines(keepends=True)
    for count in range(1, len(lines) + 1):
        try:
            dockerfile.parse_string("".join(lines[:count]))
        except dockerfile.GoParseError as prefix_error:
            if str(prefix_error) == error:
                return count
    return len(lines)


def parse(path: Path) -> ParsedDockerfile:
    try:
        commands = dockerfile.parse_file(str(path))
    except dockerfile.GoParseError as error:
        line = _first_bad_line(path.read_text(encoding="utf-8"), str(error))
        raise DockerfileSyntaxError(line, f"does not parse: {error}") from None
    for command in commands:
        if not command.value:  # every instruction needs an argument; BuildKit would reject it
            raise DockerfileSyntaxError(command.start_line, f"{command.cmd} has no arguments")
    stages: list[Stage] = []
    for command in commands:
        if command.cmd == "FROM":
            values = [v for v in command.value]
            name = values[2] if len(values) >= 3 and values[1].lower() == "as" else None
            stages.append(Stage(base=values[0], name=name))
        elif stages:
            stages[-1].commands.append(command)
    return ParsedDockerfile(path=path, commands=commands, stages=stages)


def _where(command) -> str:
    return f"line {command.start_line}: {command.original}"


def _start_commands(stage: Stage) -> list:
    return [c for c in stage.commands if c.cmd in {"ENTRYPOINT", "CMD"}]


DEFAULT_SHELL = ("/bin/sh", "-c")  # what Docker runs a shell-form line with on Linux, unless SHELL says otherwise


def start_argv(stage: Stage) -> tuple[tuple[str, ...], bool] | None:
    """The argv the engine starts as the container's PID 1 by Docker's rules, and whether a shell runs it.

    An exec-form line is run as written; a shell-form line runs as SHELL + [the line] (default /bin/sh -c),
    so the shell, not the program, is PID 1. A shell-form ENTRYPOINT ignores CMD. Only what the final
    stage itself sets is considered (the base image's own ENTRYPOINT or CMD is not read).
    """
    shell, entrypoint, cmd = DEFAULT_SHELL, None, None
    for command in stage.commands:
        if command.cmd == "SHELL":
            shell = tuple(command.value)
        elif command.cmd in {"ENTRYPOINT", "CMD"}:
            line = (tuple(command.value), False) if command.json else ((*shell, " ".join(command.value)), True)
            entrypoint, cmd = (line, cmd) if command.cmd == "ENTRYPOINT" else (entrypoint, line)
    if entrypoint is None or cmd is None or entrypoint[1]:
        return entrypoint or cmd
    return (*entrypoint[0], *cmd[0]), False  # the exec-form program is PID 1; a shell-form CMD is only its arguments


def single_entrypoint(df: ParsedDockerfile) -> list[str]:
    starts = _start_commands(df.final)
    if not starts:
        return ["the final stage has no ENTRYPOINT or CMD, so the container has no single process to run"]
    problems = []
    for command in starts:
        text = " ".join(command.value)
        if re.search(r"&&|;|(?<!&)&(?!&)|\|\|", text) or re.search(r"supervisord|runit|s6-svscan", text):
            problems.append(f"{_where(command)} starts more than one process (&, &&, ;, or a supervisor)")
    return problems


def pinned_base_images(df: ParsedDockerfile) -> list[str]:
    stage_names = {s.name.lower() for s in df.stages if s.name}
    problems = []
    for command in df.commands:
        if command.cmd != "FROM":
            continue
        image = command.value[0]
        if image == "scratch" or image.lower() in stage_names:
            continue
        if "@" in image:
            continue
        tag = image.rsplit("/", 1)[-1].partition(":")[2]
        if not tag:
            problems.append(f"{_where(command)} has no tag, which means 'latest'; pin a version tag")
        elif tag == "latest":
            problems.append(f"{_where(command)} uses 'latest'; pin a version tag")
    return problems


REMOTE_SOURCE = re.compile(r"^(https?|git)://|^git@")


def remote_add_checksum(df: ParsedDockerfile) -> list[str]:
    """ADD from a URL or a Git repository must pin what it fetches with --checksum (Dockerfile 1.6)."""
    return [
        f"{_where(c)} downloads from a URL or Git without --checksum; pin it (ADD --checksum=sha256:... for HTTP, "
        "the commit hash for Git) or put the file in the build context and COPY it"
        for c in df.commands
        if c.cmd == "ADD"
        and any(REMOTE_SOURCE.match(v) for v in c.value)
        and not any(f.startswith("--checksum=") and len(f) > len("--checksum=") for f in c.flags)
    ]


def shell_free_base(image: str) -> bool:
    """scratch, or a distroless image (gcr.io/distroless/...) other than a :debug tag.

    Both have no shell and no package manager; distroless adds CA certificates, tzdata, /tmp and an
    /etc/passwd with root, nobody and nonroot (65532). Its :debug tags add a busybox shell, so they
    are not light in this sense.
    """
    if image == "scratch":
        return True
    reference = image.split("@", 1)[0]  # a digest says nothing about the tag, so drop it
    repository, tag = reference, ""
    if ":" in reference.rsplit("/", 1)[-1]:  # a colon after the last slash starts the tag
        repository, _, tag = reference.rpartition(":")
    return repository.startswith("gcr.io/distroless/") and "debug" not in tag


def small_final_image(df: ParsedDockerfile) -> list[str]:
    final = df.final
    problems = []
    if len(df.stages) < 2:
        problems.append("single-stage build: the build tools stay in the final image; use a multi-stage build")
    if not shell_free_base(final.base):
        problems.append(
            f"the final stage starts FROM {final.base}; start it FROM scratch or a distroless image "
            "(gcr.io/distroless/..., not a :debug tag)"
        )
    for command in final.commands:
        if command.cmd in {"COPY", "ADD"} and not any(f.startswith("--from=") for f in command.flags):
            problems.append(f"{_where(command)} copies from the build context into the final stage; copy build output with COPY --from")
        if command.cmd == "RUN":
            problems.append(f"{_where(command)} runs commands in the final stage; do that in a build stage")
    return problems


def non_root_user(df: ParsedDockerfile) -> list[str]:
    users = [c for c in df.final.commands if c.cmd == "USER"]
    if not users:
        return ["the final stage sets no USER, so the container runs as root"]
    last = users[-1]
    user = last.value[0].split(":")[0]
    if user in {"root", "0"}:
        return [f"{_where(last)} runs as root"]
    if not user.isdigit():
        return [f"{_where(last)} names a user; use a numeric UID so Kubernetes runAsNonRoot can verify it"]
    return []


def exec_form_start(df: ParsedDockerfile) -> list[str]:
    return [
        f"{_where(c)} is in shell form; write it as a JSON array so the app is PID 1 and receives SIGTERM"
        for c in df.commands
        if c.cmd in {"ENTRYPOINT", "CMD"} and not c.json
    ]


def dockerignore_present(df: ParsedDockerfile, context: Path) -> list[str]:
    ignore = context / ".dockerignore"
    if not ignore.is_file():
        return [f"{context.name}/.dockerignore is missing; exclude what the image does not need"]
    patterns = {line.strip() for line in ignore.read_text(encoding="utf-8").splitlines()}
    if "**/*_test.go" not in patterns:
        # `*_test.go` matches only at the context root; `**/` matches in every directory.
        return [f"{context.name}/.dockerignore does not exclude **/*_test.go (test files in every directory)"]
    return []


# Checks that look only at the Dockerfile, and checks that also need the build context.
CHECKS: dict[str, Callable[[ParsedDockerfile], list[str]]] = {
    "single-entrypoint": single_entrypoint,
    "pinned-base-images": pinned_base_images,
    "remote-add-checksum": remote_add_checksum,
    "small-final-image": small_final_image,
    "non-root-user": non_root_user,
    "exec-form-start": exec_form_start,
}
CONTEXT_CHECKS: dict[str, Callable[[ParsedDockerfile, Path], list[str]]] = {
    "dockerignore-present": dockerignore_present,
}


def run_check(check_id: str, df: ParsedDockerfile, context: Path) -> list[str]:
    if check_id in CHECKS:
        return CHECKS[check_id](df)
    return CONTEXT_CHECKS[check_id](df, context)


def copy_from_problems(df: ParsedDockerfile) -> list[str]:
    """COPY --from must name a stage defined earlier in the file (or an explicit image reference)."""
    problems, defined = [], set()
    for command in df.commands:
        if command.cmd == "FROM":
            values = command.value
            if len(values) >= 3 and values[1].lower() == "as":
                defined.add(values[2].lower())
            continue
        for flag in command.flags:
            if command.cmd == "COPY" and flag.startswith("--from="):
                source = flag.removeprefix("--from=").lower()
                if source not in defined and not source.isdigit() and ":" not in source:
                    problems.append(f"{_where(command)} copies from '{source}', which no earlier stage defines")
    return problems
