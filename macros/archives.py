"""Every example folder as a zip in the built site (site/examples/<folder>.zip), and the link to it.

The archive holds the folder's files byte for byte, the ones the tests build and run, under
examples/<folder>/; it is reproducible: entries sorted by path, a fixed date, fixed permissions, so the same
folder always gives the same bytes. mkdocs-macros' on_post_build hook (macros/__init__.py) writes
them; a page links to one with download_link(), next to the example it shows.
"""

from __future__ import annotations

import html
import io
import posixpath
import zipfile
from pathlib import Path

from .data import ROOT

EXAMPLES = ROOT / "examples"
SITE_FOLDER = "examples"  # site/examples/hello.zip
FIXED_DATE = (2026, 1, 1, 0, 0, 0)  # zip stores local time without a zone; any fixed value will do


def files(folder: Path) -> list[Path]:
    """Every file under the folder, sorted by its path inside it."""
    return sorted((p for p in folder.rglob("*") if p.is_file()), key=lambda p: p.relative_to(folder).as_posix())


def archive(folder: Path) -> bytes:
    """The folder as a reproducible zip: the same files give the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for path in files(folder):
            # examples/<folder>/...: unzipped anywhere, the page's commands (-f examples/hello/...) run as printed
            info = zipfile.ZipInfo(f"examples/{folder.name}/{path.relative_to(folder).as_posix()}", date_time=FIXED_DATE)
            info.create_system = 3  # Unix, so the permission bits below count
            info.external_attr = (0o100755 if path.stat().st_mode & 0o111 else 0o100644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes(), compresslevel=9)
    return buffer.getvalue()


def write_all(site_dir: Path, examples: Path = EXAMPLES) -> list[Path]:
    """site/examples/<folder>.zip for every folder under examples/."""
    target = site_dir / SITE_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for folder in sorted(p for p in examples.iterdir() if p.is_dir()):
        (target / f"{folder.name}.zip").write_bytes(archive(folder))
        written.append(target / f"{folder.name}.zip")
    return written


def download_link(context: str, page_url: str, label: str) -> str:
    """An HTML link (raw, so MkDocs does not look for it among the docs) from the page at page_url
    (e.g. docker/build/) to the zip of the example folder `context` (e.g. examples/hello)."""
    name = posixpath.basename(context.rstrip("/"))
    href = posixpath.relpath(f"{SITE_FOLDER}/{name}.zip", page_url if page_url.endswith("/") else posixpath.dirname(page_url) or ".")
    text = html.escape(label.format(folder=context, name=name))
    return f'\n\n<p class="example-download"><a href="{href}" download>{text}</a></p>\n\n'
