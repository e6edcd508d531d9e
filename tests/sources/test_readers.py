"""Every reader, on small fixtures written here and on the real files in ../shared."""
from __future__ import annotations

import gzip
import json

import pytest

from kg.corpus import read_corpus
from kg.errors import InputError
from kg.model import Paper, Rejection
from kg.sources import detect_format, read_papers
from tests.conftest import need_shared

ABSTRACT = "We propose GearNet, a new encoder for protein structures, and evaluate it on many tasks."


def split(records):
    papers = [r for r in records if isinstance(r, Paper)]
    rejected = [r for r in records if isinstance(r, Rejection)]
    return papers, rejected


# -- Hugging Face papers-page dumps ---------------------------------------------------
def test_hf_page_skips_chrome_and_dates(tmp_path):
    f = tmp_path / "page.txt"
    f.write_text("new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nDaily Papers\n\n"
                 "byAK and the research community\n\nMar 12\n\nPaper One\n\n" + ABSTRACT + "\n\n"
                 "SubscribePaper Two\n" + ABSTRACT + "\n")
    papers, rejected = split(list(read_papers([f])))
    assert [p.title for p in papers] == ["Paper One", "Paper Two"]
    assert papers[0].source == f"{f}:13"
    assert not rejected


def test_hf_page_title_without_abstract_is_reported(tmp_path):
    f = tmp_path / "page.txt"
    f.write_text("Lonely Title\n\nPaper Two\n\n" + ABSTRACT + "\n\nLast Title\n")
    papers, rejected = split(list(read_papers([f])))
    assert [p.title for p in papers] == ["Paper Two"]
    assert [(r.line, r.reason.split(" (")[0]) for r in rejected] == [
        (1, "title without an abstract"), (7, "title without an abstract")]


def test_seed_pages_give_398_distinct_papers():
    seeds = sorted(need_shared("seeds").glob("*.txt"))
    papers, report = read_corpus(seeds)
    assert 396 <= len(papers) <= 400
    assert report.records == report.accepted + len(report.rejected)
    assert report.duplicates > 0
    multi = [p for p in papers if len(p.sources) > 1]
    assert multi, "papers listed on several pages record every source"
    assert all(not p.title.startswith("Subscribe") for p in papers)


def test_duplicates_keep_longest_abstract(tmp_path):
    a = tmp_path / "a.jsonl"
    a.write_text(json.dumps({"title": "Same Paper", "abstract": "short one."}) + "\n" +
                 json.dumps({"title": "same  paper", "abstract": "a much longer abstract text."}) + "\n")
    papers, report = read_corpus([a])
    assert len(papers) == 1 and papers[0].abstract == "a much longer abstract text."
    assert papers[0].sources == [f"{a}:1", f"{a}:2"] and report.duplicates == 1


# -- JSON Lines ---------------------------------------------------------------------------
def test_jsonl_fields_and_bad_lines(tmp_path):
    f = tmp_path / "p.jsonl"
    f.write_bytes(b"\n".join([
        json.dumps({"title": "A", "summary": ABSTRACT, "id": 7, "arxiv_id": "2401.00001",
                    "authors": [{"name": "Ada"}, "Bob"], "date": "2024-01-01", "url": "https://x.org"}).encode(),
        b'{"title": "broken", ',
        b'["not", "an", "object"]',
        json.dumps({"abstract": ABSTRACT}).encode(),
        json.dumps({"title": "No abstract"}).encode(),
        b'{"title": "caf\xe9 latin-1", "abstract": "x"}',
        b'{"title": "binary \x00\x81\x01", "abstract": "x"}',
    ]) + b"\n")
    warnings = []
    papers, rejected = split(list(read_papers([f], warn=warnings.append)))
    assert [p.title for p in papers] == ["A", "café latin-1"]
    assert warnings == [f"{f}: 1 line not UTF-8, read as Windows-1252/Latin-1 (first at line 6)"]
    p = papers[0]
    assert (p.title, p.ext_id, p.arxiv_id, p.authors, p.date) == ("A", "7", "2401.00001", ["Ada", "Bob"], "2024-01-01")
    reasons = {r.line: r.reason for r in rejected}
    assert reasons[2].startswith("malformed JSON")
    assert reasons[3] == "expected a JSON object, got list"
    assert reasons[4] == "missing title" and reasons[5] == "missing abstract"
    assert reasons[7].startswith("invalid UTF-8 and not text")


