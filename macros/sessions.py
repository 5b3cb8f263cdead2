"""Command sessions (data/sessions.yml): what a reader types, in order, and what it prints.

A step's command is a line of data with $names filled from the example, the registry and earlier steps'
captures. The page prints shlex.join of the argv; the container tests run exactly that argv (with the
captured values where the page shows a placeholder), so the page shows what CI ran.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from string import Template
from typing import Mapping

from . import markup as m
from .data import Catalogue, pick, suggest
from .models import Example, Session
from .page import Page, page_macro


@dataclass(frozen=True)
class PlannedStep:
    """One step of one session, every $name filled except what an earlier step captures at run time."""

    name: str
    note: str
    tokens: tuple[str, ...]
    expect: str | None
    output: bool
    retry: int | None
    capture: Mapping[str, str]

    def argv(self, captured: Mapping[str, str] | None = None) -> list[str]:
        """The argv with captured values; without them, with the placeholders the page prints."""
        return [Template(token).substitute({**placeholders(self), **(captured or {})}) for token in self.tokens]

    def expected(self, captured: Mapping[str, str] | None = None) -> str | None:
        if self.expect is None:
            return None
        return Template(self.expect).substitute({**placeholders(self), **(captured or {})})


def placeholder(name: str) -> str:
    """What the page prints for a value known only at run time: $digest shows as DIGEST."""
    return name.upper()


def placeholders(step: PlannedStep) -> dict[str, str]:
    return {name: placeholder(name) for name in {*names_in(" ".join(step.tokens)), *names_in(step.expect or "")}}


def names_in(template: str) -> list[str]:
    return [match.group("named") or match.group("braced") for match in Template.pattern.finditer(template)
            if match.group("named") or match.group("braced")]  # fmt: skip


# Every $name example_values() can fill (for some example); a step's capture adds its own.
VALUE_NAMES = ("id", "image", "dockerfile", "context", "registry_image", "registry_repository", "rebuild_label",
               "user", "container_port", "port", "path", "body", "output")  # fmt: skip


def example_values(catalogue: Catalogue, example: Example) -> dict[str, str]:
    """The $names an example fills; a name it cannot fill (a program has no $port) is simply absent."""
    facts = catalogue.facts(example)
    registry = catalogue.registry
    values = {
        "id": example.id,
        "image": example.image,
        "dockerfile": example.dockerfile,
        "context": example.context,
        "registry_image": registry.image,
        "registry_repository": registry.repository,
        "rebuild_label": registry.rebuild_label,
    }
    if facts.user:
        values["user"] = facts.user
    if facts.port:
        values["container_port"] = str(facts.port)
    if example.http:
        values |= {"port": str(example.http.port), "path": example.http.path, "body": example.http.body}
    if example.output is not None:
        values["output"] = example.output
    return values


def step_names(catalogue: Catalogue, session: Session) -> list[str]:
    if session.steps is not None:
        return list(session.steps)
    kind = "server" if catalogue.example(session.example).http else "program"
    return list(catalogue.sessions.defaults[kind])


class UnfillableStep(ValueError):
    def __init__(self, step: str, message: str):
        self.step = step
        super().__init__(message)


def plan(catalogue: Catalogue, session: Session) -> list[PlannedStep]:
    """Every step of the session in order; a $name neither the data nor an earlier capture fills is a ValueError."""
    values = example_values(catalogue, catalogue.example(session.example))
    captured: set[str] = set()
    planned = []
    for name in step_names(catalogue, session):
        step = catalogue.sessions.steps[name]
        expect = session.expect.get(name, step.expect)
        for text in (step.run, expect or ""):
            unknown = [n for n in names_in(text) if n not in values and n not in captured]
            if unknown:
                raise UnfillableStep(
                    name,
                    f"step '{name}' of session '{session.id}' needs ${unknown[0]}, which example '{session.example}' "
                    f"does not have and no earlier step captures; known: {' '.join(sorted({*values, *captured}))}"
                )
        fill = lambda text: Template(text).safe_substitute(values)  # noqa: E731 ($captures stay for later)
        planned.append(PlannedStep(
            name, step.note, tuple(fill(token) for token in shlex.split(step.run)),
            None if expect is None else fill(expect), step.output, step.retry, dict(step.capture),
        ))  # fmt: skip
        captured |= set(step.capture)
    return planned


def session(catalogue: Catalogue, session_id: str) -> Session:
    return pick(catalogue.sessions.sessions, session_id, "data/sessions.yml", "session")


def shown(steps: list[PlannedStep], names: list[str], session_id: str) -> list[PlannedStep]:
    """The named steps, which must follow the session's order (the page shows what the reader runs, in order)."""
    out, position = [], 0
    for name in names:
        later = [i for i, step in enumerate(steps) if step.name == name and i >= position]
        if not later:
            known = " ".join(dict.fromkeys(step.name for step in steps))
            what = "comes earlier in" if any(step.name == name for step in steps) else "is not a step of"
            close = suggest(name, known.split()) if what == "is not a step of" else ""
            raise ValueError(f"'{name}' {what} session '{session_id}'; {close}its steps in order: {known}")
        position = later[0] + 1
        out.append(steps[later[0]])
    return out


def commands(catalogue: Catalogue, session_id: str, steps: str | None = None, title: str | None = None) -> str:
    """The chosen steps (all when none are named) as command blocks, each followed by its output where it teaches."""
    chosen = session(catalogue, session_id)
    planned = plan(catalogue, chosen)
    names = steps.split() if steps else list(dict.fromkeys(step.name for step in planned))
    out, lines = "", []
    for step in shown(planned, names, session_id):
        lines += [f"# {step.note}", shlex.join(step.argv())]
        if step.output:
            text = step.expected() if step.expect is not None else recorded(catalogue, session_id, step.name)
            out += m.fence("\n".join(lines), "bash", None if out else title or chosen.title)
            out += m.fence(text, "text", catalogue.sessions.output_title)
            lines = []
    if lines:
        out += m.fence("\n".join(lines), "bash", None if out else title or chosen.title)
    return out


def recorded(catalogue: Catalogue, session_id: str, step: str) -> str:
    text = catalogue.outputs.sessions.get(session_id, {}).get(step)
    if text is None:
        raise ValueError(f"data/outputs.yml has no output of step '{step}' of session '{session_id}'; run `make outputs`")
    return text


def step_argv(catalogue: Catalogue, step: str, example: Example) -> list[str]:
    """One step's argv for an example outside any session (make sizes times the page's build and stop)."""
    values = example_values(catalogue, example)
    return [Template(token).substitute(values) for token in shlex.split(catalogue.sessions.steps[step].run)]


# --- what pages call (macros/page.py) -----------------------------------------------------


@page_macro("commands")
def commands_macro(page: Page, session: str, steps: str | None = None, title: str | None = None) -> str:
    """명령 세션(data/yml)의 단계들을 명령 블록으로 싣고, 출력이 가르치는 단계는 그 아래에 출력을 싣는다.
    컨테이너 테스트가 세션마다 모든 단계를 이 순서대로 바이트 그대로 실행한다. steps는 보일 단계를 공백으로
    나열하고(세션의 순서를 따라야 한다), 주지 않으면 전부다. title은 첫 블록의 제목(주지 않으면 세션의 제목).

    예: commands('hello-multistage', 'run probe')
    """
    return commands(page.catalogue, session, steps, title)
