"""The korean-search plugin through real `mkdocs build --strict` runs of a small Korean site.

One strict build of the small site is shared by the fast checks (what the index and the tables
hold, the command on a built site); segmentation is tested in-process with one Kiwi. The checks
that need several builds of their own (cache hits and misses, Kiwi kept across rebuilds, a warm
build that never imports Kiwi) are marked `slow`: `make test` runs them, `make check` does not.
Cache hit, miss and invalidation are read from the plugin's own log line and from the cache file;
the index must be byte-identical whether its segmentations came from Kiwi or from the cache.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from mkdocs_korean_search import segment, words

ZWSP = "\u200b"
SEPARATOR = r'[\s\u200b\-,:;!=\[\]()"`/]+|\.(?!\d)'
LOG = re.compile(r"korean-search: (\d+) of (\d+) texts segmented by Kiwi")
slow = pytest.mark.slow
# The query side, which the site loads as extra JavaScript (the plugin writes the tables it reads).
QUERY_SCRIPT = Path(__file__).resolve().parents[3] / "docs" / "javascripts" / "korean-search.js"

PAGES = {
    "index.md": "# 컨테이너\n\n멀티스테이지 빌드에서 컨테이너를 실행하면 이미지의 레이어가 남는다.\n",
    "run.md": "# 실행\n\n`docker run -p 8080:80`으로 포트를 연결한다. `COPY --from=build`도 쓴다. 컨테이너를 멈추고 지운다.\n",
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
    shutil.copy(QUERY_SCRIPT, root / "docs" / QUERY_SCRIPT.name)
    (root / "glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    options = textwrap.indent(plugin_options or "synonyms: glossary.yml\n", " " * 6)
    (root / "mkdocs.yml").write_text(
        "site_name: 시험\ntheme:\n  name: material\n  language: ko\n  features: [search.highlight]\n"
        f"extra_javascript: [{QUERY_SCRIPT.name}]\nplugins:\n"
        f"  - search:\n      separator: '{SEPARATOR}'\n  - korean-search:\n{options}",
        encoding="utf-8",
    )
    return root


def run_build(root: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root, capture_output=True, text=True, env={**os.environ, **(env or {})},
    )


def build(root: Path, env: dict | None = None) -> tuple[bytes, int, int]:
    """(index bytes, texts Kiwi segmented, texts in the index) of a strict build of `root`."""
    result = run_build(root, env)
    assert result.returncode == 0, result.stderr
    match = LOG.search(result.stderr)
    assert match, result.stderr
    return (root / "site/search/search_index.json").read_bytes(), int(match[1]), int(match[2])


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The small site, built once (cold cache) for every fast check of this module."""
    site = make_site(tmp_path_factory.mktemp("built"))
    build(site)
    return site


@pytest.fixture(scope="module")
def kiwi():
    return segment.load_kiwi()


def index_of(site: Path) -> dict:
    return json.loads((site / "site/search/search_index.json").read_text(encoding="utf-8"))


def test_index_is_segmented(built):
    docs = index_of(built)["docs"]
    text = " ".join(doc["text"] for doc in docs)
    assert f"컨테이너{ZWSP}를" in text and f"멀티{ZWSP}스테이지" in text


def test_synonym_groups_come_from_the_glossary(built):
    table = json.loads((built / "site/search/korean-synonyms.json").read_text(encoding="utf-8"))
    assert table == {"groups": [["컨테이너", "container", "콘테이너", "컨테이나"], ["기반 이미지", "base image"]]}
    assert "콘테이너" not in (built / "site/search/search_index.json").read_text(encoding="utf-8")


def test_word_table_maps_the_sites_verb_forms_and_typed_forms_to_kiwis_stem(built):
    table = json.loads((built / "site/search/korean-words.json").read_text(encoding="utf-8"))
    assert "멈추고" in table["stems"]["멈추"]  # on the page
    assert "멈춰요" in table["typed"]["멈추"] and "멈추기" in table["typed"]["멈추"]  # what a reader types
    assert "컨테이너" not in table["stems"]  # nouns are in the index already


def test_the_command_runs_the_step_on_a_site_another_generator_built(built, tmp_path):
    """`python -m mkdocs_korean_search SITE` on an unsegmented index gives the plugin's files."""
    from mkdocs_korean_search.__main__ import main

    site = tmp_path / "site"
    shutil.copytree(built / "site", site)
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        doc["text"], doc["title"] = doc["text"].replace(ZWSP, ""), doc["title"].replace(ZWSP, "")
    (site / "search/search_index.json").write_text(json.dumps(index), encoding="utf-8")
    for name in ("korean-words.json", "korean-synonyms.json"):
        (site / "search" / name).unlink()
    cache = built / ".cache/korean-search"  # warm: the same texts, so Kiwi is not loaded again
    assert main([str(site), "--synonyms", str(built / "glossary.yml"), "--cache-dir", str(cache)]) == 0
    for name in ("search_index.json", "korean-words.json", "korean-synonyms.json"):
        assert (site / "search" / name).read_bytes() == (built / "site/search" / name).read_bytes(), name
    assert main([str(tmp_path / "nowhere")]) == 1


