"""Every catalogued example, for real, on a Docker engine: every step the page prints, run as printed.

The engine is the one `docker info` reaches, or a private dockerd the session starts and stops
(notekit/engine.py). Each step's argv comes from macros.commands.STEPS and is run byte for byte;
its output is checked. Each image is built once per session; each container is always removed.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bs4 import BeautifulSoup

from macros import commands
from macros.commands import STEPS
from macros.data import load_catalogue
from notekit import base_images
from notekit.engine import EngineError, engine_session, why_unavailable
from notekit.images import binary_facts, build, shipped_binary
from tests.conftest import note, require

pytestmark = pytest.mark.containers
GROUP = "containers"
CATALOGUE = load_catalogue()
EXAMPLES = {e.id: e for e in CATALOGUE.examples.examples}
STOP_BOUND_S = 5  # generous against docker's 10 s grace period: only a graceful exit stays under it


def within_tolerance(measured: int, committed: int) -> bool:
    """5 % or 512 KiB, whichever is larger: rebuilds vary a little, a stale figure does not."""
    return abs(measured - committed) <= max(0.05 * committed, 512 * 1024)


@pytest.fixture(scope="session")
def engine():
    reason = why_unavailable()
    require(reason is None, GROUP, reason or "")
    try:
        with engine_session() as found:
            note("container engine", f"engine: {found.describe()}")
            yield found
    except EngineError as error:  # an engine should have been there (or started) and was not
        pytest.fail(f"[{GROUP}] {error}", pytrace=False)


@pytest.fixture(scope="session")
def bases(engine):
    try:
        images = base_images.ensure_all(engine, allow_pull=True)
    except (EngineError, OSError) as error:
        require(False, GROUP, f"base images unavailable: {error}")
    for image in images:
        note("container base images", image.line())
    return images


@pytest.fixture(scope="session")
def built(engine, bases):
    results = {}
    for example in CATALOGUE.examples.examples:
        results[example.id] = result = build(engine, example, CATALOGUE)
        size = f"{result.size / 1e6:.1f} MB" if result.size else "BUILD FAILED"
        note("container images", f"{example.image}: {size}, built in {result.seconds:.1f} s")
    return results


@dataclass
class Step:
    argv: list[str]  # what the page prints
    ran: list[str]  # what was executed (subprocess's record of it)
    returncode: int
    stdout: str
    stderr: str
    seconds: float


@dataclass
class Walkthrough:
    steps: dict[str, Step] = field(default_factory=dict)
    answer: tuple[int, str] | None = None
    uids: list[str] = field(default_factory=list)
    exit_code: int | None = None
    logs_after_stop: str = ""
    gone_after_remove: bool = False


def page_argv(name: str, example) -> list[str]:
    """The argv the page prints for a step (the one place that knows how macros.commands is called)."""
    return commands.argv(name, example, CATALOGUE)


def cleanup(engine, example) -> None:
    """Not a page step: clears a container a killed run left behind (SIGKILL is fine here)."""
    engine.run(["docker", "container", "rm", "-f", example.id], check=False)


def run_step(engine, name: str, example) -> Step:
    argv = page_argv(name, example)
    start = time.perf_counter()
    if argv[0] == "docker":
        result = engine.run(argv, check=False, timeout=120)
    else:  # curl: the reader's own tool, not the engine
        result = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    return Step(argv, list(result.args), result.returncode, result.stdout, result.stderr, time.perf_counter() - start)


def wait_for_answer(engine, example, seconds: float = 60) -> tuple[int, str]:
    url = f"http://127.0.0.1:{example.http.port}{example.http.path}"
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()
        except OSError as error:
            state = engine.inspect("container", example.id)["State"]
            if not state.get("Running") or time.monotonic() > deadline:
                logs = engine.docker("container", "logs", example.id, check=False)
                pytest.fail(f"{url} never answered ({error}); state={state}\n{logs.stdout}{logs.stderr}")
            time.sleep(0.2)


SERVERS = sorted(e.id for e in CATALOGUE.examples.examples if e.http)
PROGRAMS = sorted(e.id for e in CATALOGUE.examples.examples if not e.http)


@pytest.fixture(scope="module", params=SERVERS)
def walkthrough(request, engine, built) -> tuple:
    """A reader's session with one example: every step of STEPS in order, each run as printed."""
    example = EXAMPLES[request.param]
    require(shutil.which("curl") is not None, GROUP, "'curl' is not installed; `make test` installs it")
    if built[example.id].error:
        pytest.fail(built[example.id].error, pytrace=False)
    cleanup(engine, example)  # a leftover from a killed run
    request.addfinalizer(lambda: cleanup(engine, example))
    seen = Walkthrough()
    seen.steps["build"] = run_step(engine, "build", example)  # cached by now: the `built` fixture built it
    for name in ["run", "list", "user"]:
        seen.steps[name] = run_step(engine, name, example)
    seen.answer = wait_for_answer(engine, example)
    status = Path(f"/proc/{engine.container_pid(example.id)}/status").read_text()
    seen.uids = next(line for line in status.splitlines() if line.startswith("Uid:")).split()[1:]
    for name in ["logs", "probe", "stop"]:
        seen.steps[name] = run_step(engine, name, example)
    state = engine.inspect("container", example.id)["State"]
    seen.exit_code = None if state.get("Running") else state.get("ExitCode")
    seen.logs_after_stop = engine.docker("container", "logs", example.id, check=False).stderr
    seen.steps["remove"] = run_step(engine, "remove", example)
    seen.gone_after_remove = engine.docker("container", "inspect", example.id, check=False).returncode != 0
    timings = ", ".join(f"{name} {step.seconds:.2f} s" for name, step in seen.steps.items())
    note("container steps", f"{example.id}: {timings}")
    return example, seen


