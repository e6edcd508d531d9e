"""Importing catalogs: the real Papers with Code files, a user's CSV, and precision."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.errors import KGError
from kg.extract.pipeline import build_nlp, extract
from kg.model import Paper
from kg.resolve.catalog import load_catalog
from kg.resolve.catalog_import import import_pwc, import_user
from tests.conftest import need_shared

COMMON = ("We pay attention to the data and clean it, then use a simple dropout of words, "
          "a random sample, and an adam of vectors to see the effect on the results.")


@pytest.fixture(scope="module")
def pwc_catalog(tmp_path_factory):
    out = tmp_path_factory.mktemp("cat") / "pwc.jsonl"
    res = CliRunner().invoke(main, ["catalog", "import-pwc", str(need_shared("data", "pwc")), "-o", str(out)])
    assert res.exit_code == 0, res.output
    return out


def test_import_real_pwc_files(pwc_catalog):
    entries = [json.loads(x) for x in pwc_catalog.read_text().splitlines()]
    by = {(e["type"], e["name"]): e for e in entries}
    clip = by[("method", "CLIP")]
    assert clip["id"] == "pwc:method/clip" and "Contrastive Language-Image Pre-training" in clip["aliases"]
    assert by[("dataset", "SQuAD")]["url"] == "https://paperswithcode.com/dataset/squad"
    assert ("task", "Semantic Segmentation") in by
    assert sum(e["type"] == "method" for e in entries) > 1800
    assert sum(e["type"] == "dataset" for e in entries) > 5000
    # a variant with its own numbers is its own entity, not an alias
    assert ("dataset", "Rotated MNIST") in by and "Rotated MNIST" not in by[("dataset", "MNIST")]["aliases"]


def test_common_words_do_not_fire_with_the_pwc_catalog(pwc_catalog):
    nlp = build_nlp([str(pwc_catalog)])
    rec = next(extract([Paper(title="A study of data", abstract=COMMON)], nlp))
    assert rec["methods"] == rec["datasets"] == rec["benchmarks"] == rec["metrics"] == []


def test_catalog_links_nodes(pwc_catalog, tmp_path):
    src = tmp_path / "p.jsonl"
    src.write_text(json.dumps({"title": "Probing CLIP", "abstract": "We study CLIP on SQuAD and MS MARCO."}) + "\n")
    g = kg.build(src, tmp_path / "g", catalogs=[str(pwc_catalog)])
    clip = g.node(g.find("CLIP", "Method")[0])
    assert clip["catalog_id"] == "pwc:method/clip" and clip["url"] == "https://paperswithcode.com/method/clip"
    assert g.node(g.find("SQuAD", "Dataset")[0])["catalog_id"] == "pwc:dataset/squad"


def test_user_csv_catalog(tmp_path):
    f = tmp_path / "mine.csv"
    f.write_text("type,name,aliases,id,url\nmethod,ZetaNet,Zeta Network|ZNet,my:1,https://example.org/zeta\n")
    entries = import_user(f)
    assert entries == [{"type": "method", "name": "ZetaNet", "aliases": ["Zeta Network", "ZNet"], "id": "my:1",
                        "url": "https://example.org/zeta", "source": "mine.csv"}]
    out = tmp_path / "mine.jsonl"
    out.write_text(json.dumps(entries[0]) + "\n")
    assert load_catalog((str(out),)).lookup("znet").name == "ZetaNet"
    bad = tmp_path / "bad.csv"
    bad.write_text("type,name\nwidget,Foo\n")
    with pytest.raises(KGError, match="bad.csv:2: needs a type"):
        import_user(bad)


def test_import_pwc_needs_pwc_files(tmp_path):
    (tmp_path / "x.txt").write_text("nothing")
    with pytest.raises(KGError, match="no Papers with Code files"):
        import_pwc([tmp_path])
