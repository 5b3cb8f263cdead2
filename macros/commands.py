"""The commands a reader types for an example, each declared once: its comment and its argv.

The page prints these argv lists (shlex-joined) and the container tests run exactly the same
lists, byte for byte, so the page shows what CI ran.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from typing import Callable

from .data import Catalogue
from .models import Example, RegistryFile


@dataclass(frozen=True)
class Step:
    note: str  # Korean, shown as a comment above the command
    argv: Callable[[Example, Catalogue], list[str]]
    program_note: str | None = None  # the comment for an example that is a program, not a server

    def comment(self, example: Example) -> str:
        return self.program_note if self.program_note and not example.http else self.note


def _run(example: Example, catalogue: Catalogue) -> list[str]:
    if not example.http:  # a program: run it in the foreground, print its output, remove the container
        return ["docker", "container", "run", "--rm", example.image]
    ports = f"127.0.0.1:{example.http.port}:{catalogue.facts(example).port}"
    return ["docker", "container", "run", "-d", "--name", example.id, "-p", ports, example.image]


def _probe(example: Example, catalogue: Catalogue) -> list[str]:
    if not example.http:
        raise ValueError(f"'{example.id}' has no http: in data/examples.yml, so there is nothing to probe")
    return ["curl", "-sS", f"http://127.0.0.1:{example.http.port}{example.http.path}"]


# Every step a page can print, in the order a reader runs them. The container tests run them all.
STEPS: dict[str, Step] = {
    "build": Step(
        "이미지 빌드: -t 이름:태그, -f Dockerfile, 마지막 인자는 빌드 컨텍스트(저장소 루트에서 실행)",
        lambda e, c: ["docker", "image", "build", "-t", e.image, "-f", e.dockerfile, e.context],
    ),
    "run": Step(
        "백그라운드(-d)로 실행하고, 이 컴퓨터(127.0.0.1)의 포트를 컨테이너 포트에 연결(-p 주소:호스트:컨테이너)",
        _run,
        "실행해 출력을 보고, 끝나면 컨테이너를 지운다(--rm)",
    ),
    "list": Step("실행 중인지 확인", lambda e, c: ["docker", "container", "ls", "--filter", f"name={e.id}"]),
    "user": Step(
        "어떤 사용자로 실행되는지 확인(--format은 Go 템플릿)",
        lambda e, c: ["docker", "container", "inspect", "--format", "{{.Config.User}}", e.id],
    ),
    "top": Step(
        "컨테이너 안의 프로세스 보기(PID는 호스트에서 본 번호이고, PPID가 컨테이너 밖을 가리키는 프로세스가 PID 1)",
        lambda e, c: ["docker", "container", "top", e.id],
    ),
    "logs": Step("표준 출력으로 남긴 로그 보기", lambda e, c: ["docker", "container", "logs", e.id]),
    "probe": Step("HTTP로 응답 확인", _probe),
    "stop": Step(
        "정지: PID 1에 SIGTERM을 보내고, 유예 시간(기본 10초) 안에 끝나지 않으면 SIGKILL",
        lambda e, c: ["docker", "container", "stop", e.id],
    ),
    "remove": Step("멈춘 컨테이너 삭제", lambda e, c: ["docker", "container", "rm", e.id]),
}


# The registry lesson (docs/docker/registry.md): one example image pushed to a local registry, pulled back by
# digest, rebuilt and pushed again under the same tag. A digest is only known once the push has run, so the page
# prints DIGEST where the reader puts the one they saw; the tests put the real one in the same place.
DIGEST = "DIGEST"


@dataclass(frozen=True)
class RegistryStep:
    note: str
    argv: Callable[[RegistryFile, Example, str], list[str]]  # (registry, its example, the digest's hex part)


REGISTRY_STEPS: dict[str, RegistryStep] = {
    "tag": RegistryStep(
        "레지스트리 주소로 시작하는 이름을 같은 이미지에 하나 더 붙인다(이미지 ID는 그대로)",
        lambda r, e, d: ["docker", "image", "tag", e.image, r.image],
    ),
    "push": RegistryStep(
        "레지스트리에 올린다. 마지막 줄의 digest: sha256:...이 레지스트리가 붙인 다이제스트다",
        lambda r, e, d: ["docker", "image", "push", r.image],
    ),
    "digest": RegistryStep(
        "올린 이미지의 다이제스트를 이름@sha256:... 꼴로 다시 본다",
        lambda r, e, d: ["docker", "image", "inspect", "--format", "{{index .RepoDigests 0}}", r.image],
    ),
    "pull": RegistryStep(
        f"다이제스트로 받는다. {DIGEST} 자리에 위에서 본 64자리 16진수를 넣는다",
        lambda r, e, d: ["docker", "image", "pull", f"{r.repository}@sha256:{d}"],
    ),
    "id": RegistryStep(
        "다이제스트로 받은 이미지의 ID",
        lambda r, e, d: ["docker", "image", "inspect", "--format", "{{.Id}}", f"{r.repository}@sha256:{d}"],
    ),
    "rebuild": RegistryStep(
        "라벨 하나만 더해 같은 이름:태그로 다시 빌드한다(코드는 같아도 이미지 설정이 달라진다)",
        lambda r, e, d: ["docker", "image", "build", "--label", r.rebuild_label, "-t", r.image, "-f", e.dockerfile, e.context],
    ),
    "pull-tag": RegistryStep(
        "태그로 받는다. Digest: 줄이 지금 이 태그가 가리키는 다이제스트다",
        lambda r, e, d: ["docker", "image", "pull", r.image],
    ),
}


def registry_argv(step: str, catalogue: Catalogue, digest: str = DIGEST) -> list[str]:
    if step not in REGISTRY_STEPS:
        raise KeyError(f"unknown registry step '{step}'; known: {' '.join(REGISTRY_STEPS)}")
    registry = catalogue.registry
    return REGISTRY_STEPS[step].argv(registry, catalogue.example(registry.example), digest)


def default_steps(example: Example) -> str:
    """A server is built, run, probed, stopped and removed; a program is built and run (with --rm)."""
    return "build run probe stop remove" if example.http else "build run"


def argv(step: str, example: Example, catalogue: Catalogue) -> list[str]:
    if step not in STEPS:
        raise KeyError(f"unknown step '{step}'; known: {' '.join(STEPS)}")
    return STEPS[step].argv(example, catalogue)


def shell(argv: list[str]) -> str:
    return shlex.join(argv)
