"""Read a corpus: every input record becomes a Paper or a Rejection, duplicates merged."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from .errors import RejectedRecord
from .model import Paper, Rejection
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


def read_corpus(inputs: Iterable[str | Path], fmt: str | None = None, *, strict: bool = False,
                max_abstract: int = MAX_ABSTRACT_CHARS, warn: Callable[[str], None] | None = None,
                progress: bool = False) -> tuple[list[Paper], ReadReport]:
    """Distinct papers in first-seen order (longest abstract kept, all sources recorded)."""
    report = ReadReport()

    def _warn(msg: str) -> None:
        report.warnings.append(msg)
        if warn:
            warn(msg)

    papers: dict[str, Paper] = {}
    stream = read_papers(list(inputs), fmt, warn=_warn, max_abstract=max_abstract)
    for rec in tqdm(stream, desc="reading", unit=" records", disable=not progress, leave=False):
        report.records += 1
        if isinstance(rec, Rejection):
            if strict:
                raise RejectedRecord(str(rec))
            report.rejected.append(rec)
            continue
        report.accepted += 1
        old = papers.get(rec.key)
        if old is None:
            papers[rec.key] = rec
        else:
            old.merge(rec)
            report.duplicates += 1
    return list(papers.values()), report
