"""The `kg` command end to end, through click's CliRunner and as a real process."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from kg.cli import main
from tests.conftest import EXAMPLES, need_shared

GOOD = json.dumps({"title": "FooNet: Fast", "abstract": "We propose FooNet and test it on COCO."})


@pytest.fixture()
def runner():
    return CliRunner()


def test_extract_seeds_gives_398_papers(runner, tmp_path):
    seeds = sorted(str(p) for p in need_shared("seeds").glob("*.txt"))
    out = tmp_path / "p.jsonl"
    res = runner.invoke(main, ["extract", *seeds, "-o", str(out)])
    assert res.exit_code == 0, res.output
    recs = [json.loads(line) for line in out.read_text().splitlines()]
    assert 396 <= len({r["title"] for r in recs}) <= 400
    keys = {"id", "title", "methods", "datasets", "benchmarks", "tasks", "metrics", "repos", "links", "evidence"}
    assert all(keys <= set(r) for r in recs)


def test_build_prints_counts_and_writes_graph(runner, tmp_path):
    res = runner.invoke(main, ["build", str(EXAMPLES), "-o", str(tmp_path / "g")])
    assert res.exit_code == 0, res.output
    assert "Paper" in res.output and "398" in res.output and "HAS_CODE" in res.output
    for f in ("nodes.jsonl", "edges.jsonl", "papers.jsonl", "rejected.jsonl", "manifest.json"):
        assert (tmp_path / "g" / f).exists()
    info = runner.invoke(main, ["info", str(tmp_path / "g")])
    assert info.exit_code == 0 and "Method" in info.output


def test_bad_records_are_counted_and_reported(runner, tmp_path):
    src = tmp_path / "mixed.jsonl"
    src.write_text(GOOD + "\n{broken\n" + json.dumps({"title": "no abstract"}) + "\n")
    res = runner.invoke(main, ["build", str(src), "-o", str(tmp_path / "g")])
    assert res.exit_code == 0, res.output
    assert "read 3 records: 1 accepted" in res.output and "2 rejected" in res.output
    rejected = [json.loads(x) for x in (tmp_path / "g" / "rejected.jsonl").read_text().splitlines()]
    assert [(r["line"], r["reason"].split(" (")[0]) for r in rejected] == [(2, "malformed JSON"), (3, "missing abstract")]
    assert all(r["file"] == str(src) for r in rejected)


def test_strict_stops_with_file_and_line(runner, tmp_path):
    src = tmp_path / "mixed.jsonl"
    src.write_text(GOOD + "\n{broken\n")
    res = runner.invoke(main, ["build", str(src), "-o", str(tmp_path / "g"), "--strict"])
    assert res.exit_code == 2
    assert res.output.strip().splitlines()[-1].startswith(f"kg: error: {src}:2: malformed JSON")
    assert not (tmp_path / "g").exists()


def test_missing_path_and_unknown_format_are_one_line_errors(runner, tmp_path):
    res = runner.invoke(main, ["extract", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "o.jsonl")])
    assert res.exit_code == 1 and res.output.strip() == f"kg: error: {tmp_path / 'nope.txt'}: no such file or directory"
    blob = tmp_path / "blob.bin"
    blob.write_bytes(b"\x00\x01binary")
    res = runner.invoke(main, ["extract", str(blob), "-o", str(tmp_path / "o.jsonl")])
    assert res.exit_code == 1 and "unknown format" in res.output and "Traceback" not in res.output


def test_empty_file_is_named_in_a_warning(runner, tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    res = runner.invoke(main, ["extract", str(empty), "-o", str(tmp_path / "o.jsonl")])
    assert res.exit_code == 0 and f"warning: {empty}: empty file" in res.output


def test_real_malformed_samples_are_reported_not_dropped(runner, tmp_path):
    d = need_shared("samples", "hf_daily_papers")
    res = runner.invoke(main, ["build", str(d), "-o", str(tmp_path / "g")])
    assert res.exit_code == 0, res.output
    manifest = json.loads((tmp_path / "g" / "manifest.json").read_text())
    rejected = (tmp_path / "g" / "rejected.jsonl").read_text().splitlines()
    assert manifest["records_read"] == manifest["records_accepted"] + len(rejected)
    assert {json.loads(r)["file"].rsplit("/", 1)[-1] for r in rejected} == {"2024-12-11.json", "2025-01-10.json"}


def test_console_script_runs_as_a_process(tmp_path):
    src = tmp_path / "p.jsonl"
    src.write_text(GOOD + "\n")
    out = tmp_path / "o.jsonl"
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "extract", str(src), "-o", str(out)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    rec = json.loads(out.read_text())
    assert rec["methods"][0] == {"name": "FooNet", "role": "proposed", "aliases": []}
