"""Read a Dockerfile with the official BuildKit grammar (the PyPI `dockerfile` package): its stages, and
what the final stage owns that pages and tests rely on (USER, EXPOSE, the argv that runs as PID 1).

The lints that check Dockerfiles against the design principles build on this (notekit/dockerfiles.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

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
