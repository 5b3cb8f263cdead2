"""Render the measured image sizes (data/measurements.yml) as a table and a bar chart.

The chart is plain HTML and inline CSS: no script, no request to another host. Every bar has
its label and its value as text beside it, so it reads the same without the picture.
"""

from __future__ import annotations

import html
import shlex

from . import markup as m
from .data import Catalogue
from .models import MeasurementsFile
from .page import Page, page_macro


def human(size: int) -> str:
    """Decimal megabytes with one decimal, as the engines print them (1 MB = 1,000,000 bytes)."""
    return f"{size / 1_000_000:.1f} MB"


def _title(catalogue: Catalogue, example_id: str) -> str:
    return catalogue.example(example_id).title


def only(data: MeasurementsFile, catalogue: Catalogue, ids: list[str] | None) -> MeasurementsFile:
    """The figures of the examples named in `ids`, in that order (all of them when ids is empty)."""
    if not ids:
        return data
    by_example = {i.example: i for i in data.images}
    for example_id in ids:
        catalogue.example(example_id)  # an unknown id fails with a suggestion
        if example_id not in by_example:
            raise ValueError(f"data/measurements.yml has no figures for '{example_id}'; run make sizes")
    return data.model_copy(update={"images": [by_example[i] for i in ids]})


def _rows(data: MeasurementsFile, catalogue: Catalogue) -> list[tuple[str, str, int]]:
    """(label, image or path, bytes), largest first, ending with the Go binary as the floor."""
    images = sorted(data.images, key=lambda i: i.size_bytes, reverse=True)
    rows = [(_title(catalogue, i.example), i.image, i.size_bytes) for i in images]
    rows.append(("Go 바이너리(바닥)", data.go_binary.path, data.go_binary.size_bytes))
    return rows


def stand_in_note(data: MeasurementsFile) -> str:
    """Names each base image and whether it was a local stand-in (the page explains stand-ins in its own words)."""
    parts = []
    for base in data.base_images:
        kind = "로컬 대체 이미지" if base.stand_in else "레지스트리에서 받은 실제 이미지"
        parts.append(f"{m.code(base.name)} = {kind}")
    driver = f", 저장소 드라이버 {m.code(data.storage_driver)}" if data.storage_driver else ""
    line = (
        f"측정: {data.measured_on.isoformat()}, {m.text(data.engine)} {m.text(data.engine_version)}{driver}. "
        f"기반 이미지: {'; '.join(parts)}."
    )
    return line + "\n\n"


def earlier_note(data: MeasurementsFile, catalogue: Catalogue) -> str:
    """What an example's image weighed with an earlier Dockerfile, next to today's figure."""
    now = {i.example: i.size_bytes for i in data.images}
    lines = []
    for old in (o for o in data.earlier if o.example in now):
        lines.append(
            f"- {m.text(_title(catalogue, old.example))}: 커밋 {m.code(old.revision)}의 Dockerfile, "
            f"{m.text(old.engine)}: {human(old.size_bytes)}({old.size_bytes:,} 바이트). {m.text(old.why)}. "
            f"지금은 {human(now[old.example])}({now[old.example]:,} 바이트)."
        )
    return "예전 Dockerfile로 잰 크기:\n\n" + "\n".join(lines) + "\n\n" if lines else ""


def image_size_table(data: MeasurementsFile, catalogue: Catalogue, ids: list[str] | None = None) -> str:
    data = only(data, catalogue, ids)
    floor = data.go_binary.size_bytes
    rows = [
        [m.text(label), m.code(name), human(size), f"{size:,}", f"{size / floor:.1f}배"]
        for label, name, size in _rows(data, catalogue)
    ]
    table = m.table(["대상", "이미지 또는 파일", "크기", "바이트", "Go 바이너리 대비"], rows)
    return table + stand_in_note(data) + earlier_note(data, catalogue)


def _seconds(value: float | None, digits: int = 1, spread: list[float] | None = None) -> str:
    """A median in seconds, with its spread (min–max of the runs) when there was more than one run."""
    if value is None:
        return "측정 안 함"
    if spread is None:
        return f"{value:.{digits}f}초"
    return f"{value:.{digits}f}초 ({spread[0]:.{digits}f}–{spread[1]:.{digits}f})"


def rebuild_speedup(data: MeasurementsFile, catalogue: Catalogue, with_mount: str, without_mount: str) -> str:
    """How many times faster the one-line-edit rebuild of `with_mount` is than that of `without_mount`:
    a ratio of two medians from the same run, which a slower machine keeps, unlike the seconds."""
    times = only(data, catalogue, [with_mount, without_mount]).images
    fast, slow = (i.build_after_edit_s for i in times)
    if fast is None or slow is None:
        raise ValueError(f"data/measurements.yml has no rebuild time for '{with_mount}' or '{without_mount}'; run make sizes")
    return f"{slow / fast:.0f}"


def build_time_table(data: MeasurementsFile, catalogue: Catalogue, ids: list[str] | None = None) -> str:
    """Build times (cold, and after a one-line main.go change) and `docker container stop` time per example."""
    data = only(data, catalogue, ids)
    rows = [
        [m.text(_title(catalogue, i.example)), m.code(i.image), _seconds(i.build_cold_s, spread=i.build_cold_range_s),
         _seconds(i.build_after_edit_s, spread=i.build_after_edit_range_s), _seconds(i.stop_s, spread=i.stop_range_s)]
        for i in data.images
    ]  # fmt: skip
    headers = ["예제", "이미지", "처음 빌드(--no-cache)", "main.go 한 줄 수정 후 재빌드", "docker container stop"]
    where = f"측정: {data.measured_on.isoformat()}, {m.text(data.engine)} {m.text(data.engine_version)}."
    return m.table(headers, rows) + where + "\n\n"


