"""Parallel extraction on one machine: a process pool whose workers inherit a spaCy
pipeline built once, papers streamed to it in large chunks, records returned in input
order (so the output is the same as with one job, byte for byte)."""
from __future__ import annotations

import gc
import marshal
import multiprocessing as mp
import os
import signal
import threading
import warnings
from collections.abc import Iterable, Iterator
from itertools import chain, islice

from ..extract.pipeline import build_nlp, collector_paused, extract, garbage_frozen, settle_garbage
from ..model import Paper

CHUNK = 1_000
#: The size of the pool's pipes: the most Linux lets any user set (``fs.pipe-max-size``).
PIPE_BYTES = 1 << 20
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


def _ignore_interrupts() -> None:
    """Ctrl-C reaches every process of the terminal's group. Workers leave it to the main
    process, which stops the pool and says so in one line (not a traceback from each worker)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _init(catalogs: tuple[str, ...]) -> None:
    global _NLP
    _ignore_interrupts()
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


def start_method() -> str:
    """How workers start: ``fork`` while this process runs one thread (the workers inherit
    the pipeline this process builds, at once), else ``forkserver`` (forking a process that
    runs other threads can deadlock the child)."""
    methods = mp.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def extract_parallel(papers: Iterable[Paper], jobs: int = 1, catalogs: Iterable[str] = (),
                     chunk: int = CHUNK) -> Iterator[dict]:
    """Records for papers, in order, using ``jobs`` processes (1: in this process).

    ``papers`` may be a stream: it is read as extraction goes, at most ``AHEAD`` chunks per
    worker ahead of the records returned."""
    catalogs = tuple(catalogs)
    papers = iter(papers)
    head = list(islice(papers, 2 * chunk)) if jobs > 1 else []
    if jobs <= 1 or len(head) < 2 * chunk:  # small inputs: starting workers costs more
        yield from extract(chain(head, papers), build_nlp(catalogs))
        return
    global _NLP
    method = start_method()
    forked = method == "fork"
    with garbage_frozen():
        try:
            if forked:
                pool, first = _forked_pool(jobs, catalogs), []
                papers = chain(head, papers)
            else:
                pool, first = _server_pool(method, jobs, catalogs, head)
            with pool:
                yield from first
                del first
                yield from _pooled(pool, papers, jobs, chunk)
        finally:
            if forked:  # the pipeline the workers inherited: this process has no use for it
                _NLP = None


def _forked_pool(jobs: int, catalogs: tuple[str, ...]):
    """Workers forked from this process once it has built the pipeline: they inherit it,
    frozen (their collector never writes to, and so never copies, the shared pages). No
    server process importing spaCy and building the pipeline a second time: ~1 s of CPU
    and ~300 MB less on a 2-job run."""
    global _NLP
    _NLP = build_nlp(catalogs)
    settle_garbage()
    with warnings.catch_warnings():
        # Python warns of any fork while the process runs more than one thread, native
        # ones included. ``start_method`` made sure no other Python thread runs; the native
        # ones are those of libraries kg imports, which get ready for a fork themselves
        # (OpenBLAS through numpy, jemalloc through pyarrow), as in the forkserver.
        warnings.filterwarnings("ignore", r".*use of fork\(\) may lead to deadlocks", DeprecationWarning)
        return mp.get_context("fork").Pool(jobs, initializer=_ignore_interrupts)


def _server_pool(method: str, jobs: int, catalogs: tuple[str, ...], head: list[Paper]):
    """(pool, records of ``head``): a ``forkserver`` (or ``spawn``) pool, started in a
    thread while this process extracts ``head`` itself (the workers take ~1.5 s to start).
    The forkserver builds the default pipeline once, and each worker inherits it."""
    ctx = mp.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(["kg.scale.preload"])
    starting: dict = {}

    def start() -> None:
        try:
            starting["pool"] = ctx.Pool(jobs, initializer=_init, initargs=(catalogs,))
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            starting["error"] = exc

    starter = threading.Thread(target=start, name="kg-pool-start", daemon=True)
    starter.start()
    try:
        first = list(extract(head, build_nlp(catalogs)))
    except BaseException:
        starter.join()
        if "pool" in starting:
            starting["pool"].terminate()
        raise
    starter.join()
    if "error" in starting:
        raise starting["error"]
    return starting["pool"], first


def _widen_pipes(pool) -> None:
    """Give the pool's task and result pipes 1 MB instead of 64 KB, where Linux allows it.

    A chunk's records (~1.6 MB) then cross in two reads instead of ~25, and each read of
    this process's result thread allocates room for the whole rest of the message: with
    workers that answer at once, that thread's CPU time went from 0.6 to 0.2 s per 100,000
    papers. Best effort: the pool works the same with the pipes it has."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        return
    set_size = getattr(fcntl, "F_SETPIPE_SZ", None)  # Linux only
    if set_size is None:
        return
    for queue_ in (getattr(pool, "_inqueue", None), getattr(pool, "_outqueue", None)):
        reader = getattr(queue_, "_reader", None)  # CPython's pool internals
        if reader is None:
            continue
        try:
            fcntl.fcntl(reader.fileno(), set_size, PIPE_BYTES)
        except OSError:  # a lower fs.pipe-max-size, or the user's pipe quota is spent
            return


def _pooled(pool, papers: Iterator[Paper], jobs: int, chunk: int) -> Iterator[dict]:
    _widen_pipes(pool)
    # Pool.imap reads its input as fast as it can; a semaphore holds the reader back.
    window = threading.Semaphore(AHEAD * jobs)
    stop = threading.Event()

    def feed() -> Iterator[list[Paper]]:
        for c in chunks(papers, chunk):
            while not window.acquire(timeout=0.1):
                if stop.is_set():
                    return
            yield c

    try:
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
