"""What the pages show of a command's output (notekit/outputs.py): placeholders for what changes on every
run, docker's tables still aligned, and a shape that ignores numbers but not words or columns."""

from __future__ import annotations

from notekit.outputs import for_page, shape

# What `docker container ls` printed in a real run (Engine 20.10): Go's tabwriter, padding 3.
LS = (
    "CONTAINER ID   IMAGE                  COMMAND    CREATED         STATUS         PORTS                       NAMES\n"
    "3f2a9c1d0b7e   hello-multistage:0.1   \"/hello\"   2 seconds ago   Up 1 second    127.0.0.1:12346->8080/tcp   hello-multistage\n"
)


def test_volatile_fields_become_placeholders_and_columns_stay_aligned():
    header, row = for_page(LS).splitlines()
    assert row.startswith("<id> ") and "<time> ago" in row and "Up <time>" in row and "3f2a9c1d0b7e" not in row
    for column in ["IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"]:  # each value starts under its header
        value = {"IMAGE": "hello-multistage", "COMMAND": '"/hello"', "CREATED": "<time> ago", "STATUS": "Up <time>",
                 "PORTS": "127.0.0.1", "NAMES": "hello-multistage\n"}[column].strip()  # fmt: skip
        assert row.index(value, header.index(column)) == header.index(column), column


def test_log_timestamps_and_digests_become_placeholders():
    assert for_page("2026/12/06 16:02:11 listening on :8080\n") == "<date> <time> listening on :8080\n"
    assert for_page("0.1: digest: sha256:" + "a" * 64 + " size: 527\n") == "0.1: digest: sha256:<digest> size: 527\n"


def test_shape_ignores_numbers_and_padding_but_not_words():
    again = LS.replace("2 seconds ago", "About a minute ago").replace("12346", "12347").replace("   ", "      ")
    assert shape(again) == shape(LS)
    assert shape(LS.replace("hello-multistage\n", "hello-single\n")) != shape(LS)
    assert shape("a\nb: Preparing\nb: Pushed\n") == shape("a\nb: Waiting\nb: Preparing\nb: Pushed\n")
