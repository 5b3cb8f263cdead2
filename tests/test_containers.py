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

from macros import commands
from macros.commands import DIGEST, REGISTRY_STEPS, STEPS, registry_argv
from macros.data import load_catalogue
from macros.sizes import human
from macros.examples import REGISTRY_TITLE
from notekit import base_images
from notekit.engine import EngineError, engine_session, why_unavailable
from notekit.images import binary_facts, build, shipped_binary
from notekit.registry import PROGRAM as REGISTRY_PROGRAM
from notekit.registry import local_registry
from tests.conftest import note, require, shown_commands

pytestmark = pytest.mark.containers
GROUP = "containers"
CATALOGUE = load_catalogue()
EXAMPLES = {e.id: e for e in CATALOGUE.examples.examples}
STOP_BOUND_S = 5  # generous against docker's 10 s grace period: only a graceful exit stays under it
DOCKER_GRACE_S = 10  # `docker container stop` without -t: SIGTERM, then SIGKILL after this many seconds


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
        size = human(result.size) if result.size else "BUILD FAILED"
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
    pid1: list[str] = field(default_factory=list)  # the container's PID 1 as the kernel sees it (/proc/<pid>/cmdline)
    exit_code: int | None = None
    logs_after_stop: str = ""
    gone_after_remove: bool = False


def page_argv(name: str, example) -> list[str]:
    """The argv the page prints for a step (the one place that knows how macros.commands is called)."""
    return commands.argv(name, example, CATALOGUE)


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
    engine.remove_container(example.id)  # a leftover from a killed run
    request.addfinalizer(lambda: engine.remove_container(example.id))
    seen = Walkthrough()
    seen.steps["build"] = run_step(engine, "build", example)  # cached by now: the `built` fixture built it
    for name in ["run", "list", "user"]:
        seen.steps[name] = run_step(engine, name, example)
    seen.answer = wait_for_answer(engine, example)
    proc = Path(f"/proc/{engine.container_pid(example.id)}")
    status = (proc / "status").read_text()
    seen.uids = next(line for line in status.splitlines() if line.startswith("Uid:")).split()[1:]
    seen.pid1 = (proc / "cmdline").read_text().rstrip("\0").split("\0")
    seen.steps["top"] = run_step(engine, "top", example)
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
    shown = shown_commands(built_site, f"{example.id}: ")
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


def shell_form_on_purpose(example) -> bool:
    """The catalogue exempts the example from exec-form-start: its start command is in shell form on purpose,
    so the page teaches that a shell is PID 1 and `docker container stop` has to kill it."""
    return "exec-form-start" in example.exempt


def top_rows(output: str) -> list[dict[str, str]]:
    """`docker container top` (ps -ef): UID PID PPID C STIME TTY TIME CMD, where CMD may hold spaces."""
    header, *rows = output.splitlines()
    assert header.split() == ["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"], output
    return [dict(zip(header.split(), row.split(None, 7))) for row in rows]


def test_pid1_is_the_start_command_the_dockerfile_gives(walkthrough):
    """Exec form: the app itself is PID 1. Shell form: /bin/sh -c '<line>' is PID 1 and the app is its child
    (this engine's /bin/sh does not replace itself with the app, which is what the page says)."""
    example, seen = walkthrough
    facts = CATALOGUE.facts(example)
    assert seen.pid1 == list(facts.pid1), f"PID 1 runs {seen.pid1}, the Dockerfile gives {facts.pid1}"
    assert facts.shell_form == shell_form_on_purpose(example), (
        f"{example.id}: the start command's form and the exec-form-start exemption disagree"
    )
    top = seen.steps["top"].stdout
    rows = top_rows(top)
    # The PIDs are the host's; PID 1 is the one process whose parent (containerd-shim) is outside the container.
    roots = [row for row in rows if row["PPID"] not in {r["PID"] for r in rows}]
    assert [row["CMD"] for row in roots] == [" ".join(facts.pid1)], top
    if facts.shell_form:  # the shell's one child is the line it runs (a plain command line here)
        assert [row["CMD"] for row in rows if row["PPID"] == roots[0]["PID"]] == [facts.pid1[-1]], top
    else:
        assert len(rows) == 1, f"the app should be the only process:\n{top}"


