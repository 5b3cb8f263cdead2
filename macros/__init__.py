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
from collections import Counter
from types import SimpleNamespace

import jinja2
from jinja2 import nodes
from jinja2.utils import missing

from . import bases, commands, examples, glossary, instructions, principles, reference, sizes
from .data import ROOT, DataError, load_catalogue, suggest

log = logging.getLogger(f"mkdocs.plugins.{__name__}")
# mkdocs-macros logs a dozen "[macros] - Found ..." lines at INFO on every build (its `verbose: false`
# only quiets env.chatter()). Its warnings still show; `mkdocs build --verbose` shows everything.
if not logging.getLogger("mkdocs").isEnabledFor(logging.DEBUG):
    logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)


class Rendering:
    """The page being rendered and what it has reported so far (reset by on_pre_page_macros)."""

    env = None
    titles: dict = {}  # extra.failure_titles in mkdocs.yml: the boxes' Korean titles
    data_error: str | None = None  # the first data/ mistake, when data/ did not load
    data_shown = False
    tree: nodes.Template | None = None
    seen: Counter = Counter()  # failures per call or name on this page: the n-th one is the n-th in the source
    unshown: list = []  # failures that could not print where they happened (a loop, an `if`)


def failure(message: str, *, logged: bool = False, kind: str = "macro") -> str:
    """Log once (strict builds count it) and show the problem where the output would have been."""
    if not logged:
        log.error(message)
    title = Rendering.titles.get(kind, f"{kind} failed")
    return f'\n\n!!! failure "{title}"\n\n    {message.replace(chr(10), " ")}\n\n'


def data_failure() -> str:
    """The box of a page that uses data/ when it did not load: once per page, logged once per build."""
    if Rendering.data_shown:
        return ""
    Rendering.data_shown = True
    return failure(f"data/ did not load: {Rendering.data_error}", logged=True, kind="data")


def page_source(env) -> str:
    """The page being rendered, relative to docs/ (MkDocs: page.file.src_uri; Zensical: page.path)."""
    file = getattr(env.page, "file", None)
    return file.src_uri if file else env.page.path


def locate(matches, key) -> tuple[str, nodes.Node | None]:
    """`docs/<page>:<line>` and the node of the n-th match of `matches` in the page's source, for the n-th
    failure of `key` on this page (Jinja renders in source order)."""
    path = page_source(Rendering.env)
    if Rendering.tree is None:
        try:
            Rendering.tree = Rendering.env.env.parse((ROOT / "docs" / path).read_text(encoding="utf-8"))
        except (OSError, jinja2.TemplateSyntaxError):
            Rendering.tree = nodes.Template([])
    found = sorted((n for n in Rendering.tree.find_all(nodes.Expr) if matches(n)), key=lambda n: n.lineno)
    index, Rendering.seen[key] = Rendering.seen[key], Rendering.seen[key] + 1
    node = found[min(index, len(found) - 1)] if found else None
    return f"docs/{path}" + (f":{node.lineno}" if node else ""), node


def _same(node: nodes.Node, value) -> bool:
    """A call's argument matches the value it was called with (an expression matches anything)."""
    try:
        return node.as_const() == value
    except nodes.Impossible:
        return True


def call_of(name: str, args: tuple, kwargs: dict):
    """Matches the source of this exact call: the name and every argument, so a page that calls a macro twice
    with the same first argument is told which call failed."""

    def matches(node) -> bool:
        return (
            isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and node.node.name == name
            and len(node.args) == len(args) and all(_same(n, v) for n, v in zip(node.args, args))
            and {k.key for k in node.kwargs} == set(kwargs) and all(_same(k.value, kwargs[k.key]) for k in node.kwargs)
        )  # fmt: skip

    return matches


