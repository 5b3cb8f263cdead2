"""mkdocs-macros entry point: loads data/ once per build and registers the macros each module declares
with @page_macro (macros/page.py), and the variables prose may print.

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
import shlex
from pathlib import Path
from types import SimpleNamespace

from . import archives, failures
# Importing a module that renders declares its page macros (@page_macro); this order is the reference page's.
from . import examples, sessions, instructions, principles, sizes, bases, glossary, reference  # noqa: F401, I001
from .data import DataError, load_catalogue
from .failures import DataMissing, Rendering, data_failure, failed_call
from .page import DECLARED, Page

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

    # Values prose may print; when data/ did not load, each use shows the one data box instead.
    env.variables["examples"] = example_variables(catalogue) if catalogue else DataMissing()
    env.variables["registry"] = registry_variables(catalogue) if catalogue else DataMissing()
    env.variables["measurements"] = catalogue.measurements if catalogue else DataMissing()
    env.variables["recorded"] = catalogue.outputs if catalogue else DataMissing()  # when and where outputs were recorded
    env.variables["base_images_checked_on"] = catalogue.base_images.checked_on.isoformat() if catalogue else DataMissing()

    page = Page(catalogue, env)
    for name, (function, uses_data) in DECLARED.items():
        env.macro(registered_call(name, function, page, uses_data), name)


def registered_call(name: str, function, page: Page, uses_data: bool):
    """What a page calls: the declared function with the Page bound; a failure is one ERROR and a box."""
    signature = inspect.signature(function)
    shown = signature.replace(parameters=list(signature.parameters.values())[1:])  # the page's view: no Page

    def call(*args, **kwargs):
        if uses_data and page.catalogue is None:
            return data_failure()
        try:
            shown.bind(*args, **kwargs)
        except TypeError as error:
            return failed_call(name, args, kwargs, f"{error}; it takes ({reference.signature_text(call)})")
        try:
            return function(page, *args, **kwargs)
        except (DataError, LookupError, ValueError) as error:
            reason = error.args[0] if isinstance(error, KeyError) and error.args else error
            return failed_call(name, args, kwargs, reason)

    call.__doc__, call.__signature__, call.__name__ = function.__doc__, shown, name  # for the reference page
    return call


def on_pre_page_macros(env) -> None:
    examples.LINKED_ON_PAGE.clear()
    failures.start_page(env)


def on_post_page_macros(env) -> None:
    """Failures that could not print in place open the page."""
    env.markdown = failures.unshown_boxes() + env.markdown


def on_post_build(env) -> None:
    """Every example folder as a zip next to the pages (macros/archives.py)."""
    archives.write_all(Path(env.conf["site_dir"]))


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
