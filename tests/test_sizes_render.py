"""The size table and chart render functions, tested on made-up figures without MkDocs."""

from __future__ import annotations

import datetime

import pytest
from bs4 import BeautifulSoup

from macros.models import MeasurementsFile
from macros.sizes import build_time_table, human, image_size_chart, image_size_table, rebuild_speedup, stop_time_table

def figures(stand_in: bool = True, single: int = 450_000_000, multi: int = 5_900_000) -> MeasurementsFile:
    return MeasurementsFile(
        measured_on=datetime.date(2026, 1, 2),
        engine="podman",
        engine_version="4.3.1",
        storage_driver="overlay",
        base_images=[{"name": "golang:1.27-trixie", "stand_in": stand_in, "size_bytes": 358_000_000}],
        images=[
            {"example": "hello-multistage", "image": "hello-multistage:0.1", "size_bytes": multi},
            {"example": "hello-single", "image": "hello-single:0.1", "size_bytes": single},
        ],
        go_binary={"example": "hello-multistage", "path": "/hello", "size_bytes": 5_836_960,
                   "static": True, "stripped": True},
    )  # fmt: skip


def test_human_uses_decimal_megabytes():
    assert human(5_836_960) == "5.8 MB"
    assert human(454_000_000) == "454.0 MB"


