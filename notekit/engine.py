"""The one container engine the tests, `make sizes` and `make base-images` drive: Docker, for real.

`engine_session()` uses the Docker engine that answers `docker info` (Docker Desktop, a system
dockerd, a runner's engine, or Podman's Docker-compatible socket through DOCKER_HOST). When none
answers and we are root on Debian with `dockerd` installed, it starts a PRIVATE dockerd: its own
socket, data root, exec root and pidfile under WORK_DIR/dockerd/, and stops it afterwards by its PID.
WORK_DIR is per user (/var/tmp/k8s-study-notes-<uid>): every checkout of that user shares its engine
data and stand-in base images (expensive to rebuild) and its lock, and no other user's run can leave
a file there that this user cannot open. Commands are run exactly as the page prints them (`docker ...`), with
DOCKER_HOST and DOCKER_BUILDKIT=1 in their environment and the docker CLI chosen below.
Plain Python, no pytest.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
WORK_DIR = Path(f"/var/tmp/k8s-study-notes-{os.getuid()}")
PRIVATE = WORK_DIR / "dockerd"  # socket, data root, exec root, pidfile, log of the private dockerd
LOCK = WORK_DIR / "engine.lock"
BUILDKIT_MAJOR = 23  # from Docker CLI 23 on, BuildKit builds go through the buildx plugin


class EngineError(RuntimeError):
    pass


@dataclass(frozen=True)
class Engine:
    cli: str  # the docker executable that runs every `docker ...` argv
    extra_env: dict[str, str] = field(default_factory=dict)
    origin: str = "the Docker engine that `docker info` reached"
    own: bool = False  # True for the private dockerd: everything in its data root is the project's

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "DOCKER_BUILDKIT": "1", **self.extra_env}

    def run(self, argv: list[str], check: bool = True, timeout: float = 1800, **kwargs) -> subprocess.CompletedProcess:
        """Run an argv as printed (`docker ...`, e.g. from macros.commands); only the executable is resolved here."""
        if argv[0] != "docker":
            raise EngineError(f"not a docker command: {argv}")
        kwargs.setdefault("capture_output", True)
        result = subprocess.run(
            argv, executable=self.cli, env=self.env, text=True, timeout=timeout, cwd=ROOT, **kwargs
        )  # fmt: skip
        if check and result.returncode != 0:
            raise EngineError(f"`{' '.join(argv)}` failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
        return result

    def docker(self, *args: str, **kwargs) -> subprocess.CompletedProcess:
        return self.run(["docker", *args], **kwargs)

    def version(self) -> str:
        return self.docker("version", "--format", "{{.Server.Version}}").stdout.strip()

    def client_version(self) -> str:
        return client_version(self.cli)

    def storage_driver(self) -> str:
        return self.docker("info", "--format", "{{.Driver}}").stdout.strip()

    def describe(self) -> str:
        """One line for the test output: `docker 20.10.24 (private dockerd started by the tests)`."""
        return f"docker {self.version()} ({self.origin}; CLI {self.cli} {self.client_version()}, {self.storage_driver()})"

    def image_exists(self, ref: str) -> bool:
        return self.docker("image", "inspect", ref, check=False).returncode == 0

    def inspect(self, kind: str, ref: str) -> dict:
        return json.loads(self.docker(kind, "inspect", ref).stdout)[0]

    def image_size(self, ref: str) -> int:
        return int(self.inspect("image", ref)["Size"])

    def image_labels(self, ref: str) -> dict[str, str]:
        return (self.inspect("image", ref).get("Config") or {}).get("Labels") or {}

    def container_pid(self, name: str) -> int:
        return int(self.inspect("container", name)["State"]["Pid"])

    def remove_container(self, name: str) -> None:
        """Not a page step: clears a container, running or not (SIGKILL is fine for leftovers)."""
        self.docker("container", "rm", "-f", name, check=False)

    def copy_out(self, image: str, path: str, dest: Path) -> Path:
        """Copy one file out of an image (works for FROM scratch images: no shell needed)."""
        name = f"copy-out-{os.getpid()}"
        self.docker("container", "create", "--name", name, image)
        try:
            self.docker("container", "cp", f"{name}:{path}", str(dest))
        finally:
            self.remove_container(name)
        return dest


# --- which docker CLI ---------------------------------------------------------------------


def client_version(cli: str) -> str:
    out = subprocess.run([cli, "version", "--format", "{{.Client.Version}}"], capture_output=True, text=True)
    return out.stdout.strip() or "unknown"


def builds_with_buildkit(cli: str) -> bool:
    """CLI 23+ needs the buildx plugin for DOCKER_BUILDKIT=1; older CLIs use the daemon's built-in BuildKit."""
    if subprocess.run([cli, "buildx", "version"], capture_output=True).returncode == 0:
        return True
    major = client_version(cli).split(".")[0]
    return major.isdigit() and int(major) < BUILDKIT_MAJOR


