"""Hugging Face papers-page text dumps: a title line, then its abstract line.

Page chrome ("Subscribe", "Daily Papers", "byAK and the research community") and date
lines ("Mar 12") are skipped; a chrome word glued to a title ("SubscribeWord and ...")
is cut off.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..model import Paper, Rejection
from .opener import Fallbacks, decode_line, open_bytes
from .records import make_paper

CHROME = {
    "new", "subscribe", "daily papers", "trending papers",
    "get trending papers in your email inbox!",
    "get trending papers in your email inbox once a day!",
    "byak and the research community", "by ak and the research community",
}
_GLUED = re.compile(r"^(?:Subscribe|Daily Papers|new)(?=[A-Z0-9])")
_DATE = re.compile(r"^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(?:, \d{4})?$")
#: A line longer than this cannot be a title; one shorter cannot be an abstract.
TITLE_MAX = 300
ABSTRACT_MIN = 80


def is_chrome(line: str) -> bool:
    s = line.strip()
    return s.casefold() in CHROME or bool(_DATE.match(s))


def read(path: Path, label: str, warn=None, **opts) -> Iterator[Paper | Rejection]:
    title: tuple[int, str] | None = None
    fallbacks = Fallbacks(label, warn)
    with open_bytes(path) as fh:
        for lineno, raw in enumerate(fh, 1):
            try:
                line, fell_back = decode_line(raw)
                line = line.strip()
            except UnicodeDecodeError as exc:
                yield Rejection(label, lineno, f"invalid UTF-8 and not text ({exc.reason} at byte {exc.start})")
                continue
            if fell_back:
                fallbacks.note(lineno)
            if not line or is_chrome(line):
                continue
            line = _GLUED.sub("", line)
            if title is None:
                if len(line) > TITLE_MAX:
                    yield Rejection(label, lineno, "abstract without a title line", line[:120])
                else:
                    title = (lineno, line)
                continue
            if len(line) < ABSTRACT_MIN and len(line) <= TITLE_MAX and not line.endswith("."):
                # Two title-like lines in a row: the first paper has no abstract.
                yield Rejection(label, title[0], "title without an abstract", title[1][:120])
                title = (lineno, line)
                continue
            yield make_paper(label, title[0], title[1], line, **opts)
            title = None
    if title is not None:
        yield Rejection(label, title[0], "title without an abstract (end of file)", title[1][:120])
    fallbacks.report()
