"""Extraction on a Dask cluster: one task per input file (coarse chunks), each worker
reads its file with kg's readers and extracts with a pipeline it builds once; the client
merges duplicates exactly as a local run does, so the graph is the same.

``address`` is a scheduler address (``tcp://host:8786``) or ``"local"`` for a
``LocalCluster`` on this machine.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..corpus import Corpus
from ..errors import KGError
from ..extract.pipeline import build_nlp, extract
from ..model import Paper
from ..sources import expand_inputs, read_papers

_WORKER_NLP: dict = {}


def _file_task(path: str, fmt: str | None, catalogs: tuple[str, ...], max_abstract: int):
    """Runs on a worker: (items, warnings) where items are Papers-with-records or Rejections."""
    nlp = _WORKER_NLP.get(catalogs)
    if nlp is None:
        nlp = _WORKER_NLP[catalogs] = build_nlp(catalogs)
    warnings: list[str] = []
    items = list(read_papers([path], fmt, warn=warnings.append, max_abstract=max_abstract))
    papers = [p for p in items if isinstance(p, Paper)]
    records = iter(extract(papers, nlp))
    out = [(x, next(records)) if isinstance(x, Paper) else (x, None) for x in items]
    return out, warnings


def extract_dask(inputs: Iterable[str | Path], address: str, fmt: str | None = None, *, strict: bool = False,
                 max_abstract: int, catalogs: Iterable[str] = (), warn=None):
    """(papers, records, report) like ``kg.build.extract_corpus``, computed on Dask."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise KGError("Dask is not installed: pip install 'dask[distributed]'") from None
    files = [str(p) for p in expand_inputs(inputs)]
    catalogs = tuple(catalogs)
    cluster = LocalCluster(processes=True, threads_per_worker=1, dashboard_address=None) if address == "local" else None
    try:
        with Client(cluster if cluster is not None else address) as client:
            futures = [client.submit(_file_task, f, fmt, catalogs, max_abstract, pure=False) for f in files]
            results = client.gather(futures)
    except OSError as exc:
        raise KGError(f"cannot reach the Dask scheduler at {address} ({exc})") from None
    finally:
        if cluster is not None:
            cluster.close()
    corpus = Corpus(strict, warn)
    extracted: dict[tuple, dict] = {}
    for items, warnings in results:
        for w in warnings:
            corpus.warn(w)
        for item, record in items:
            if corpus.add(item) is not None:
                extracted.setdefault(item.signature(), record)
    report = corpus.report
    final = list(corpus.papers.values())
    missing = [p for p in final if p.signature() not in extracted]
    if missing:  # a merged duplicate that no worker saw whole: extract it here
        for p, rec in zip(missing, extract(missing, build_nlp(catalogs))):
            extracted[p.signature()] = rec
    records = [extracted[p.signature()] for p in final]
    return final, records, report
