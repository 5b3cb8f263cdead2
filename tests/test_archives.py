"""Example folders as zips in the built site: byte for byte the tested files, reproducible, linkable."""

from __future__ import annotations

import os
import posixpath
import shutil
import zipfile

from macros import archives
from tests.conftest import ROOT


def test_every_example_folder_is_in_the_built_site_byte_for_byte(built_site):
    folders = sorted(p for p in (ROOT / "examples").iterdir() if p.is_dir())
    assert folders
    for folder in folders:
        with zipfile.ZipFile(built_site / "examples" / f"{folder.name}.zip") as zf:
            names = zf.namelist()
            expected = [f"examples/{folder.name}/{p.relative_to(folder).as_posix()}" for p in archives.files(folder)]
            assert names == expected, f"{folder.name}.zip holds {names}"
            for name in names:
                assert zf.read(name) == (ROOT / name).read_bytes(), f"{name} differs from the repository"


def test_the_same_files_give_the_same_bytes_whatever_their_dates(tmp_path):
    copy = tmp_path / "hello"
    shutil.copytree(ROOT / "examples" / "hello", copy)
    for path in copy.rglob("*"):
        os.utime(path, (1_000_000_000, 1_000_000_000))
    assert archives.archive(copy) == archives.archive(ROOT / "examples" / "hello")


def test_every_page_that_shows_an_example_links_its_folders_zip(built_site, catalogue):
    """Read from the built pages: each example's page links the zip of its folder, and every link resolves."""
    from bs4 import BeautifulSoup

    linked = set()
    for page in built_site.rglob("*.html"):
        for a in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("p.example-download a[download]"):
            target = (page.parent / a["href"]).resolve()
            assert target.is_file(), f"{page.relative_to(built_site)} links {a['href']}, which the build did not write"
            linked.add(target.name)
    assert linked == {f"{posixpath.basename(e.context)}.zip" for e in catalogue.examples.examples}


def test_download_link_points_at_the_zip_from_the_page():
    link = archives.download_link("examples/hello", "docker/build/", "{folder}/ ({name}.zip)")
    href = link.split('href="')[1].split('"')[0]
    assert posixpath.normpath(posixpath.join("docker/build/", href)) == "examples/hello.zip"
    assert " download>examples/hello/ (hello.zip)<" in link
