"""The embedded Cypher store: LadybugDB (package ``ladybug``), one file in OUTDIR.

Full builds bulk-load with ``COPY ... FROM`` Parquet files; incremental builds apply the
difference with the MERGE/DELETE statements of ``kg/store/statements.py`` (the same
text Neo4j runs). Read-only by default: writes need ``read_only=False``.
"""
from __future__ import annotations

import shutil
import tempfile
from collections import defaultdict
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import KGError
from ..graph.schema import Schema, load_schema
from . import statements as st
from .dialect import render
from .result import Result

FILE = "graph.lbdb"
ARROW = {"STRING": pa.string(), "INT64": pa.int64(), "DOUBLE": pa.float64(), "STRING[]": pa.list_(pa.string())}
BATCH = 5_000


class StoreError(KGError):
    """A database error, as one line."""


def one_line(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return text[:300]


def ddl(schema: Schema) -> list[str]:
    """CREATE NODE/REL TABLE statements generated from the schema."""
    out = []
    for label, spec in schema.nodes.items():
        cols = ", ".join(f"{c} {p['type']}" for c, p in spec["properties"].items())
        out.append(f"CREATE NODE TABLE {label}({cols}, PRIMARY KEY(id))")
    rel_cols = ", ".join(f"{c} {p['type']}" for c, p in schema.rel_properties.items())
    for rel, spec in schema.relationships.items():
        pairs = ", ".join(f"FROM {spec['from']} TO {to}" for to in spec["to"])
        out.append(f"CREATE REL TABLE {rel}({pairs}, {rel_cols})")
    return out


class EmbeddedStore:
    dialect = "ladybug"

    def __init__(self, path: str | Path, read_only: bool = True):
        import ladybug

        self.path = Path(path)
        if read_only and not self.path.exists():
            raise StoreError(f"{self.path}: no embedded graph database here (run 'kg build' first)")
        try:
            self.db = ladybug.Database(str(self.path), read_only=read_only)
            self.conn = ladybug.Connection(self.db)
        except RuntimeError as exc:
            raise StoreError(f"{self.path}: cannot open the graph database ({one_line(exc)})") from None
        self.read_only = read_only

    @classmethod
    def in_dir(cls, outdir: str | Path, read_only: bool = True) -> "EmbeddedStore":
        return cls(Path(outdir) / FILE, read_only)

    def close(self) -> None:
        for attr in ("conn", "db"):
            obj = getattr(self, attr, None)
            if obj is not None and hasattr(obj, "close"):
                obj.close()
            setattr(self, attr, None)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- queries ---------------------------------------------------------------------
    def cypher(self, query: str, params: dict | None = None) -> Result:
        try:
            res = self.conn.execute(render(query, self.dialect), params or {})
        except RuntimeError as exc:
            msg = one_line(exc)
            if "read-only" in msg:
                raise StoreError("write refused: the graph is opened read-only (use --write to allow writes)") from None
            raise StoreError(msg) from None
        return Result(res.get_column_names(), [_plain(r) for r in res.get_all()])

    def _run(self, query: str, params: dict | None = None) -> None:
        self.cypher(query, params)

    # -- loading -----------------------------------------------------------------------
    def create_schema(self, schema: Schema) -> None:
        for stmt in ddl(schema):
            self._run(stmt)

    def bulk_load(self, nodes: list[dict], edges: list[dict], schema: Schema | None = None) -> None:
        """Create the tables and COPY every node and relationship from Parquet files."""
        schema = schema or load_schema()
        self.create_schema(schema)
        tmp = Path(tempfile.mkdtemp(prefix="kg-copy-"))
        try:
            by_label = defaultdict(list)
            for n in nodes:
                by_label[n["label"]].append(n)
            for label, spec in schema.nodes.items():
                rows = by_label.get(label)
                if rows:
                    f = tmp / f"{label}.parquet"
                    cols = spec["properties"]
                    table = pa.table({c: pa.array([r.get(c, [] if p["type"].endswith("[]") else None) for r in rows],
                                                  type=ARROW[p["type"]]) for c, p in cols.items()})
                    pq.write_table(table, f)
                    self._run(f"COPY {label} FROM '{f}'")
            label_of = {n["id"]: n["label"] for n in nodes}
            groups = defaultdict(list)
            for e in edges:
                groups[(e["type"], label_of[e["from"]], label_of[e["to"]])].append(e)
            for (rel, src, dst), rows in sorted(groups.items()):
                f = tmp / f"{rel}-{src}-{dst}.parquet"
                data = {"from": pa.array([r["from"] for r in rows], pa.string()),
                        "to": pa.array([r["to"] for r in rows], pa.string())}
                for c, p in schema.rel_properties.items():
                    data[c] = pa.array([r.get(c) for r in rows], type=ARROW[p["type"]])
                pq.write_table(pa.table(data), f)
                self._run(f"COPY {rel} FROM '{f}' (from='{src}', to='{dst}')")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def apply(self, nodes: list[dict], edges: list[dict], old_nodes: list[dict], old_edges: list[dict],
              schema: Schema | None = None) -> dict:
        """Bring the store from the old graph to the new one with MERGE and DELETE."""
        plan, counts = plan_diff(schema or load_schema(), nodes, edges, old_nodes, old_edges)
        for query, params, _ in plan:
            self._run(query, params)
        return counts


def plan_diff(schema: Schema, nodes, edges, old_nodes=(), old_edges=()):
    """The statements (query, params, items) that turn the old graph into the new one:
    delete what went away, MERGE what is new or changed. Shared by both engines."""
    old_n = {n["id"]: n for n in old_nodes}
    new_n = {n["id"]: n for n in nodes}
    ekey = lambda e: (e["from"], e["type"], e["to"])  # noqa: E731
    old_e = {ekey(e): e for e in old_edges}
    new_e = {ekey(e): e for e in edges}
    label_of = {**{i: n["label"] for i, n in old_n.items()}, **{i: n["label"] for i, n in new_n.items()}}
    plan, counts = [], {"nodes_merged": 0, "nodes_deleted": 0, "edges_merged": 0, "edges_deleted": 0}

    def batches(query, key, rows, counter):
        for i in range(0, len(rows), BATCH):
            chunk = rows[i:i + BATCH]
            plan.append((query, {key: chunk}, len(chunk)))
        counts[counter] += len(rows)

    gone_edges = defaultdict(list)
    for k, e in old_e.items():
        if k not in new_e:
            gone_edges[(e["type"], label_of[e["from"]], label_of[e["to"]])].append({"src": e["from"], "dst": e["to"]})
    for (rel, src, dst), rows in sorted(gone_edges.items()):
        batches(st.delete_edges(rel, src, dst), "rows", rows, "edges_deleted")
    gone_nodes = defaultdict(list)
    for i, n in old_n.items():
        if i not in new_n:
            gone_nodes[n["label"]].append(i)
    for label, ids in sorted(gone_nodes.items()):
        batches(st.delete_nodes(label), "ids", ids, "nodes_deleted")
    changed = defaultdict(list)
    for i, n in new_n.items():
        if old_n.get(i) != n:
            changed[n["label"]].append(st.node_row(schema, n))
    for label, rows in sorted(changed.items()):
        batches(st.merge_nodes(schema, label), "rows", rows, "nodes_merged")
    new_edges = defaultdict(list)
    for k, e in new_e.items():
        if old_e.get(k) != e:
            new_edges[(e["type"], label_of[e["from"]], label_of[e["to"]])].append(st.edge_row(schema, e))
    for (rel, src, dst), rows in sorted(new_edges.items()):
        batches(st.merge_edges(schema, rel, src, dst), "rows", rows, "edges_merged")
    return plan, counts


def _plain(row: list) -> list:
    return [_value(v) for v in row]


def _value(v):
    """Nodes and relationships as plain dicts without engine-internal ids."""
    if isinstance(v, dict):
        if "_LABEL" in v:
            out = {"label": v["_LABEL"]}
            out.update({k: x for k, x in v.items() if not k.startswith("_") and x is not None})
            return out
        if "_nodes" in v and "_rels" in v:
            return {"nodes": [_value(n) for n in v["_nodes"]], "relationships": [_value(r) for r in v["_rels"]]}
        return {k: _value(x) for k, x in v.items() if not k.startswith("_")}
    if isinstance(v, list):
        return [_value(x) for x in v]
    return v
