"""mkdocs-macros entry point: loads data/ once per build and registers what pages may call.

Pages call macros as #{ example('hello-multistage') }# (the delimiters are set in mkdocs.yml so
that Go and Helm templates in notes never meet Jinja). A misspelt macro, variable or attribute and a
macro that fails are each reported once, as an ERROR naming the page and the line of that exact call,
with a suggestion, and show a red box in their place: `make build` and CI (strict) fail on the ERROR,
`make serve` keeps the rest of the page. A data/ mistake is reported once, at its file and line; each
page that uses data then shows one box saying data/ did not load, and blames nothing on the page.
"""

from __future__ import annotations

import inspect
import logging
import posixpath
import shlex
from pathlib import Path
from types import SimpleNamespace

from . import archives, bases, examples, failures, glossary, instructions, principles, reference, sessions, sizes
from .data import DataError, load_catalogue
from .failures import DataMissing, Rendering, data_failure, failed_call, page_source

log = logging.getLogger(f"mkdocs.plugins.{__name__}")
# mkdocs-macros logs a dozen "[macros] - Found ..." lines at INFO on every build (its `verbose: false`
# only quiets env.chatter()). Its warnings still show; `mkdocs build --verbose` shows everything.
if not logging.getLogger("mkdocs").isEnabledFor(logging.DEBUG):
    logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)


def define_env(env) -> None:
    Rendering.titles = dict(env.variables.get("extra", {}).get("failure_titles") or {})
    try:
        catalogue = load_catalogue()
        Rendering.data_error = None
    except DataError as error:  # reported once here; pages that use data/ show it, not an error of their own
        catalogue, Rendering.data_error = None, f"{error}"
        log.error(Rendering.data_error)

    def macro(func):
        signature = inspect.signature(func)

        def call(*args, **kwargs):
            if catalogue is None and "catalogue" in func.__code__.co_freevars:  # a macro that reads data/
                return data_failure()
            try:
                signature.bind(*args, **kwargs)
            except TypeError as error:
                return failed_call(func.__name__, args, kwargs, f"{error}; it takes ({reference._signature(func)})")
            try:
                return func(*args, **kwargs)
            except (DataError, LookupError, ValueError) as error:
                reason = error.args[0] if isinstance(error, KeyError) and error.args else error
                return failed_call(func.__name__, args, kwargs, reason)

        call.__wrapped__ = func  # the reference page reads the real signature and docstring
        env.macro(call, func.__name__)
        return func

    # Values prose may print; when data/ did not load, each use shows the one data box instead.
    env.variables["examples"] = example_variables(catalogue) if catalogue else DataMissing()
    env.variables["registry"] = registry_variables(catalogue) if catalogue else DataMissing()

    def relative_to_page(target: str) -> str:
        return posixpath.relpath(target, posixpath.dirname(page_source(env)) or ".")

    @macro
    def example(example_id: str, show: list[str] | tuple[str, ...] = ()) -> str:
        """예제 하나를 싣는다: 무엇을 가르치는지 한 줄, Dockerfile, 그리고 show에 적은 파일(빌드 컨텍스트 기준)을
        탭으로. 파일 내용은 pymdownx.snippets가 그대로 끼워 넣는다.

        예: example('hello-multistage', show=['main.go', 'go.mod'])
        """
        return examples.example(catalogue, example_id, show)

    @macro
    def example_file(path: str, title: str | None = None) -> str:
        """examples/ 아래 파일 하나를 경로를 제목으로 달아 그대로 싣는다. 없는 경로면 빌드가 실패한다.

        예: example_file('examples/hello/.dockerignore')
        """
        return examples.file_block(path, title)

    @macro
    def commands(session: str, steps: str | None = None, title: str | None = None) -> str:
        """명령 세션(data/sessions.yml)의 단계들을 명령 블록으로 싣고, 출력이 가르치는 단계는 그 아래에 출력을 싣는다.
        컨테이너 테스트가 세션마다 모든 단계를 이 순서대로 바이트 그대로 실행한다. steps는 보일 단계를 공백으로
        나열하고(세션의 순서를 따라야 한다), 주지 않으면 전부다. title은 첫 블록의 제목(주지 않으면 세션의 제목).

        예: commands('hello-multistage', 'run probe')
        """
        return sessions.commands(catalogue, session, steps, title)

    @macro
    def instruction_table(*names: str) -> str:
        """Dockerfile 명령어 개요 표. 인자가 없으면 전부, 이름을 주면 그 명령어만 준 순서대로. 이름은 레퍼런스 절로 연결된다.

        예: instruction_table('FROM', 'COPY')
        """
        reference_page = relative_to_page(instructions.REFERENCE_PAGE)
        return instructions.instruction_table(catalogue.instructions, list(names) or None, reference=reference_page)

    @macro
    def instruction_sections(*names: str) -> str:
        """명령어마다 제목, 요약, 문법, 옵션 표, 설명, 공식 레퍼런스 링크로 된 절을 만든다.

        예: instruction_sections('EXPOSE')
        """
        return instructions.instruction_sections(catalogue.instructions, list(names) or None)

    @macro
    def principles_table(*ids: str) -> str:
        """설계 원칙과, 그 원칙의 일부를 모든 예제 Dockerfile에서 확인하는 린트와 린트가 놓치는 것의 표. id를 주면 그 원칙만.

        예: principles_table('small-image', 'non-root')
        """
        return principles.principles_table(catalogue.principles, list(ids) or None)

    @macro
    def image_size_chart(*ids: str) -> str:
        """data/measurements.yml(make sizes가 기록)의 이미지 크기를 막대그래프로. 막대마다 이름과 크기를 글자로 함께 적는다.
        예제 id를 주면 그 예제만 준 순서대로 싣는다(Go 바이너리 막대는 늘 맨 아래에 있다).

        예: image_size_chart('hello-single', 'hello-multistage')
        """
        return sizes.image_size_chart(catalogue.measurements, catalogue, list(ids) or None)

    @macro
    def build_time_table(*ids: str) -> str:
        """예제마다 잰 빌드 시간(처음부터, main.go 한 줄을 고친 뒤)과 docker container stop 시간의 표. id를 주면 그 예제만.

        예: build_time_table('hello-single', 'hello-multistage')
        """
        return sizes.build_time_table(catalogue.measurements, catalogue, list(ids) or None)

    @macro
    def rebuild_speedup(with_mount: str, without_mount: str) -> str:
        """main.go 한 줄을 고친 재빌드가 캐시 마운트 없는 예제보다 몇 배 빠른지(같은 측정의 중앙값끼리 나눈 정수).
        초는 기계마다 다르지만 이 비율은 느린 기계에서도 거의 그대로다.

        예: rebuild_speedup('hello-single', 'hello-nomount')
        """
        return sizes.rebuild_speedup(catalogue.measurements, catalogue, with_mount, without_mount)

    @macro
    def stop_time_table(*ids: str) -> str:
        """서버 예제마다 시작 명령의 형식, PID 1로 도는 명령(Dockerfile에서 읽는다), make sizes가 잰
        docker container stop 시간과 그 뒤의 종료 코드를 나란히 보인다. id를 주면 그 예제만 준 순서대로.

        예: stop_time_table('hello-single', 'hello-shellform')
        """
        return sizes.stop_time_table(catalogue.measurements, catalogue, list(ids) or None)

    @macro
    def image_size_table(*ids: str) -> str:
        """같은 측정값을 표로 보이고, 측정 날짜와 엔진, 기반 이미지가 로컬 대체 이미지였는지 밝힌다. id를 주면 그 예제만.

        예: image_size_table('hello-single', 'hello-multistage')
        """
        return sizes.image_size_table(catalogue.measurements, catalogue, list(ids) or None)

    @macro
    def base_image_table(*ids: str) -> str:
        """최종 스테이지로 고를 수 있는 기반 이미지(data/base_images.yml)의 비교 표: 셸, 패키지 관리자, CA 인증서,
        tzdata, libc, root가 아닌 사용자, 크기, 출처. 크기는 여기서 잰 값(data/measurements.yml)인지 출처에서 옮긴
        값인지 칸마다 밝힌다. id를 주면 그 이미지만 준 순서대로.

        예: base_image_table('scratch', 'distroless-static')
        """
        return bases.base_image_table(catalogue.base_images, catalogue.measurements, list(ids) or None)

    @macro
    def glossary_table() -> str:
        """data/glossary.yml의 용어 표: 쓰는 말, 영어, 한 줄 정의, 쓰지 않는 말.

        예: glossary_table()
        """
        return glossary.glossary_table(catalogue.glossary)

    @macro
    def data_fields(name: str) -> str:
        """data/ 아래 YAML 파일 하나의 필드 표를 pydantic 모델에서 만든다. 인자는 확장자를 뺀 파일 이름이다.

        예: data_fields('principles')
        """
        return reference.data_fields(name)

    @macro
    def macro_reference() -> str:
        """등록된 매크로를 모두 찾아 설명, 인자, 호출 예, 출력 예를 보인다. 이 절이 바로 그 출력이다."""
        return reference.macro_reference(project_macros(env)) if catalogue else data_failure()