def test_stop_ends_the_container_as_its_start_form_predicts(walkthrough):
    """Exec form: SIGTERM reaches the app, which shuts down at once and exits 0. Shell form: the shell is PID 1,
    has no SIGTERM handler and does not pass the signal on, so docker waits out the grace period and SIGKILLs (137)."""
    example, seen = walkthrough
    stop = seen.steps["stop"]
    assert stop.stdout.strip() == example.id
    if shell_form_on_purpose(example):
        assert stop.seconds >= DOCKER_GRACE_S - 0.5, (
            f"{example.id} stopped in {stop.seconds:.1f} s; the page says its shell-form start waits out the "
            f"{DOCKER_GRACE_S} s grace period (did /bin/sh exec the app, or forward SIGTERM?)"
        )
        assert seen.exit_code == 137, f"exit code {seen.exit_code} after stop; a SIGKILL after the grace period gives 137"
        assert "shutting down" not in seen.logs_after_stop, seen.logs_after_stop
        return
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
    stopped = all((m.stop_s and m.stop_exit_code is not None) or m.example not in servers for m in committed.images)
    assert all(m.build_cold_s and m.build_after_edit_s for m in committed.images) and stopped, (
        "data/measurements.yml lacks build or stop times (or a stop's exit code); run `make sizes`"
    )


def test_committed_stop_figures_match_the_start_form(committed):
    """The stop times the page shows side by side tell the same story the walkthrough proves."""
    for figure in committed.images:
        example = EXAMPLES[figure.example]
        if not example.http:
            continue
        if shell_form_on_purpose(example):
            assert figure.stop_exit_code == 137 and figure.stop_s >= DOCKER_GRACE_S - 0.5, figure
        else:
            assert figure.stop_exit_code == 0 and figure.stop_s < STOP_BOUND_S, figure
    assert sorted(b.name for b in committed.base_images) == sorted(base_images.needed_base_images())


# --- the registry lesson (docs/docker/registry.md) on a local registry -----------------------------

REGISTRY = CATALOGUE.registry
PUSHED_DIGEST = re.compile(r"digest: (sha256:[0-9a-f]{64})")


@dataclass
class RegistryRun:
    steps: list[tuple[str, Step]] = field(default_factory=list)  # in order; push, pull and id run twice
    pushed_id: str = ""  # image ID of the example image that was pushed first
    rebuilt_id: str = ""
    first: str = ""  # digest (sha256:...) the first push printed
    second: str = ""  # digest the second push printed
    tag_after_first: str | None = None  # what the registry itself says the tag resolves to (HTTP API)
    tag_after_second: str | None = None
    old_digest_after_second: str | None = None
    configs: dict[str, str | None] = field(default_factory=dict)  # digest -> image config the registry serves
    registry: str = ""

    def outputs(self, name: str) -> list[Step]:
        return [step for step_name, step in self.steps if step_name == name]


def forget_registry_images(engine) -> None:
    """Not a page step: removes every local name of the registry's repository (a killed run's too)."""
    rows = engine.docker("image", "ls", "--digests", "--format", "{{.Tag}} {{.Digest}}", REGISTRY.repository).stdout
    for tag, digest in (row.split() for row in rows.splitlines() if row.strip()):
        for ref in ([f"{REGISTRY.repository}:{tag}"] if tag != "<none>" else []) + (
            [f"{REGISTRY.repository}@{digest}"] if digest != "<none>" else []
        ):
            engine.docker("image", "rm", ref, check=False)


