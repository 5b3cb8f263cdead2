"""Where to cut Korean words so Lunr can match their parts: Kiwi's tokens in, U+200B out.

Korean glues particles and endings to the word ("컨테이너를", "이미지의") and writes many compounds
without a space ("멀티스테이지"). Lunr only matches whole tokens or their prefixes, so a stock index
finds "컨테이너" in "컨테이너를" but never "스테이지" in "멀티스테이지". The cuts are marked with a
zero-width space (U+200B): the text reads the same, and the search separator splits on it.
"""

from __future__ import annotations

import re
from importlib.metadata import version

ZWSP = "\u200b"
HANGUL = re.compile(r"[가-힣]")
TAG = re.compile(r"(<[^>]*>)")  # the index text is HTML: only text between tags is segmented
# Only two kinds of cut: a noun and the grammar glued to it (컨테이너|를, 실행|하면, 작성자|를), and
# the parts of a compound noun (멀티|스테이지). Verb stems are left alone: one-syllable stems are
# often mis-analysed ("도커" as 도+크+어) and a prefix search already finds them.
NOUN = ("NN", "NR", "NP", "XR", "SL", "SH", "SN", "XSN")  # XSN: noun suffix, 작성+자
GRAMMAR = ("J", "VCP", "XSV", "XSA", "E")
# The typo and multi-word dictionaries tripled the load and first-call time and changed no cut:
# the cuts only use the noun and grammar tags of the default dictionary.
KIWI_OPTIONS = {"load_typo_dict": False, "load_multi_dict": False}
# Bump when the cut rules above change: cached segmentations made by older rules are then ignored.
RULES_VERSION = 1


def version_key() -> str:
    """What a cached segmentation depends on besides its text: analyser, model, options, rules.

    Read from package metadata, so a warm build never imports kiwipiepy."""
    options = ",".join(f"{k}={v}" for k, v in sorted(KIWI_OPTIONS.items()))
    return f"kiwipiepy={version('kiwipiepy')};model={version('kiwipiepy_model')};{options};rules={RULES_VERSION}"


def load_kiwi():
    from kiwipiepy import Kiwi  # imported here: importing and loading the model takes about a second

    return Kiwi(**KIWI_OPTIONS)


def _boundaries(text: str, tokens) -> list[int]:
    """Offsets inside Hangul words where a search token should end, from Kiwi's tokens of `text`."""
    cuts = []
    for prev, nxt in zip(tokens, tokens[1:]):
        at = prev.start + prev.len
        # Only clean cuts between two Hangul syllables: contracted forms (했 = 하+었) overlap and
        # are left whole; Hangul next to Latin letters or digits is split by the separator.
        if at != nxt.start or at <= 0 or at >= len(text):
            continue
        if not (HANGUL.match(text[at - 1]) and HANGUL.match(text[at])):
            continue
        if text[prev.start : at] != prev.form:  # offsets out of step with the text (e.g. after an emoji)
            continue
        if prev.tag.startswith(NOUN) and nxt.tag.startswith(GRAMMAR):
            cuts.append(at)
        elif prev.tag.startswith("NN") and nxt.tag.startswith("NN") and prev.len > 1 and nxt.len > 1:
            cuts.append(at)  # one-syllable parts are left whole: 빌드 is sometimes read as 빌+드
    return cuts


def segment_all(kiwi, texts: list[str]) -> list[str]:
    """The same texts with U+200B at the segment boundaries of their Korean words.

    All Korean text runs go to Kiwi in one batch call (half the time of one call per run).
    """
    split = [TAG.split(text) for text in texts]  # even items are text, odd items are tags
    runs = [(t, i) for t, parts in enumerate(split) for i in range(0, len(parts), 2) if HANGUL.search(parts[i])]
    if runs:
        analysed = kiwi.tokenize([split[t][i] for t, i in runs])
        for (t, i), tokens in zip(runs, analysed):
            chunk, out, last = split[t][i], [], 0
            for at in _boundaries(chunk, tokens):
                out.append(chunk[last:at])
                last = at
            out.append(chunk[last:])
            split[t][i] = ZWSP.join(out)
    return ["".join(parts) for parts in split]
