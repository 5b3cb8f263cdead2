"""The `korean-search` MkDocs plugin: runs the Korean search step (step.py) on the built site.

After the search plugin has written search/search_index.json, each configured field of each entry
gets U+200B between a noun and its particle and between the parts of a compound (segment.py), and
the query side gets its tables (synonyms from the glossary, the site's verb forms and stems).
The plugin keeps the step, with its cache and Kiwi, across `mkdocs serve` rebuilds (MkDocs keeps
a plugin instance that has on_startup); page text is never changed.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from . import segment
from .cache import SegmentCache
from .glossary import GlossaryError, load_groups
from .step import Step

log = logging.getLogger("mkdocs.plugins.korean-search")


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
        self.step: Step | None = None
        self.serving = False

    @property
    def stats(self) -> dict[str, int]:
        return self.step.stats if self.step else {}

    def on_startup(self, *, command, dirty) -> None:
        """Having this handler is what makes MkDocs keep the instance across serve rebuilds."""
        self.serving = command == "serve"

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
        if self.step is None or self.step.cache.directory != directory or self.step.cache.key != key:
            self.step = Step(SegmentCache(directory, key))
        self.synonyms_path = (root / self.config.synonyms) if self.config.synonyms else None
        return config

    def on_serve(self, server, *, config, builder):
        if self.config.enabled and self.synonyms_path:
            server.watch(str(self.synonyms_path))
        return server

    @event_priority(-100)  # after the search plugin has written the index
    def on_post_build(self, *, config) -> None:
        if not self.config.enabled:
            return
        start = time.perf_counter()
        groups: list[list[str]] = []
        if self.synonyms_path:
            try:
                groups = load_groups(self.synonyms_path)
            except (OSError, GlossaryError) as err:
                raise PluginError(f"korean-search: synonyms: {err}") from err
        self.step.run(Path(config.site_dir), self.config.fields, groups)
        if self.serving:  # the next edit will be a miss: load Kiwi now, not on that edit
            self.step.preload()
        log.info(
            "korean-search: %s of %s texts segmented by Kiwi, the rest from the cache (%.2f s)",
            self.stats.get("segmented", 0), self.stats.get("texts", 0), time.perf_counter() - start,
        )
