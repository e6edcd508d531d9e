"""The records that flow through kg: a Paper in, a Rejection for what could not be read."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field


#: Every byte but 0-9 and a-z: what ``title_key`` deletes from an ASCII title.
_NOT_KEY_BYTES = bytes(c for c in range(256) if not (48 <= c <= 57 or 97 <= c <= 122))
_NOT_KEY = re.compile(r"[^0-9a-z]+")


def title_key(title: str) -> str:
    """Normalised title used to recognise the same paper across sources.

    >>> title_key("Deep  Residual Learning—for Image Recognition") == title_key("deep residual learning for image recognition")
    True
    """
    if title.isascii():  # the common case: NFKC leaves ASCII as it is, casefold is lower
        key = title.encode().lower().translate(None, _NOT_KEY_BYTES).decode()
        return key or title.lower().strip()
    s = unicodedata.normalize("NFKC", title).casefold()
    return _NOT_KEY.sub("", s) or s.strip()


def key_id(key: str) -> str:
    """Stable id of a paper from its title key (``title_key``): every source agrees."""
    return "p" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


@dataclass(slots=True)
class Paper:
    """One paper as read from an input file (before extraction)."""

    title: str
    abstract: str
    source: str = ""                 # "file:line" of the first place it was read
    ext_id: str | None = None        # id given by the input, if any
    arxiv_id: str | None = None
    date: str | None = None
    authors: list[str] = field(default_factory=list)
    url: str | None = None
    repos: list[str] = field(default_factory=list)   # code links given as metadata (e.g. githubRepo)
    links: list[str] = field(default_factory=list)   # project pages given as metadata
    sources: list[str] = field(default_factory=list)  # every "file:line" it was seen at
    _key: str | None = field(default=None, init=False, repr=False, compare=False)
    _id: str | None = field(default=None, init=False, repr=False, compare=False)

    # Both are computed once: the title never changes (merging keeps the first one).
    @property
    def id(self) -> str:
        if self._id is None:
            self._id = key_id(self.key)
        return self._id

    @property
    def key(self) -> str:
        if self._key is None:
            self._key = title_key(self.title)
        return self._key

    def signature(self) -> tuple:
        """What extraction reads: the text and the code/link metadata. A record made
        from a paper stays valid while its signature does not change."""
        return (self.title, self.abstract, tuple(self.repos), tuple(self.links))

    def merge(self, other: "Paper") -> None:
        """Fold a duplicate of this paper in: keep the longest abstract, union the rest."""
        if len(other.abstract) > len(self.abstract):
            self.abstract = other.abstract
        for attr in ("ext_id", "arxiv_id", "date", "url"):
            if getattr(self, attr) is None and getattr(other, attr) is not None:
                setattr(self, attr, getattr(other, attr))
        if not self.authors:
            self.authors = list(other.authors)
        for attr in ("repos", "links", "sources"):
            mine = getattr(self, attr)
            mine.extend(x for x in getattr(other, attr) if x not in mine)

    def to_dict(self) -> dict:
        return {
            "id": self.id, "title": self.title, "abstract": self.abstract,
            "arxiv_id": self.arxiv_id, "ext_id": self.ext_id, "date": self.date,
            "authors": self.authors, "url": self.url, "sources": self.sources or [self.source],
        }


@dataclass(slots=True)
class Rejection:
    """An input record that could not become a Paper, with where and why."""

    file: str
    line: int | None
    reason: str
    excerpt: str = ""

    def to_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "reason": self.reason, "excerpt": self.excerpt}

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.reason}"