def shown_call(name: str, args: tuple, kwargs: dict) -> str:
    return f"{name}({', '.join([*map(repr, args), *(f'{k}={v!r}' for k, v in kwargs.items())])})"


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
            shown = shown_call(func.__name__, args, kwargs)
            try:
                signature.bind(*args, **kwargs)
            except TypeError as error:
                takes = f"{func.__name__} takes ({reference._signature(func)})"
                return failure(f"{locate(call_of(func.__name__, args, kwargs), shown)[0]}: {shown}: {error}; {takes}")
            try:
                return func(*args, **kwargs)
            except (DataError, LookupError, ValueError) as error:
                reason = error.args[0] if isinstance(error, KeyError) and error.args else error
                return failure(f"{locate(call_of(func.__name__, args, kwargs), shown)[0]}: {shown}: {reason}")

        call.__wrapped__ = func  # the reference page reads the real signature and docstring
        env.macro(call, func.__name__)
        return func

    # Values prose may print; when data/ did not load, each use shows the one data box instead.
    env.variables["examples"] = example_variables(catalogue) if catalogue else DataMissing()
    env.variables["registry"] = registry_variables(catalogue) if catalogue else DataMissing()
    env.variables["glossary_terms"] = catalogue.glossary if catalogue else None

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
    def example_commands(example_id: str, steps: str | None = None) -> str:
        """예제를 빌드·실행·확인·정리하는 명령과 기대하는 응답(또는 출력). 컨테이너 테스트가 바이트 그대로 실행하는
        명령이다. steps로 보일 단계를 공백으로 나열한다(build run list user top logs probe stop remove). 주지 않으면
        서버 예제는 build run probe stop remove, 출력 예제는 build run이다.

        예: example_commands('hello-multistage', 'run probe')
        """
        return examples.example_commands(catalogue, example_id, steps)

    @macro
    def registry_commands(steps: str) -> str:
        """레지스트리 페이지의 명령: 예제 이미지에 레지스트리 이름을 붙여 올리고, 다이제스트로 받고, 같은 태그로 다시
        올린다. 컨테이너 테스트가 로컬 레지스트리에 바이트 그대로 실행한다(DIGEST 자리에만 실제 다이제스트를 넣는다).
        steps는 tag push digest pull id rebuild pull-tag 중에서 공백으로 나열한다.

        예: registry_commands('pull id')
        """
        return examples.registry_commands(catalogue, steps)

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
        """설계 원칙과, 그 원칙을 모든 예제 Dockerfile에 강제하는 자동 검사의 표. id를 주면 그 원칙만.

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


def looks_up(node: nodes.Node, name) -> bool:
    """`node` is `<something>.name` or `<something>['name']`."""
    if isinstance(node, nodes.Getattr):
        return node.attr == name
    return isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const) and node.arg.value == name


def expression(node: nodes.Node) -> str:
    """`examples['hello-single']` back from its node, to name what lacks an attribute."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{expression(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        key = repr(node.arg.value) if isinstance(node.arg, nodes.Const) else "…"
        return f"{expression(node.node)}[{key}]"
    return "the value"


class Undefined(jinja2.ChainableUndefined):
    """A misspelt name, attribute or key: one ERROR with the page, the line and a suggestion, and a red box where
    it would have printed. Chainable, so `exampels['x'].port` and `exmple(...)` reach __str__ as one failure.
    jinja2 binds Undefined's dunders to the base methods when the class is made, so each is overridden here."""

    __slots__ = ("_message",)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._message = None

    def _report(self) -> str:
        if self._message is None:
            name, owner, env = self._undefined_name, self._undefined_obj, Rendering.env
            if owner is missing:
                where, _ = locate(lambda n: isinstance(n, nodes.Name) and n.name == name, ("name", name))
                known = sorted({*project_macros(env), *env.variables})
                self._message = f"{where}: '{name}' is not a macro or variable; {suggest(name, known)}".rstrip("; ")
            else:
                where, node = locate(lambda n: looks_up(n, name), ("attr", name))
                fields = owner if isinstance(owner, dict) else getattr(owner, "__dict__", ())
                known = [str(k) for k in fields if not str(k).startswith("_")]
                hint = suggest(str(name), known) or f"known: {', '.join(known)}"
                what = expression(node.node) if node else "the value"
                self._message = f"{where}: {what} has no '{name}'; {hint}".rstrip("; ")
            log.error(self._message)
            Rendering.unshown.append(self._message)
        return self._message

    def __str__(self) -> str:
        message = self._report()
        if message in Rendering.unshown:
            Rendering.unshown.remove(message)
        return failure(message, logged=True)

    def __call__(self, *args, **kwargs) -> Undefined:
        return self

    def __iter__(self):
        self._report()
        return iter(())

    def __bool__(self) -> bool:
        self._report()
        return False

    def __len__(self) -> int:
        self._report()
        return 0

    def _chain(self, *args, **kwargs) -> Undefined:
        self._report()
        return self

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __truediv__ = __rtruediv__ = _chain
    __floordiv__ = __rfloordiv__ = __mod__ = __rmod__ = __pow__ = __rpow__ = __pos__ = __neg__ = _chain
    __lt__ = __le__ = __gt__ = __ge__ = _chain


class DataMissing(jinja2.ChainableUndefined):
    """A data/ variable when data/ did not load: printing it shows the page's one data box."""

    __slots__ = ()

    def __str__(self) -> str:
        return data_failure()

    def __call__(self, *args, **kwargs) -> DataMissing:
        return self


def on_pre_page_macros(env) -> None:
    """mkdocs-macros creates its Jinja environment after define_env(), so the Undefined type is set here."""
    Rendering.env, Rendering.tree, Rendering.data_shown = env, None, False
    Rendering.seen, Rendering.unshown = Counter(), []
    env.env.undefined = Undefined


def on_post_page_macros(env) -> None:
    """A failure that could not print in place (a loop, an `if`) opens the page; then glossary tooltips: the abbr
    extension turns `*[term]: definition` lines into hover text."""
    env.markdown = "".join(failure(message, logged=True) for message in Rendering.unshown) + env.markdown
    if env.variables.get("glossary_terms"):
        env.markdown = glossary.with_tooltips(env.markdown, page_source(env), env.variables["glossary_terms"])


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
        digest=commands.DIGEST,  # where the page puts a digest that is only known at run time
    )
