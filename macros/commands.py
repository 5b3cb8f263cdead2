"""The commands a reader types for an example, as argument lists.

The page prints these and the container tests run exactly these (with only the engine name
swapped and engine-specific options appended), so the page shows what CI ran.
"""

from __future__ import annotations

import shlex

from .models import Example


def dockerfile_path(example: Example) -> str:
    return f"{example.context}/{example.dockerfile}"


def build_argv(example: Example, engine: str = "docker") -> list[str]:
    return [engine, "image", "build", "-t", example.image, "-f", dockerfile_path(example), example.context]


def run_argv(example: Example, engine: str = "docker", engine_options: tuple[str, ...] = ()) -> list[str]:
    ports = f"{example.published_port}:{example.container_port}"
    return [engine, "container", "run", "-d", "--name", example.id, "-p", ports, *engine_options, example.image]


def probe_url(example: Example, host: str = "localhost") -> str:
    return f"http://{host}:{example.published_port}{example.expect.path}"


def probe_argv(example: Example) -> list[str]:
    return ["curl", probe_url(example)]


def cleanup_argv(example: Example, engine: str = "docker") -> list[str]:
    return [engine, "container", "rm", "-f", example.id]


def shell(argv: list[str]) -> str:
    return shlex.join(argv)
