"""The engine, the example images and every command session, each set up once per test run.

The engine is the one `docker info` reaches, or a private dockerd the run starts and stops
(notekit/engine.py). `recordings` runs every session of data/sessions.yml once, in order, exactly as
its page prints it (notekit/sessions.py); the lesson tests beside this file only read what it recorded.
"""

from __future__ import annotations

import shutil

import pytest

from macros import sessions
from macros.sizes import human
from notekit import base_images
from notekit.engine import EngineError, engine_session, why_unavailable
from notekit.images import build
from notekit.registry import PROGRAM as REGISTRY_PROGRAM
from notekit.registry import local_registry
from notekit.sessions import run_session
from tests.conftest import note, require

GROUP = "containers"
STOP_BOUND_S = 5  # generous against docker's 10 s grace period: only a graceful exit stays under it
DOCKER_GRACE_S = 10  # `docker container stop` without -t: SIGTERM, then SIGKILL after this many seconds


def top_rows(output: str) -> list[dict[str, str]]:
    """`docker container top` (ps -ef): UID PID PPID C STIME TTY TIME CMD, where CMD may hold spaces."""
    header, *rows = output.splitlines()
    assert header.split() == ["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"], output
    return [dict(zip(header.split(), row.split(None, 7))) for row in rows]


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
def built(engine, bases, catalogue):
    results = {}
    for example in catalogue.examples.examples:
        results[example.id] = result = build(engine, example, catalogue)
        size = human(result.size) if result.size else "BUILD FAILED"
        note("container images", f"{example.image}: {size}, built in {result.seconds:.1f} s")
    return results


def forget(engine, repository: str) -> None:
    """Remove every local name of a repository this project made (a killed run's too); nothing else."""
    rows = engine.docker("image", "ls", "--digests", "--format", "{{.Tag}} {{.Digest}}", repository).stdout
    for tag, digest in (row.split() for row in rows.splitlines() if row.strip()):
        for ref in ([f"{repository}:{tag}"] if tag != "<none>" else []) + ([f"{repository}@{digest}"] if digest != "<none>" else []):
            engine.docker("image", "rm", ref, check=False)


@pytest.fixture(scope="session")
def recordings(engine, built, catalogue, tmp_path_factory) -> dict:
    """Every session, run once as printed. The registry session runs against a local registry started for it."""
    require(shutil.which("curl") is not None, GROUP, "'curl' is not installed; `make test` installs it")
    require(shutil.which(REGISTRY_PROGRAM) is not None, GROUP,
            f"'{REGISTRY_PROGRAM}' is not installed; `make test` installs the docker-registry package with apt as root")  # fmt: skip
    registry, out = catalogue.registry, {}
    for session in catalogue.sessions.sessions:
        example = catalogue.example(session.example)
        if built[example.id].error:
            pytest.fail(built[example.id].error, pytrace=False)
        planned = sessions.plan(catalogue, session)
        uses_registry = any("$registry_" in catalogue.sessions.steps[step.name].run for step in planned)
        engine.remove_container(example.id)  # a leftover from a killed run
        try:
            if uses_registry:
                forget(engine, registry.repository)
                with local_registry(registry.port, tmp_path_factory.mktemp("registry")) as served:
                    note("container registry", f"registry: {served.version} on {served.host} (pid {served.pid}, stopped by its PID)")
                    recording = run_session(engine, session.id, planned)
                    recording.facts = registry_facts(served, registry.example, recording.captured)
            else:
                recording = run_session(engine, session.id, planned)
        except EngineError as error:
            pytest.fail(f"[{GROUP}] {error}", pytrace=False)
        finally:
            engine.remove_container(example.id)
            if uses_registry:
                forget(engine, registry.repository)
        out[session.id] = recording
        note("container sessions", f"{session.id}: " + ", ".join(f"{s.name} {s.seconds:.1f} s" for s in recording.steps))
    return out


def registry_facts(served, repository: str, captured: dict) -> dict:
    """What the registry itself says, through its HTTP API, once the session has run."""
    first, second = (f"sha256:{captured[k]}" if k in captured else None for k in ("digest", "new_digest"))
    return {
        "tag": served.manifest_digest(repository, "0.1"),
        "first": first,
        "second": second,
        "old_digest": served.manifest_digest(repository, first) if first else None,
        "configs": {d: served.config_digest(repository, d) for d in (first, second) if d},
    }
