"""Neo4j: runs against a real server when KG_NEO4J_URI is set (skipped otherwise).

The Cypher sent is the same text, through the same dialect layer, that the embedded
tests run (kg/store/statements.py for loading, schemas/queries for questions).
"""
from __future__ import annotations

import os

import pytest

from kg.graph.io import read_graph
from kg.store.embedded import EmbeddedStore
from kg.store.queries import load_queries

URI = os.environ.get("KG_NEO4J_URI")
pytestmark = pytest.mark.skipif(not URI, reason="set KG_NEO4J_URI (and NEO4J_USER/NEO4J_PASSWORD) to run")
ARGS = {"dataset": "MS-COCO", "task": "object detection", "method": "CLIP", "a": "CLIP", "b": "ImageNet"}


@pytest.fixture(scope="module")
def neo(example_graph_dir):
    from kg.store.neo4j_server import Neo4jStore

    with Neo4jStore(URI, os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD")) as s:
        s.cypher("MATCH (n) DETACH DELETE n", write=True)
        nodes, edges, _ = read_graph(example_graph_dir)
        s.push(nodes, edges)
        yield s


def test_push_loads_everything(neo, example_graph):
    assert neo.cypher("MATCH (n) RETURN count(n)").rows[0][0] == example_graph.nx.number_of_nodes()
    assert neo.cypher("MATCH ()-[e]->() RETURN count(e)").rows[0][0] == example_graph.nx.number_of_edges()


@pytest.mark.parametrize("name", sorted(load_queries()))
def test_named_queries_agree_with_embedded(neo, example_graph_dir, name):
    q = load_queries()[name]
    params = q.bind({p: ARGS[p] for p, d in q.params if d is None})
    with EmbeddedStore.in_dir(example_graph_dir) as emb:
        want = emb.cypher(q.text, params)
    got = neo.cypher(q.text, params)
    if name == "path_between":
        assert got.rows[0][0] == want.rows[0][0]
    else:
        assert sorted(map(repr, got.rows)) == sorted(map(repr, want.rows))


def test_read_mode_refuses_writes(neo):
    from kg.errors import KGError

    with pytest.raises(KGError):
        neo.cypher("CREATE (:Paper {id: 'x'})")
