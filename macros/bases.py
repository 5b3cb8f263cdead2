"""Render the base-image comparison (data/base_images.yml) for the final stage.

A size is shown in one of two ways, and the cell says which: measured here (read from
data/measurements.yml at render time, never copied into base_images.yml) or quoted from the
source linked in the cell, because this repository cannot pull those images.
"""

from __future__ import annotations

from . import markup as m
from .data import pick
from .models import BaseImage, BaseImagesFile, Link, MeasurementsFile
from .sizes import human
from .page import Page, page_macro

LIBC = {"none": "없음", "glibc": "glibc", "musl": "musl"}


def _links(links: list[Link]) -> str:
    return ", ".join(m.link(str(link.url), m.text(link.title)) for link in links)


def _has(value: bool) -> str:
    return "있음" if value else "없음"


def _shell(base: BaseImage) -> str:
    cell = m.text(base.shell) if base.shell else "없음"
    if base.debug:
        cell += f"<br>디버깅: {m.text(base.debug)}"
    return cell


def _user(base: BaseImage) -> str:
    cell = f"{m.code_span(base.user.name)}(UID {base.user.uid})" if base.user else "없음"
    if base.user_note:
        cell += f"<br>{m.text(base.user_note)}"
    return cell


def _size(base: BaseImage, measurements: MeasurementsFile) -> str:
    if base.measured_by:
        by_example = {i.example: i for i in measurements.images}
        if base.measured_by not in by_example:
            raise KeyError(
                f"base image '{base.id}' is measured_by '{base.measured_by}', which data/measurements.yml does not have; "
                f"measured: {', '.join(by_example)}"
            )
        image = by_example[base.measured_by]
        binary = measurements.go_binary
        cell = f"**여기서 잰 값**: 예제 이미지 {m.code_span(image.image)} {human(image.size_bytes)}"
        if binary.example == base.measured_by:
            rest = image.size_bytes - binary.size_bytes
            cell += f", 그중 Go 바이너리 {human(binary.size_bytes)}, 나머지 {rest:,} 바이트"
        return cell + f"(압축 전, {measurements.measured_on.isoformat()} 측정)"
    quoted = base.quoted_size
    if quoted is None:
        return "출처에 크기가 없다"
    figures = []
    if quoted.compressed_bytes:
        figures.append(f"압축 {human(quoted.compressed_bytes)}")
    if quoted.uncompressed_mb:
        figures.append(f"풀면 약 {quoted.uncompressed_mb:.1f} MB")
    if quoted.stated:
        figures.append(f"“{m.text(quoted.stated)}”")
    return f"{', '.join(figures)}<br>**인용**({_links(quoted.sources)})"


FIELDS = ["셸", "패키지 관리자", "CA 인증서", "tzdata", "libc", "root가 아닌 사용자", "크기", "출처"]


def _card(base: BaseImage, measurements: MeasurementsFile) -> str:
    """One image as a card: its name, then one line per property (reads on a phone, unlike a 9-column table)."""
    values = [
        _shell(base),
        m.text(base.package_manager) if base.package_manager else "없음",
        _has(base.ca_certificates),
        _has(base.tzdata),
        LIBC[base.libc],
        _user(base),
        _size(base, measurements),
        _links(base.sources),
    ]
    lines = "\n".join(f"- {field}: {value}" for field, value in zip(FIELDS, values))
    return f'<div class="base-image" markdown>\n\n**{m.text(base.title)}** {m.code_span(base.image)}\n\n{lines}\n\n</div>\n\n'


def base_image_table(data: BaseImagesFile, measurements: MeasurementsFile, ids: list[str] | None = None) -> str:
    """One card per base image: what it holds, its non-root user, its size (measured or quoted) and sources."""
    chosen = [pick(data.images, i, "data/base_images.yml", "base image") for i in ids] if ids else data.images
    cards = "".join(_card(base, measurements) for base in chosen)
    return f'\n\n<div class="base-images" markdown>\n\n{cards}</div>\n\n'


# --- what pages call (macros/page.py) -----------------------------------------------------


@page_macro("base_image_table")
def base_image_table_macro(page: Page, *ids: str) -> str:
    """최종 스테이지로 고를 수 있는 기반 이미지(data/base_images.yml)의 비교 표: 셸, 패키지 관리자, CA 인증서,
    tzdata, libc, root가 아닌 사용자, 크기, 출처. 크기는 여기서 잰 값(data/measurements.yml)인지 출처에서 옮긴
    값인지 칸마다 밝힌다. id를 주면 그 이미지만 준 순서대로.

    예: base_image_table('scratch', 'distroless-static')
    """
    return base_image_table(page.catalogue.base_images, page.catalogue.measurements, list(ids) or None)
