"""The pieces every browser test and browser script shares: a local server and Debian's Chromium.

Used by the pytest fixtures in tests/browser/conftest.py, by scripts/search_eval.py and by
bench/reader.py, so the tests and the measurements drive the site the same way.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

# Debian's package (scripts/system-deps.sh), never `playwright install`; CHROMIUM_PATH for other hosts.
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
HOST = "127.0.0.1"


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files under the site's path prefix, and the site's own 404.html for a missing path,
    as GitHub Pages serves a project site (https://owner.github.io/notes/)."""

    prefix = "/"
    compress = False  # gzip text files for a client that accepts it, as GitHub Pages does

    def do_GET(self):  # noqa: N802 - the stdlib's name
        path = Path(self.translate_path(self.path.split("?")[0]))
        path = path / "index.html" if path.is_dir() else path
        kind = self.guess_type(str(path))
        wanted = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and wanted and path.is_file() and kind.split("/")[0] in {"text", "application"}):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / ".outside-the-site-prefix")  # never exists: 404
        return super().translate_path("/" + path[len(self.prefix) :])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a browser cancelling a load is normal
            super().handle_error(request, client_address)


def site_prefix(root: Path) -> str:
    """The path of site_url in mkdocs.yml ("/notes/"): the site's pages and 404.html link below it."""
    match = re.search(r"^site_url:\s*(\S+)", (root / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    path = urlsplit(match.group(1)).path if match else "/"
    return path if path.endswith("/") else path + "/"


@contextmanager
def serve(directory: Path, prefix: str = "/", compress: bool = False) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 on a free port below prefix; yields the base URL (ending in /).
    With compress, text files go out gzipped, as a host such as GitHub Pages sends them."""
    handler_class = type("Handler", (_SiteHandler,), {"prefix": prefix, "compress": compress})
    handler = functools.partial(handler_class, directory=str(directory))
    server = _Server((HOST, 0), handler)  # port 0: the OS picks a free one
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[object]:
    """One headless Chromium (playwright Browser) for a whole session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def build(site_dir: Path, root: Path, stock_search: bool = False) -> None:
    """Strict build of the site; with stock_search, as a stock Material site would index it.

    Stock means: the search plugin with its default settings (language and separator taken from
    the theme), the korean-search plugin off (KOREAN_SEARCH=false) and no extra scripts.
    """
    # A child process: mkdocs-macros and the search plugin keep state between builds in one process.
    env = {**os.environ, "KOREAN_SEARCH": "false"} if stock_search else None
    argv = [sys.executable, "-m", "notekit.browser", str(site_dir), "stock" if stock_search else "site"]
    result = subprocess.run(argv, cwd=root, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise RuntimeError(f"build failed:\n{result.stdout}\n{result.stderr}")


def _build_here(site_dir: str, variant: str) -> None:
    """`python -m notekit.browser SITE_DIR stock|site`, run by build() in the project folder."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    options = {"site_dir": site_dir, "strict": True}
    if variant == "stock":
        options["extra_javascript"] = []
    config = load_config("mkdocs.yml", **options)
    if variant == "stock":
        search = config.plugins["material/search"].config
        search.lang = search.separator = search.pipeline = None
    mkdocs_build(config)


if __name__ == "__main__":
    _build_here(*sys.argv[1:3])
