"""A fast YAML parse for data files that are expected to be valid (the usual case).

ruamel's round-trip loader keeps line numbers for error messages but is pure Python: at 100x
the site's data it took about 0.9 s a build, against 0.06 s for PyYAML's libyaml parser.
So macros.loader parses with this first and only re-parses with ruamel when something is wrong.

PyYAML reads YAML 1.1 (`on`/`yes` are booleans, `0755` is octal, `1:20` is base 60); ruamel reads
YAML 1.2. To give the same values as ruamel, this loader resolves plain scalars by the YAML 1.2
core schema with ruamel's extras (timestamps, 0b and 1_000 integers) and rejects duplicate keys
as ruamel does. Merge keys (<<) and other rarities stay plain strings: a file that uses them
fails validation here and takes the ruamel path.
tests/test_data.py checks the two agree on every data file and on a set of tricky scalars.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML was built with it


class DuplicateKey(yaml.YAMLError):
    pass


class Loader(_Base):
    yaml_implicit_resolvers: dict = {}  # own table: none of PyYAML's YAML 1.1 resolvers

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise DuplicateKey(f"duplicate key {key!r}")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _int(loader: Loader, node) -> int:
    value = loader.construct_scalar(node).replace("_", "")
    sign = -1 if value.startswith("-") else 1
    value = value.lstrip("-+")
    for prefix, base in (("0b", 2), ("0o", 8), ("0x", 16)):
        if value.startswith(prefix):
            return sign * int(value[2:], base)
    return sign * int(value, 10)  # YAML 1.2: a leading zero is still decimal


def _float(loader: Loader, node) -> float:
    value = loader.construct_scalar(node).lower()
    if value.endswith(".inf"):
        return -math.inf if value.startswith("-") else math.inf
    if value == ".nan":
        return math.nan
    return float(value)


def _resolver(tag: str, pattern: str, first: str) -> None:
    Loader.add_implicit_resolver(tag, re.compile(pattern, re.X), list(first))


# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution), as ruamel applies it.
_resolver("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF")
Loader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_resolver("tag:yaml.org,2002:int", r"^[-+]?(?:0b[01_]+|0o[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*)$", "-+0123456789")
_resolver(
    "tag:yaml.org,2002:float",
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
    "-+0123456789.",
)
_resolver(
    "tag:yaml.org,2002:timestamp",
    r"""^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}
    |[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?
    (?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$""",
    "0123456789",
)
Loader.add_constructor("tag:yaml.org,2002:int", _int)
Loader.add_constructor("tag:yaml.org,2002:float", _float)


def load(text: str) -> Any:
    """Plain dicts, lists and scalars, as ruamel would give them; yaml.YAMLError when it is not valid."""
    return yaml.load(text, Loader=Loader)  # noqa: S506 - a safe loader with a stricter resolver table
