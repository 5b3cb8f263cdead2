"""The registry lesson (docs/docker/registry.md) on a local registry: the pushed digest is what the
registry serves, a pull by digest gives the pushed image, and a rebuild pushed under the same tag moves
the tag while the old digest still serves the old image. The IDs and digests the session compares are in
data/sessions.yml (expect:); what the registry says comes from its HTTP API."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.containers


@pytest.fixture(scope="module")
def registry_run(recordings):
    return recordings["registry"]


def test_pull_by_digest_reports_the_pushed_digest(registry_run):
    digest = f"sha256:{registry_run.captured['digest']}"
    for pull in registry_run.all("pull"):
        assert f"Digest: {digest}" in pull.stdout, pull.stdout


def test_pushing_a_rebuild_under_the_same_tag_moves_the_tag(registry_run):
    facts = registry_run.facts
    assert facts["second"] != facts["first"], "the rebuild with a new label pushed the same manifest"
    assert facts["tag"] == facts["second"]  # the registry's own answer
    assert f"Digest: {facts['second']}" in registry_run.first("pull-tag").stdout


def test_the_old_digest_still_serves_the_old_image(registry_run):
    facts = registry_run.facts
    assert facts["old_digest"] == facts["first"]
    # The manifest under the old digest points at the config of the image pushed first (None: an index of manifests).
    assert facts["configs"][facts["first"]] in (registry_run.captured["image_id"], None)
    assert facts["configs"][facts["second"]] != facts["configs"][facts["first"]]
