"""The commands a reader types for an example, as argument lists.

The page prints these and the container tests run exactly these, byte for byte, against a real
Docker engine (notekit/engine.py), so the page shows what CI ran.
"""

from __future__ import annotations

import shlex
from typing import Callable

from .models import Example


def dockerfile_path(example: Example) -> str:
    return f"{example.context}/{example.dockerfile}"


def build_argv(example: Example) -> list[str]:
    return ["docker", "image", "build", "-t", example.image, "-f", dockerfile_path(example), example.context]


def run_argv(example: Example) -> list[str]:
    ports = f"{example.published_port}:{example.container_port}"
    return ["docker", "container", "run", "-d", "--name", example.id, "-p", ports, example.image]


def list_argv(example: Example) -> list[str]:
    return ["docker", "container", "ls", "--filter", f"name={example.id}"]


def user_argv(example: Example) -> list[str]:
    """Which user the container runs as (a Go template, shown literally on the page)."""
    return ["docker", "container", "inspect", "--format", "{{.Config.User}}", example.id]


def logs_argv(example: Example) -> list[str]:
    return ["docker", "container", "logs", example.id]


def probe_url(example: Example, host: str = "localhost") -> str:
    return f"http://{host}:{example.published_port}{example.expect.path}"


def probe_argv(example: Example) -> list[str]:
    return ["curl", probe_url(example)]


def stop_argv(example: Example) -> list[str]:
    return ["docker", "container", "stop", example.id]


def cleanup_argv(example: Example) -> list[str]:
    return ["docker", "container", "rm", "-f", example.id]


# Every step a page can print, in the order a reader runs them. The container tests run them all.
STEPS: dict[str, Callable[[Example], list[str]]] = {
    "build": build_argv,
    "run": run_argv,
    "list": list_argv,
    "user": user_argv,
    "logs": logs_argv,
    "probe": probe_argv,
    "stop": stop_argv,
    "remove": cleanup_argv,
}


def shell(argv: list[str]) -> str:
    return shlex.join(argv)
