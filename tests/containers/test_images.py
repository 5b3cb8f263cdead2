"""The example images (docs/docker/build.md): each builds with its page's command, a FROM scratch image
ships one static binary, no image keeps the Go build cache, and the sizes data/measurements.yml publishes
are current (within tolerance; `make sizes` rewrites them)."""

from __future__ import annotations

import pytest

from macros import sessions
from notekit import base_images
from notekit.images import binary_facts, shipped_binary
from tests.conftest import note
from tests.containers.conftest import DOCKER_GRACE_S, STOP_BOUND_S

pytestmark = pytest.mark.containers


def within_tolerance(measured: int, committed: int) -> bool:
    """5 % or 512 KiB, whichever is larger: rebuilds vary a little, a stale figure does not."""
    return abs(measured - committed) <= max(0.05 * committed, 512 * 1024)


def test_every_image_builds_with_the_page_command(built):
    failed = {name: result.error for name, result in built.items() if result.error or not result.size}
    assert failed == {}


def test_scratch_images_ship_one_static_stripped_binary(engine, built, catalogue):
    scratch = [e for e in catalogue.examples.examples if shipped_binary(e)]
    assert scratch, "no example is FROM scratch"
    for example in scratch:
        facts = binary_facts(engine, example, shipped_binary(example))
        assert facts["static"] and facts["stripped"], (example.id, facts)
        # The image is the binary and nothing else (plus a few KB of metadata).
        assert facts["size_bytes"] <= built[example.id].size <= facts["size_bytes"] + 64 * 1024, example.id
        note("container images", f"{example.image}: Go binary {shipped_binary(example)} = {facts['size_bytes']} bytes")


def test_single_stage_images_keep_no_go_build_cache(engine, built, catalogue):
    """The single-stage images ship the toolchain (on purpose) but not the Go build cache."""
    for example in catalogue.examples.examples:
        if shipped_binary(example) is not None:
            continue
        listing = engine.docker("container", "run", "--rm", "--user", "0", "--entrypoint", "ls",
                                example.image, "-A", "/root/.cache/go-build", check=False)  # fmt: skip
        assert listing.returncode != 0 or listing.stdout.strip() == "", f"{example.image} holds a Go build cache"


def same_bases(committed, bases) -> bool:
    return {(b.name, b.stand_in) for b in committed.base_images} == {(b.name, b.stand_in) for b in bases}


def test_committed_image_sizes_are_current(catalogue, bases, built):
    committed = catalogue.measurements
    by_example = {m.example: m for m in committed.images}
    stale = []
    for example in catalogue.examples.examples:
        if example.id not in by_example:
            stale.append(f"data/measurements.yml has no figure for {example.id}; run `make sizes` and commit it")
        elif shipped_binary(example) is None and not same_bases(committed, bases):
            # Not a missing tool: this run pulled real base images where the figures used stand-ins (or the
            # reverse). A FROM scratch image does not depend on that and is still compared.
            note("NOT COMPARED WITH data/measurements.yml", f"{example.id}: measured on other base images (stand-in vs real)")
        elif not within_tolerance(built[example.id].size, by_example[example.id].size_bytes):
            stale.append(f"{example.id}: image is {built[example.id].size} bytes, data/measurements.yml says "
                         f"{by_example[example.id].size_bytes}; run `make sizes`")  # fmt: skip
    assert stale == []


def test_committed_go_binary_size_is_current(catalogue, engine, built):
    binary = catalogue.measurements.go_binary
    example = catalogue.example(binary.example)
    assert shipped_binary(example) == binary.path
    facts = binary_facts(engine, example, binary.path)
    assert within_tolerance(facts["size_bytes"], binary.size_bytes), (
        f"Go binary is {facts['size_bytes']} bytes, data/measurements.yml says {binary.size_bytes}; run `make sizes`"
    )


def test_committed_stop_figures_tell_what_the_sessions_prove(catalogue):
    """The stop times the page shows side by side end with the exit code each example's session expects."""
    expected = {}
    for session in catalogue.sessions.sessions:
        for step in sessions.plan(catalogue, session):
            if step.name == "exit-code":
                expected[session.example] = int(step.expected())
    for figure in catalogue.measurements.images:
        if figure.example not in expected:
            continue
        assert figure.stop_exit_code == expected[figure.example], figure
        assert (figure.stop_s >= DOCKER_GRACE_S - 0.5) == (figure.stop_exit_code == 137), figure
        assert figure.stop_exit_code == 137 or figure.stop_s < STOP_BOUND_S, figure
    assert sorted(b.name for b in catalogue.measurements.base_images) == sorted(base_images.needed_base_images())
