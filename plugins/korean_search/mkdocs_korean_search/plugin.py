"""The `korean-search` MkDocs plugin: segments Korean words in Material's search index.

After the search plugin has written search/search_index.json, each configured field of each entry
gets U+200B between a noun and its particle and between the parts of a compound (segment.py).
Segmentations are cached by content hash (cache.py), so Kiwi is loaded only when some text is new,
and the plugin keeps both the cache and Kiwi across `mkdocs serve` rebuilds (MkDocs keeps a plugin
instance that has on_startup). The glossary's synonym groups are written next to the index for
the query side (search/korean-synonyms.json); page text is never changed.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from . import segment
from .cache import SegmentCache
from .glossary import GlossaryError, load_groups

log = logging.getLogger("mkdocs.plugins.korean-search")
SYNONYMS_FILE = "search/korean-synonyms.json"


class KoreanSearchConfig(base.Config):
    enabled = c.Type(bool, default=True)
    # Fields of each search index entry to segment (Material's entries have title, text, tags).
    fields = c.ListOfItems(c.Choice(("title", "text")), default=["title", "text"])
    # Relative to mkdocs.yml. Empty: no disk cache (the plugin still caches in memory).
    cache_dir = c.Type(str, default=".cache/korean-search")
    # YAML glossary with `terms:` (term, english, definition, synonyms, avoid); empty: no synonyms.
    synonyms = c.Type(str, default="")


class KoreanSearchPlugin(BasePlugin[KoreanSearchConfig]):
    def __init__(self):
        self.kiwi = None  # loaded on the first cache miss, then kept for every rebuild
        self.loading: threading.Thread | None = None
        self.serving = False
        self.cache: SegmentCache | None = None
        self.stats: dict[str, object] = {}

    def on_startup(self, *, command, dirty) -> None:
        """Having this handler is what makes MkDocs keep the instance across serve rebuilds."""
        self.serving = command == "serve"

    def _preload(self) -> None:
        """Under `serve` the next edit will be a miss: load Kiwi in the background once the first
        build is done (loading holds the GIL, so not during it) instead of on the first edit."""
        if self.serving and self.kiwi is None and self.loading is None:
            self.loading = threading.Thread(target=self._load_kiwi, name="korean-search-kiwi", daemon=True)
            self.loading.start()

    def _load_kiwi(self) -> None:
        kiwi = segment.load_kiwi()
        kiwi.tokenize("컨테이너를")  # the first call costs as much as the load (0.7 s): pay it here too
        self.kiwi = kiwi

    def on_config(self, config):
        if not self.config.enabled:
            return config
        search = config.plugins.get("material/search") or config.plugins.get("search")
        separator = (search.config.get("separator") or "") if search else ""
        if "\\u200b" not in separator and segment.ZWSP not in separator:
            raise PluginError("korean-search: plugins.search.separator must include \\u200b")
        root = Path(config.config_file_path).parent
        directory = (root / self.config.cache_dir) if self.config.cache_dir else None
        key = segment.version_key()
        if self.cache is None or self.cache.directory != directory or self.cache.key != key:
            self.cache = SegmentCache(directory, key)
        self.synonyms_path = (root / self.config.synonyms) if self.config.synonyms else None
        return config

    def on_serve(self, server, *, config, builder):
        if self.config.enabled and self.synonyms_path:
            server.watch(str(self.synonyms_path))
        return server

    def segment_texts(self, texts: list[str]) -> list[str]:
        """texts segmented, from the cache where it has them and from Kiwi for the rest."""
        out = [self.cache.get(t) for t in texts]
        misses = list(dict.fromkeys(t for t, s in zip(texts, out) if s is None))
        if misses:
            if self.loading is not None:
                self.loading.join()
                self.loading = None
            if self.kiwi is None:
                self._load_kiwi()
            for text, segmented in zip(misses, segment.segment_all(self.kiwi, misses)):
                self.cache.put(text, segmented)
            out = [s if s is not None else self.cache.get(t) for t, s in zip(texts, out)]
        self.stats = {"texts": len(texts), "segmented": len(misses)}
        return out

    @event_priority(-100)  # after the search plugin has written the index
    def on_post_build(self, *, config) -> None:
        if not self.config.enabled:
            return
        start = time.perf_counter()
        site = Path(config.site_dir)
        path = site / "search" / "search_index.json"
        if path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
            slots = [(e, f) for e in data["docs"] for f in self.config.fields if isinstance(e.get(f), str) and e[f]]
            for (entry, field), text in zip(slots, self.segment_texts([e[f] for e, f in slots])):
                entry[field] = text
            # The search plugin's own serialisation, so the file stays as compact as before.
            path.write_text(json.dumps(data, separators=(",", ":"), default=str), encoding="utf-8")
            self.cache.finish_build()
        self._write_synonyms(site)
        self._preload()
        log.info(
            "korean-search: %s of %s texts segmented by Kiwi, the rest from the cache (%.2f s)",
            self.stats.get("segmented", 0), self.stats.get("texts", 0), time.perf_counter() - start,
        )

    def _write_synonyms(self, site: Path) -> None:
        groups: list[list[str]] = []
        if self.synonyms_path:
            try:
                groups = load_groups(self.synonyms_path)
            except (OSError, GlossaryError) as err:
                raise PluginError(f"korean-search: synonyms: {err}") from err
        out = site / SYNONYMS_FILE
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps({"groups": groups}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
