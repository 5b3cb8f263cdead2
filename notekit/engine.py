"""The container engine the tests drive: docker when a Docker engine answers, else podman.

Podman reads this project's own configuration (.ci/containers/*.conf) through environment
variables, so nothing in $HOME or /etc is changed and the image store is cached in /var/tmp.
Plain Python, no pytest: notekit/base_images.py and scripts/measure_sizes.py use it too.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONF_DIR = ROOT / ".ci" / "containers"


def overlay_works() -> bool:
    """Can this kernel mount overlayfs here? (Root only; podman's overlay driver needs the same.)"""
    if os.geteuid() != 0 or "overlay" not in Path("/proc/filesystems").read_text():
        return False
    base = Path("/var/tmp/k8s-study-notes")
    base.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=base, prefix="overlay-probe-") as tmp:
        dirs = {name: Path(tmp, name) for name in ("lower", "upper", "work", "merged")}
        for path in dirs.values():
            path.mkdir()
        options = f"lowerdir={dirs['lower']},upperdir={dirs['upper']},workdir={dirs['work']}"
        mounted = subprocess.run(["mount", "-t", "overlay", "overlay", "-o", options, str(dirs["merged"])],
                                 capture_output=True).returncode == 0  # fmt: skip
        if mounted:
            subprocess.run(["umount", str(dirs["merged"])], check=True)
    return mounted


def storage_conf() -> Path:
    """overlay where the kernel allows it, else vfs; CONTAINER_STORAGE=vfs|overlay forces one."""
    forced = os.environ.get("CONTAINER_STORAGE", "")
    driver = forced or ("overlay" if overlay_works() else "vfs")
    return CONF_DIR / ("storage.conf" if driver == "overlay" else "storage-vfs.conf")


def podman_env() -> dict[str, str]:
    return {
        "CONTAINERS_CONF": str(CONF_DIR / "containers.conf"),
        "CONTAINERS_STORAGE_CONF": str(storage_conf()),
        "CONTAINERS_REGISTRIES_CONF": str(CONF_DIR / "registries.conf"),
        # podman build runs RUN steps with buildah; OCI isolation needs cgroup features this kernel lacks.
        "BUILDAH_ISOLATION": "chroot",
    }


class EngineError(RuntimeError):
    pass


@dataclass(frozen=True)
class Engine:
    name: str
    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, **self.extra_env}

    def run(self, *args: str, check: bool = True, timeout: float = 1800, **kwargs) -> subprocess.CompletedProcess:
        return self.run_argv([self.name, *args], check=check, timeout=timeout, **kwargs)

    def run_argv(self, argv: list[str], check: bool = True, timeout: float = 1800, **kwargs):
        """Run an argv whose first word is this engine (e.g. one from macros.commands)."""
        assert argv[0] == self.name, f"{argv[0]} is not {self.name}"
        kwargs.setdefault("capture_output", True)
        result = subprocess.run(argv, env=self.env, text=True, timeout=timeout, cwd=ROOT, **kwargs)
        if check and result.returncode != 0:
            raise EngineError(f"`{' '.join(argv)}` failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
        return result

    def version(self) -> str:
        out = self.run("version", "--format", "{{.Client.Version}}", check=False).stdout.strip()
        return out or self.run("--version").stdout.strip().split()[-1]

    def image_exists(self, ref: str) -> bool:
        return self.run("image", "inspect", ref, check=False).returncode == 0

    def inspect(self, kind: str, ref: str) -> dict:
        return json.loads(self.run(kind, "inspect", ref).stdout)[0]

    def image_size(self, ref: str) -> int:
        return int(self.inspect("image", ref)["Size"])

    def image_labels(self, ref: str) -> dict[str, str]:
        config = self.inspect("image", ref).get("Config") or {}
        return config.get("Labels") or {}

    def container_pid(self, name: str) -> int:
        return int(self.inspect("container", name)["State"]["Pid"])

    def copy_out(self, image: str, path: str, dest: Path) -> Path:
        """Copy one file out of an image (works for FROM scratch images: no shell needed)."""
        name = f"copy-out-{os.getpid()}"
        self.run("container", "create", "--name", name, image)
        try:
            self.run("container", "cp", f"{name}:{path}", str(dest))
        finally:
            self.run("container", "rm", "-f", name, check=False)
        return dest


def docker_answers() -> bool:
    if shutil.which("docker") is None:
        return False
    try:
        return subprocess.run(["docker", "info"], capture_output=True, timeout=20).returncode == 0
    except subprocess.TimeoutExpired:
        return False


def detect() -> tuple[Engine | None, str]:
    """The engine to use and why; (None, reason) when there is none. CONTAINER_ENGINE forces one."""
    forced = os.environ.get("CONTAINER_ENGINE", "")
    if forced not in {"", "docker", "podman"}:
        return None, f"CONTAINER_ENGINE={forced!r} is not docker or podman"
    if forced != "podman" and docker_answers():
        return Engine("docker"), "docker info succeeded"
    if forced == "docker":
        return None, "CONTAINER_ENGINE=docker but `docker info` fails (no Docker engine answers)"
    if shutil.which("podman"):
        env = podman_env()
        conf = Path(env["CONTAINERS_STORAGE_CONF"]).name
        return Engine("podman", env), f"no Docker engine answers; podman with .ci/containers/containers.conf, {conf}"
    return None, "neither a Docker engine (`docker info`) nor podman is available; `make test` installs podman"
