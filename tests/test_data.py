"""The YAML source of truth agrees with the official parser and the checks, and its mistakes read well.

That the data validates at all is the site build's job (conftest builds it once); here are the
agreements no model can see, and the exact message a contributor gets for typical mistakes.
"""

from __future__ import annotations

import shutil

import dockerfile
import pytest

from macros.sessions import VALUE_NAMES
from macros.data import DataError, load_catalogue
from notekit.dockerfiles import CHECKS, CONTEXT_CHECKS
from tests.conftest import ROOT


def test_instruction_names_are_exactly_the_official_parsers(catalogue):
    documented = {i.name for i in catalogue.instructions.instructions}
    official = {name.upper() for name in dockerfile.all_cmds()}
    assert documented == official, f"missing {sorted(official - documented)}, unknown {sorted(documented - official)}"


def test_every_principle_check_is_implemented_and_every_implementation_is_used(catalogue):
    declared = {check.id for p in catalogue.principles.principles for check in p.checks}
    implemented = set(CHECKS) | set(CONTEXT_CHECKS)
    assert declared == implemented, (
        f"data/principles.yml declares {sorted(declared - implemented)} without an implementation; "
        f"notekit/dockerfiles.py implements {sorted(implemented - declared)} that no principle uses"
    )


# (what a contributor does to data/examples.yml, the exact message the build gives)
EXAMPLES_MISTAKES = {
    "dedented-children": (
        ("    http:\n      port: 12346\n      body: \"Hello, Kubernetes\\n\"\n", "    http:\n    port: 12346\n    body: \"Hello, Kubernetes\\n\"\n"),
        "data/examples.yml:24: examples[1].port: 'port' belongs under 'http:'; indent it one level below 'http:' "
        "(and 1 more in this file; fix this one first)",
    ),
    "typo-in-a-field": (
        ("    teaches: >-\n      빌드 스테이지", "    teachs: >-\n      빌드 스테이지"),
        "data/examples.yml:19: examples[1].teachs: unknown field 'teachs': did you mean 'teaches'? "
        "Allowed here: id, title, teaches, dockerfile, http, output, exempt",
    ),
    "unclosed-quote": (
        ("      body: \"Hello, Kubernetes\\n\"\n  - id: hello-shellform", "      body: \"Hello, Kubernetes\\n\n  - id: hello-shellform"),
        "data/examples.yml:25: YAML syntax: the quote that opens on this line is never closed (it ran on to line 34); "
        "close it on this line",
    ),
    "colon-in-a-title": (
        ("    title: 멀티 스테이지 빌드\n", "    title: 빌드: 멀티 스테이지\n"),
        "data/examples.yml:18: YAML syntax: mapping values are not allowed here; "
        "a value that holds ': ' must be in quotes: title: \"빌드: 멀티 스테이지\"",
    ),
    "broken-indentation": (
        ("    title: 멀티 스테이지 빌드\n", "     title: 멀티 스테이지 빌드\n"),
        "data/examples.yml:18: YAML syntax: mapping values are not allowed here; "
        "check the indentation, brackets and quotes on this line and the line above",
    ),
    "missing-dockerfile": (
        ("examples/hello/Dockerfile.multistage", "examples/hello/Dockerfile.multi"),
        "data/examples.yml:22: examples[1].dockerfile: 'examples/hello/Dockerfile.multi' does not exist; "
        "add it or fix the path",
    ),
    "unknown-exemption": (
        ("      small-final-image: 멀티", "      small-image: 멀티"),
        "data/examples.yml:16: examples[0].exempt.small-image: 'small-image' is not a check in data/principles.yml; "
        "did you mean 'small-final-image'? known: dockerignore-present, exec-form-start, non-root-user, "
        "pinned-base-images, remote-add-checksum, single-entrypoint, small-final-image",
    ),
    "duplicate-port": (
        ("      port: 12346", "      port: 12345"),
        "data/examples.yml:24: examples[1].http.port: '12345' is already used by examples[0]; it must be unique",
    ),
}


