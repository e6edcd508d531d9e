"""Neo4j, for teams: the same graph and the same Cypher through the official driver.

``push`` creates the constraints and indexes the schema declares, then loads with the
batched ``UNWIND $rows ... MERGE`` statements of ``kg/store/statements.py`` inside
managed transactions (``execute_write``, which retries transient errors).
"""
from __future__ import annotations

from ..errors import KGError
from ..graph.schema import Schema, load_schema
from ..progress import Progress
from .dialect import render
from .embedded import one_line, plan_diff
from .result import Result


def constraints(schema: Schema) -> list[str]:
    """Uniqueness constraints and indexes from the schema (Neo4j 5 syntax).

    Existence (required) constraints need Neo4j Enterprise, so kg enforces required
    properties itself when it builds the graph.
    """
    out = []
    for label, spec in schema.nodes.items():
        for prop, p in spec["properties"].items():
            if p.get("unique"):
                out.append(f"CREATE CONSTRAINT {label.lower()}_{prop}_unique IF NOT EXISTS "
                           f"FOR (n:{label}) REQUIRE n.{prop} IS UNIQUE")
        for prop in spec.get("indexes", []):
            out.append(f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})")
    return out


class Neo4jStore:
    dialect = "neo4j"

    def __init__(self, uri: str, user: str | None = None, password: str | None = None,
                 database: str | None = None):
        import neo4j

        self._neo4j = neo4j
        self.uri, self.database = uri, database
        auth = (user or "neo4j", password) if password is not None else None
        try:
            self.driver = neo4j.GraphDatabase.driver(uri, auth=auth)
            self.driver.verify_connectivity()
        except neo4j.exceptions.AuthError:
            raise KGError(f"Neo4j at {uri}: authentication failed (check NEO4J_USER / NEO4J_PASSWORD)") from None
        except (neo4j.exceptions.ServiceUnavailable, ValueError, OSError) as exc:
            raise KGError(f"cannot connect to Neo4j at {uri} ({one_line(exc)})") from None

    def close(self) -> None:
        self.driver.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _session(self):
        return self.driver.session(database=self.database) if self.database else self.driver.session()

    def cypher(self, query: str, params: dict | None = None, write: bool = False) -> Result:
        text = render(query, self.dialect)

        def work(tx):
            res = tx.run(text, params or {})
            keys = list(res.keys())
            return keys, [[_value(v) for v in rec.values()] for rec in res]

        try:
            with self._session() as s:
                keys, rows = (s.execute_write if write else s.execute_read)(work)
        except self._neo4j.exceptions.Neo4jError as exc:
            msg = one_line(exc.message or exc)
            if not write and ("write" in msg.lower() and "read" in msg.lower()):
                raise KGError("write refused: the query runs in read mode (use --write to allow writes)") from None
            raise KGError(msg) from None
        return Result(keys, rows)

    def push(self, nodes: list[dict], edges: list[dict], schema: Schema | None = None,
             progress: bool = False) -> dict:
        schema = schema or load_schema()
        with self._session() as s:
            for stmt in constraints(schema):
                s.run(stmt).consume()
        plan, counts = plan_diff(schema, nodes, edges)
        bar = Progress(total=sum(n for _, _, n in plan), desc="pushing", unit=" items", disable=not progress)
        with self._session() as s, bar:
            for query, params, n in plan:
                s.execute_write(lambda tx, q=query, p=params: tx.run(q, p).consume())
                bar.update(n)
        return counts


def _value(v):
    """Driver values (Node, Relationship, Path) as plain dicts, like the embedded store."""
    graph = __import__("neo4j").graph
    if isinstance(v, graph.Node):
        return {"label": next(iter(v.labels), None), **dict(v)}
    if isinstance(v, graph.Relationship):
        return {"type": v.type, **dict(v)}
    if isinstance(v, graph.Path):
        return {"nodes": [_value(n) for n in v.nodes], "relationships": [_value(r) for r in v.relationships]}
    if isinstance(v, list):
        return [_value(x) for x in v]
    if isinstance(v, dict):
        return {k: _value(x) for k, x in v.items()}
    return v
