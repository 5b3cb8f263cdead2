"""Unit level: code is protected from Jinja exactly, and the leftover scan tells code from prose.

The bad-input build cases prove the same through real builds; these pin the edge cases cheaply.
"""

from __future__ import annotations

import importlib.util

import jinja2
import pytest

from macros.protect import protect_code
from tests.conftest import ROOT

_spec = importlib.util.spec_from_file_location("leftovers", ROOT / "hooks" / "leftovers.py")
leftovers = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(leftovers)  # type: ignore[union-attr]

# The Jinja settings of mkdocs.yml that matter here.
ENV = jinja2.Environment(
    comment_start_string="{##", comment_end_string="##}", undefined=jinja2.StrictUndefined, keep_trailing_newline=True
)

LITERAL = [
    "```bash\ndocker inspect --format '{{.State.Running}}' web\n```\n",
    "~~~~yaml\nimage: {{ .Values.image }}\n{% if x %}\n~~~~\n",
    "`{{ .Name }}` and ``a ` {% b %}`` and `{## c ##}` and `{#id}`\n",
    "````text\n```\n{% raw %}{{ x }}{% endraw %} {%- endraw -%} {% endraw%}\n```\n````\n",
    "- item\n\n    ```go\n    fmt.Println(\"{{ x }}\")\n    ```\n",
    "> ```\n> {{ quoted }}\n> ```\n",
]


@pytest.mark.parametrize("markdown", LITERAL)
def test_code_renders_exactly_as_written(markdown):
    protected = protect_code(markdown)
    assert protected.count("\n") == markdown.count("\n"), "line numbers in error messages would drift"
    assert ENV.from_string(protected).render() == markdown


def test_macros_outside_code_still_run_and_slips_still_fail():
    assert ENV.from_string(protect_code("a `{{ x }}` {{ 1 + 1 }}\n")).render() == "a `{{ x }}` 2\n"
    with pytest.raises(jinja2.TemplateSyntaxError):
        ENV.from_string(protect_code("prose {{.State.Running}}\n")).render()
    with pytest.raises(jinja2.UndefinedError):
        ENV.from_string(protect_code("prose {{ nmae }}\n")).render()


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ("<p>{{ name }}</p>", True),
        ("<p>a {% if %}</p>", True),
        ("<h1><em>Macro Syntax Error</em></h1>", True),
        ("<pre><code>--8&lt;-- \"x\"</code></pre>", True),
        ("<pre><code>{{ .Name }} {% x %}</code></pre>", False),
        ("<p><code>{{ .Name }}</code> &#123;&#123; shown on purpose</p>", False),
        ("<script>if(a){{}}</script>", False),
    ],
)
def test_leftover_scan(html, found):
    assert bool(leftovers.leftovers(html)) is found


def test_the_real_site_has_no_leftovers(built_site):
    problems = {
        str(p.relative_to(built_site)): leftovers.leftovers(p.read_text(encoding="utf-8"))
        for p in built_site.rglob("*.html")
    }
    assert {page: found for page, found in problems.items() if found} == {}
