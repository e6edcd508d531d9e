"""Streaming extraction: the pool reads its input as it goes, and a duplicate read later
that changes a paper gets its record made again."""
from __future__ import annotations

import json

from kg.build import extract_corpus
from kg.model import Paper
from kg.scale.local import AHEAD, extract_parallel
from tests.conftest import EXAMPLES


def example_papers(n: int) -> list[Paper]:
    rows = [json.loads(line) for line in EXAMPLES.read_text().splitlines()]
    return [Paper(title=f"{rows[i % len(rows)]['title']} ({i})", abstract=rows[i % len(rows)]["abstract"])
            for i in range(n)]


def test_pool_output_equals_one_process():
    papers = example_papers(400)
    one = list(extract_parallel(papers, jobs=1))
    two = list(extract_parallel(papers, jobs=2, chunk=40))
    assert [r["id"] for r in two] == [p.id for p in papers]
    assert json.dumps(two, sort_keys=True) == json.dumps(one, sort_keys=True)


def test_workers_are_forked_only_from_a_single_threaded_process():
    """Forked workers inherit the pipeline at once; a process that runs other threads
    starts them from the forkserver instead (a fork there can deadlock the child). Both
    give the output of one process."""
    import subprocess
    import sys
    import threading

    code = (
        "import json, sys\n"
        "from tests.scale.test_streaming import example_papers\n"
        "from kg.progress import Progress\n"
        "from kg.scale.local import extract_parallel, start_method\n"
        "papers = example_papers(400)\n"
        "with Progress(disable=True):\n"
        "    assert start_method() == 'fork', start_method()\n"
        "    two = list(extract_parallel(papers, jobs=2, chunk=40))\n"
        "one = list(extract_parallel(papers, jobs=1))\n"
        "assert json.dumps(two) == json.dumps(one)\n"
        "print(len(two))\n")
    from tests.conftest import ROOT

    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == "400", out.stderr[-2000:]

    papers = example_papers(200)
    one = list(extract_parallel(papers, jobs=1))
    done = threading.Event()
    other = threading.Thread(target=done.wait)
    other.start()
    try:
        from kg.scale.local import start_method

        assert start_method() == "forkserver"
        two = list(extract_parallel(papers, jobs=2, chunk=20))
    finally:
        done.set()
        other.join()
    assert json.dumps(two) == json.dumps(one)


def test_pool_reads_its_input_as_it_goes():
    papers = [Paper(title=f"Paper {i}", abstract="We use BERT.") for i in range(2000)]
    pulled = 0

    def stream():
        nonlocal pulled
        for p in papers:
            pulled += 1
            yield p

    records = extract_parallel(stream(), jobs=2, chunk=5)
    first = next(records)
    assert first["id"] == papers[0].id
    # two chunks read before the pool starts, then at most AHEAD chunks per worker in
    # flight (small chunks would otherwise fill the pipe to the workers: hundreds of papers)
    assert pulled <= 5 * (2 + AHEAD * 2 + 1), pulled
    assert sum(1 for _ in records) == len(papers) - 1
    assert pulled == len(papers)


def test_a_later_longer_duplicate_is_extracted_again(tmp_path):
    f = tmp_path / "papers.jsonl"
    title = "Learning Things Fast"
    rows = [{"title": title, "abstract": "We study a problem."},
            {"title": "Another Paper", "abstract": "We train BERT on SQuAD."},
            {"title": title + ".", "abstract": "We study a problem. We evaluate on ImageNet and COCO with ResNet-50.",
             "github": "https://github.com/someone/fast-things"}]
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    papers, records, report = extract_corpus([f])
    assert report.duplicates == 1 and len(records) == 2
    first = records[0]
    assert first["title"] == title
    assert {d["name"] for d in first["datasets"]} >= {"ImageNet", "COCO"}
    assert any(m["name"] == "ResNet-50" for m in first["methods"])


def test_collector_paused_only_inside_a_batch_and_cycles_still_freed():
    """Extraction pauses automatic garbage collection while it works on a batch, turns it
    on again whenever it hands records to the caller, and frees reference cycles made
    inside a batch at its end (the batch-end collection), so memory stays bounded."""
    import gc
    import weakref

    from kg.extract.pipeline import extract

    class Node:
        pass

    cycles = []

    def stream():
        for p in example_papers(600):
            assert not gc.isenabled()  # read inside the batch: paused
            a, b = Node(), Node()
            a.other, b.other = b, a  # garbage that only the collector can free
            cycles.append(weakref.ref(a))
            del a, b
            yield p

    assert gc.isenabled()
    seen = 0
    for _ in extract(stream(), batch_size=256):
        assert gc.isenabled()  # the caller runs with the collector on
        seen += 1
        if seen == 300:  # after the first full batch: its cycles are gone
            assert all(r() is None for r in cycles[:256])
    assert seen == 600 and gc.isenabled()


def test_pooled_run_leaves_no_cycles_in_the_parent():
    """The parent freezes decoded records without a collection (they are trees, and
    reading makes no cycles): a run must then leave nothing for the collector."""
    import gc

    papers = example_papers(600)
    gc.collect()
    records = list(extract_parallel(iter(papers), jobs=2, chunk=50))
    assert len(records) == 600
    assert gc.collect() < 100  # one cycle per paper would leave over 1,200 objects


def test_pool_pipes_are_widened():
    """A chunk's records cross the pool's result pipe in a read or two, not ~25."""
    import fcntl
    import multiprocessing as mp
    from pathlib import Path

    import pytest

    from kg.scale.local import PIPE_BYTES, _widen_pipes

    if not hasattr(fcntl, "F_GETPIPE_SZ") or int(Path("/proc/sys/fs/pipe-max-size").read_text()) < PIPE_BYTES:
        pytest.skip("pipes cannot be widened to 1 MB here")
    with mp.get_context("forkserver").Pool(1) as pool:
        _widen_pipes(pool)
        sizes = [fcntl.fcntl(q._reader.fileno(), fcntl.F_GETPIPE_SZ) for q in (pool._inqueue, pool._outqueue)]
    assert sizes == [PIPE_BYTES, PIPE_BYTES]
