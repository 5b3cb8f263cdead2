"""Segmentations by content hash: in memory for the life of the plugin, on disk between runs.

One JSON file per version key (kiwipiepy, model, options, rules), so a new analyser or model
never reads an old file. Only the texts the last build used are written back, so the file stays
the size of the site however many edits `mkdocs serve` has seen.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path


def digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


class SegmentCache:
    def __init__(self, directory: Path | None, key: str):
        self.directory = directory
        self.key = key
        self.entries: dict[str, str] | None = None  # read from disk on first use
        self.used: dict[str, str] = {}
        self.changed = False

    @property
    def path(self) -> Path | None:
        if self.directory is None:
            return None
        return self.directory / f"segments-{digest(self.key)[:12]}.json"

    def _load(self) -> dict[str, str]:
        path = self.path
        try:
            data = json.loads(path.read_text(encoding="utf-8")) if path else {}
        except (OSError, ValueError):
            return {}  # missing or damaged: segment again
        return data["segments"] if data.get("key") == self.key else {}

    def get(self, text: str) -> str | None:
        if self.entries is None:
            self.entries = self._load()
        h = digest(text)
        found = self.entries.get(h)
        if found is not None:
            self.used[h] = found
        return found

    def put(self, text: str, segmented: str) -> None:
        h = digest(text)
        self.entries[h] = self.used[h] = segmented
        self.changed = True

    def finish_build(self) -> None:
        """Keep what this build used; write it when it differs from the file."""
        if self.entries is None:
            return
        changed = self.changed or len(self.used) != len(self.entries)
        self.entries, self.used, self.changed = self.used, {}, False
        if changed and self.path is not None:
            self._write()

    def _write(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        for old in self.directory.glob("segments-*.json"):
            if old != self.path:
                old.unlink(missing_ok=True)  # another analyser or model version: never read again
        data = json.dumps({"key": self.key, "segments": self.entries}, ensure_ascii=False, sort_keys=True)
        # Write then rename: a build interrupted halfway never leaves half a file behind.
        fd, tmp = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(data)
        os.replace(tmp, self.path)
