"""``kg.connect(uri)``: a Neo4j-backed graph with the same ``cypher`` and ``ask`` as
the embedded one."""
from __future__ import annotations

import os

from .store.neo4j_server import Neo4jStore
from .store.queries import get_query


class RemoteGraph:
    """A graph pushed to Neo4j (``kg push``); queries run in read mode unless ``write``."""

    def __init__(self, uri: str, user: str | None = None, password: str | None = None, database: str | None = None):
        self.store = Neo4jStore(uri, user or os.environ.get("NEO4J_USER", "neo4j"),
                                password if password is not None else os.environ.get("NEO4J_PASSWORD"), database)

    def cypher(self, query: str, params: dict | None = None, *, df: bool = False, write: bool = False, **kw):
        res = self.store.cypher(query, {**(params or {}), **kw}, write=write)
        return res.to_df() if df else res.as_dicts()

    def ask(self, name: str, *, df: bool = False, **params):
        q = get_query(name)
        return self.cypher(q.text, q.bind(params), df=df)

    def close(self) -> None:
        self.store.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def connect(uri: str, user: str | None = None, password: str | None = None, database: str | None = None) -> RemoteGraph:
    """Connect to a Neo4j server holding a kg graph (user/password default to NEO4J_USER/NEO4J_PASSWORD)."""
    return RemoteGraph(uri, user, password, database)
