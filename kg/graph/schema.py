"""The property-graph schema, read from ``schemas/graph.json`` and enforced on write."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import orjson

from ..errors import KGError

SCHEMA_DIR = Path(os.environ.get("KG_SCHEMAS", Path(__file__).resolve().parents[2] / "schemas"))
PY_TYPES = {"STRING": str, "INT64": int, "STRING[]": list, "DOUBLE": float}


class SchemaError(KGError):
    """A node or relationship that breaks the schema."""


@dataclass(frozen=True)
class Schema:
    nodes: dict          # label -> {"properties": {name: spec}, "indexes": [...], "entity": type?}
    relationships: dict  # type -> {"from": label, "to": [labels]}
    rel_properties: dict
    version: int
    digest: str = ""      # hash of the schema file: a store built with another schema is rebuilt

    @property
    def entity_labels(self) -> dict[str, str]:
        """entity type ("method") -> node label ("Method")."""
        return {spec["entity"]: label for label, spec in self.nodes.items() if "entity" in spec}

    def required(self, label: str) -> list[str]:
        return [k for k, v in self.nodes[label]["properties"].items() if v.get("required")]

    def check_node(self, node: dict) -> None:
        label = node.get("label")
        if label not in self.nodes:
            raise SchemaError(f"node {node.get('id')!r}: unknown label {label!r}")
        props = self.nodes[label]["properties"]
        for k in self.required(label):
            if node.get(k) in (None, ""):
                raise SchemaError(f"{label} {node.get('id')!r}: required property {k!r} is missing")
        for k, v in node.items():
            if k == "label" or v is None:
                continue
            if k not in props:
                raise SchemaError(f"{label} {node.get('id')!r}: property {k!r} is not in the schema")
            if not isinstance(v, PY_TYPES[props[k]["type"]]):
                raise SchemaError(f"{label} {node.get('id')!r}: property {k!r} should be {props[k]['type']}")

    def check_edge(self, edge: dict, labels: dict[str, str]) -> None:
        rel = self.relationships.get(edge.get("type"))
        if rel is None:
            raise SchemaError(f"unknown relationship type {edge.get('type')!r}")
        src, dst = labels.get(edge["from"]), labels.get(edge["to"])
        if src != rel["from"] or dst not in rel["to"]:
            raise SchemaError(f"{edge['type']} cannot go from {src} to {dst} ({edge['from']} -> {edge['to']})")
        for k, spec in self.rel_properties.items():
            if spec.get("required") and edge.get(k) in (None, ""):
                raise SchemaError(f"{edge['type']} {edge['from']} -> {edge['to']}: required property {k!r} missing")


@lru_cache(maxsize=4)
def load_schema(path: str | None = None) -> Schema:
    p = Path(path) if path else SCHEMA_DIR / "graph.json"
    try:
        raw = orjson.loads(p.read_bytes())
    except FileNotFoundError:
        raise KGError(f"{p}: schema file not found (set KG_SCHEMAS to the schemas/ folder)") from None
    nodes = {}
    for label, spec in raw["nodes"].items():
        spec = dict(spec)
        if spec.get("properties") == "ENTITY":
            spec["properties"] = raw["entity_properties"]
            spec["indexes"] = raw.get("entity_indexes", [])
        nodes[label] = spec
    digest = hashlib.sha1(p.read_bytes()).hexdigest()[:12]
    return Schema(nodes, raw["relationships"], raw["relationship_properties"], raw["version"], digest)