def test_a_glossary_term_without_definition_fails_the_build(tmp_path):
    site = make_site(tmp_path)
    (site / "glossary.yml").write_text("terms:\n  - term: 이미지\n    english: image\n", encoding="utf-8")
    result = run_build(site)
    assert result.returncode != 0 and "term 1 has no definition" in result.stderr


def test_separator_without_zwsp_fails_the_build(tmp_path):
    site = make_site(tmp_path)
    config = (site / "mkdocs.yml").read_text(encoding="utf-8").replace(r"\u200b", "")
    (site / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = run_build(site)
    assert result.returncode != 0 and "separator must include" in result.stderr


@pytest.mark.parametrize(
    "html, cut, kept",
    [
        ("<p>멀티스테이지 빌드에서 컨테이너를</p>", [f"멀티{ZWSP}스테이지", f"컨테이너{ZWSP}를", f"빌드{ZWSP}에서"], []),
        ('<code title="이미지를">이미지</code>', [], ['title="이미지를"']),  # attributes are markup
        ("<p>도커로 빌드한다</p>", [f"빌드{ZWSP}한다"], []),  # noun + 하다 ending, the noun kept whole
    ],
)
def test_cuts_particles_and_compounds_but_not_markup(kiwi, html, cut, kept):
    [out] = segment.segment_all(kiwi, [html])
    assert out.replace(ZWSP, "") == html
    assert all(c in out for c in cut) and all(k in out for k in kept)
    assert f"빌{ZWSP}드" not in out and f"도{ZWSP}커" not in out  # one-syllable parts are never cut off


def test_batch_segmentation_keeps_each_text_in_its_place(kiwi):
    texts = ["<p>컨테이너를</p>", "no Korean here", "", "<b>이미지를</b> 빌드하면 멀티스테이지"]
    assert segment.segment_all(kiwi, texts) == [segment.segment_all(kiwi, [t])[0] for t in texts]
    assert segment.segment_all(kiwi, texts)[1:3] == ["no Korean here", ""]


def test_word_table_reduces_endings_the_way_kiwi_does(kiwi):
    tokens = words.index_tokens([f"<p>컨테이너{ZWSP}를 멈춘다. 안으로 들어간다</p>"], SEPARATOR)
    assert tokens == sorted(["컨테이너", "를", "멈춘다", "안으로", "들어간다"])
    table = words.stems(kiwi, tokens)
    assert table["stems"] == {"멈추": ["멈춘다"], "들어가": ["들어간다"]}
    assert {"멈춰요", "멈추기"} <= set(table["typed"]["멈추"]) and "들어가기" in table["typed"]["들어가"]


def test_an_english_name_with_its_abbreviation_gives_both_spellings(tmp_path):
    from mkdocs_korean_search.glossary import load_groups

    path = tmp_path / "glossary.yml"
    path.write_text(
        "terms:\n  - {term: 가상 머신, english: virtual machine (VM), definition: 컴퓨터다., synonyms: [가상머신]}\n",
        encoding="utf-8",
    )
    assert load_groups(path) == [["가상 머신", "virtual machine", "vm", "가상머신"]]


@pytest.mark.browser
@pytest.mark.parametrize(
    "query, expect_missing, never_shown",
    [
        ("멈춰요", set(), {"멈추고"}),  # the stem 멈추 may be highlighted, the site's forms not
        ("컨테이너를", set(), {"를", "컨테이너를"}),  # the stem, without its particle
        ("-p 8080:80", set(), {"p"}),  # a single letter never
        ("콘테이너", set(), {"컨테이너", "container"}),  # a synonym's expansion never
        ("컨테이너 없는말", {"없는말"}, {"없", "말"}),  # a typed word that matched nothing, and no syllables
        ("컨테이녀", set(), {"컨테이너", "container"}),  # a typo's correction is not what was typed
    ],
)
def test_result_list_shows_only_what_the_reader_typed(search_box, built, query, expect_missing, never_shown):
    """The honest-highlight rule through Material's real search box: ?h= carries only pieces of the
    query (two letters or more) or a Kiwi stem of a typed word; "not found" lists only typed words."""
    from notekit import searching

    groups, (highlighted, missing), text = search_box(query)
    assert groups, f"{query!r} found nothing"
    assert searching.untyped(query, highlighted, missing, searching.stems(built / "site")) == []
    assert missing == expect_missing and not (highlighted | missing) & never_shown, (highlighted, missing)
    assert ZWSP not in text


@pytest.fixture(scope="module")
def search_box(built):
    """Type into the small site's search box in Debian's Chromium: query -> (result groups, (?h=
    terms, not-found words), the result list's text). Playwright's sync API allows one instance
    per thread and the site's browser tests hold one in the main thread, so this one has a thread."""
    from notekit import browser as harness, searching

    if not Path(harness.CHROMIUM).exists():
        from tests.conftest import require

        require(False, "browser", f"{harness.CHROMIUM} is missing (Debian's chromium)")
    with ThreadPoolExecutor(max_workers=1) as thread, harness.serve(built / "site") as base:
        state = {}

        def start():
            state["browser"] = harness.chromium()
            state["page"] = searching.search_tab(state["browser"].__enter__(), base)

        def search(query):
            groups = searching.search(state["page"], query)
            return groups, searching.shown_terms(state["page"]), state["page"].inner_text(".md-search-result")

        thread.submit(start).result()
        try:
            yield lambda query: thread.submit(search, query).result()
        finally:
            thread.submit(state["browser"].__exit__, None, None, None).result()


# -- slow: checks that need builds of their own ---------------------------------------------------


@slow
def test_index_is_byte_identical_cold_warm_and_without_cache(tmp_path):
    site = make_site(tmp_path / "cached")
    cold, cold_misses, texts = build(site)
    warm, warm_misses, _ = build(site)
    uncached = make_site(tmp_path / "uncached", 'cache_dir: ""\nsynonyms: glossary.yml\n')
    none, none_misses, _ = build(uncached)
    assert cold_misses == texts > 0 and warm_misses == 0 and none_misses == texts
    assert cold == warm == none
    assert not (uncached / ".cache").exists()


@slow
def test_disabled_plugin_leaves_a_stock_index(built, tmp_path):
    plain = make_site(tmp_path / "plain", "synonyms: glossary.yml\nenabled: !ENV [KOREAN_SEARCH, true]\n")
    result = run_build(plain, {"KOREAN_SEARCH": "false"})
    assert result.returncode == 0, result.stderr
    assert not LOG.search(result.stderr), "KOREAN_SEARCH=false still ran the plugin"
    assert not (plain / "site/search/korean-synonyms.json").exists()
    plain_docs = index_of(plain)["docs"]
    assert [d["text"].replace(ZWSP, "") for d in index_of(built)["docs"]] == [d["text"] for d in plain_docs]


@slow
def test_an_edit_segments_only_the_changed_text(tmp_path):
    site = make_site(tmp_path)
    build(site)
    page = site / "docs" / "run.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n볼륨을 붙인다.\n", encoding="utf-8")
    _, misses, texts = build(site)
    assert 0 < misses < texts


