"""Read a corpus: every input record becomes a Paper or a Rejection, duplicates merged."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import RejectedRecord
from .model import Paper, Rejection
from .progress import Progress
from .sources import read_papers
from .sources.records import MAX_ABSTRACT_CHARS


@dataclass
class ReadReport:
    records: int = 0          # records read (accepted + rejected)
    accepted: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    duplicates: int = 0       # accepted records folded into a paper seen before
    known: int = 0            # distinct papers already in the graph (kg build --update)
    warnings: list[str] = field(default_factory=list)

    @property
    def papers(self) -> int:
        return self.accepted - self.duplicates

    def summary(self) -> str:
        known = f", {self.known:,} already in the graph" if self.known else ""
        return (f"read {self.records:,} records: {self.accepted:,} accepted "
                f"({self.duplicates:,} duplicates merged, {self.papers:,} distinct papers{known}), "
                f"{len(self.rejected):,} rejected")


class Corpus:
    """Accounts for every record read: rejections kept (or raised when strict),
    duplicates folded into the paper first seen."""

    def __init__(self, strict: bool = False, warn: Callable[[str], None] | None = None):
        self.strict, self._warn_cb = strict, warn
        self.report = ReadReport()
        self.papers: dict[str, Paper] = {}

    def warn(self, msg: str) -> None:
        self.report.warnings.append(msg)
        if self._warn_cb:
            self._warn_cb(msg)

    def add(self, rec: Paper | Rejection) -> Paper | None:
        """Account for one record; returns the Paper when it was accepted."""
        report = self.report
        report.records += 1
        if isinstance(rec, Rejection):
            if self.strict:
                raise RejectedRecord(str(rec))
            report.rejected.append(rec)
            return None
        report.accepted += 1
        old = self.papers.get(rec.key)
        if old is None:
            self.papers[rec.key] = rec
        else:
            old.merge(rec)
            report.duplicates += 1
        return rec


def stream_corpus(inputs: Iterable[str | Path], corpus: "Corpus", fmt: str | None = None, *,
                  max_abstract: int = MAX_ABSTRACT_CHARS) -> Iterator[Paper]:
    """Each distinct paper as soon as it is first read (later duplicates are merged into
    it in ``corpus``; compare ``Paper.signature()`` to see whether one changed it)."""
    for rec in read_papers(list(inputs), fmt, warn=corpus.warn, max_abstract=max_abstract):
        paper = corpus.add(rec)
        if paper is not None and corpus.papers[paper.key] is paper:
            yield paper


def read_corpus(inputs: Iterable[str | Path], fmt: str | None = None, *, strict: bool = False,
                max_abstract: int = MAX_ABSTRACT_CHARS, warn: Callable[[str], None] | None = None,
                progress: bool = False) -> tuple[list[Paper], ReadReport]:
    """Distinct papers in first-seen order (longest abstract kept, all sources recorded)."""
    corpus = Corpus(strict, warn)
    stream = read_papers(list(inputs), fmt, warn=corpus.warn, max_abstract=max_abstract)
    for rec in Progress(stream, desc="reading", unit=" records", disable=not progress, leave=False):
        corpus.add(rec)
    return list(corpus.papers.values()), corpus.report
