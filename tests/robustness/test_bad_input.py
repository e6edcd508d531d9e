"""Every kind of bad input, with the exact outcome: skipped with a reason, stopped with a
message, or accepted. Through the real CLI (CliRunner)."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from tests.conftest import need_shared

ABSTRACT = "We propose FooNet and evaluate it on COCO for object detection."


def line(title=ABSTRACT[:10], abstract=ABSTRACT, **kw):
    return json.dumps({"title": title, "abstract": abstract, **kw}, ensure_ascii=False)


def build(tmp_path, *inputs, strict=False):
    out = tmp_path / "g"
    args = ["build", *map(str, inputs), "-o", str(out)] + (["--strict"] if strict else [])
    res = CliRunner().invoke(main, args)
    rejected = []
    if (out / "rejected.jsonl").exists():
        rejected = [json.loads(x) for x in (out / "rejected.jsonl").read_text().splitlines()]
    manifest = json.loads((out / "manifest.json").read_text()) if (out / "manifest.json").exists() else {}
    return res, rejected, manifest, out


def accounted(manifest, rejected):
    assert manifest["records_read"] == manifest["records_accepted"] + len(rejected)


def test_nonexistent_path(tmp_path):
    res, *_ = build(tmp_path, tmp_path / "missing.jsonl")
    assert res.exit_code == 1 and res.output.strip() == f"kg: error: {tmp_path / 'missing.jsonl'}: no such file or directory"


def test_directory_with_mixed_files(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.jsonl").write_text(line("Paper A") + "\n")
    (d / "b.txt").write_text("Paper B\n\n" + ABSTRACT + "\n")
    (d / "c.jsonl.gz").write_bytes(gzip.compress((line("Paper C") + "\n").encode()))
    (d / "README.md").write_text("# notes, not papers\n")
    (d / "blob.bin").write_bytes(bytes(range(256)))
    (d / ".hidden.jsonl").write_text(line("Hidden") + "\n")
    res, rejected, manifest, out = build(tmp_path, d)
    assert res.exit_code == 0, res.output
    assert manifest["papers"] == 3
    assert sorted(Path(r["file"]).name for r in rejected) == ["README.md", "blob.bin"]
    assert all("skipped" in r["reason"] for r in rejected)
    accounted(manifest, rejected)


def test_empty_file(tmp_path):
    f = tmp_path / "empty.jsonl"
    f.write_text("")
    g = tmp_path / "ok.jsonl"
    g.write_text(line("Paper") + "\n")
    res, rejected, manifest, _ = build(tmp_path, f, g)
    assert res.exit_code == 0 and f"warning: {f}: empty file" in res.output and manifest["papers"] == 1


def test_binary_file_named_directly(tmp_path):
    f = tmp_path / "x.dat"
    f.write_bytes(b"\x00\x01\x02\xff" * 100)
    res, *_ = build(tmp_path, f)
    assert res.exit_code == 1 and "unknown format" in res.output and "Traceback" not in res.output


def test_invalid_utf8_and_latin1(tmp_path):
    f = tmp_path / "enc.jsonl"
    f.write_bytes(line("UTF-8 paper").encode() + b"\n" + line("Caf\xe9 paper").encode("latin-1") + b"\n" +
                  b'{"title": "\x81\x8d binary", "abstract": "x"}\n')
    res, rejected, manifest, out = build(tmp_path, f)
    assert res.exit_code == 0
    titles = sorted(json.loads(x)["title"] for x in (out / "papers.jsonl").read_text().splitlines())
    assert titles == ["Café paper", "UTF-8 paper"]
    assert "read as Windows-1252/Latin-1 (first at line 2)" in res.output
    assert [(r["line"], r["reason"].split(" (")[0]) for r in rejected] == [(3, "invalid UTF-8 and not text")]
    accounted(manifest, rejected)


def test_truncated_gzip(tmp_path):
    data = gzip.compress("".join(line(f"Paper {i}") + "\n" for i in range(300)).encode())
    f = tmp_path / "cut.jsonl.gz"
    f.write_bytes(data[: len(data) // 2])
    res, rejected, manifest, _ = build(tmp_path, f)
    assert res.exit_code == 0 and 0 < manifest["papers"] < 300
    assert len(rejected) == 1 and "truncated or corrupt gzip" in rejected[0]["reason"]


def test_malformed_json_line_n_lenient_and_strict(tmp_path):
    f = tmp_path / "p.jsonl"
    f.write_text(line("One") + "\n" + line("Two") + "\n" + '{"title": "Three", "abstract": \n' + line("Four") + "\n")
    res, rejected, manifest, _ = build(tmp_path, f)
    assert res.exit_code == 0 and manifest["papers"] == 3
    assert [(r["line"], r["reason"].split(" (")[0]) for r in rejected] == [(3, "malformed JSON")]
    res, *_ = build(tmp_path / "s", f, strict=True)
    assert res.exit_code == 2
    assert res.output.strip().splitlines()[-1].startswith(f"kg: error: {f}:3: malformed JSON")


@pytest.mark.parametrize("record,reason", [
    ('["a", "list"]', "expected a JSON object, got list"),
    ('{"title": 7, "abstract": "x"}', "missing title"),
    (json.dumps({"abstract": ABSTRACT}), "missing title"),
    (json.dumps({"title": "No abstract"}), "missing abstract"),
    (json.dumps({"title": "Big", "abstract": "x" * 1_000_000}), "abstract too large"),
])
def test_bad_records_are_skipped_with_reason(tmp_path, record, reason):
    f = tmp_path / "p.jsonl"
    f.write_text(line("Good") + "\n" + record + "\n")
    res, rejected, manifest, _ = build(tmp_path, f)
    assert res.exit_code == 0 and manifest["papers"] == 1
    assert len(rejected) == 1 and rejected[0]["line"] == 2 and rejected[0]["reason"].startswith(reason)
    accounted(manifest, rejected)


def test_duplicate_papers_are_one(tmp_path):
    f = tmp_path / "p.jsonl"
    f.write_text(line("Same Title") + "\n" + line("same title", ABSTRACT + " Longer.") + "\n")
    res, rejected, manifest, out = build(tmp_path, f)
    assert manifest["papers"] == 1 and manifest["duplicates_merged"] == 1 and not rejected
    rec = json.loads((out / "nodes.jsonl").read_text().splitlines()[-1])
    papers = [json.loads(x) for x in (out / "nodes.jsonl").read_text().splitlines()]
    paper = next(p for p in papers if p["label"] == "Paper")
    assert paper["abstract"].endswith("Longer.") and len(paper["sources"]) == 2 and rec


@pytest.mark.parametrize("title", [
    '<img src=x onerror=alert(1)> HTML title',
    "Control\x07 chars\x1b[31m in\x00 title",
    "نموذج عربي مع BERT للترجمة",            # right-to-left
    "Emoji 🚀 paper with CLIP 🤖",
    'x"}) DETACH DELETE n //',
])
def test_hostile_or_unusual_titles_are_accepted_verbatim(tmp_path, title):
    f = tmp_path / "p.jsonl"
    f.write_text(line(title) + "\n")
    res, rejected, manifest, out = build(tmp_path, f)
    assert res.exit_code == 0 and manifest["papers"] == 1 and not rejected
    stored = json.loads((out / "papers.jsonl").read_text())["title"]
    expected = " ".join("".join(" " if ord(c) < 32 else c for c in title).split())
    assert stored == expected


def test_real_malformed_api_responses(tmp_path):
    d = need_shared("samples", "hf_daily_papers")
    res, rejected, manifest, _ = build(tmp_path, d / "2024-12-11.json", d / "2025-01-10.json", d / "2025-09-16.json")
    assert res.exit_code == 0 and manifest["papers"] == 13
    assert {Path(r["file"]).name for r in rejected} == {"2024-12-11.json", "2025-01-10.json"}
    assert all("Python-repr string" in r["reason"] for r in rejected)
    accounted(manifest, rejected)
    res, *_ = build(tmp_path / "s", d / "2025-01-10.json", strict=True)
    assert res.exit_code == 2 and "item data[0] is a Python-repr string" in res.output


def test_unwritable_output_is_one_line(tmp_path):
    f = tmp_path / "p.jsonl"
    f.write_text(line("Paper") + "\n")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    res = CliRunner().invoke(main, ["build", str(f), "-o", str(blocker / "g")])
    assert res.exit_code == 1 and res.output.startswith("kg: error:") and len(res.output.strip().splitlines()) == 1