@slow
def test_a_new_kiwi_or_model_version_invalidates_the_cache(tmp_path):
    """The cache file is keyed by kiwipiepy and model versions: a changed key is a miss everywhere."""
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
    texts = [doc["text"] for doc in index_of(site)["docs"]]
    raw = [t.replace(ZWSP, "") for t in texts]
    assert all(old.get(t) is not None for t in raw if t)  # same key: every text is a hit
    assert all(newer.get(t) is None for t in raw)  # another model: every text is a miss
    newer.put(raw[0], texts[0])
    newer.finish_build()
    assert [p.name for p in path.parent.glob("segments-*.json")] == [newer.path.name]  # old file removed


@slow
def test_a_damaged_cache_file_is_a_miss_not_a_failure(tmp_path):
    site = make_site(tmp_path)
    good, _, texts = build(site)
    [path] = (site / ".cache" / "korean-search").glob("segments-*.json")
    path.write_text("{not json", encoding="utf-8")
    again, misses, _ = build(site)
    assert misses == texts and again == good


@slow
def test_kiwi_is_loaded_only_on_a_miss_and_kept_across_rebuilds(tmp_path, monkeypatch):
    """In one process, as under `mkdocs serve`: each rebuild loads the config again, MkDocs hands
    back the same plugin instance (it has on_startup), and Kiwi is loaded once."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

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


@slow
def test_warm_build_does_not_import_kiwi(tmp_path):
    site = make_site(tmp_path)
    build(site)
    # -X importtime lists every module the build imports, on stderr.
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "mkdocs", "build"], cwd=site, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    imported = [line.rsplit("|", 1)[-1].strip() for line in out.stderr.splitlines() if line.startswith("import time:")]
    assert "mkdocs" in imported and not [name for name in imported if name.startswith("kiwipiepy")]
