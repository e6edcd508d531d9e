"""A build killed midway leaves the previous graph folder intact and loadable."""
from __future__ import annotations

import signal
import subprocess
import sys
import time

import kg
from kg.store.embedded import EmbeddedStore
from tests.conftest import EXAMPLES, example_copies


def snapshot(d):
    return {f.name: f.read_bytes() for f in sorted(d.iterdir()) if f.suffix in (".jsonl", ".json")}


def test_killed_build_keeps_previous_output(tmp_path):
    small = tmp_path / "small.jsonl"
    small.write_text("\n".join(EXAMPLES.read_text().splitlines()[:20]) + "\n")
    out = tmp_path / "graph"
    kg.build(small, out)
    before = snapshot(out)
    big = tmp_path / "big.jsonl"
    big.write_text("\n".join(example_copies(15)) + "\n")
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(big), "-o", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline and not list(tmp_path.glob(".graph.tmp-*")):
        time.sleep(0.02)  # wait until the build is writing its staged output folder
    assert proc.poll() is None, "the build finished before it could be interrupted"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert snapshot(out) == before
    g = kg.load(out)
    assert g.summary()["nodes"]["Paper"] == 20
    with EmbeddedStore.in_dir(out) as s:
        assert s.cypher("MATCH (p:Paper) RETURN count(*)").rows == [[20]]
    assert list(tmp_path.glob(".graph.tmp-*")), "the killed build left its temporary folder"
    kg.build(small, out)                       # the next build cleans it up
    assert not list(tmp_path.glob(".graph.tmp-*"))
    assert snapshot(out) == before             # and gives the same bytes


def test_reads_during_a_build_see_a_whole_graph(tmp_path):
    """While a build rewrites OUTDIR, readers get the previous graph, the new one, or a
    one-line error in the instant of the swap; never a half-written graph."""
    from kg.errors import KGError

    small = tmp_path / "small.jsonl"
    small.write_text("\n".join(EXAMPLES.read_text().splitlines()[:20]) + "\n")
    out = tmp_path / "graph"
    kg.build(small, out)
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(EXAMPLES), "-o", str(out), "--jobs", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen, errors = set(), []
    while proc.poll() is None:
        try:
            g = kg.load(out)
            with EmbeddedStore.in_dir(out) as s:
                n_db = s.cypher("MATCH (p:Paper) RETURN count(*)").rows[0][0]
            seen.add((g.summary()["nodes"]["Paper"], n_db))
        except KGError as exc:
            errors.append(str(exc))
        time.sleep(0.02)
    assert proc.returncode == 0
    # each read is whole (the two reads may straddle the swap, so they are checked apart)
    assert {a for a, _ in seen} <= {20, 398} and {b for _, b in seen} <= {20, 398} and (20, 20) in seen, \
        (seen, errors[:3])
    assert all("\n" not in e for e in errors), errors[:3]


def test_ctrl_c_during_a_parallel_build_prints_one_line(tmp_path):
    """Ctrl-C reaches the workers too (the terminal signals the whole process group): the
    build stops with one line and status 130, no worker prints a traceback, none is left."""
    import os

    big = tmp_path / "big.jsonl"
    big.write_text("\n".join(example_copies(8)) + "\n")  # ~3,200 papers: --jobs 2 starts its workers
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(big), "-o", str(tmp_path / "g"),
                             "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)

    def group() -> list[str]:
        return subprocess.run(["pgrep", "-g", str(proc.pid)], capture_output=True, text=True).stdout.split()

    deadline = time.time() + 60
    while time.time() < deadline and len(group()) < 3 and proc.poll() is None:
        time.sleep(0.05)  # until the workers run
    assert proc.poll() is None and len(group()) >= 3, "no workers to interrupt"
    time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    err = err.decode()
    assert proc.returncode == 130, err[-2000:]
    assert "Traceback" not in err, err[-2000:]
    assert err.strip().splitlines()[-1] == "kg: interrupted; outputs left as they were"
    time.sleep(0.5)
    assert group() == []
