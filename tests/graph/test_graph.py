"""The graph files and the KnowledgeGraph API on a small built graph."""
from __future__ import annotations

import json

import pytest

import kg
from kg.errors import KGError
from kg.graph.schema import SchemaError, load_schema

PAPERS = [
    {"title": "FooNet: Fast Detection", "abstract": "We propose FooNet for object detection. It beats Faster R-CNN "
     "on COCO and Pascal VOC in mAP. Code: https://github.com/foo/foonet."},
    {"title": "BarNet: Better Detection", "abstract": "We introduce BarNet, improving object detection on MS-COCO "
     "over FooNet and Faster R-CNN. Project page: https://bar.github.io/barnet/."},
    {"title": "A Study of Image Classification", "abstract": "We train ResNet-50 on ImageNet-1K and ImageNet 1k "
     "for image classification and report top-1 accuracy."},
]


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    d = tmp_path_factory.mktemp("small")
    src = d / "papers.jsonl"
    src.write_text("".join(json.dumps(p) + "\n" for p in PAPERS))
    return kg.build(src, d / "graph")


def test_nodes_and_edges_follow_the_schema(small):
    schema = load_schema()
    labels = {i: d["label"] for i, d in small.nx.nodes(data=True)}
    for _, d in small.nx.nodes(data=True):
        schema.check_node(d)
    for u, v, k, d in small.nx.edges(keys=True, data=True):
        schema.check_edge(dict(d, **{"from": u, "to": v, "type": k}), labels)
        assert d["paper"] == u and d["extractor"]


def test_schema_rejects_bad_nodes():
    schema = load_schema()
    with pytest.raises(SchemaError, match="required property 'name'"):
        schema.check_node({"label": "Method", "id": "method:x", "aliases": [], "papers": 1})
    with pytest.raises(SchemaError, match="unknown label"):
        schema.check_node({"label": "Person", "id": "x"})


def test_one_node_per_entity_with_aliases(small):
    coco = small.find("COCO", "Dataset")
    assert coco == small.find("ms-coco", "Dataset") and len(coco) == 1
    assert small.node(coco[0])["papers"] == 2
    inet = small.find("ImageNet", "Dataset")
    assert len(inet) == 1 and small.node(inet[0])["papers"] == 1


def test_edges_carry_provenance(small):
    pid = small.find("FooNet: Fast Detection")[0]
    foonet = small.find("FooNet", "Method")[0]
    data = small.nx.get_edge_data(pid, foonet)
    assert set(data) == {"PROPOSES"}
    ev = data["PROPOSES"]
    assert ev["field"] in ("title", "abstract") and "FooNet" in ev["sentence"]


def test_query_helpers(small):
    assert [p["title"] for p in small.papers_using("coco")] == ["BarNet: Better Detection", "FooNet: Fast Detection"]
    rows = small.papers_proposing_for_task("Object Detection")
    assert {r["title"]: r["methods"] for r in rows} == {"BarNet: Better Detection": ["BarNet"],
                                                       "FooNet: Fast Detection": ["FooNet"]}
    assert small.datasets_for_task("object detection")[0] == ("COCO", 2)
    compared = dict(small.methods_compared_with("FooNet"))
    assert compared["Faster R-CNN"] == 2 and compared["BarNet"] == 1
    code = small.papers_with_code()
    assert [(r["title"], r["repos"]) for r in code] == [("FooNet: Fast Detection", ["foo/foonet"])]
    co = small.cooccurring("FooNet", "Dataset")
    assert co[0][:2] == ("Dataset", "COCO") and co[0][2] == 2
    sub = small.neighbourhood("BarNet", depth=2)
    assert {small.name_of(n) for n in sub} >= {"BarNet", "BarNet: Better Detection", "COCO"}
    with pytest.raises(KGError):
        small.neighbourhood("NoSuchThing")
    assert "COCO" not in {small.name_of(n) for n in small.neighbourhood("BarNet", depth=1)}


def test_build_is_deterministic(tmp_path):
    src = tmp_path / "p.jsonl"
    src.write_text("".join(json.dumps(p) + "\n" for p in PAPERS))
    kg.build(src, tmp_path / "a")
    kg.build(src, tmp_path / "b")
    for f in ("nodes.jsonl", "edges.jsonl", "papers.jsonl", "manifest.json"):
        assert (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes(), f


def test_example_graph_summary(example_graph):
    s = example_graph.summary()
    assert s["nodes"]["Paper"] == 398
    assert s["relationships"]["HAS_CODE"] > 50
    assert set(s["nodes"]) == {"Paper", "Method", "Dataset", "Benchmark", "Task", "Metric", "Repository", "Link"}
