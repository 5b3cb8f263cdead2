"""The site's verb and adjective forms and their stems, as Kiwi reads them, for the query side.

The index keeps verb forms whole ("멈추고", "연다"); a reader types other forms of the same verb
("멈춰요", "열기"). For every Hangul token of the index that Kiwi reads as a verb or adjective stem
plus endings, the stem gets the token as one of its site forms; then Kiwi writes the forms a reader
is likely to type (kiwi.join, which knows the contractions: 멈추+어요 = 멈춰요). The query script looks
a typed word up in both lists and searches for the stem and the site's forms of it.
"""

from __future__ import annotations

import re

HANGUL_WORD = re.compile(r"^[가-힣]+$")
TAG = re.compile(r"<[^>]*>")
STEM_TAGS = ("VV", "VA")
# Endings a question typed into a search box tends to carry: 멈춰요, 들어가기, 멈추려면, 멈추나요 ...
TYPED_ENDINGS = [
    ("어요", "EF"), ("기", "ETN"), ("고", "EC"), ("는", "ETM"), ("면", "EC"), ("려면", "EC"),
    ("나요", "EF"), ("지", "EC"), ("어", "EC"), ("ᆫ다", "EF"), ("ᆸ니다", "EF"), ("었어요", "EF"), ("ᆫ", "ETM"),
]
# Part of the cache key of the table: bump when the rules above change.
WORDS_VERSION = 1


def index_tokens(texts: list[str], separator: str) -> list[str]:
    """The Hangul tokens of the index text as the search engine cuts it, sorted and unique."""
    try:
        split = re.compile(separator)
    except re.error:  # a JavaScript-only construct: whitespace and U+200B are what matters here
        split = re.compile(r"[\s\u200b]+")
    tokens = {token for text in texts for token in split.split(TAG.sub(" ", text)) if token and HANGUL_WORD.match(token)}
    return sorted(tokens)


def stems(kiwi, tokens: list[str]) -> dict[str, dict[str, list[str]]]:
    """{"stems": {stem: [site forms]}, "typed": {stem: [forms a reader may type, not on the site]}}."""
    found: dict[str, set[str]] = {}
    tags: dict[str, str] = {}
    for token, morphs in zip(tokens, kiwi.tokenize(tokens)):
        if not morphs or morphs[0].tag not in STEM_TAGS or morphs[0].start != 0:
            continue
        if not all(m.tag.startswith("E") for m in morphs[1:]):
            continue  # a verb inside a longer word: not a form of this verb alone
        stem = morphs[0].form
        found.setdefault(stem, set()).add(token)
        tags[stem] = morphs[0].tag
    typed = {}
    for stem in sorted(found):
        forms = {kiwi.join([(stem, tags[stem]), ending]) for ending in TYPED_ENDINGS}
        typed[stem] = sorted(f for f in forms - found[stem] if HANGUL_WORD.match(f))
    return {"stems": {stem: sorted(forms) for stem, forms in sorted(found.items())}, "typed": typed}