def on_pre_page_macros(env) -> None:
    failures.start_page(env)


def on_post_page_macros(env) -> None:
    """Failures that could not print in place open the page."""
    env.markdown = failures.unshown_boxes() + env.markdown


def on_post_build(env) -> None:
    """Every example folder as a zip next to the pages (macros/archives.py)."""
    archives.write_all(Path(env.conf["site_dir"]))


def project_macros(env) -> dict:
    """The macros registered above (not mkdocs-macros' built-ins), unwrapped, in registration order."""
    return {name: inspect.unwrap(f) for name, f in env.macros.items() if getattr(f, "__module__", None) == __name__}


def example_variables(catalogue) -> dict[str, SimpleNamespace]:
    """What prose may say about an example, read from data/ and the Dockerfile, never typed into a page:
    #{ examples['hello-multistage'].port }# is the published port, .pid1 the command line PID 1 runs."""
    out = {}
    for ex in catalogue.examples.examples:
        facts = catalogue.facts(ex)
        out[ex.id] = SimpleNamespace(
            id=ex.id,
            image=ex.image,
            dockerfile=ex.dockerfile,
            context=ex.context,
            user=facts.user,
            container_port=facts.port,
            port=ex.http.port if ex.http else None,
            body=ex.http.body.strip() if ex.http else ex.output,
            pid1=shlex.join(facts.pid1) if facts.pid1 else None,
        )
    return out


def registry_variables(catalogue) -> SimpleNamespace:
    """The practice registry of the registry page: #{ registry.image }# is 127.0.0.1:<port>/<example>:0.1."""
    registry = catalogue.registry
    return SimpleNamespace(
        port=registry.port,
        host=registry.host,
        repository=registry.repository,
        image=registry.image,
        rebuild_label=registry.rebuild_label,
        example=registry.example,
        digest=sessions.placeholder("digest"),  # where the page puts a digest that is only known at run time
    )
