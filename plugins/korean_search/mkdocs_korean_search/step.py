"""The Korean search step on a built site, whatever produced it: MkDocs (plugin.py) or another
generator that writes Material's `search/search_index.json` (`python -m mkdocs_korean_search`).

It segments the index in place (segment.py, cached by content hash in cache.py), writes the
glossary's synonym groups (search/korean-synonyms.json) and the site's verb forms and stems
(search/korean-words.json, words.py) next to it. Kiwi is loaded only when some text is new.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

from . import segment, words
from .cache import SegmentCache

INDEX_FILE = "search/search_index.json"  # Material for MkDocs: {"config", "docs": [...]}
ZENSICAL_INDEX_FILE = "search.json"  # Zensical: {"config", "items": [...]}, the same fields
SYNONYMS_FILE = "search/korean-synonyms.json"
WORDS_FILE = "search/korean-words.json"
FIELDS = ("title", "text")


class Step:
    def __init__(self, cache: SegmentCache):
        self.cache = cache
        self.kiwi = None  # loaded on the first cache miss, then kept (across serve rebuilds too)
        self.loading: threading.Thread | None = None
        self.stats: dict[str, int] = {}

    def load_kiwi(self) -> None:
        kiwi = segment.load_kiwi()
        kiwi.tokenize("컨테이너를")  # the first call costs as much as the load (0.7 s): pay it here too
        self.kiwi = kiwi

    def preload(self) -> None:
        """Load Kiwi in a background thread (under `serve`, once the first build is done)."""
        if self.kiwi is None and self.loading is None:
            self.loading = threading.Thread(target=self.load_kiwi, name="korean-search-kiwi", daemon=True)
            self.loading.start()

    def _kiwi(self):
        if self.loading is not None:
            self.loading.join()
            self.loading = None
        if self.kiwi is None:
            self.load_kiwi()
        return self.kiwi

    def segment_texts(self, texts: list[str]) -> list[str]:
        """texts segmented, from the cache where it has them and from Kiwi for the rest."""
        out = [self.cache.get(t) for t in texts]
        misses = list(dict.fromkeys(t for t, s in zip(texts, out) if s is None))
        if misses:
            for text, segmented in zip(misses, segment.segment_all(self._kiwi(), misses)):
                self.cache.put(text, segmented)
            out = [s if s is not None else self.cache.get(t) for t, s in zip(texts, out)]
        self.stats = {"texts": len(texts), "segmented": len(misses)}
        return out

    def word_table(self, tokens: list[str]) -> str:
        """korean-words.json for these index tokens, from the cache or from Kiwi."""
        key = f"korean-words v{words.WORDS_VERSION}\n" + "\n".join(tokens)
        table = self.cache.get(key)
        if table is None:
            table = json.dumps(words.stems(self._kiwi(), tokens), ensure_ascii=False, separators=(",", ":"))
            self.cache.put(key, table)
        return table

    def run(self, site: Path, fields=FIELDS, groups: list[list[str]] | None = None) -> bool:
        """Segment site's index in place and write the two tables; False when there is no index."""
        write_synonyms(site, groups or [])
        path = next((site / name for name in (INDEX_FILE, ZENSICAL_INDEX_FILE) if (site / name).exists()), None)
        if path is None:
            return False
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data["docs"] if "docs" in data else data["items"]
        slots = [(e, f) for e in entries for f in fields if isinstance(e.get(f), str) and e[f]]
        segmented = self.segment_texts([e[f] for e, f in slots])
        for (entry, field), text in zip(slots, segmented):
            entry[field] = text
        # The search plugin's own serialisation, so the file stays as compact as before.
        path.write_text(json.dumps(data, separators=(",", ":"), default=str), encoding="utf-8")
        tokens = words.index_tokens(segmented, data.get("config", {}).get("separator", ""))
        (site / WORDS_FILE).write_text(self.word_table(tokens), encoding="utf-8")
        self.cache.finish_build()
        return True


def write_synonyms(site: Path, groups: list[list[str]]) -> None:
    out = site / SYNONYMS_FILE
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"groups": groups}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
