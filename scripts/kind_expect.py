"""What the CI workflow's kind job expects from the cluster, read from data/ with the site's loader.

`python -m scripts.kind_expect EXAMPLE_ID FILE` (a server) writes the example's exact HTTP body to FILE and
prints PORT= and URL_PATH= lines for $GITHUB_ENV (the job port-forwards to PORT and requests URL_PATH).
`python -m scripts.kind_expect EXAMPLE_ID FILE STEP` writes the output that the example's session expects
from STEP (data/sessions.yml), the `docker container run` a manifest mirrors (e.g. run-env for `env:`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from macros.data import load_catalogue


def main(example_id: str, file: str, step: str | None = None) -> int:
    catalogue = load_catalogue()
    if step:
        expected = {s.expect[step] for s in catalogue.sessions.sessions if s.example == example_id and step in s.expect}
        if len(expected) != 1:
            print(f"data/sessions.yml: no session of '{example_id}' expects an output from step '{step}'", file=sys.stderr)
            return 1
        Path(file).write_bytes(expected.pop().encode("utf-8"))
        return 0
    servers = {e.id: e for e in catalogue.examples.examples if e.http}
    if example_id not in servers:
        print(f"data/examples.yml: no server example '{example_id}'; known: {', '.join(servers)}", file=sys.stderr)
        return 1
    http = servers[example_id].http
    Path(file).write_bytes(http.body.encode("utf-8"))
    print(f"PORT={http.port}\nURL_PATH={http.path}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: python -m scripts.kind_expect EXAMPLE_ID FILE [STEP]")
    sys.exit(main(*sys.argv[1:]))
