"""Edit-to-reload latency under `mkdocs serve`.

Serves a temp copy of the project on a random 127.0.0.1 port (the same `serve --strict` as
`make serve`), then, for each kind of edit, writes a unique marker into a file and polls the
served HTML over HTTP until the marker shows. The clock starts when the write has returned.
Kinds: a note (docs/*.md), a YAML entry (an example's `teaches` in data/examples.yml) and an
example file (the example's Dockerfile under examples/), all shown on the same page.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from . import project, timing
from .stats import Sample

POLL_S = 0.02
TIMEOUT_S = 60.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, needle: str, timeout: float = TIMEOUT_S, server: subprocess.Popen | None = None) -> float:
    """Seconds until the page at `url` contains `needle` (polling every POLL_S)."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if server is not None and server.poll() is not None:
            raise RuntimeError(f"mkdocs serve exited with {server.returncode} before {needle!r} showed")
        body = fetch(url)
        if body is not None and needle in body:
            return time.perf_counter() - start
        time.sleep(POLL_S)
    raise TimeoutError(f"{needle!r} did not appear on {url} within {timeout:.0f} s")


def target(copy: Path) -> tuple[str, str, Path, Path]:
    """(example id, page URL path, page source, Dockerfile) for the first example a page shows."""
    y = project.yaml()
    examples = y.load((copy / "data/examples.yml").read_text(encoding="utf-8"))["examples"]
    for example in examples:
        # A call on its own line, as notes make it; a call quoted in prose or code is only shown.
        call = re.compile(r"""^\{\{\s*example_dockerfile\(\s*(['"])%s\1""" % re.escape(str(example["id"])), re.M)
        for page in sorted((copy / "docs").rglob("*.md")):
            if call.search(page.read_text(encoding="utf-8")):
                rel = page.relative_to(copy / "docs").with_suffix("")
                url = "" if rel.name == "index" and rel.parent == Path(".") else str(rel) + "/"
                url = url.removesuffix("index/") if rel.name == "index" else url
                return str(example["id"]), url, page, copy / str(example["context"]) / str(example["dockerfile"])
    raise LookupError("no page calls example_dockerfile(): nothing to watch")


def edit_note(page: Path, marker: str) -> None:
    with page.open("a", encoding="utf-8") as out:
        out.write(f"\n\n{marker}\n")


def edit_yaml(copy: Path, example_id: str, marker: str) -> None:
    path = copy / "data/examples.yml"
    y = project.yaml()
    doc = y.load(path.read_text(encoding="utf-8"))
    for example in doc["examples"]:
        if example["id"] == example_id:
            example["teaches"] = f"{example['teaches']} {marker}"
    with path.open("w", encoding="utf-8") as out:
        y.dump(doc, out)


def edit_example(dockerfile: Path, marker: str) -> None:
    with dockerfile.open("a", encoding="utf-8") as out:
        out.write(f"# {marker}\n")


def measure(rounds: int, log=print) -> dict[str, Sample]:
    copy = project.copy_project("serve")
    port = free_port()
    example_id, path, page, dockerfile = target(copy)
    # `mkdocs serve` mounts the site at the path of site_url (e.g. /notes/).
    mount = urlsplit(str(project.load_config(copy).get("site_url") or "/")).path or "/"
    url = f"http://127.0.0.1:{port}{mount.rstrip('/')}/{path}"
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"]
    env = {**os.environ, **timing.QUIET_ENV}
    # Its log goes to a file, not a pipe: a pipe nobody reads would stall the server when full.
    log_file = tempfile.NamedTemporaryFile(prefix="bench-serve-", suffix=".log", delete=False)
    server = subprocess.Popen(cmd, cwd=copy, env=env, stdout=log_file, stderr=subprocess.STDOUT)
    results: dict[str, list[float]] = {"note (docs/*.md)": [], "YAML entry (data/*.yml)": [], "example file": []}
    try:
        wait_for(url, "</html>", timeout=120, server=server)
        log(f"  serving {url} (pid {server.pid}); {rounds} edits of each kind")
        edits = [
            ("note (docs/*.md)", lambda m: edit_note(page, m)),
            ("YAML entry (data/*.yml)", lambda m: edit_yaml(copy, example_id, m)),
            ("example file", lambda m: edit_example(dockerfile, m)),
        ]
        for n in range(rounds):
            for kind, edit in edits:  # interleaved, so load on the machine hits every kind alike
                marker = f"benchmarker{n}x{abs(hash(kind)) % 10000}"
                time.sleep(0.5)  # let the previous rebuild settle
                edit(marker)
                results[kind].append(wait_for(url, marker, server=server))
    except Exception as error:
        tail = Path(log_file.name).read_text(encoding="utf-8", errors="replace")[-3000:]
        raise RuntimeError(f"{error}\n--- mkdocs serve log (end) ---\n{tail}") from error
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        project.remove(copy)
        log_file.close()
        os.unlink(log_file.name)
    return {kind: Sample(kind, times) for kind, times in results.items()}


if __name__ == "__main__":
    for kind, sample in measure(int(sys.argv[1]) if len(sys.argv) > 1 else 3).items():
        print(f"{kind}: {sample.spread()} s")
