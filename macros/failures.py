"""What a page's mistakes look like: one ERROR naming the page and the line of the exact call, with a
suggestion, and a red box where the output would have been (mkdocs-macros' own error page never shows).

jinja2 binds Undefined's dunders (__str__, __iter__, __call__, ...) to the base methods when the class is
made, so overriding the private _fail_with_undefined_error misses most paths: Undefined below subclasses the
public ChainableUndefined and overrides the dunders. The line is found by parsing the page with the page's
own Jinja environment (Environment.parse) and matching the failing call with all its arguments.
"""

from __future__ import annotations

import logging
from collections import Counter

import jinja2
from jinja2 import nodes
from jinja2.utils import missing

from .data import ROOT, suggest

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


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


def parsed_page() -> nodes.Template:
    """The page's source as Jinja parses it, front matter included, so node line numbers are the file's lines."""
    if Rendering.tree is None:
        try:
            source = (ROOT / "docs" / page_source(Rendering.env)).read_text(encoding="utf-8")
            Rendering.tree = Rendering.env.env.parse(source)
        except (OSError, jinja2.TemplateSyntaxError):
            Rendering.tree = nodes.Template([])
    return Rendering.tree


def locate(matches, key) -> tuple[str, nodes.Node | None]:
    """`docs/<page>:<line>` and the node of the n-th match of `matches` in the page's source, for the n-th
    failure of `key` on this page (Jinja renders in source order)."""
    found = sorted((n for n in parsed_page().find_all(nodes.Expr) if matches(n)), key=lambda n: n.lineno)
    index, Rendering.seen[key] = Rendering.seen[key], Rendering.seen[key] + 1
    node = found[min(index, len(found) - 1)] if found else None
    return f"docs/{page_source(Rendering.env)}" + (f":{node.lineno}" if node else ""), node


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


def failed_call(name: str, args: tuple, kwargs: dict, reason) -> str:
    """`docs/<page>:<line>: name(args): reason`, logged once, and its box."""
    shown = f"{name}({', '.join([*map(repr, args), *(f'{k}={v!r}' for k, v in kwargs.items())])})"
    return failure(f"{locate(call_of(name, args, kwargs), shown)[0]}: {shown}: {reason}")


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
                known = sorted({*env.macros, *env.variables})
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


def start_page(env) -> None:
    """Before a page renders: mkdocs-macros made its Jinja environment after define_env(), so Undefined is set here.
    A page Jinja cannot parse is shown unrendered (`render_macros: false`, mkdocs-macros' page switch) under its box."""
    Rendering.env, Rendering.tree, Rendering.data_shown = env, None, False
    Rendering.seen, Rendering.unshown = Counter(), []
    env.env.undefined = Undefined
    message = syntax_error(env)
    if message:
        env.page.meta["render_macros"] = False
        env.markdown = failure(message) + env.markdown


def syntax_error(env) -> str | None:
    """`docs/<page>:<line>: Jinja syntax: ...` when Jinja cannot parse the page, else None."""
    try:
        env.env.parse(env.markdown)
        return None
    except jinja2.TemplateSyntaxError as error:
        found = error
    try:  # the same error in the file, front matter included, carries the file's line number
        env.env.parse((ROOT / "docs" / page_source(env)).read_text(encoding="utf-8"))
    except jinja2.TemplateSyntaxError as in_file:
        found = in_file
    except OSError:
        pass
    return f"docs/{page_source(env)}:{found.lineno}: Jinja syntax: {found.message}"


def unshown_boxes() -> str:
    """The boxes of failures that could not print in place (a loop, an `if`): they open the page."""
    return "".join(failure(message, logged=True) for message in Rendering.unshown)
