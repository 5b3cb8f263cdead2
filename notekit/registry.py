"""A practice image registry on 127.0.0.1 for the registry lesson: Debian's `docker-registry` package,
which is the CNCF distribution project (the same program as the `registry` image on Docker Hub).

`local_registry(port, workdir)` writes its own config file and storage directory under `workdir`,
starts `docker-registry serve <config>` (never the package's systemd service), waits until the
registry API answers, and stops the process by its PID afterwards. Docker treats registries on
127.0.0.0/8 as insecure-allowed, so plain HTTP works without touching the engine's configuration.
Plain Python, no pytest.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from notekit.engine import WORK_DIR, EngineError, stop, stop_leftover

PROGRAM = "docker-registry"
PIDFILE = WORK_DIR / "registry.pid"  # so that a run killed midway does not leave the port taken for the next
# What a tag may resolve to, as an engine pushes it: a Docker or OCI manifest, or (containerd image store) an index.
MANIFEST_TYPES = (
    "application/vnd.docker.distribution.manifest.v2+json",
    "application/vnd.docker.distribution.manifest.list.v2+json",
    "application/vnd.oci.image.manifest.v1+json",
    "application/vnd.oci.image.index.v1+json",
)


def config_text(port: int, storage: Path) -> str:
    """The registry's configuration: loopback only, files under `storage`, no auth, no TLS (JSON is YAML)."""
    return json.dumps(
        {
            "version": 0.1,
            "log": {"level": "info", "accesslog": {"disabled": True}},
            "storage": {"filesystem": {"rootdirectory": str(storage)}, "delete": {"enabled": False}},
            "http": {"addr": f"127.0.0.1:{port}"},
        },
        indent=2,
    )


@dataclass(frozen=True)
class LocalRegistry:
    host: str  # 127.0.0.1:<port>
    pid: int
    version: str

    def url(self, path: str) -> str:
        return f"http://{self.host}{path}"

    def manifest_digest(self, repository: str, reference: str) -> str | None:
        """What a tag (or digest) resolves to in the registry (HEAD on the manifest), or None if unknown."""
        request = urllib.request.Request(
            self.url(f"/v2/{repository}/manifests/{reference}"), method="HEAD",
            headers={"Accept": ", ".join(MANIFEST_TYPES)},
        )  # fmt: skip
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.headers.get("Docker-Content-Digest")
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return None
            raise

    def config_digest(self, repository: str, digest: str) -> str | None:
        """The image config (= the engine's image ID) that a manifest names; None for an index of manifests."""
        request = urllib.request.Request(
            self.url(f"/v2/{repository}/manifests/{digest}"), headers={"Accept": ", ".join(MANIFEST_TYPES)}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            manifest = json.load(response)
        return (manifest.get("config") or {}).get("digest")


def port_in_use(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def program_version(program: str) -> str:
    out = subprocess.run([program, "--version"], capture_output=True, text=True)
    return (out.stdout or out.stderr).strip() or "unknown"


@contextlib.contextmanager
def local_registry(port: int, workdir: Path, start_timeout: float = 30) -> Iterator[LocalRegistry]:
    """Call it inside engine_session(): the engine lock is what makes a leftover registry safe to stop."""
    program = shutil.which(PROGRAM)
    if program is None:
        raise EngineError(f"`{PROGRAM}` is not installed (`make test` installs the docker-registry package with apt)")
    stop_leftover(PIDFILE, PROGRAM, grace=10)
    if port_in_use(port):
        raise EngineError(
            f"127.0.0.1:{port} is already taken by another program; free it or change port: in data/registry.yml"
        )
    storage, config, log_path = workdir / "storage", workdir / "config.yml", workdir / "registry.log"
    storage.mkdir(parents=True, exist_ok=True)
    config.write_text(config_text(port, storage), encoding="utf-8")
    log = log_path.open("ab")
    process = subprocess.Popen(
        [program, "serve", str(config)], stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=workdir
    )  # fmt: skip
    PIDFILE.parent.mkdir(parents=True, exist_ok=True)
    PIDFILE.write_text(f"{process.pid}\n")
    registry = LocalRegistry(f"127.0.0.1:{port}", process.pid, program_version(program))
    try:
        deadline = time.monotonic() + start_timeout
        while True:
            try:
                with urllib.request.urlopen(registry.url("/v2/"), timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                tail = log_path.read_text(errors="replace").splitlines()[-15:]
                raise EngineError(f"{PROGRAM} did not answer on {registry.host}:\n" + "\n".join(tail))
            time.sleep(0.1)
        yield registry
    finally:
        stop(process.pid, grace=10)
        process.wait()
        log.close()
        PIDFILE.unlink(missing_ok=True)