def test_table_lists_largest_first_and_ends_with_the_go_binary(catalogue):
    table = image_size_table(figures(), catalogue)
    rows = [line for line in table.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert [r.split("|")[2].strip() for r in rows] == [
        "<code>hello-single:0.1</code>", "<code>hello-multistage:0.1</code>", "<code>/hello</code>"
    ]
    assert "450,000,000" in rows[0] and "77.1배" in rows[0]
    assert rows[-1].split("|")[-2].strip() == "1.0배"


def test_table_says_plainly_when_base_images_were_stand_ins(catalogue):
    assert '!!! warning "로컬 대체 이미지로 잰 값"' in image_size_table(figures(stand_in=True), catalogue)
    assert "<code>golang:1.27-trixie</code> = 로컬 대체 이미지" in image_size_table(figures(True), catalogue)
    real = image_size_table(figures(stand_in=False), catalogue)
    assert "!!! warning" not in real and "레지스트리에서 받은 실제 이미지" in real


def test_chart_bars_are_proportional_and_every_bar_has_text(catalogue):
    soup = BeautifulSoup(image_size_chart(figures(), catalogue), "html.parser")
    bars = soup.select(".size-chart__bar")
    widths = [float(b["style"].split("width:")[1].split("%")[0]) for b in bars]
    assert widths[0] == 100.0
    assert widths[1] == pytest.approx(100 * 5_900_000 / 450_000_000, abs=0.01)
    labels = [s.get_text(" ", strip=True) for s in soup.select(".size-chart__label")]
    values = [s.get_text() for s in soup.select(".size-chart__value")]
    assert labels[0].startswith("단일 스테이지 빌드") and labels[-1].startswith("Go 바이너리")
    assert values == ["450.0 MB", "5.9 MB", "5.8 MB"]
    assert soup.figure.figcaption.get_text().endswith("1.3 %다.")
    assert not soup.select("script") and "http" not in str(soup)


def test_chart_escapes_text_from_the_data(catalogue):
    data = figures()
    hostile = data.model_copy(update={"go_binary": data.go_binary.model_copy(update={"path": "/<b>x</b>"})})
    assert "<b>x</b>" not in image_size_chart(hostile, catalogue)


def test_time_table_shows_each_measured_time_and_says_what_was_not_measured(catalogue):
    data = figures()
    timed = data.images[1].model_copy(update={"build_cold_s": 56.61, "build_after_edit_s": 2.11, "stop_s": 0.16})
    table = build_time_table(data.model_copy(update={"images": [data.images[0], timed]}), catalogue)
    rows = [line for line in table.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert rows[1].split("|")[3:6] == [" 56.6초 ", " 2.1초 ", " 0.2초 "]
    assert rows[0].count("측정 안 함") == 3


def test_table_states_the_earlier_size_next_to_todays(catalogue):
    data = MeasurementsFile.model_validate({**figures().model_dump(), "earlier": [
        {"example": "hello-single", "revision": "2bb93c6", "engine": "podman 4.3.1", "size_bytes": 454_004_528,
         "why": "Go 빌드 캐시가 남던 Dockerfile"},
    ]})  # fmt: skip
    table = image_size_table(data, catalogue)
    assert "커밋 <code>2bb93c6</code>의 Dockerfile, podman 4.3.1: 454.0 MB" in table
    assert "454.0 MB(454,004,528 바이트)" in table and "지금은 450.0 MB(450,000,000 바이트)" in table
    assert "예전 Dockerfile" not in image_size_table(figures(), catalogue)


def test_ids_pick_and_order_the_examples_shown(catalogue):
    table = image_size_table(figures(), catalogue, ["hello-multistage"])
    assert "hello-single:0.1" not in table and "hello-multistage:0.1" in table
    times = build_time_table(figures(), catalogue, ["hello-single", "hello-multistage"])
    rows = [line for line in times.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert [r.split("|")[2].strip() for r in rows] == ["<code>hello-single:0.1</code>", "<code>hello-multistage:0.1</code>"]
    with pytest.raises(LookupError, match="hello-singel"):
        image_size_chart(figures(), catalogue, ["hello-singel"])
    with pytest.raises(ValueError, match="no figures for 'hello-shellform'"):
        stop_time_table(figures(), catalogue, ["hello-shellform"])


def test_stop_table_shows_form_pid_1_time_and_exit_code_side_by_side(catalogue):
    data = figures()
    images = [
        data.images[1].model_copy(update={"stop_s": 0.21, "stop_exit_code": 0}),
        data.images[1].model_copy(update={"example": "hello-shellform", "image": "hello-shellform:0.1",
                                          "stop_s": 10.18, "stop_exit_code": 137}),
    ]  # fmt: skip
    table = stop_time_table(data.model_copy(update={"images": images}), catalogue, ["hello-shellform", "hello-single"])
    rows = [[c.strip() for c in line.split("|")[1:-1]] for line in table.splitlines() if line.startswith("| ")][1:]
    assert rows[0][1:] == ["셸 형식", "<code>/bin/sh -c /usr/local/bin/hello</code>", "10.18초", "137: SIGKILL(128+9)로 끝났다"]
    assert rows[1][1:] == ["exec 형식", "<code>/usr/local/bin/hello</code>", "0.21초", "0: 앱이 스스로 끝났다"]
    assert table.rstrip().endswith("podman 4.3.1.")


def test_times_show_their_spread_and_the_rebuild_lesson_is_a_ratio(catalogue):
    data = figures()
    mount = data.images[1].model_copy(update={"build_after_edit_s": 0.94, "build_after_edit_range_s": [0.9, 1.2]})
    nomount = data.images[0].model_copy(update={"example": "hello-nomount", "image": "hello-nomount:0.1",
                                                "build_after_edit_s": 18.8, "build_after_edit_range_s": [17.0, 19.1]})  # fmt: skip
    timed = data.model_copy(update={"images": [mount, nomount]})
    rows = [line for line in build_time_table(timed, catalogue).splitlines() if line.startswith("| ")][1:]
    assert [r.split("|")[4].strip() for r in rows] == ["0.9초 (0.9–1.2)", "18.8초 (17.0–19.1)"]
    assert rebuild_speedup(timed, catalogue, "hello-single", "hello-nomount") == "20"
    with pytest.raises(ValueError, match="no rebuild time for 'hello-multistage'"):
        rebuild_speedup(figures(), catalogue, "hello-multistage", "hello-single")
