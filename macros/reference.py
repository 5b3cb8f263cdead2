"""Render the contributor reference: data-file field tables and the macro catalogue.

Both are generated from the code they describe (the pydantic models' JSON Schema, and the
macros actually registered in macros/__init__.py), so the page cannot drift from the code.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable

from . import markup as m
from .models import DATA_FILES
from .page import Page, page_macro, registered

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
    if "enum" in schema:
        details.append("값: " + ", ".join(map(str, schema["enum"])))
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


def signature_text(function: Callable) -> str:
    params = []
    for p in inspect.signature(function).parameters.values():
        text = ("*" if p.kind is p.VAR_POSITIONAL else "") + p.name
        if p.default is not inspect.Parameter.empty:
            text += f"={p.default!r}"
        params.append(text)
    return ", ".join(params) or "없음"


def macro_reference(macros: dict[str, Callable], level: int = 3) -> str:
    """One section per registered macro, from its docstring: summary, arguments, the example call
    (the docstring's `예:` line) shown literally, and what that call renders."""
    parts = []
    for name, function in macros.items():
        summary, _, call = inspect.getdoc(function).partition("예:")
        parts.append(f"\n\n{'#' * level} `{name}`\n\n{m.text(summary)}\n\n인자: {literal(signature_text(function))}\n")
        if call.strip():
            # Macro output is not rendered again by Jinja, so the call shows exactly as a page writes it.
            parts.append(m.fence(f"#{{ {call.strip()} }}#", "jinja", "페이지에 쓰는 호출"))
            output = str(eval(call.strip(), {"__builtins__": {}}, macros))  # our own docstring, our own macros
            indented = "\n".join(("    " + line) if line.strip() else "" for line in output.splitlines())
            parts.append(f'\n\n??? example "출력"\n\n{indented}\n\n')
    return "".join(parts)


# --- what pages call (macros/page.py) -----------------------------------------------------


@page_macro("data_fields", uses_data=False)
def data_fields_macro(page: Page, name: str) -> str:
    """data/ 아래 YAML 파일 하나의 필드 표를 pydantic 모델에서 만든다. 인자는 확장자를 뺀 파일 이름이다.

    예: data_fields('principles')
    """
    return data_fields(name)


@page_macro("macro_reference")
def macro_reference_macro(page: Page) -> str:
    """등록된 매크로를 모두 찾아 설명, 인자, 호출 예, 출력 예를 보인다. 이 절이 바로 그 출력이다."""
    return macro_reference(registered(page.env))