@pytest.fixture(scope="module")
def registry_run(engine, built, tmp_path_factory) -> RegistryRun:
    """The page's registry steps, in the page's order, against a local registry started for this run."""
    require(shutil.which(REGISTRY_PROGRAM) is not None, GROUP,
            f"'{REGISTRY_PROGRAM}' is not installed; `make test` installs the docker-registry package with apt as root")  # fmt: skip
    example = EXAMPLES[REGISTRY.example]
    if built[example.id].error:
        pytest.fail(built[example.id].error, pytrace=False)
    run = RegistryRun(pushed_id=engine.inspect("image", example.image)["Id"])

    def step(name: str, digest: str = DIGEST) -> Step:
        argv = registry_argv(name, CATALOGUE, digest)
        start = time.perf_counter()
        result = engine.run(argv, check=False, timeout=300)
        ran = Step(argv, list(result.args), result.returncode, result.stdout, result.stderr, time.perf_counter() - start)
        run.steps.append((name, ran))
        if result.returncode != 0:
            pytest.fail(f"`{shlex.join(argv)}` failed ({result.returncode}):\n{result.stdout}{result.stderr}", pytrace=False)
        return ran

    def pushed(result: Step) -> str:
        found = PUSHED_DIGEST.findall(result.stdout)
        assert found, f"the push printed no digest:\n{result.stdout}"
        return found[-1]

    forget_registry_images(engine)
    try:
        with local_registry(REGISTRY.port, tmp_path_factory.mktemp("registry")) as served:
            run.registry = f"{served.version} on {served.host} (pid {served.pid}, stopped by its PID)"
            note("container registry", f"registry: {run.registry}")
            step("tag")
            run.first = pushed(step("push"))
            run.tag_after_first = served.manifest_digest(REGISTRY.example, "0.1")
            step("digest")
            hex_first = run.first.removeprefix("sha256:")
            step("pull", hex_first)
            step("id", hex_first)
            step("rebuild")
            run.rebuilt_id = engine.inspect("image", REGISTRY.image)["Id"]
            run.second = pushed(step("push"))
            step("pull-tag")
            run.tag_after_second = served.manifest_digest(REGISTRY.example, "0.1")
            step("pull", hex_first)
            step("id", hex_first)
            run.old_digest_after_second = served.manifest_digest(REGISTRY.example, run.first)
            run.configs = {d: served.config_digest(REGISTRY.example, d) for d in (run.first, run.second)}
    except EngineError as error:
        pytest.fail(f"[{GROUP}] {error}", pytrace=False)
    finally:
        forget_registry_images(engine)
    timings = ", ".join(f"{name} {s.seconds:.2f} s" for name, s in run.steps)
    note("container registry", f"steps: {timings}")
    note("container registry", f"first push {run.first}, second push {run.second}")
    return run


def test_registry_steps_run_as_printed_and_all_of_them_run(registry_run):
    assert {name for name, _ in registry_run.steps} == set(REGISTRY_STEPS)
    for name, step in registry_run.steps:
        assert step.ran == step.argv, f"{name}: ran {step.ran}, page prints {step.argv}"
        assert step.returncode == 0, f"`{shlex.join(step.argv)}` failed:\n{step.stdout}{step.stderr}"


def test_push_prints_the_digest_the_registry_and_inspect_report(registry_run):
    """Plain HTTP to 127.0.0.1 worked (the engine allows loopback registries) and the digest agrees three ways."""
    assert registry_run.tag_after_first == registry_run.first
    shown = registry_run.outputs("digest")[0]
    assert shown.stdout.strip() == f"{REGISTRY.repository}@{registry_run.first}"


def test_pull_by_digest_gives_the_pushed_image(registry_run):
    first_id = registry_run.outputs("id")[0].stdout.strip()
    assert first_id == registry_run.pushed_id
    assert f"Digest: {registry_run.first}" in registry_run.outputs("pull")[0].stdout


def test_pushing_a_rebuild_under_the_same_tag_moves_the_tag(registry_run):
    assert registry_run.rebuilt_id != registry_run.pushed_id, "the rebuild with a new label made the same image"
    assert registry_run.second != registry_run.first
    assert registry_run.tag_after_second == registry_run.second  # the registry's own answer
    assert f"Digest: {registry_run.second}" in registry_run.outputs("pull-tag")[0].stdout


def test_the_old_digest_still_pulls_the_old_image(registry_run):
    assert registry_run.old_digest_after_second == registry_run.first
    again = registry_run.outputs("id")[1].stdout.strip()
    assert again == registry_run.pushed_id != registry_run.rebuilt_id
    # The registry still serves the old content under the old digest (skipped only for an index of manifests).
    assert registry_run.configs[registry_run.first] in (registry_run.pushed_id, None)
    assert registry_run.configs[registry_run.second] in (registry_run.rebuilt_id, None)
    assert f"Digest: {registry_run.first}" in registry_run.outputs("pull")[1].stdout


def test_page_shows_exactly_the_registry_commands_that_ran(registry_run, built_site):
    """Every line of the registry blocks is a command that ran, once DIGEST is the first push's digest."""
    ran = {shlex.join(step.ran) for _, step in registry_run.steps}
    hex_first = registry_run.first.removeprefix("sha256:")
    shown = shown_commands(built_site, REGISTRY_TITLE)
    registry_page = Path("docker/registry/index.html")
    assert {line for page, line in shown if page == registry_page} == {
        commands.shell(registry_argv(name, CATALOGUE)) for name in REGISTRY_STEPS
    }, "the registry page must show every registry step"
    assert [(page, line) for page, line in shown if line.replace(DIGEST, hex_first) not in ran] == []