def test_page_shows_exactly_the_commands_that_ran(walkthrough, built_site):
    """Every command line in the example's blocks on the built site is one this session executed."""
    example, seen = walkthrough
    ran = {shlex.join(step.ran) for step in seen.steps.values()}
    shown = []
    for page in built_site.rglob("*.html"):
        for block in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("div.highlight"):
            title = block.select_one("span.filename")
            if title and title.get_text().startswith(f"{example.id}: "):
                lines = block.select_one("pre code").get_text().splitlines()
                shown += [(page.relative_to(built_site), line) for line in lines if line and not line.startswith("#")]
    assert shown, f"no page shows the commands of {example.id}"
    assert [(page, line) for page, line in shown if line not in ran] == []


@pytest.mark.parametrize("example_id", PROGRAMS or [pytest.param(None, marks=pytest.mark.skip(reason="no program example"))])
def test_program_prints_its_catalogued_output(engine, built, example_id):
    example = EXAMPLES[example_id]
    assert built[example_id].error is None, built[example_id].error
    for name in commands.default_steps(example).split():
        result = engine.run(page_argv(name, example), check=False, timeout=120)
        assert result.args == page_argv(name, example) and result.returncode == 0, result.stderr
    assert result.stdout == example.output


def test_every_page_step_is_run(walkthrough):
    example, seen = walkthrough
    assert list(seen.steps) == list(STEPS)
    for name, step in seen.steps.items():
        assert step.ran == step.argv == page_argv(name, example), f"{name}: ran {step.ran}, page prints {step.argv}"
        assert step.returncode == 0, f"`{' '.join(step.argv)}` failed ({step.returncode}):\n{step.stdout}{step.stderr}"


def test_run_prints_the_container_id_and_ls_lists_it(walkthrough):
    example, seen = walkthrough
    container_id = seen.steps["run"].stdout.strip()
    assert re.fullmatch(r"[0-9a-f]{64}", container_id), seen.steps["run"].stdout
    listed = seen.steps["list"].stdout.splitlines()
    assert listed[0].split()[:2] == ["CONTAINER", "ID"], seen.steps["list"].stdout
    assert [row.split()[0] for row in listed[1:]] == [container_id[:12]], seen.steps["list"].stdout
    assert listed[1].split()[-1] == example.id


def test_user_step_prints_the_dockerfile_user_and_the_process_runs_as_it(walkthrough):
    example, seen = walkthrough
    printed = seen.steps["user"].stdout.strip()
    user = CATALOGUE.facts(example).user
    assert printed == user, f"page's user step printed {printed!r}, the Dockerfile says USER {user}"
    uid = user.split(":")[0]
    assert uid != "0" and set(seen.uids) == {uid}, f"{example.id} runs as Uid: {seen.uids}"


def test_logs_show_the_apps_log_line(walkthrough):
    example, seen = walkthrough
    logs = seen.steps["logs"].stdout + seen.steps["logs"].stderr  # the app logs to stderr (Go's log package)
    assert f"listening on :{CATALOGUE.facts(example).port}" in logs, logs


def test_probe_gets_the_catalogued_answer(walkthrough):
    example, seen = walkthrough
    assert seen.answer == (example.http.status, example.http.body)
    assert seen.steps["probe"].stdout == example.http.body


