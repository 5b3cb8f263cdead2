"""Reload under `mkdocs serve`: from saving a note to the served page showing the change.

Three servers run side by side, each on its own copy and port: as `make serve` runs it, without
Korean segmentation, and with --dirty. Each round edits the note in every copy, one at a time in
rotating order, and polls the page over HTTP until the new text shows. MkDocs' server holds a
request back while a rebuild runs, so that is when the whole build, search index included, is done.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

from notekit.browser import site_prefix

from .common import NO_SEGMENTATION, QUIET, copy_project, median, rotated, spread

NOTE, PAGE = "docs/docker/containers.md", "docker/containers/"
SERVE = ["--no-strict"], {"MACROS_FAIL": "false"}  # as `make serve` runs it
VARIANTS = {
    "serve": (SERVE[0], SERVE[1]),
    "serve, no segmentation": (SERVE[0], {**SERVE[1], **NO_SEGMENTATION}),
    "serve --dirty": ([*SERVE[0], "--dirty"], SERVE[1]),
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seconds_until(url: str, text: str, server: subprocess.Popen, timeout: float = 120) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if server.poll() is not None:
            raise RuntimeError(f"mkdocs serve exited with {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                if text in response.read().decode("utf-8", "replace"):
                    return time.perf_counter() - start
        except OSError:  # not listening yet
            pass
        time.sleep(0.02)
    raise TimeoutError(f"{text!r} did not show on {url} within {timeout:.0f} s")


def measure(rounds: int) -> dict:
    copies, servers, urls = {}, {}, {}
    try:
        for name, (options, env) in VARIANTS.items():
            copies[name] = copy_project("serve")
            port = free_port()
            urls[name] = f"http://127.0.0.1:{port}{site_prefix(copies[name])}{PAGE}"
            with (copies[name] / "serve.log").open("w") as log:  # a file, not a pipe nobody reads; not watched
                servers[name] = subprocess.Popen(
                    [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", *options],
                    cwd=copies[name], env={**os.environ, **QUIET, **env}, stdout=log, stderr=subprocess.STDOUT,
                )
        for name in VARIANTS:
            seconds_until(urls[name], "</html>", servers[name])
        # One untimed edit per server first: an author's second save, not the first one after
        # starting (which may still wait for Kiwi, loaded in the background after the first build).
        for name in VARIANTS:
            with (copies[name] / NOTE).open("a", encoding="utf-8") as note:
                note.write("\n\nbench-warm-up\n")
            seconds_until(urls[name], "bench-warm-up", servers[name])
        time.sleep(3)
        times = {name: [] for name in VARIANTS}
        for n in range(rounds):
            for name in rotated(list(VARIANTS), n):
                time.sleep(0.5)  # let the previous rebuild settle
                marker = f"bench-edit-{n}-{time.time_ns()}"
                with (copies[name] / NOTE).open("a", encoding="utf-8") as note:
                    note.write(f"\n\n{marker}\n")
                times[name].append(seconds_until(urls[name], marker, servers[name]))
    except Exception as error:
        said = [line for c in copies.values() for line in (c / "serve.log").read_text(errors="replace").splitlines()]
        problems = "\n".join(line for line in said if not line.startswith("INFO"))
        raise RuntimeError(f"{error}\n--- what mkdocs serve said, INFO lines left out ---\n{problems}") from error
    finally:
        for server in servers.values():
            server.terminate()
        for server in servers.values():
            server.wait(timeout=30)
        for copy in copies.values():
            shutil.rmtree(copy, ignore_errors=True)
    return {"rounds": rounds, "seconds": times}


def markdown(result: dict) -> str:
    seconds = result["seconds"]
    lines = [
        "## Reload under `mkdocs serve` (a note saved -> the served page shows it)",
        "",
        f"{result['rounds']} edits per server after one untimed warm-up edit, rotating between three servers; seconds, median (min–max).",
        "",
        "| server | seconds | vs serve |",
        "|---|---|---|",
    ]
    base = median(seconds["serve"])
    lines += [f"| {name} | {spread(s)} | {median(s) / base:.2f} |" for name, s in seconds.items()]
    return "\n".join(lines)
