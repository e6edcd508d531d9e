"""Parallel extraction on one machine: a process pool, the spaCy pipeline built once per
worker, papers sent in large chunks, records returned in input order (so the output is
the same as with one job, byte for byte)."""
from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Iterable, Iterator
from itertools import islice

from ..extract.pipeline import build_nlp, extract
from ..model import Paper

CHUNK = 1_000
_NLP = None


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _init(catalogs: tuple[str, ...]) -> None:
    global _NLP
    _NLP = build_nlp(catalogs)


def _work(chunk: list[Paper]) -> list[dict]:
    return list(extract(chunk, _NLP))


def extract_parallel(papers: Iterable[Paper], jobs: int = 1, catalogs: Iterable[str] = (),
                     chunk: int = CHUNK) -> Iterator[dict]:
    """Records for papers, in order, using ``jobs`` processes (1: in this process)."""
    catalogs = tuple(catalogs)
    papers = papers if isinstance(papers, list) else list(papers)
    if jobs <= 1 or len(papers) < 2 * chunk:  # small inputs: starting workers costs more
        yield from extract(papers, build_nlp(catalogs))
        return
    # forkserver: workers start from a clean process (fork from a threaded parent can
    # deadlock); the pipeline module is preloaded so each worker starts fast.
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["kg.extract.pipeline"])
    else:  # pragma: no cover - not POSIX
        ctx = mp.get_context("spawn")
    with ctx.Pool(min(jobs, -(-len(papers) // chunk)), initializer=_init, initargs=(catalogs,)) as pool:
        for records in pool.imap(_work, chunks(papers, chunk)):
            yield from records
