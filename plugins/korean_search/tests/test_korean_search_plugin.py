"""The korean-search plugin through real `mkdocs build --strict` runs of a small Korean site.

Cache hit, miss and invalidation are read from the plugin's own log line and from the cache file;
the index must be byte-identical whether its segmentations came from Kiwi or from the cache.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ZWSP = "\u200b"
SEPARATOR = r'[\s\u200b\-,:;!=\[\]()"`/]+|\.(?!\d)'
LOG = re.compile(r"korean-search: (\d+) of (\d+) texts segmented by Kiwi")

PAGES = {
    "index.md": "# 컨테이너\n\n멀티스테이지 빌드에서 컨테이너를 실행하면 이미지의 레이어가 남는다.\n",
    "run.md": "# 실행\n\n`docker run -p 8080:80`으로 포트를 연결한다. `COPY --from=build`도 쓴다.\n",
}
GLOSSARY = """\
terms:
  - term: 컨테이너
    english: container
    definition: 격리된 프로세스
    synonyms: [콘테이너]
    avoid: [컨테이나]
  - term: 기반 이미지
    english: base image
    definition: FROM이 고르는 이미지
"""


def make_site(root: Path, plugin_options: str = "") -> Path:
    (root / "docs").mkdir(parents=True, exist_ok=True)
    for name, text in PAGES.items():
        (root / "docs" / name).write_text(text, encoding="utf-8")
    (root / "glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    options = textwrap.indent(plugin_options or "synonyms: glossary.yml\n", " " * 6)
    (root / "mkdocs.yml").write_text(
        "site_name: 시험\ntheme:\n  name: material\n  language: ko\nplugins:\n"
        f"  - search:\n      separator: '{SEPARATOR}'\n  - korean-search:\n{options}",
        encoding="utf-8",
    )
    return root


def build(root: Path, env: dict | None = None) -> tuple[bytes, int, int]:
    """(index bytes, texts Kiwi segmented, texts in the index) of a strict build of `root`."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root, capture_output=True, text=True, env={**os.environ, **(env or {})},
    )
    assert result.returncode == 0, result.stderr
    match = LOG.search(result.stderr)
    assert match, result.stderr
    return (root / "site/search/search_index.json").read_bytes(), int(match[1]), int(match[2])


def test_index_is_byte_identical_cold_warm_and_without_cache(tmp_path):
    site = make_site(tmp_path / "cached")
    cold, cold_misses, texts = build(site)
    warm, warm_misses, _ = build(site)
    uncached = make_site(tmp_path / "uncached", 'cache_dir: ""\nsynonyms: glossary.yml\n')
    none, none_misses, _ = build(uncached)
    assert cold_misses == texts > 0 and warm_misses == 0 and none_misses == texts
    assert cold == warm == none
    assert not (uncached / ".cache").exists()


def test_index_is_segmented_and_text_otherwise_unchanged(tmp_path):
    site = make_site(tmp_path)
    index = json.loads(build(site)[0])
    text = " ".join(doc["text"] for doc in index["docs"])
    assert f"컨테이너{ZWSP}를" in text and f"멀티{ZWSP}스테이지" in text
    plain = make_site(tmp_path / "plain")
    plain_index = json.loads(build_disabled(plain))
    assert [d["text"].replace(ZWSP, "") for d in index["docs"]] == [d["text"] for d in plain_index["docs"]]


def build_disabled(root: Path) -> bytes:
    (root / "mkdocs.yml").write_text(
        (root / "mkdocs.yml").read_text(encoding="utf-8") + "      enabled: !ENV [KOREAN_SEARCH, true]\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root, capture_output=True, text=True, env={**os.environ, "KOREAN_SEARCH": "false"},
    )
    assert result.returncode == 0, result.stderr
    assert not LOG.search(result.stderr), "KOREAN_SEARCH=false still ran the plugin"
    assert not (root / "site/search/korean-synonyms.json").exists()
    return (root / "site/search/search_index.json").read_bytes()


def test_an_edit_segments_only_the_changed_text(tmp_path):
    site = make_site(tmp_path)
    build(site)
    page = site / "docs" / "run.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n볼륨을 붙인다.\n", encoding="utf-8")
    _, misses, texts = build(site)
    assert 0 < misses < texts


def test_a_new_kiwi_or_model_version_invalidates_the_cache(tmp_path):
    """The cache file is keyed by kiwipiepy and model versions: a changed key is a miss everywhere."""
    from mkdocs_korean_search import segment
    from mkdocs_korean_search.cache import SegmentCache

    site = make_site(tmp_path)
    build(site)
    [path] = (site / ".cache" / "korean-search").glob("segments-*.json")
    key = segment.version_key()
    assert f"kiwipiepy={segment.version('kiwipiepy')}" in key and "model=" in key
    assert json.loads(path.read_text(encoding="utf-8"))["key"] == key
    some_text = next(iter(json.loads(path.read_text(encoding="utf-8"))["segments"]))
    assert some_text

    old = SegmentCache(path.parent, key)
    newer = SegmentCache(path.parent, key.replace("model=", "model=9"))
    texts = [doc["text"] for doc in json.loads((site / "site/search/search_index.json").read_text())["docs"]]
    raw = [t.replace(ZWSP, "") for t in texts]
    assert all(old.get(t) is not None for t in raw if t)  # same key: every text is a hit
    assert all(newer.get(t) is None for t in raw)  # another model: every text is a miss
    newer.put(raw[0], texts[0])
    newer.finish_build()
    assert [p.name for p in path.parent.glob("segments-*.json")] == [newer.path.name]  # old file removed


