"""Parallel and distributed extraction give exactly the output of one process."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.scale.local import CHUNK
from tests.conftest import example_copies

COPIES = 6
assert COPIES * 398 > 2 * CHUNK  # smaller inputs are extracted in the main process


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The example corpus six times over (unique titles) in two files, with duplicates:
    enough papers for a 2-job run to use its worker processes."""
    d = tmp_path_factory.mktemp("corpus")
    recs = example_copies(COPIES)
    (d / "a.jsonl").write_text("\n".join(recs[:1400]) + "\n")
    (d / "b.jsonl").write_text("\n".join(recs[1200:]) + "\n")   # 200 papers in both files
    return [d / "a.jsonl", d / "b.jsonl"]


def run(*args):
    res = CliRunner().invoke(main, list(map(str, args)))
    assert res.exit_code == 0, res.output
    return res


def graph_bytes(d):
    return {f: (d / f).read_bytes() for f in ("nodes.jsonl", "edges.jsonl", "papers.jsonl")}


def test_jobs_2_equals_jobs_1_byte_for_byte(corpus, tmp_path):
    run("extract", *corpus, "-o", tmp_path / "one.jsonl", "--jobs", "1")
    run("extract", *corpus, "-o", tmp_path / "two.jsonl", "--jobs", "2")
    one, two = (tmp_path / "one.jsonl").read_bytes(), (tmp_path / "two.jsonl").read_bytes()
    assert one == two and len(one.splitlines()) == COPIES * 398
    run("build", *corpus, "-o", tmp_path / "g1", "--jobs", "1")
    run("build", *corpus, "-o", tmp_path / "g2", "--jobs", "2")
    assert graph_bytes(tmp_path / "g1") == graph_bytes(tmp_path / "g2")


def test_dask_local_cluster_equals_local_run(corpus, tmp_path):
    pytest.importorskip("dask.distributed")
    run("build", *corpus, "-o", tmp_path / "local", "--jobs", "1")
    run("build", *corpus, "-o", tmp_path / "dask", "--dask", "local")
    assert graph_bytes(tmp_path / "local") == graph_bytes(tmp_path / "dask")
