"""Where a build's time goes: seconds spent in each plugin's and hook's event handlers.

`python bench/events.py [mkdocs build options]` runs one `mkdocs build` in this process (from the
current directory, as the timed builds do) with every registered event handler wrapped in a
timer, then prints
{"total_s": ..., "events": {"macros.on_config": ..., ...}} as JSON. The wall clock of the whole
run is in total_s; what no handler accounts for is MkDocs itself (Markdown, templates, files)
plus imports made outside handlers (e.g. the plugins' own modules, when the config loads them).
It wraps MkDocs 1.6's PluginCollection._register_event, a private method: if a later MkDocs
changes it, bench/builds.py reports the event line as unavailable and keeps the timings.
"""

from __future__ import annotations

import collections
import functools
import json
import sys
import time


def main(argv: list[str]) -> int:
    start = time.perf_counter()
    from mkdocs import plugins
    from mkdocs.__main__ import cli

    spent: collections.Counter = collections.Counter()
    register = plugins.PluginCollection._register_event

    def timed_register(self, event_name, method, plugin_name=None):
        if isinstance(method, plugins.CombinedEvent):  # registers its parts, which come back here
            return register(self, event_name, method, plugin_name)
        label = f"{plugin_name or getattr(method, '__module__', '?')}.on_{event_name}"

        @functools.wraps(method)
        def timed(*args, **kwargs):
            began = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                spent[label] += time.perf_counter() - began

        return register(self, event_name, timed, plugin_name)

    plugins.PluginCollection._register_event = timed_register
    try:
        cli.main(["build", "--strict", "--quiet", *argv], standalone_mode=False)
    finally:
        result = {"total_s": time.perf_counter() - start, "events": dict(spent.most_common())}
        print(json.dumps(result), file=sys.__stdout__)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