def test_gzip_is_transparent_and_truncation_reported(tmp_path):
    lines = [json.dumps({"title": f"Paper {i}", "abstract": ABSTRACT}) for i in range(500)]
    data = gzip.compress(("\n".join(lines) + "\n").encode())
    good = tmp_path / "p.jsonl.gz"
    good.write_bytes(data)
    assert len(split(list(read_papers([good])))[0]) == 500
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(data[: len(data) // 2])
    papers, rejected = split(list(read_papers([cut])))
    assert 0 < len(papers) < 500
    assert len(rejected) == 1 and "truncated or corrupt gzip" in rejected[0].reason


# -- Hugging Face papers API ------------------------------------------------------------
def test_hf_api_new_shape_has_code_links():
    f = need_shared("samples", "hf_daily_papers", "2025-09-16.json")
    papers, rejected = split(list(read_papers([f])))
    assert len(papers) == 13 and not rejected
    with_code = [p for p in papers if p.repos]
    assert len(with_code) == 9
    p = papers[0]
    assert p.arxiv_id == "2509.12201" and p.date.startswith("2025-09-15") and p.authors[0] == "Yang Zhou"
    assert p.links and p.url == "https://arxiv.org/abs/2509.12201"


def test_hf_api_old_shape_unwraps_lines():
    f = need_shared("samples", "hf_daily_papers", "2024-06-20.json")
    papers, rejected = split(list(read_papers([f])))
    assert papers and not rejected
    assert all("\n" not in p.abstract for p in papers)


@pytest.mark.parametrize("name,ref", [("2024-12-11.json", "item [0]"), ("2025-01-10.json", "item data[0]")])
def test_hf_api_malformed_archives_are_reported_item_by_item(name, ref):
    f = need_shared("samples", "hf_daily_papers", name)
    records = list(read_papers([f]))
    papers, rejected = split(records)
    raw = json.loads(f.read_text())
    items = raw["data"] if isinstance(raw, dict) else raw
    assert not papers and len(rejected) == len(items) > 0
    assert rejected[0].reason.startswith(ref) and "Python-repr string" in rejected[0].reason
    assert all(r.file == str(f) for r in rejected)


# -- arXiv Atom ------------------------------------------------------------------------------
def test_arxiv_atom_real_feeds_including_concatenated_pages():
    d = need_shared("samples", "arxiv_atom")
    papers, rejected = split(list(read_papers([d])))
    assert len(papers) == 30 and not rejected
    bami = next(p for p in papers if p.title.startswith("BAMI"))
    assert bami.arxiv_id == "2605.06664" and bami.date == "2026-05-07T17:59:31Z"
    assert "\\textbf" not in bami.abstract and "Bias-Aware Manipulation Inference (BAMI)" in bami.abstract


def test_arxiv_atom_truncated_is_reported(tmp_path):
    f = tmp_path / "feed.xml"
    f.write_text('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/1</id>'
                 "<title>T</title><summary>" + ABSTRACT + "</summary></entry><entry><title>cut")
    papers, rejected = split(list(read_papers([f])))
    assert len(papers) == 1 and len(rejected) == 1 and "XML" in rejected[0].reason


# -- dispatch ------------------------------------------------------------------------------
def test_detect_format():
    assert detect_format("a.jsonl.gz") == "jsonl"
    assert detect_format("a.json") == "hf_api"
    assert detect_format("a.xml") == "arxiv_atom"
    assert detect_format("a.txt") == "hf_page"


def test_sniffs_content_without_extension(tmp_path):
    f = tmp_path / "data"
    f.write_text(json.dumps({"title": "T", "abstract": ABSTRACT}) + "\n")
    assert len(split(list(read_papers([f])))[0]) == 1


def test_missing_path_and_unknown_format(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(read_papers([tmp_path / "nope.jsonl"]))
    b = tmp_path / "blob.bin"
    b.write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(InputError, match="unknown format"):
        list(read_papers([b]))
    with pytest.raises(InputError, match="unknown format 'csv'"):
        list(read_papers([b], "csv"))


def test_empty_file_warns(tmp_path):
    f = tmp_path / "empty.jsonl"
    f.write_text("")
    warnings = []
    assert list(read_papers([f], warn=warnings.append)) == []
    assert warnings == [f"{f}: empty file, no papers read"]


def test_oversized_abstract_rejected(tmp_path):
    f = tmp_path / "big.jsonl"
    f.write_text(json.dumps({"title": "Big", "abstract": "word " * 30000}) + "\n")
    papers, rejected = split(list(read_papers([f])))
    assert not papers and "abstract too large" in rejected[0].reason