def choose_cli() -> tuple[str | None, str]:
    """The first `docker` on PATH that can run BuildKit builds (e.g. /usr/bin/docker when a
    buildx-less CLI 28 sits in /usr/local/bin), else the first one, else None."""
    found: list[str] = []
    for directory in os.environ.get("PATH", "").split(os.pathsep):
        path = shutil.which("docker", path=directory) if directory else None
        if path and os.path.realpath(path) not in {os.path.realpath(p) for p in found}:
            found.append(path)
    for path in found:
        if builds_with_buildkit(path):
            return path, ""
    if found:
        return found[0], f"{found[0]} has no buildx plugin, so BuildKit builds fail"
    return None, "no `docker` CLI on PATH"


def answers(cli: str, env: dict[str, str] | None = None) -> bool:
    try:
        return subprocess.run([cli, "info"], capture_output=True, timeout=20, env=env).returncode == 0
    except subprocess.TimeoutExpired:
        return False


# --- the private dockerd ----------------------------------------------------------------------


def can_start_private() -> tuple[bool, str]:
    if os.geteuid() != 0:
        return False, "not root, so no private dockerd"
    if not Path("/etc/debian_version").is_file():
        return False, "not Debian, so no private dockerd"
    if shutil.which("dockerd") is None:
        return False, "`dockerd` is not installed (`make test` installs docker.io with apt as root)"
    return True, ""


def find_engine() -> tuple[Engine | None, str]:
    """The Docker engine that already answers `docker info`, or (None, reason)."""
    cli, problem = choose_cli()
    if cli is None:
        return None, problem
    if not answers(cli):
        return None, "no Docker engine answers `docker info`"
    if problem:
        return None, f"a Docker engine answers, but {problem}"
    return Engine(cli), "docker info succeeded"


def why_unavailable() -> str | None:
    """None when an engine answers or a private dockerd can start here; else why not."""
    found, why = find_engine()
    if found is not None:
        return None
    cli, problem = choose_cli()
    if cli is None or problem:
        return why
    possible, reason = can_start_private()
    return None if possible else f"{why}; {reason}"


def stop(pid: int, grace: float = 30) -> None:
    """SIGTERM to this one PID, SIGKILL if it outlives the grace period."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline:
            os.kill(pid, 0)
            with contextlib.suppress(ChildProcessError):
                if os.waitpid(pid, os.WNOHANG)[0] == pid:
                    return
            time.sleep(0.1)
        os.kill(pid, signal.SIGKILL)


def stop_leftover(pidfile: Path, program: str, grace: float = 30) -> None:
    """A process a killed earlier run left behind (the caller holds the engine lock, so no live run
    owns it): stop it by the PID in its pidfile, if that PID is still this program."""
    if not pidfile.is_file():
        return
    pid = int(pidfile.read_text().strip() or 0)
    comm = Path(f"/proc/{pid}/comm")
    if pid and comm.is_file() and comm.read_text().strip() == program[:15]:  # the kernel keeps 15 characters
        print(f"stopping a {program} left over by an earlier run (pid {pid})", flush=True)
        stop(pid, grace)
    pidfile.unlink(missing_ok=True)


@contextlib.contextmanager
def private_dockerd(cli: str, start_timeout: float = 120) -> Iterator[Engine]:
    """Start dockerd with its own socket, data/exec roots and pidfile; stop it (by PID) on exit."""
    PRIVATE.mkdir(parents=True, exist_ok=True)
    sock, pidfile = PRIVATE / "docker.sock", PRIVATE / "dockerd.pid"
    stop_leftover(pidfile, "dockerd")
    # dockerd picks overlay2 where the kernel allows it, else vfs; DOCKERD_STORAGE_DRIVER forces one. A forced
    # driver gets its own data root: BuildKit's cache records in a data root name the other driver's snapshots.
    driver = os.environ.get("DOCKERD_STORAGE_DRIVER", "")
    data = PRIVATE / (f"data-{driver}" if driver else "data")
    argv = [
        "dockerd", f"--data-root={data}", f"--exec-root={PRIVATE / 'exec'}",
        f"--pidfile={pidfile}", f"--host=unix://{sock}",
    ]  # fmt: skip
    if driver:
        argv.append(f"--storage-driver={driver}")
    log = (PRIVATE / "dockerd.log").open("ab")
    process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    engine = Engine(
        cli, {"DOCKER_HOST": f"unix://{sock}"}, "private dockerd started for this run, stopped by its PID", own=True
    )
    try:
        deadline = time.monotonic() + start_timeout
        while not answers(cli, engine.env):
            if process.poll() is not None or time.monotonic() > deadline:
                tail = (PRIVATE / "dockerd.log").read_text(errors="replace").splitlines()[-15:]
                raise EngineError(f"private dockerd did not come up ({argv}):\n" + "\n".join(tail))
            time.sleep(0.2)
        yield engine
    finally:
        stop(process.pid)
        process.wait()
        log.close()


@contextlib.contextmanager
def engine_session() -> Iterator[Engine]:
    """The engine for one run, held under a lock (container names and ports are fixed by the catalogue)."""
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    with LOCK.open("a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"waiting for another test run's lock at {LOCK} ...", flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        found, _ = find_engine()
        if found is not None:
            yield found
            return
        reason = why_unavailable()
        if reason:
            raise EngineError(reason)
        cli, _ = choose_cli()
        with private_dockerd(cli) as engine:
            yield engine
