"""Doctests in kg/ run against the bundled example graph, available as ``g``."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def _doctest_graph(tmp_path_factory):
    import kg
    from kg.build import build_graph

    out = tmp_path_factory.mktemp("doctest") / "graph"
    build_graph([ROOT / "examples" / "papers.jsonl"], out)
    return kg.load(out)


@pytest.fixture(autouse=True)
def _add_graph(doctest_namespace, request):
    if "doctest" in request.node.nodeid or request.node.__class__.__name__ == "DoctestItem":
        doctest_namespace["g"] = request.getfixturevalue("_doctest_graph")
        doctest_namespace["tmp_path"] = request.getfixturevalue("tmp_path")
