"""Render the contributor reference: data-file field tables and the macro catalogue.

Both are generated from the code they describe (the pydantic models' JSON Schema, and the
macros actually registered in macros/__init__.py), so the page cannot drift from the code.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Callable
from dataclasses import dataclass

from . import markup as m
from .commands import STEPS
from .models import DATA_FILES

# Blocks that show a macro call literally carry this class; tests/test_site.py skips them when it
# looks for unrendered template syntax, and checks that they hold nothing but documented calls.
LITERAL_CLASS = "macro-call"


@dataclass(frozen=True)
class MacroDoc:
    summary: str  # Korean, one or two sentences, shown on the page
    call: str  # an example call, exactly as a page writes it between the double braces
    show_output: bool = True


# One entry per registered macro. macro_reference() fails the build when a registered macro has
# no entry here (or an entry names no macro), so a new macro cannot go undocumented.
MACRO_DOCS: dict[str, MacroDoc] = {
    "instruction_table": MacroDoc(
        "Dockerfile 명령어 개요 표를 만든다. 인자를 주지 않으면 18개 전부, 이름을 주면 그 명령어만 준 순서대로 보인다. "
        "명령어 이름은 레퍼런스 페이지의 해당 절로 연결된다.",
        "instruction_table('FROM', 'COPY')",
    ),
    "instruction_sections": MacroDoc(
        "명령어마다 제목, 요약, 문법, 옵션 표, 설명, 공식 레퍼런스 링크로 된 절을 만든다.",
        "instruction_sections('EXPOSE')",
    ),
    "principles_table": MacroDoc(
        "컨테이너 설계 원칙과, 그 원칙을 모든 예제 Dockerfile에 강제하는 자동 검사를 표로 보인다. "
        "인자를 주지 않으면 전부, id를 주면 그 원칙만 준 순서대로 보인다(장마다 자기 원칙만 실을 때).",
        "principles_table('small-image', 'non-root')",
    ),
    "example_file": MacroDoc(
        "data/examples.yml에 등록된 예제 파일 하나를 경로를 제목으로 달아 그대로 싣는다. "
        "등록되지 않은 경로면 빌드가 실패한다.",
        "example_file('examples/hello/go.mod')",
    ),
    "example_dockerfile": MacroDoc(
        "예제의 Dockerfile을, 그 예제가 가르치는 내용 한 줄과 함께 싣는다. 인자는 예제 id다.",
        "example_dockerfile('hello-multistage')",
    ),
    "example_commands": MacroDoc(
        "예제를 빌드하고 실행하고 확인하고 정리하는 명령어와 기대하는 응답을 보인다. 컨테이너 테스트가 실행하는 "
        "명령어와 같다. 둘째 인자로 보일 단계만 골라 공백으로 나열할 수 있다. 단계 이름: {steps}.",
        "example_commands('hello-single', 'build run probe')",
    ),
    "image_size_chart": MacroDoc(
        "data/measurements.yml(`make sizes`가 기록)의 이미지 크기를 막대그래프로 보인다. 스크립트 없이 HTML과 CSS만 "
        "쓰고, 막대마다 이름과 크기를 글자로 함께 적는다. 맨 아래 막대는 Go 바이너리다.",
        "image_size_chart()",
    ),
    "image_size_table": MacroDoc(
        "같은 측정값을 표로 보이고, 측정 날짜와 엔진, 기반 이미지가 로컬 대체 이미지였는지를 밝힌다.",
        "image_size_table()",
    ),
    "build_time_table": MacroDoc(
        "예제마다 `make sizes`가 잰 빌드 시간(캐시 없이 처음, main.go 한 줄을 고친 뒤)과 `docker container stop`에 "
        "걸린 시간을 표로 보인다.",
        "build_time_table()",
    ),
    "data_fields": MacroDoc(
        "data/ 아래 YAML 파일 하나의 필드 표를 pydantic 모델에서 만든다. 인자는 파일 이름(확장자 제외)이다.",
        "data_fields('principles')",
    ),
    "macro_reference": MacroDoc(
        "등록된 매크로를 모두 찾아 설명, 인자, 호출 예, 출력 예를 보인다. 이 절이 바로 그 출력이다.",
        "macro_reference()",
        show_output=False,
    ),
}


# --- data-file fields ---------------------------------------------------------------------


def literal(value: str) -> str:
    """Inline code for a table cell that keeps `_`, `*` and `\\` (regex patterns) exactly.

    Python-Markdown still applies emphasis and backslash escapes inside a raw <code> element,
    so these characters go in as HTML entities.
    """
    return m.code(value).replace("\\", "&#92;").replace("_", "&#95;").replace("*", "&#42;")



def _type(schema: dict) -> str:
    """A short human type for one JSON Schema node."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " 또는 ".join(_type(s) for s in schema["anyOf"])
    kind = schema.get("type", "any")
    if kind == "array":
        text = f"list[{_type(schema.get('items', {}))}]"
        if schema.get("minItems"):
            text += f", {schema['minItems']}개 이상"
        return text
    if kind == "object":
        values = schema.get("additionalProperties") or next(iter(schema.get("patternProperties", {}).values()), {})
        return f"map[id → {_type(values)}]"
    details = []
    if "pattern" in schema:
        details.append(f"패턴 {schema['pattern']}")
    if schema.get("format") == "uri":
        details.append("URL")
    if "minimum" in schema or "maximum" in schema:
        details.append(f"{schema.get('minimum', '')}–{schema.get('maximum', '')}")
    if schema.get("minLength") and "pattern" not in schema:
        details.append("빈 값 불가")
    return kind + (f" ({', '.join(details)})" if details else "")


