"""Parallel extraction on one machine: a process pool, the spaCy pipeline built once per
worker, papers streamed to it in large chunks, records returned in input order (so the
output is the same as with one job, byte for byte)."""
from __future__ import annotations

import gc
import marshal
import multiprocessing as mp
import os
import threading
from collections.abc import Iterable, Iterator
from itertools import chain, islice

from ..extract.pipeline import build_nlp, collector_paused, extract, garbage_frozen, settle_garbage
from ..model import Paper

CHUNK = 1_000
#: Chunks read ahead per worker: reading stays just ahead of extraction.
AHEAD = 4
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
    if catalogs:
        _NLP = build_nlp(catalogs)
    else:  # the default pipeline: built by the forkserver before it forked this worker
        from .preload import NLP as _NLP
    settle_garbage()  # the pipeline lives as long as the worker: never rescan it


def _work(chunk: list[Paper]) -> bytes:
    """Records of a chunk as one blob: the parent's result thread takes it off the pipe at
    once, so the worker does not wait for the parent to decode 1,000 records. Records are
    plain dicts, lists and strings: ``marshal`` writes them twice as fast as ``pickle``."""
    return marshal.dumps(list(extract(chunk, _NLP)))


def extract_parallel(papers: Iterable[Paper], jobs: int = 1, catalogs: Iterable[str] = (),
                     chunk: int = CHUNK) -> Iterator[dict]:
    """Records for papers, in order, using ``jobs`` processes (1: in this process).

    With ``jobs`` > 1, this process extracts the first two chunks itself while the worker
    processes start. ``papers`` may be a stream: it is read as extraction goes, at most
    ``AHEAD`` chunks per worker ahead of the records returned."""
    catalogs = tuple(catalogs)
    papers = iter(papers)
    head = list(islice(papers, 2 * chunk)) if jobs > 1 else []
    if jobs <= 1 or len(head) < 2 * chunk:  # small inputs: starting workers costs more
        yield from extract(chain(head, papers), build_nlp(catalogs))
        return
    # forkserver: workers start from a clean process (fork from a threaded parent can
    # deadlock); the server builds the default pipeline once and each worker inherits it.
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["kg.scale.preload"])
    else:  # pragma: no cover - not POSIX
        ctx = mp.get_context("spawn")
    # Pool.imap reads its input as fast as it can; a semaphore holds the reader back.
    window = threading.Semaphore(AHEAD * jobs)
    stop = threading.Event()

    def feed() -> Iterator[list[Paper]]:
        for c in chunks(papers, chunk):
            while not window.acquire(timeout=0.1):
                if stop.is_set():
                    return
            yield c

    starting: dict = {}

    def start() -> None:  # the workers take ~1.5 s to start: this process extracts meanwhile
        try:
            starting["pool"] = ctx.Pool(jobs, initializer=_init, initargs=(catalogs,))
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            starting["error"] = exc

    starter = threading.Thread(target=start, name="kg-pool-start", daemon=True)
    starter.start()
    try:
        first = list(extract(head, build_nlp(catalogs)))  # the first two chunks, done here
    except BaseException:
        starter.join()
        if "pool" in starting:
            starting["pool"].terminate()
        raise
    starter.join()
    if "error" in starting:
        raise starting["error"]
    with starting["pool"] as pool, garbage_frozen():
        try:
            yield from first
            del first
            for blob in pool.imap(_work, feed()):
                window.release()
                with collector_paused():
                    records = marshal.loads(blob)
                    # Decoded records are trees and reading the input makes no cycles either
                    # (tested): nothing to collect, only to freeze, so that the collector
                    # does not rescan the records. Unfrozen when the pool is done.
                    gc.freeze()
                yield from records
        finally:
            stop.set()
