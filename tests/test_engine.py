"""The parts of notekit/engine.py that need no engine: which docker CLI runs the page's commands."""

from __future__ import annotations

import os

import pytest

from notekit import engine as e


def fake_docker(directory, version: str, buildx: bool):
    """A `docker` that answers `version` and, if asked to, `buildx version` (nothing else)."""
    directory.mkdir()
    script = directory / "docker"
    script.write_text(
        "#!/bin/sh\n"
        f'[ "$1" = version ] && {{ echo {version}; exit 0; }}\n'
        f'[ "$1" = buildx ] && exit {0 if buildx else 1}\n'
        "exit 1\n"
    )
    script.chmod(0o755)
    return str(script)


@pytest.fixture
def path(monkeypatch):
    def set_path(*dirs):
        monkeypatch.setenv("PATH", os.pathsep.join(map(str, dirs)))

    return set_path


def test_a_cli_without_buildx_is_passed_over_for_one_that_can_build(tmp_path, path):
    new = fake_docker(tmp_path / "local", "28.2.2", buildx=False)  # /usr/local/bin/docker here
    old = fake_docker(tmp_path / "debian", "20.10.24+dfsg1", buildx=False)  # Debian's docker.io
    path(tmp_path / "local", tmp_path / "debian")
    assert e.choose_cli() == (old, "")
    assert e.builds_with_buildkit(old) and not e.builds_with_buildkit(new)


def test_the_first_cli_wins_when_it_has_buildx(tmp_path, path):
    new = fake_docker(tmp_path / "runner", "28.0.4", buildx=True)
    fake_docker(tmp_path / "debian", "20.10.24+dfsg1", buildx=False)
    path(tmp_path / "runner", tmp_path / "debian")
    assert e.choose_cli() == (new, "")


def test_a_lone_cli_without_buildx_is_named_as_the_problem(tmp_path, path):
    new = fake_docker(tmp_path / "local", "28.2.2", buildx=False)
    path(tmp_path / "local")
    cli, problem = e.choose_cli()
    assert cli == new and "buildx" in problem


def test_no_cli_no_engine(tmp_path, path):
    path(tmp_path)
    assert e.choose_cli() == (None, "no `docker` CLI on PATH")
    assert e.find_engine() == (None, "no `docker` CLI on PATH")
    assert e.why_unavailable() == "no `docker` CLI on PATH"


def test_engine_runs_only_docker_argv_as_given():
    with pytest.raises(e.EngineError, match="not a docker command"):
        e.Engine("/bin/true").run(["podman", "image", "ls"])
    assert e.Engine("/bin/echo").run(["docker", "image", "ls"]).stdout == "image ls\n"
