"""`kg build`: inputs -> papers -> extraction -> resolution -> graph files -> embedded store."""
from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from . import __version__
from .corpus import Corpus, ReadReport, stream_corpus
from .scale.local import extract_parallel
from .graph.builder import GraphBuilder
from .graph.io import read_graph, read_jsonl, write_graph
from .graph.schema import load_schema
from .model import Paper
from .progress import Progress
from .resolve.catalog import load_catalog
from .sources.records import MAX_ABSTRACT_CHARS
from .store import embedded


def extract_corpus(inputs: Iterable[str | Path], fmt: str | None = None, *, strict: bool = False,
                   max_abstract: int = MAX_ABSTRACT_CHARS, catalogs: Iterable[str] = (),
                   warn: Callable[[str], None] | None = None, progress: bool = False, skip_ids=frozenset(),
                   jobs: int = 1, dask: str | None = None):
    """(papers, records, report): extraction records in input order (``skip_ids`` not
    re-extracted), with ``jobs`` local processes or on the Dask cluster at ``dask``."""
    catalogs = tuple(catalogs)
    if dask:
        from .scale.dask_runner import extract_dask

        papers, records, report = extract_dask(inputs, dask, fmt, strict=strict, max_abstract=max_abstract,
                                               catalogs=catalogs, warn=warn)
        if skip_ids:
            keep = [i for i, p in enumerate(papers) if p.id not in skip_ids]
            report.known = len(papers) - len(keep)
            papers, records = [papers[i] for i in keep], [records[i] for i in keep]
        return papers, records, report
    # Streaming: each distinct paper goes to extraction as soon as it is read. A later
    # duplicate that changes it (a longer abstract, more code links) makes its record
    # stale; the few stale papers are extracted again at the end.
    corpus = Corpus(strict, warn)
    sent: dict[str, tuple] = {}

    def fresh() -> Iterator[Paper]:
        for paper in stream_corpus(inputs, corpus, fmt, max_abstract=max_abstract):
            if paper.id not in skip_ids:
                sent[paper.id] = paper.signature()
                yield paper

    records: dict[str, dict] = {}
    with Progress(desc="extracting", unit=" papers", disable=not progress, leave=False) as bar:
        for rec in extract_parallel(fresh(), jobs, catalogs):
            records[rec["id"]] = rec
            bar.update()
    papers = [p for p in corpus.papers.values() if p.id not in skip_ids]
    corpus.report.known = len(corpus.papers) - len(papers)
    stale = [p for p in papers if sent[p.id] != p.signature()]
    if stale:
        for rec in extract_parallel(stale, jobs, catalogs):
            records[rec["id"]] = rec
    return papers, [records[p.id] for p in papers], corpus.report


def paper_from_node(node: dict) -> Paper:
    """A Paper rebuilt from its graph node (for incremental builds)."""
    return Paper(title=node["title"], abstract=node["abstract"], source=(node.get("sources") or [""])[0],
                 ext_id=node.get("ext_id"), arxiv_id=node.get("arxiv_id"), date=node.get("date"),
                 authors=list(node.get("authors") or []), url=node.get("url"), sources=list(node.get("sources") or []))


def build_graph(inputs: Iterable[str | Path], outdir: str | Path, fmt: str | None = None, *,
                strict: bool = False, max_abstract: int = MAX_ABSTRACT_CHARS, catalogs: Iterable[str] = (),
                update: bool = False, store: bool = True, warn: Callable[[str], None] | None = None,
                progress: bool = False, jobs: int = 1, dask: str | None = None) -> tuple[dict, ReadReport]:
    """Build (or with ``update`` extend) the graph folder; returns (manifest, read report)."""
    outdir = Path(outdir)
    inputs = [str(p) for p in inputs]
    catalogs = tuple(str(c) for c in catalogs)
    old_nodes, old_edges, old_manifest, old_records, old_rejected = [], [], {}, [], []
    if update and (outdir / "manifest.json").exists():
        old_nodes, old_edges, old_manifest = read_graph(outdir)
        old_records = read_jsonl(outdir / "papers.jsonl")
        old_rejected = read_jsonl(outdir / "rejected.jsonl") if (outdir / "rejected.jsonl").exists() else []
    old_papers = {n["id"]: n for n in old_nodes if n["label"] == "Paper"}
    papers, records, report = extract_corpus(inputs, fmt, strict=strict, max_abstract=max_abstract,
                                             catalogs=catalogs, warn=warn, progress=progress,
                                             skip_ids=frozenset(old_papers), jobs=jobs, dask=dask)
    schema = load_schema()
    builder = GraphBuilder(schema, load_catalog(catalogs))
    for rec in old_records:
        builder.add(paper_from_node(old_papers[rec["id"]]), rec)
    for paper, record in zip(papers, records):
        builder.add(paper, record)
    nodes, edges = builder.finish()
    all_records = old_records + records
    manifest = {"kg_version": __version__, "schema_version": schema.version, "schema_digest": schema.digest,
                "inputs": list(old_manifest.get("inputs", [])) + inputs, "catalogs": list(catalogs),
                "records_read": old_manifest.get("records_read", 0) + report.records,
                "records_accepted": old_manifest.get("records_accepted", 0) + report.accepted,
                "duplicates_merged": old_manifest.get("duplicates_merged", 0) + report.duplicates,
                "already_in_graph": old_manifest.get("already_in_graph", 0) + report.known,
                "papers": len(builder.papers), "store": embedded.FILE if store else None}

    def load_store(stage: Path) -> dict | None:
        if not store:
            return None
        old_db = outdir / embedded.FILE
        if update and old_db.exists() and old_manifest.get("schema_digest") == schema.digest:
            shutil.copy2(old_db, stage / embedded.FILE)
            with embedded.EmbeddedStore(stage / embedded.FILE, read_only=False) as db:
                return {"store_update": db.apply(nodes, edges, old_nodes, old_edges, schema)}
        with embedded.EmbeddedStore(stage / embedded.FILE, read_only=False) as db:
            db.bulk_load(nodes, edges, schema)
        return None

    rejected = old_rejected + [r.to_dict() for r in report.rejected]
    manifest = write_graph(outdir, nodes, edges, all_records, rejected, manifest, extra=load_store)
    return manifest, report
