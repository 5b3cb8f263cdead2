"""The ENV and ARG lesson (docs/docker/env.md): ENV stays in the image's configuration, ARG does not.
What each variant prints is data/sessions.yml's (expect:), checked with every other session."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.containers


def test_env_stays_in_the_image_and_arg_does_not(recordings, catalogue):
    env = json.loads(recordings["greet"].first("env-of-image").stdout)
    names = {entry.split("=", 1)[0] for entry in env}
    assert "GREETING" in names and "VERSION" not in names, env