def _required(name: str, schema: dict, required: list[str]) -> str:
    if name in required:
        return "필수"
    default = schema.get("default")
    return "선택" if default is None else f"선택, 기본값 {default!r}"


def data_fields(name: str) -> str:
    """Field tables of data/<name>.yml: the file's top level, then every nested object type."""
    if name not in DATA_FILES:
        raise KeyError(f"data_fields('{name}'): no such data file; known: {', '.join(DATA_FILES)}")
    schema = DATA_FILES[name].model_json_schema()
    parts = [(f"data/{name}.yml 최상위", schema)]
    parts += [(title, sub) for title, sub in schema.get("$defs", {}).items()]
    out = []
    for title, sub in parts:
        required = sub.get("required", [])
        rows = [
            [
                literal(field),
                literal(_type(prop)),
                _required(field, prop, required),
                m.text(prop.get("description", "")) or "—",
            ]
            for field, prop in sub.get("properties", {}).items()
        ]
        out.append(f"\n\n**{m.text(title)}**\n" + m.table(["필드", "타입", "필수", "설명"], rows))
    return "".join(out)


# --- macro catalogue ----------------------------------------------------------------------


def parse_call(call: str) -> tuple[str, list, dict]:
    """Name and literal arguments of an example call such as "example_file('a/b')"."""
    node = ast.parse(call, mode="eval").body
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
        raise TypeError(f"example call {call!r} is not a plain macro call")
    args = [ast.literal_eval(a) for a in node.args]
    kwargs = {k.arg: ast.literal_eval(k.value) for k in node.keywords}
    return node.func.id, args, kwargs


def check_documented(macros: dict[str, Callable]) -> None:
    missing = sorted(set(macros) - set(MACRO_DOCS))
    stale = sorted(set(MACRO_DOCS) - set(macros))
    if missing or stale:
        raise KeyError(
            f"macros/reference.py MACRO_DOCS is out of date: add {missing or 'nothing'}, remove {stale or 'nothing'}"
        )
    for name, doc in MACRO_DOCS.items():
        called = parse_call(doc.call)[0]
        if called != name:
            raise ValueError(f"MACRO_DOCS['{name}'] shows a call to '{called}'")


def literal_call(call: str) -> str:
    """The call as a page writes it, shown verbatim (this text is never rendered by Jinja)."""
    braces = "{{ " + call + " }}"
    return f'\n\n<div class="{LITERAL_CLASS}" markdown>\n' + m.fence(braces, "jinja", "페이지에 쓰는 호출") + "</div>\n\n"


def _signature(function: Callable) -> str:
    params = []
    for p in inspect.signature(function).parameters.values():
        text = ("*" if p.kind is p.VAR_POSITIONAL else "") + p.name
        if p.default is not inspect.Parameter.empty:
            text += f"={p.default!r}"
        params.append(text)
    return ", ".join(params) or "없음"


def macro_reference(macros: dict[str, Callable], level: int = 3) -> str:
    """One section per registered macro: summary, arguments, literal example call, rendered output."""
    check_documented(macros)
    parts = []
    for name, function in macros.items():
        doc = MACRO_DOCS[name]
        parts.append(f"\n\n{'#' * level} `{name}`\n\n{m.text(doc.summary.format(steps=', '.join(STEPS)))}\n\n인자: {literal(_signature(function))}\n")
        parts.append(literal_call(doc.call))
        if doc.show_output:
            _, args, kwargs = parse_call(doc.call)
            # Unwrapped: a failure is reported once, as macro_reference()'s, not wrapped twice.
            output = str(inspect.unwrap(function)(*args, **kwargs))
            indented = "\n".join(("    " + line) if line.strip() else "" for line in output.splitlines())
            parts.append(f'\n\n??? example "출력"\n\n{indented}\n\n')
    return "".join(parts)
