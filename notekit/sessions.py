"""Run a command session (data/sessions.yml) as a reader would: each step's argv, in order, once.

The steps come planned from macros.sessions (argv with every data value filled); the only thing the
runner adds is what an earlier step printed and a later one needs (a digest, an image ID). A step that
fails ends the session: the steps after it would only fail for the same reason.
"""

from __future__ import annotations

import re
import subprocess
import time
from dataclasses import dataclass, field

from notekit.engine import Engine


@dataclass(frozen=True)
class Ran:
    name: str
    argv: list[str]  # what ran (the process record): the page's argv with captured values for its placeholders
    shown: list[str]  # what the page prints
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    expected: str | None  # the step's expected stdout, with captured values filled


@dataclass
class Recording:
    session: str
    steps: list[Ran] = field(default_factory=list)
    captured: dict[str, str] = field(default_factory=dict)
    facts: dict[str, object] = field(default_factory=dict)  # what a fixture observed beside the steps

    def all(self, name: str) -> list[Ran]:
        return [step for step in self.steps if step.name == name]

    def first(self, name: str) -> Ran:
        found = self.all(name)
        assert found, f"session '{self.session}' has no step '{name}' (ran: {' '.join(s.name for s in self.steps)})"
        return found[0]

    @property
    def failed(self) -> Ran | None:
        return next((step for step in self.steps if step.returncode != 0), None)


def execute(engine: Engine, argv: list[str], timeout: float) -> subprocess.CompletedProcess:
    if argv[0] == "docker":
        return engine.run(argv, check=False, timeout=timeout)
    return subprocess.run(argv, capture_output=True, text=True, timeout=timeout)  # curl: the reader's own tool


def run_session(engine: Engine, session_id: str, planned: list, timeout: float = 600) -> Recording:
    """Run every planned step (macros.sessions.PlannedStep) in order; stop at the first one that fails."""
    recording = Recording(session_id)
    for step in planned:
        argv = step.argv(recording.captured)
        start = time.perf_counter()
        deadline = time.monotonic() + (step.retry or 0)
        while True:  # retry: a server that has not started listening yet, as a reader would try again
            result = execute(engine, argv, timeout)
            if result.returncode == 0 or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        for name, pattern in step.capture.items():
            found = re.findall(pattern, result.stdout, flags=re.MULTILINE)
            if found:
                recording.captured[name] = found[-1]
        expected = step.expected(recording.captured)
        recording.steps.append(Ran(step.name, list(result.args), step.argv(), result.returncode, result.stdout, result.stderr,
                                   time.perf_counter() - start, expected))  # fmt: skip
        if result.returncode != 0:
            break
    return recording
