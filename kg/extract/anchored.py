"""Regular-expression scans started at their anchors.

When every match of a pattern begins with one of a few literal strings (a full stop, a
verb), ``str.find`` locates those strings much faster than the regex engine's own scan
of every position; the pattern is then tried only there.
"""
from __future__ import annotations

import re
from collections.abc import Iterable


def first_of(text: str, anchors: Iterable[str]) -> int:
    """Where the first of ``anchors`` occurs in ``text`` (-1: none does)."""
    found = [i for i in map(text.find, anchors) if i >= 0]
    return min(found) if found else -1


def occurrences(text: str, anchors: Iterable[str], pos: int = 0) -> list[int]:
    """Every offset from ``pos`` on where one of ``anchors`` occurs, in order."""
    starts = []
    for anchor in anchors:
        i = text.find(anchor, pos)
        while i >= 0:
            starts.append(i)
            i = text.find(anchor, i + 1)
    starts.sort()
    return starts


def matches_at(pattern: re.Pattern, text: str, anchors: Iterable[str], pos: int = 0) -> list[re.Match]:
    """``list(pattern.finditer(text, pos))`` for a pattern whose every match starts with
    one of ``anchors``: the same matches, in the same order."""
    out: list[re.Match] = []
    for i in occurrences(text, anchors, pos):
        if out and i < out[-1].end():
            continue  # inside the previous match: finditer resumes after it
        m = pattern.match(text, i)
        if m:
            out.append(m)
    return out
