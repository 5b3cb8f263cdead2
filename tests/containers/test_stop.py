"""The stop lesson (docs/docker/stop.md): PID 1 is the start command the Dockerfile gives, and `stop`
ends the container the way its start form predicts (the exit code itself is data/sessions.yml's)."""

from __future__ import annotations

import pytest

from macros.sessions import step_names
from tests.containers.conftest import DOCKER_GRACE_S, STOP_BOUND_S, top_rows

pytestmark = pytest.mark.containers


def stopped_sessions(catalogue) -> list:
    """The sessions that look at the processes, stop the container and read its exit code and last logs."""
    wanted = {"top", "stop", "exit-code", "logs-after-stop"}
    return [s for s in catalogue.sessions.sessions if wanted <= set(step_names(catalogue, s))]


def test_pid1_is_the_start_command_the_dockerfile_gives(recordings, catalogue):
    """Exec form: the app is PID 1 and the only process. Shell form: /bin/sh -c '<line>' is PID 1 and the app its child."""
    for session in stopped_sessions(catalogue):
        facts = catalogue.facts(catalogue.example(session.example))
        rows = top_rows(recordings[session.id].first("top").stdout)
        # The PIDs are the host's; PID 1 is the one process whose parent (containerd-shim) is outside the container.
        roots = [row for row in rows if row["PPID"] not in {r["PID"] for r in rows}]
        assert [row["CMD"] for row in roots] == [" ".join(facts.pid1)], rows
        children = [row["CMD"] for row in rows if row["PPID"] == roots[0]["PID"]]
        assert children == ([facts.pid1[-1]] if facts.shell_form else []), rows


def test_stop_ends_the_container_as_its_exit_code_says(recordings, catalogue):
    """0 or 143: the app ended at once (drained, or killed by the Go runtime's default SIGTERM handling).
    137: nothing ended PID 1, so docker waited out the grace period and sent SIGKILL."""
    for session in stopped_sessions(catalogue):
        recording = recordings[session.id]
        stop, code = recording.first("stop"), int(recording.first("exit-code").stdout)
        after = recording.first("logs-after-stop")
        logs = after.stdout + after.stderr
        if code == 137:
            assert stop.seconds >= DOCKER_GRACE_S - 0.5, f"{session.id}: SIGKILLed after {stop.seconds:.1f} s, not the grace period"
            assert "shutting down" not in logs, logs
        else:
            assert stop.seconds < STOP_BOUND_S, f"{session.id}: `docker container stop` took {stop.seconds:.1f} s"
            assert ("shutting down" in logs and "stopped" in logs) == (code == 0), f"{session.id} exited {code}:\n{logs}"


def test_shell_form_is_the_exempt_one(catalogue):
    """The catalogue exempts exactly the shell-form examples from exec-form-start."""
    for example in catalogue.examples.examples:
        facts = catalogue.facts(example)
        if facts.pid1:
            assert facts.shell_form == ("exec-form-start" in example.exempt), example.id