def test_a_damaged_cache_file_is_a_miss_not_a_failure(tmp_path):
    site = make_site(tmp_path)
    good, _, texts = build(site)
    [path] = (site / ".cache" / "korean-search").glob("segments-*.json")
    path.write_text("{not json", encoding="utf-8")
    again, misses, _ = build(site)
    assert misses == texts and again == good


def test_kiwi_is_loaded_only_on_a_miss_and_kept_across_rebuilds(tmp_path, monkeypatch):
    """In one process, as under `mkdocs serve`: each rebuild loads the config again, MkDocs hands
    back the same plugin instance (it has on_startup), and Kiwi is loaded once."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs_korean_search import segment

    site = make_site(tmp_path)
    loads = []
    real = segment.load_kiwi
    monkeypatch.setattr(segment, "load_kiwi", lambda: loads.append(1) or real())
    monkeypatch.chdir(site)
    instances = set()
    for n, extra in enumerate(["", "\n추가 문단을 쓴다.\n", "\n또 다른 문단을 쓴다.\n"]):
        (site / "docs" / "run.md").write_text(PAGES["run.md"] + extra, encoding="utf-8")
        config = load_config(str(site / "mkdocs.yml"))
        plugin = config.plugins["korean-search"]
        instances.add(id(plugin))
        mkdocs_build(config)
        assert plugin.stats["segmented"] == (plugin.stats["texts"] if n == 0 else 1)
    assert len(instances) == 1 and len(loads) == 1


def test_warm_build_does_not_import_kiwi(tmp_path):
    site = make_site(tmp_path)
    build(site)
    # -X importtime lists every module the build imports, on stderr.
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "mkdocs", "build"], cwd=site, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    imported = [line.rsplit("|", 1)[-1].strip() for line in out.stderr.splitlines() if line.startswith("import time:")]
    assert "mkdocs" in imported and not [name for name in imported if name.startswith("kiwipiepy")]


def test_synonym_groups_come_from_the_glossary(tmp_path):
    site = make_site(tmp_path)
    build(site)
    table = json.loads((site / "site/search/korean-synonyms.json").read_text(encoding="utf-8"))
    assert table == {"groups": [["컨테이너", "container", "콘테이너", "컨테이나"], ["기반 이미지", "base image"]]}
    assert "콘테이너" not in (site / "site/search/search_index.json").read_text(encoding="utf-8")


def test_a_glossary_term_without_definition_fails_the_build(tmp_path):
    site = make_site(tmp_path)
    (site / "glossary.yml").write_text("terms:\n  - term: 이미지\n    english: image\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=site, capture_output=True, text=True)
    assert result.returncode != 0 and "term 1 has no definition" in result.stderr


def test_separator_without_zwsp_fails_the_build(tmp_path):
    site = make_site(tmp_path)
    config = (site / "mkdocs.yml").read_text(encoding="utf-8").replace(r"\u200b", "")
    (site / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=site, capture_output=True, text=True)
    assert result.returncode != 0 and "separator must include" in result.stderr


@pytest.mark.parametrize(
    "html, cut, kept",
    [
        ("<p>멀티스테이지 빌드에서 컨테이너를</p>", [f"멀티{ZWSP}스테이지", f"컨테이너{ZWSP}를", f"빌드{ZWSP}에서"], []),
        ('<code title="이미지를">이미지</code>', [], ['title="이미지를"']),  # attributes are markup
        ("<p>도커로 빌드한다</p>", [f"빌드{ZWSP}한다"], []),  # noun + 하다 ending, the noun kept whole
    ],
)
def test_cuts_particles_and_compounds_but_not_markup(html, cut, kept):
    from mkdocs_korean_search import segment

    [out] = segment.segment_all(segment.load_kiwi(), [html])
    assert out.replace(ZWSP, "") == html
    assert all(c in out for c in cut) and all(k in out for k in kept)
    assert f"빌{ZWSP}드" not in out and f"도{ZWSP}커" not in out  # one-syllable parts are never cut off


def test_batch_segmentation_keeps_each_text_in_its_place():
    from mkdocs_korean_search import segment

    kiwi = segment.load_kiwi()
    texts = ["<p>컨테이너를</p>", "no Korean here", "", "<b>이미지를</b> 빌드하면 멀티스테이지"]
    assert segment.segment_all(kiwi, texts) == [segment.segment_all(kiwi, [t])[0] for t in texts]
    assert segment.segment_all(kiwi, texts)[1:3] == ["no Korean here", ""]


def test_an_english_name_with_its_abbreviation_gives_both_spellings(tmp_path):
    from mkdocs_korean_search.glossary import load_groups

    path = tmp_path / "glossary.yml"
    path.write_text(
        "terms:\n  - {term: 가상 머신, english: virtual machine (VM), definition: 컴퓨터다., synonyms: [가상머신]}\n",
        encoding="utf-8",
    )
    assert load_groups(path) == [["가상 머신", "virtual machine", "vm", "가상머신"]]
