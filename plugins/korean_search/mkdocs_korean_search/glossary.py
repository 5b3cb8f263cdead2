"""Synonym groups from the project glossary: every spelling a reader may type for one term.

The glossary (data/glossary.yml) lists `terms`, each with `term` (preferred Korean spelling),
`english`, `definition`, and optional `synonyms` and `avoid` lists. {term, english, *synonyms,
*avoid} is one group: a query for any of them also searches for the others.
"""

from __future__ import annotations

from pathlib import Path

import yaml

REQUIRED = ("term", "english", "definition")


class GlossaryError(ValueError):
    pass


def load_groups(path: Path) -> list[list[str]]:
    """Groups of lower-case spellings, each without duplicates, in the glossary's order.

    Each group starts with the term and its English name (the spellings the notes use)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    terms = data.get("terms")
    if not isinstance(terms, list):
        raise GlossaryError(f"{path}: expected a top-level `terms:` list")
    groups = []
    for n, item in enumerate(terms, 1):
        missing = [k for k in REQUIRED if not isinstance(item, dict) or not str(item.get(k) or "").strip()]
        if missing:
            raise GlossaryError(f"{path}: term {n} has no {', '.join(missing)}")
        extra = [*(item.get("synonyms") or []), *(item.get("avoid") or [])]
        english, _, short = str(item["english"]).partition(" (")  # "virtual machine (VM)": two spellings
        spellings = [str(s).strip().lower() for s in [item["term"], english, short.rstrip(")"), *extra]]
        groups.append(list(dict.fromkeys(s for s in spellings if s)))
    return groups
