"""Strict build that never leaves a half-written site/ behind.

MkDocs writes into a fresh folder next to site/; only a build that succeeds replaces site/.
A failed build leaves the previous site/ untouched and exits non-zero.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    target = ROOT / "site"
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=ROOT))
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(staging)], cwd=ROOT
        )
        if result.returncode != 0:
            print(f"build failed (exit {result.returncode}); site/ was left as it was", file=sys.stderr)
            return result.returncode
        old = ROOT / ".site-old"
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            target.rename(old)
        staging.rename(target)
        shutil.rmtree(old, ignore_errors=True)
        print(f"built {target.relative_to(ROOT)}/")
        return 0
    finally:
        shutil.rmtree(staging, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
