"""Where one build's time goes: `python -m cProfile -m mkdocs build` on a copy, read with pstats.

Three views of one profile: the on_* event handlers of each plugin or hook (cumulative; found by
file, MkDocs is not patched); each package's own code (self time, a C function's going to the
package that called it, so Kiwi's tokenizer counts for kiwipiepy; adds up to the total); and the
functions with the most cumulative time. cProfile slows Python more than C: read shares, not seconds.
"""

from __future__ import annotations

import collections
import os
import pstats
import shutil
import subprocess
import sysconfig
import tempfile
from pathlib import Path

from .common import QUIET, build_argv, copy_project

SITE_PACKAGES = sysconfig.get_paths()["purelib"]
STDLIB = sysconfig.get_paths()["stdlib"]


def owner(filename: str, project: Path) -> str:
    """Who a function's code belongs to: a package, a project folder or file, or the stdlib."""
    if filename.startswith(SITE_PACKAGES):
        return Path(filename).relative_to(SITE_PACKAGES).parts[0].removesuffix(".py")
    if filename.startswith(str(project)):
        parts = Path(filename).relative_to(project).parts
        return "/".join(parts[:2]) if parts[0] == "plugins" else parts[0]  # plugins/korean_search, macros
    if filename.startswith(STDLIB) or filename.startswith("<frozen"):
        return "python stdlib (incl. imports)"
    return "other"


def shown(filename: str, cumulative: float, total: float, project: Path) -> bool:
    """In the function list: not the build driver (cli.main, build(): they contain everything),
    not MkDocs' event dispatch (the handlers are shown), not import machinery or C functions."""
    return (
        cumulative < 0.8 * total
        and not filename.endswith("mkdocs/plugins.py")
        and owner(filename, project) not in ("python stdlib (incl. imports)", "other")
    )


def measure(top: int = 12) -> dict:
    project = copy_project("profile")
    tmp = Path(tempfile.mkdtemp(prefix="bench-profile-"))
    try:
        argv = build_argv(tmp / "site")
        argv[1:3] = ["-m", "cProfile", "-o", str(tmp / "build.prof"), "-m", "mkdocs"]  # same build, profiled
        subprocess.run(argv, cwd=project, env={**os.environ, **QUIET}, check=True)
        stats = pstats.Stats(str(tmp / "build.prof")).stats
    finally:
        shutil.rmtree(project, ignore_errors=True)
        shutil.rmtree(tmp, ignore_errors=True)
    total = sum(tt for _, _, tt, _, _ in stats.values())
    handlers: collections.Counter = collections.Counter()
    packages: collections.Counter = collections.Counter()
    for (filename, _, name), (_, _, tt, ct, callers) in stats.items():
        if filename == "~":  # a C function: its self time goes to whoever called it
            for (caller_file, _, _), (_, _, caller_tt, _) in callers.items():
                packages[owner(caller_file, project)] += caller_tt
        else:
            packages[owner(filename, project)] += tt
        if name.startswith("on_") and filename != "~" and owner(filename, project) != "mkdocs":
            handlers[f"{owner(filename, project)}: {name}"] += ct
    functions = sorted(
        (ct, f"{owner(f, project)}: {name} ({Path(f).name}:{line})")
        for (f, line, name), (_, _, _, ct, _) in stats.items()
        if shown(f, ct, total, project)
    )[::-1]
    return {
        "total_s": total,
        "handlers_s": dict(handlers.most_common(top)),
        "packages_s": dict(packages.most_common(top)),
        "functions_s": {label: ct for ct, label in functions[:top]},
    }


def markdown(result: dict) -> str:
    total = result["total_s"]
    lines = [
        "## Where one build's time goes (cProfile)",
        "",
        f"One build of the site as is, {total:.2f} s under cProfile (compare the unprofiled builds above).",
    ]
    for title, key in [
        ("Event handlers by plugin or hook (cumulative)", "handlers_s"),
        ("Own time by package (adds up to the total)", "packages_s"),
        ("Functions by cumulative time (no driver, dispatch or imports)", "functions_s"),
    ]:
        lines += ["", f"| {title} | s | share |", "|---|---|---|"]
        lines += [f"| {label} | {s:.2f} | {s / total:.0%} |" for label, s in result[key].items()]
    return "\n".join(lines)
