"""Each principle check really fails on a Dockerfile that breaks its rule (so it can catch one)."""

from __future__ import annotations

import pytest

from notekit.dockerfiles import CHECKS, CONTEXT_CHECKS, copy_from_problems, parse, run_check, shell_free_base, start_argv

GOOD = """FROM golang:1.27-bookworm AS build
COPY main.go ./
RUN go build -o /out/app .
FROM scratch
COPY --from=build /out/app /app
USER 65532:65532
ENTRYPOINT ["/app"]
"""

BAD = {
    "single-entrypoint": 'FROM scratch\nUSER 1\nENTRYPOINT ["sh", "-c", "nginx & app"]\n',
    "pinned-base-images": 'FROM debian\nUSER 1\nENTRYPOINT ["/app"]\n',
    "remote-add-checksum": 'FROM scratch\nADD https://example.com/app /app\nUSER 1\nENTRYPOINT ["/app"]\n',
    "small-final-image": 'FROM golang:1.27-bookworm\nCOPY . .\nUSER 1\nENTRYPOINT ["/app"]\n',
    "non-root-user": 'FROM scratch\nUSER root\nENTRYPOINT ["/app"]\n',
    "exec-form-start": "FROM scratch\nUSER 1\nENTRYPOINT /app\n",
}


def write(tmp_path, text, ignore="**/*_test.go\n"):
    (tmp_path / "Dockerfile").write_text(text)
    if ignore is not None:
        (tmp_path / ".dockerignore").write_text(ignore)
    return parse(tmp_path / "Dockerfile")


@pytest.mark.parametrize("check_id", sorted(CHECKS) + sorted(CONTEXT_CHECKS))
def test_good_dockerfile_passes(tmp_path, check_id):
    assert run_check(check_id, write(tmp_path, GOOD), tmp_path) == []


@pytest.mark.parametrize("check_id", sorted(BAD))
def test_bad_dockerfile_fails_its_check(tmp_path, check_id):
    problems = run_check(check_id, write(tmp_path, BAD[check_id]), tmp_path)
    assert problems, f"{check_id} accepted a Dockerfile that breaks it"


def test_latest_tag_is_rejected(tmp_path):
    problems = run_check("pinned-base-images", write(tmp_path, 'FROM alpine:latest\nUSER 1\nCMD ["x"]\n'), tmp_path)
    assert "line 1" in problems[0] and "latest" in problems[0]


def test_numeric_root_and_missing_user_are_rejected(tmp_path):
    assert run_check("non-root-user", write(tmp_path, 'FROM scratch\nUSER 0:0\nCMD ["x"]\n'), tmp_path)
    assert run_check("non-root-user", write(tmp_path, 'FROM scratch\nCMD ["x"]\n'), tmp_path)


def test_dockerignore_missing_or_incomplete(tmp_path):
    assert run_check("dockerignore-present", write(tmp_path, GOOD, ignore=None), tmp_path)
    assert run_check("dockerignore-present", write(tmp_path, GOOD, ignore="Dockerfile\n"), tmp_path)


def test_dockerignore_root_only_test_pattern_is_not_enough(tmp_path):
    """`*_test.go` leaves pkg/foo_test.go in the context; only `**/*_test.go` reaches nested packages."""
    problems = run_check("dockerignore-present", write(tmp_path, GOOD, ignore="*_test.go\n"), tmp_path)
    assert problems and "**/*_test.go" in problems[0]


@pytest.mark.parametrize(
    "line",
    [
        "ADD --checksum=sha256:" + "0" * 64 + " https://example.com/app.tar.gz /app",
        "ADD --checksum=" + "a" * 40 + " https://github.com/moby/buildkit.git#v0.10.1 /buildkit",
        "ADD app.tar.gz /app",  # a local archive is no download
    ],
)
def test_remote_add_with_checksum_or_local_passes(tmp_path, line):
    assert run_check("remote-add-checksum", write(tmp_path, f"FROM scratch\n{line}\nUSER 1\nCMD [\"/app\"]\n"), tmp_path) == []


@pytest.mark.parametrize(
    "line",
    [
        "ADD git@github.com:moby/buildkit.git /buildkit",
        "ADD --checksum= https://example.com/app /app",  # an empty checksum pins nothing
        "ADD --chmod=755 http://example.com/app /app",
    ],
)
def test_remote_add_without_checksum_fails(tmp_path, line):
    problems = run_check("remote-add-checksum", write(tmp_path, f"FROM scratch\n{line}\nUSER 1\nCMD [\"/app\"]\n"), tmp_path)
    assert problems and "line 2" in problems[0] and "--checksum" in problems[0]


def test_copy_from_an_undefined_stage(tmp_path):
    parsed = write(tmp_path, 'FROM golang:1.27 AS build\nFROM scratch\nCOPY --from=bulid /a /a\nUSER 1\nCMD ["/a"]\n')
    assert "bulid" in copy_from_problems(parsed)[0]


DISTROLESS_FINAL = GOOD.replace("FROM scratch", "FROM gcr.io/distroless/static-debian13:nonroot")


def test_distroless_final_stage_is_light(tmp_path):
    assert run_check("small-final-image", write(tmp_path, DISTROLESS_FINAL), tmp_path) == []


@pytest.mark.parametrize(
    "base",
    [
        "gcr.io/distroless/static-debian13:debug",  # busybox shell
        "gcr.io/distroless/static-debian13:debug-nonroot",
        "debian:13-slim",  # shell and package manager
        "alpine:3.22",
        "build",  # the build stage itself, compiler and all
    ],
)
def test_final_stage_with_a_shell_is_not_light(tmp_path, base):
    problems = run_check("small-final-image", write(tmp_path, GOOD.replace("FROM scratch", f"FROM {base}")), tmp_path)
    assert any("scratch or a distroless image" in p for p in problems), problems


@pytest.mark.parametrize(
    ("image", "light"),
    [
        ("scratch", True),
        ("gcr.io/distroless/static-debian13", True),
        ("gcr.io/distroless/base-debian13:nonroot", True),
        ("gcr.io/distroless/static-debian13@sha256:" + "0" * 64, True),
        ("gcr.io/distroless/static-debian13:debug-nonroot", False),
        ("example.com/distroless/static:nonroot", False),  # not the distroless project
        ("localhost:5000/app:1", False),  # a registry port is not a tag
    ],
)
def test_shell_free_base(image, light):
    assert shell_free_base(image) is light


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ('ENTRYPOINT ["/app"]', (("/app",), False)),
        ("ENTRYPOINT /app --port 8080", (("/bin/sh", "-c", "/app --port 8080"), True)),
        ('ENTRYPOINT ["/app"]\nCMD ["--port", "8080"]', (("/app", "--port", "8080"), False)),
        ('ENTRYPOINT ["/app"]\nCMD serve --port 8080', (("/app", "/bin/sh", "-c", "serve --port 8080"), False)),
        ('ENTRYPOINT /app\nCMD ["--ignored"]', (("/bin/sh", "-c", "/app"), True)),
        ("CMD /app", (("/bin/sh", "-c", "/app"), True)),
        ('SHELL ["/bin/bash", "-c"]\nCMD /app', (("/bin/bash", "-c", "/app"), True)),
        ("USER 1", None),
    ],
)
def test_start_argv_is_what_docker_runs_as_pid_1(tmp_path, lines, expected):
    """Docker's rules: exec form as written, shell form under SHELL (/bin/sh -c), a shell-form ENTRYPOINT drops CMD."""
    assert start_argv(write(tmp_path, f"FROM scratch\n{lines}\n").final) == expected
