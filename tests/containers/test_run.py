"""The run lesson (docs/docker/run.md): what `ls`, `inspect`, `top` and `logs` printed in each server session."""

from __future__ import annotations

import re

import pytest

from macros.sessions import step_names
from tests.containers.conftest import top_rows

pytestmark = pytest.mark.containers


def sessions_with(catalogue, *steps: str) -> list:
    """The sessions that run all of these steps (on a server: the run lesson's steps)."""
    return [s for s in catalogue.sessions.sessions if set(steps) <= set(step_names(catalogue, s))]


def test_run_prints_the_container_id_and_ls_lists_it(recordings, catalogue):
    for session in sessions_with(catalogue, "run", "list"):
        recording = recordings[session.id]
        container_id = recording.first("run").stdout.strip()
        assert re.fullmatch(r"[0-9a-f]{64}", container_id), recording.first("run").stdout
        header, *rows = recording.first("list").stdout.splitlines()
        assert header.split()[:2] == ["CONTAINER", "ID"], header
        assert [row.split()[0] for row in rows] == [container_id[:12]] and rows[0].split()[-1] == session.example


def test_the_process_runs_as_the_dockerfile_user(recordings, catalogue):
    """`inspect` shows the image's USER (data/sessions.yml expects it); `top` shows the process really runs as it."""
    for session in sessions_with(catalogue, "top"):
        uid = catalogue.facts(catalogue.example(session.example)).user.split(":")[0]
        rows = top_rows(recordings[session.id].first("top").stdout)
        assert uid != "0" and {row["UID"] for row in rows} == {uid}, rows


def test_logs_show_the_apps_log_line(recordings, catalogue):
    for session in sessions_with(catalogue, "logs"):
        logs = recordings[session.id].first("logs")
        port = catalogue.facts(catalogue.example(session.example)).port
        assert f"listening on :{port}" in logs.stdout + logs.stderr  # Go's log package writes to stderr
