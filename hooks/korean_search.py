"""MkDocs hook: segment Korean words in the search index, the way Material segments Chinese with jieba.

Korean glues particles and endings to the word ("컨테이너를", "이미지의") and writes many compounds
without a space ("멀티스테이지"). Lunr only matches whole tokens or their prefixes, so a stock index
finds "컨테이너" in "컨테이너를" but never "스테이지" in "멀티스테이지".

After the search plugin has written search/search_index.json, this hook runs the Kiwi morphological
analyser (kiwipiepy, model shipped in the wheel, works offline) over the text of every entry and puts
a zero-width space (U+200B) between a stem and the particle or ending glued to it, and between the
parts of a compound noun. The text still reads the same; the search separator in mkdocs.yml includes
U+200B, so each part becomes its own token. Query terms are normalised the same way in the browser
by docs/javascripts/korean-search.js.
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ZWSP = "\u200b"
HANGUL = re.compile(r"[가-힣]")
TAG = re.compile(r"(<[^>]*>)")  # the index text is HTML: only text between tags is segmented
# Only two kinds of cut: a noun and the grammar glued to it (컨테이너|를, 실행|하면, 작성자|를), and
# the parts of a compound noun (멀티|스테이지). Verb stems are left alone: one-syllable stems are
# often mis-analysed ("도커" as 도+크+어) and a prefix search already finds them.
NOUN = ("NN", "NR", "NP", "XR", "SL", "SH", "SN", "XSN")  # XSN: noun suffix, 작성+자
GRAMMAR = ("J", "VCP", "XSV", "XSA", "E")


@lru_cache(maxsize=1)
def _kiwi():
    from kiwipiepy import Kiwi  # imported lazily: loading the model takes about a second

    # The typo and multi-word dictionaries tripled the load and first-call time (2.6 s -> 1.0 s
    # without them) and changed no cut in the site's index: the cuts below only use the noun and
    # grammar tags of the default dictionary.
    return Kiwi(load_typo_dict=False, load_multi_dict=False)


def _boundaries(text: str, tokens) -> list[int]:
    """Offsets inside Hangul words where a search token should end, from Kiwi's tokens of `text`."""
    cuts = []
    for prev, nxt in zip(tokens, tokens[1:]):
        at = prev.start + prev.len
        # Only clean cuts between two Hangul syllables: contracted forms (했 = 하+었) overlap and
        # are left whole; Hangul next to Latin letters or digits is split by the separator.
        if at != nxt.start or at <= 0 or at >= len(text):
            continue
        if not (HANGUL.match(text[at - 1]) and HANGUL.match(text[at])):
            continue
        if text[prev.start : at] != prev.form:  # offsets out of step with the text (e.g. after an emoji)
            continue
        if prev.tag.startswith(NOUN) and nxt.tag.startswith(GRAMMAR):
            cuts.append(at)
        elif prev.tag.startswith("NN") and nxt.tag.startswith("NN") and prev.len > 1 and nxt.len > 1:
            cuts.append(at)  # one-syllable parts are left whole: 빌드 is sometimes read as 빌+드
    return cuts


def segment_all(texts: list[str]) -> list[str]:
    """The same texts with U+200B at the segment boundaries of their Korean words.

    All Korean text runs go to Kiwi in one batch call: on this site's index (672 runs) that
    took 0.15 s against 0.31 s for one call per run.
    """
    split = [TAG.split(text) for text in texts]  # even items are text, odd items are tags
    runs = [(t, i) for t, parts in enumerate(split) for i in range(0, len(parts), 2) if HANGUL.search(parts[i])]
    if runs:
        analysed = _kiwi().tokenize([split[t][i] for t, i in runs])
        for (t, i), tokens in zip(runs, analysed):
            chunk, out, last = split[t][i], [], 0
            for at in _boundaries(chunk, tokens):
                out.append(chunk[last:at])
                last = at
            out.append(chunk[last:])
            split[t][i] = ZWSP.join(out)
    return ["".join(parts) for parts in split]


def segment(text: str) -> str:
    """One text, segmented as segment_all() does."""
    return segment_all([text])[0]


def segment_index(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    fields = [(entry, field) for entry in data["docs"] for field in ("title", "text") if entry.get(field)]
    for (entry, field), text in zip(fields, segment_all([entry[field] for entry, field in fields])):
        entry[field] = text
    # Same serialisation as the search plugin, so the file stays as compact as before.
    path.write_text(json.dumps(data, separators=(",", ":"), default=str), encoding="utf-8")


def on_config(config):
    search = config.plugins.get("material/search") or config.plugins.get("search")
    separator = (search.config.get("separator") or "") if search else ""
    if "\\u200b" not in separator and ZWSP not in separator:
        raise PluginError("hooks/korean_search.py: plugins.search.separator must include \\u200b")
    return config


@event_priority(-100)  # after the search plugin has written the index
def on_post_build(config, **kwargs) -> None:
    if os.environ.get("KOREAN_SEARCH", "true").lower() == "false":  # TEMPORARY for bench/ (see the plugin rework)
        return
    path = Path(config["site_dir"]) / "search" / "search_index.json"
    if path.exists():
        segment_index(path)