def test_stop_is_graceful_and_prompt(walkthrough):
    example, seen = walkthrough
    stop = seen.steps["stop"]
    assert stop.stdout.strip() == example.id
    assert stop.seconds < STOP_BOUND_S, f"`docker container stop` took {stop.seconds:.1f} s (SIGTERM ignored?)"
    assert seen.exit_code == 0, f"exit code {seen.exit_code} after stop (143: SIGTERM killed it, no handler; 137: SIGKILL after the grace period)"
    assert "shutting down" in seen.logs_after_stop and "stopped" in seen.logs_after_stop, seen.logs_after_stop


def test_remove_removes_the_container(walkthrough):
    example, seen = walkthrough
    assert seen.steps["remove"].stdout.strip() == example.id
    assert seen.gone_after_remove


@pytest.mark.parametrize("example_id", sorted(EXAMPLES))
def test_image_builds_with_the_page_command(built, example_id):
    result = built[example_id]
    assert result.error is None, result.error
    assert result.size and result.size > 0


@pytest.mark.parametrize("example_id", [e.id for e in CATALOGUE.examples.examples if shipped_binary(e)])
def test_scratch_image_ships_one_static_stripped_binary(engine, built, example_id):
    example = EXAMPLES[example_id]
    assert built[example_id].error is None, built[example_id].error
    facts = binary_facts(engine, example, shipped_binary(example))
    assert facts["static"] and facts["stripped"], facts
    # The image is the binary and nothing else (plus a few KB of metadata).
    assert facts["size_bytes"] <= built[example_id].size <= facts["size_bytes"] + 64 * 1024
    note("container images", f"{example.image}: Go binary {shipped_binary(example)} = {facts['size_bytes']} bytes")


def test_single_stage_image_keeps_no_go_build_cache(engine, built):
    """The single-stage image ships the toolchain (on purpose) but not the Go build cache."""
    for example in CATALOGUE.examples.examples:
        if shipped_binary(example) is not None:
            continue
        assert built[example.id].error is None, built[example.id].error
        listing = engine.docker("container", "run", "--rm", "--user", "0", "--entrypoint", "ls",
                                example.image, "-A", "/root/.cache/go-build", check=False)  # fmt: skip
        assert listing.returncode != 0 or listing.stdout.strip() == "", (
            f"{example.image} holds a Go build cache: {listing.stdout[:200]}"
        )


@pytest.fixture(scope="session")
def committed():
    return CATALOGUE.measurements


def same_bases(committed, bases) -> bool:
    return {(b.name, b.stand_in) for b in committed.base_images} == {(b.name, b.stand_in) for b in bases}


@pytest.mark.parametrize("example_id", sorted(EXAMPLES))
def test_committed_image_size_is_current(committed, bases, built, example_id):
    by_example = {m.example: m for m in committed.images}
    assert example_id in by_example, f"data/measurements.yml has no figure for {example_id}; run make sizes and commit it"
    if shipped_binary(EXAMPLES[example_id]) is None and not same_bases(committed, bases):
        # Not a missing tool: this run pulled real base images where the figures used stand-ins (or the
        # reverse). A FROM scratch image does not depend on that and is still compared.
        why = f"{example_id}: measured on other base images (stand-in vs real); not compared this run"
        note("NOT COMPARED WITH data/measurements.yml", why)
        pytest.skip(why)
    measured, figure = built[example_id].size, by_example[example_id].size_bytes
    assert measured is not None, built[example_id].error
    assert within_tolerance(measured, figure), (
        f"{example_id}: image is {measured} bytes, data/measurements.yml says {figure}; run `make sizes`"
    )


def test_committed_go_binary_size_is_current(committed, engine, built):
    binary = committed.go_binary
    assert binary.example in EXAMPLES and shipped_binary(EXAMPLES[binary.example]) == binary.path
    facts = binary_facts(engine, EXAMPLES[binary.example], binary.path)
    assert within_tolerance(facts["size_bytes"], binary.size_bytes), (
        f"Go binary is {facts['size_bytes']} bytes, data/measurements.yml says {binary.size_bytes}; run `make sizes`"
    )


def test_committed_figures_cover_exactly_the_catalogue(committed):
    assert committed.engine == "docker"
    servers = {e.id for e in CATALOGUE.examples.examples if e.http}
    assert all(m.build_cold_s and m.build_after_edit_s and (m.stop_s or m.example not in servers) for m in committed.images), (
        "data/measurements.yml lacks build or stop times; run `make sizes`"
    )
    assert sorted(b.name for b in committed.base_images) == sorted(base_images.needed_base_images())
