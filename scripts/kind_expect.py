"""What the CI workflow's kind job expects from the cluster, read from data/examples.yml with the site's loader.

`python -m scripts.kind_expect EXAMPLE_ID BODY_FILE` writes the example's exact HTTP body to BODY_FILE and
prints PORT= and URL_PATH= lines for $GITHUB_ENV (the job port-forwards to PORT and requests URL_PATH).
"""

from __future__ import annotations

import sys
from pathlib import Path

from macros.data import load_catalogue


def main(example_id: str, body_file: str) -> int:
    servers = {e.id: e for e in load_catalogue().examples.examples if e.http}
    if example_id not in servers:
        print(f"data/examples.yml: no server example '{example_id}'; known: {', '.join(servers)}", file=sys.stderr)
        return 1
    http = servers[example_id].http
    Path(body_file).write_bytes(http.body.encode("utf-8"))
    print(f"PORT={http.port}\nURL_PATH={http.path}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m scripts.kind_expect EXAMPLE_ID BODY_FILE")
    sys.exit(main(*sys.argv[1:]))
