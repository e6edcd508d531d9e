"""`kg build`: inputs -> papers -> extraction -> resolution -> graph files (-> stores)."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from tqdm import tqdm

from . import __version__
from .corpus import ReadReport, read_corpus
from .extract.pipeline import build_nlp, extract
from .graph.builder import GraphBuilder
from .graph.io import write_graph
from .graph.schema import load_schema
from .resolve.catalog import load_catalog
from .sources.records import MAX_ABSTRACT_CHARS


def extract_corpus(inputs: Iterable[str | Path], fmt: str | None = None, *, strict: bool = False,
                   max_abstract: int = MAX_ABSTRACT_CHARS, catalogs: Iterable[str] = (),
                   warn: Callable[[str], None] | None = None, progress: bool = False):
    """(papers, records, report): extraction records in input order."""
    papers, report = read_corpus(inputs, fmt, strict=strict, max_abstract=max_abstract, warn=warn,
                                 progress=progress)
    nlp = build_nlp(catalogs)
    records = list(tqdm(extract(papers, nlp), total=len(papers), desc="extracting", unit=" papers",
                        disable=not progress, leave=False))
    return papers, records, report


def build_graph(inputs: Iterable[str | Path], outdir: str | Path, fmt: str | None = None, *,
                strict: bool = False, max_abstract: int = MAX_ABSTRACT_CHARS, catalogs: Iterable[str] = (),
                warn: Callable[[str], None] | None = None, progress: bool = False) -> tuple[dict, ReadReport]:
    """Build the graph folder; returns (manifest, read report)."""
    inputs = [str(p) for p in inputs]
    catalogs = tuple(str(c) for c in catalogs)
    papers, records, report = extract_corpus(inputs, fmt, strict=strict, max_abstract=max_abstract,
                                             catalogs=catalogs, warn=warn, progress=progress)
    builder = GraphBuilder(load_schema(), load_catalog(catalogs))
    for paper, record in zip(papers, records):
        builder.add(paper, record)
    nodes, edges = builder.finish()
    manifest = {"kg_version": __version__, "schema_version": builder.schema.version,
                "inputs": inputs, "catalogs": list(catalogs),
                "records_read": report.records, "records_accepted": report.accepted,
                "duplicates_merged": report.duplicates, "papers": report.papers}
    manifest = write_graph(Path(outdir), nodes, edges, records, (r.to_dict() for r in report.rejected), manifest)
    return manifest, report
