"""Page weight from the built files: the HTML plus every stylesheet, script and image it loads.

A static approximation of what a browser fetches on first visit (no cache): it follows
<link rel=stylesheet|icon>, <script src> and <img src> to local files, and adds url() targets
inside those stylesheets. Remote URLs are counted as a problem (the site promises none).
scripts/page_weight.py (Chromium, another branch) measures real transfers; its result can be
fed to report.py in place of this one.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        rel = (a.get("rel") or "").lower()
        if tag == "link" and a.get("href") and ("stylesheet" in rel or "icon" in rel):
            self.refs.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.refs.append(a["src"])
        elif tag == "img" and a.get("src"):
            self.refs.append(a["src"])


@dataclass
class Weight:
    page: str
    files: dict[str, int] = field(default_factory=dict)  # site-relative path -> bytes
    gzip_bytes: int = 0
    remote: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.files.values())


def _local(site: Path, base: Path, ref: str) -> Path | None:
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc:
        return None
    target = (site / parts.path.lstrip("/")) if parts.path.startswith("/") else (base / unquote(parts.path))
    target = target.resolve()
    return target / "index.html" if target.is_dir() else target


def page_weight(site: Path, html: Path) -> Weight:
    site = site.resolve()
    weight = Weight(str(html.relative_to(site)))
    queue = [html.resolve()]
    while queue:
        current = queue.pop()
        rel = str(current.relative_to(site))
        if rel in weight.files or not current.is_file():
            continue
        data = current.read_bytes()
        weight.files[rel] = len(data)
        weight.gzip_bytes += len(gzip.compress(data, 6))
        if current.suffix == ".html":
            parser = _Assets()
            parser.feed(data.decode("utf-8", "replace"))
            refs = parser.refs
        elif current.suffix == ".css":
            refs = [r for r in CSS_URL.findall(data.decode("utf-8", "replace")) if not r.startswith("data:")]
        else:
            refs = []
        for ref in refs:
            local = _local(site, current.parent, ref)
            if local is None:
                weight.remote.append(ref)
            elif local.is_relative_to(site):
                queue.append(local)
    return weight


def all_weights(site: Path) -> list[Weight]:
    return [page_weight(site, html) for html in sorted(site.rglob("*.html"))]


def summary(site: Path) -> dict:
    weights = all_weights(site)
    home = next(w for w in weights if w.page == "index.html")
    heaviest = max(weights, key=lambda w: w.total)
    index = site / "search" / "search_index.json"
    # Material starts its search worker on every page load, and the worker fetches the index.
    worker = sum(f.stat().st_size for f in (site / "assets/javascripts/workers").glob("search*.js"))
    return {
        "pages": len(weights),
        "home": {"page": home.page, "bytes": home.total, "gzip_bytes": home.gzip_bytes, "files": len(home.files)},
        "heaviest": {
            "page": heaviest.page,
            "bytes": heaviest.total,
            "gzip_bytes": heaviest.gzip_bytes,
            "files": len(heaviest.files),
            "html_bytes": heaviest.files[heaviest.page],
        },
        "remote_refs": sorted({r for w in weights for r in w.remote}),
        "search_index_bytes": index.stat().st_size if index.exists() else None,
        "search_worker_bytes": worker,
        "search_index_gzip_bytes": len(gzip.compress(index.read_bytes(), 6)) if index.exists() else None,
    }
