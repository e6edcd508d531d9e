"""Property-based: arbitrary text and bytes never make a reader or the extractor raise,
and every record is accounted for."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract.pipeline import extract
from kg.model import Paper, Rejection
from kg.sources import read_papers

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
TEXT = st.text(st.characters(codec="utf-8"), max_size=300)


def run_reader(data: bytes, suffix: str) -> list:
    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / f"input{suffix}"
        f.write_bytes(data)
        out = list(read_papers([f], warn=lambda m: None))
    assert all(isinstance(r, (Paper, Rejection)) for r in out)
    return out


@SETTINGS
@given(st.lists(st.one_of(TEXT, st.binary(max_size=200)), max_size=12))
def test_jsonl_reader_accounts_for_every_line(lines):
    raw = [x.encode("utf-8") if isinstance(x, str) else x for x in lines]
    raw = [x.replace(b"\n", b" ").replace(b"\r", b" ") for x in raw]
    data = b"\n".join(raw) + b"\n" if raw else b"x"
    out = run_reader(data, ".jsonl")
    if data.startswith(b"\x1f\x8b"):  # gzip magic: a corrupt gzip file is one rejection
        assert len(out) >= 1 and isinstance(out[-1], Rejection)
    elif raw:
        assert len(out) == sum(1 for x in raw if x.strip())


@SETTINGS
@given(st.lists(st.fixed_dictionaries({}, optional={"title": st.one_of(TEXT, st.integers(), st.none()),
                                                    "abstract": st.one_of(TEXT, st.lists(TEXT, max_size=2)),
                                                    "summary": TEXT, "authors": st.one_of(TEXT, st.lists(TEXT)),
                                                    "id": st.one_of(TEXT, st.integers())}), max_size=8))
def test_jsonl_objects_of_any_shape(objs):
    data = "".join(json.dumps(o) + "\n" for o in objs).encode() or b"{}\n"
    out = run_reader(data, ".jsonl")
    assert len(out) == max(len(objs), 1)


@SETTINGS
@given(st.one_of(TEXT.map(str.encode), st.binary(max_size=400)))
def test_page_reader_never_raises(data):
    run_reader(data or b"x", ".txt")


@SETTINGS
@given(st.one_of(TEXT.map(str.encode), st.binary(max_size=400),
                 st.recursive(st.one_of(st.none(), st.integers(), TEXT), lambda c: st.one_of(
                     st.lists(c, max_size=4), st.dictionaries(st.sampled_from(["paper", "title", "summary", "data", "id"]),
                                                              c, max_size=4)), max_leaves=12).map(
                     lambda v: json.dumps(v).encode())))
def test_api_reader_never_raises(data):
    run_reader(data or b"x", ".json")


@SETTINGS
@given(st.one_of(TEXT.map(str.encode), st.binary(max_size=400),
                 st.tuples(TEXT, TEXT).map(lambda t: (
                     '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>' + t[0].replace("<", "&lt;").replace("&", "&amp;")
                     + "</title><summary>" + t[1] + "</summary></entry></feed>").encode())))
def test_atom_reader_never_raises(data):
    run_reader(data or b"x", ".xml")


@SETTINGS
@given(st.lists(st.tuples(TEXT.filter(str.strip), TEXT.filter(str.strip)), min_size=1, max_size=5))
def test_extraction_never_raises_and_offsets_hold(nlp, pairs):
    papers = [Paper(title=t, abstract=a) for t, a in pairs]
    recs = list(extract(papers, nlp))
    assert len(recs) == len(papers)
    for p, rec in zip(papers, recs):
        assert {"methods", "datasets", "benchmarks", "tasks", "metrics", "repos", "links"} <= set(rec)
        for ev in rec["evidence"]:
            text = {"title": p.title, "abstract": p.abstract}.get(ev["field"])
            if text is not None:
                assert 0 <= ev["start"] <= ev["end"] <= len(text)