# (what a contributor does to data/base_images.yml, the exact message the build gives)
BASE_IMAGE_MISTAKES = {
    "measured-by-an-unmeasured-example": (
        ("    measured_by: hello-multistage", "    measured_by: hello-single-stage"),
        "data/base_images.yml:19: images[0].measured_by: 'hello-single-stage' has no size in data/measurements.yml; "
        "did you mean 'hello-single'? measured: {measured}",
    ),
    "measured-by-an-example-on-another-base": (
        ("    measured_by: hello-multistage", "    measured_by: hello-single"),
        "data/base_images.yml:19: images[0].measured_by: the final stage of examples/hello/Dockerfile starts FROM "
        "golang:1.27-trixie, not scratch; name an example built on this image, or quote the size under quoted_size",
    ),
    "unknown-libc": (
        ("    libc: musl", "    libc: uclibc"),
        "data/base_images.yml:100: images[4].libc: Input should be 'none', 'glibc' or 'musl' (got 'uclibc')",
    ),
}


REGISTRY_MISTAKES = {
    "port-of-an-example": (
        ("port: 15000", "port: 12346"),
        "data/registry.yml:4: port: '12346' is already examples[1].http.port in data/examples.yml; "
        "give the registry its own port",
    ),
    "unknown-example": (
        ("example: hello-multistage", "example: hello-multi"),
        "data/registry.yml:5: example: no example 'hello-multi' in data/examples.yml; "
        "did you mean 'hello-multistage'? known: {known}",
    ),
    "label-without-value": (
        ("rebuild_label: org.opencontainers.image.version=0.1.1", "rebuild_label: org.opencontainers.image.version"),
        "data/registry.yml:6: rebuild_label: must be KEY=VALUE, like org.example.rebuild=2 "
        "(got 'org.opencontainers.image.version')",
    ),
}


SESSIONS_MISTAKES = {
    "misspelt-step": (
        ("    steps: [build, run-once, run-args]", "    steps: [build, run-once, run-arg]"),
        "data/sessions.yml:{args_line}: sessions[5].steps[2]: no step 'run-arg' under steps:; did you mean 'run-args'? "
        "known: {steps}",
    ),
    "misspelt-value-in-a-command": (
        ("    run: curl -sS http://127.0.0.1:$port$path", "    run: curl -sS http://127.0.0.1:$prot$path"),
        "data/sessions.yml:23: steps.probe.run: $prot is not a value a step can use; did you mean 'port'? known: {values}",
    ),
    "a-step-the-example-cannot-fill": (
        ("    steps: [build, run-once, run-args]", "    steps: [build, probe, run-args]"),
        "data/sessions.yml:{args_line}: sessions[5].steps[1]: step 'probe' of session 'args' needs $port, which example "
        "'args' does not have and no earlier step captures; known: context dockerfile id image output rebuild_label "
        "registry_image registry_repository user",
    ),
}


# Every table above: (what a contributor does to the file, the exact message the build gives).
MISTAKES = {
    **{f"examples.yml:{k}": ("examples.yml", *v) for k, v in EXAMPLES_MISTAKES.items()},
    **{f"base_images.yml:{k}": ("base_images.yml", *v) for k, v in BASE_IMAGE_MISTAKES.items()},
    **{f"registry.yml:{k}": ("registry.yml", *v) for k, v in REGISTRY_MISTAKES.items()},
    **{f"sessions.yml:{k}": ("sessions.yml", *v) for k, v in SESSIONS_MISTAKES.items()},
}


@pytest.mark.parametrize("case", MISTAKES)
def test_a_data_mistake_gives_one_line_naming_file_line_and_field(case, tmp_path, catalogue):
    name, (old, new), expected = MISTAKES[case]
    shutil.copytree(ROOT / "data", tmp_path, dirs_exist_ok=True)
    path = tmp_path / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the case no longer applies to data/{name}: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_catalogue(tmp_path)
    measured = ", ".join(i.example for i in catalogue.measurements.images)
    known = ", ".join(e.id for e in catalogue.examples.examples)
    sessions_text = (ROOT / "data" / "sessions.yml").read_text(encoding="utf-8").splitlines()
    facts = {
        "measured": measured,
        "known": known,
        "steps": ", ".join(catalogue.sessions.steps),
        "values": " ".join(sorted({*VALUE_NAMES, *(c for step in catalogue.sessions.steps.values() for c in step.capture)})),
        "args_line": next(n for n, line in enumerate(sessions_text, 1) if line == "    steps: [build, run-once, run-args]"),
    }
    assert str(raised.value).replace(str(tmp_path), "data") == expected.format(**facts)