EXIT_CODES = {0: "앱이 스스로 끝났다", 137: "SIGKILL(128+9)로 끝났다", 143: "SIGTERM(128+15)에 처리기 없이 끝났다"}


def _exit(code: int | None) -> str:
    if code is None:
        return "측정 안 함"
    return f"{code}: {EXIT_CODES[code]}" if code in EXIT_CODES else str(code)


def stop_time_table(data: MeasurementsFile, catalogue: Catalogue, ids: list[str] | None = None) -> str:
    """Per server example: the start command's form, what runs as PID 1, the measured stop time and exit code."""
    data = only(data, catalogue, ids)
    rows = []
    for image in data.images:
        example = catalogue.example(image.example)
        if not example.http:
            continue  # a program ends by itself; nothing to stop
        facts = catalogue.facts(example)
        form = "셸 형식" if facts.shell_form else "exec 형식"
        pid1 = m.code(shlex.join(facts.pid1)) if facts.pid1 else "없음"
        rows.append([m.text(example.title), form, pid1, _seconds(image.stop_s, 2, image.stop_range_s), _exit(image.stop_exit_code)])
    headers = ["예제", "시작 명령", "PID 1", "docker container stop", "종료 코드"]
    where = f"측정: {data.measured_on.isoformat()}, {m.text(data.engine)} {m.text(data.engine_version)}."
    return m.table(headers, rows) + where + "\n\n"


def image_size_chart(data: MeasurementsFile, catalogue: Catalogue, ids: list[str] | None = None) -> str:
    data = only(data, catalogue, ids)
    rows = _rows(data, catalogue)
    largest = max(size for _, _, size in rows)
    cells = []
    for label, name, size in rows:
        width = 100 * size / largest
        cells.append(
            f'<span class="size-chart__label">{html.escape(label)} <code>{html.escape(name)}</code></span>'
            f'<span class="size-chart__track"><span class="size-chart__bar" style="display:block;'
            f"width:{width:.2f}%;min-width:3px;height:1.2em;background:var(--md-primary-fg-color);"
            f'border-radius:2px"></span></span>'
            f'<span class="size-chart__value">{human(size)}</span>'
        )
    smallest_image = min(i.size_bytes for i in data.images)
    caption = (
        f"이미지 크기 비교(막대 길이는 가장 큰 값 {human(largest)}에 비례). "
        f"가장 작은 이미지는 가장 큰 이미지의 {100 * smallest_image / largest:.1f} %다."
    )
    # The grid's columns are in docs/stylesheets/extra.css: labels wrap, and on a phone each bar gets a line of its own.
    return (
        '\n\n<figure class="size-chart" style="display:block;width:100%;margin:1em 0;text-align:left">\n'
        '<div class="size-chart__grid">'
        + "".join(cells)
        + f'</div>\n<figcaption style="max-width:none;text-align:left">{html.escape(caption)}</figcaption>\n</figure>\n\n'
    )


# --- what pages call (macros/page.py) -----------------------------------------------------


@page_macro("image_size_chart")
def image_size_chart_macro(page: Page, *ids: str) -> str:
    """data/measurements.yml(make sizes가 기록)의 이미지 크기를 막대그래프로. 막대마다 이름과 크기를 글자로 함께 적는다.
    예제 id를 주면 그 예제만 준 순서대로 싣는다(Go 바이너리 막대는 늘 맨 아래에 있다).

    예: image_size_chart('hello-single', 'hello-multistage')
    """
    return image_size_chart(page.catalogue.measurements, page.catalogue, list(ids) or None)


@page_macro("build_time_table")
def build_time_table_macro(page: Page, *ids: str) -> str:
    """예제마다 잰 빌드 시간(처음부터, main.go 한 줄을 고친 뒤)과 docker container stop 시간의 표. id를 주면 그 예제만.

    예: build_time_table('hello-single', 'hello-multistage')
    """
    return build_time_table(page.catalogue.measurements, page.catalogue, list(ids) or None)


@page_macro("rebuild_speedup")
def rebuild_speedup_macro(page: Page, with_mount: str, without_mount: str) -> str:
    """main.go 한 줄을 고친 재빌드가 캐시 마운트 없는 예제보다 몇 배 빠른지(같은 측정의 중앙값끼리 나눈 정수).
    초는 기계마다 다르지만 이 비율은 느린 기계에서도 거의 그대로다.

    예: rebuild_speedup('hello-single', 'hello-nomount')
    """
    return rebuild_speedup(page.catalogue.measurements, page.catalogue, with_mount, without_mount)


@page_macro("stop_time_table")
def stop_time_table_macro(page: Page, *ids: str) -> str:
    """서버 예제마다 시작 명령의 형식, PID 1로 도는 명령(Dockerfile에서 읽는다), make sizes가 잰
    docker container stop 시간과 그 뒤의 종료 코드를 나란히 보인다. id를 주면 그 예제만 준 순서대로.

    예: stop_time_table('hello-single', 'hello-shellform')
    """
    return stop_time_table(page.catalogue.measurements, page.catalogue, list(ids) or None)


@page_macro("image_size_table")
def image_size_table_macro(page: Page, *ids: str) -> str:
    """같은 측정값을 표로 보이고, 측정 날짜와 엔진, 기반 이미지가 로컬 대체 이미지였는지 밝힌다. id를 주면 그 예제만.

    예: image_size_table('hello-single', 'hello-multistage')
    """
    return image_size_table(page.catalogue.measurements, page.catalogue, list(ids) or None)
