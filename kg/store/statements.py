"""Cypher generated from the schema, shared by both engines.

The MERGE statements below are the very text that runs on LadybugDB (``--update``) and
on Neo4j (``kg push``): parameterised ``UNWIND $rows`` batches, two ``MATCH`` clauses for
the endpoints (never a comma pattern), explicit ``SET`` per property.
"""
from __future__ import annotations

from ..graph.schema import Schema


def node_columns(schema: Schema, label: str) -> list[str]:
    return list(schema.nodes[label]["properties"])


def rel_columns(schema: Schema) -> list[str]:
    return list(schema.rel_properties)


def merge_nodes(schema: Schema, label: str) -> str:
    sets = ", ".join(f"n.{c} = r.{c}" for c in node_columns(schema, label) if c != "id")
    return f"UNWIND $rows AS r MERGE (n:{label} {{id: r.id}}) SET {sets}"


def merge_edges(schema: Schema, rel: str, src: str, dst: str) -> str:
    sets = ", ".join(f"e.{c} = r.{c}" for c in rel_columns(schema))
    return (f"UNWIND $rows AS r MATCH (a:{src} {{id: r.src}}) MATCH (b:{dst} {{id: r.dst}}) "
            f"MERGE (a)-[e:{rel}]->(b) SET {sets}")


def delete_nodes(label: str) -> str:
    return f"UNWIND $ids AS i MATCH (n:{label} {{id: i}}) DETACH DELETE n"


def delete_edges(rel: str, src: str, dst: str) -> str:
    return (f"UNWIND $rows AS r MATCH (a:{src} {{id: r.src}})-[e:{rel}]->(b:{dst} {{id: r.dst}}) DELETE e")


def node_row(schema: Schema, node: dict) -> dict:
    """A node as a parameter row with every schema column (None/[] where absent)."""
    props = schema.nodes[node["label"]]["properties"]
    return {c: node.get(c, [] if spec["type"].endswith("[]") else None) for c, spec in props.items()}


def edge_row(schema: Schema, edge: dict) -> dict:
    row = {"src": edge["from"], "dst": edge["to"]}
    row.update({c: edge.get(c) for c in rel_columns(schema)})
    return row
