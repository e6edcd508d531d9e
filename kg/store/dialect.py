"""The few places where LadybugDB's and Neo4j's Cypher differ, in one small table.

Named queries are written in the subset both engines run; where a question needs a
difference they use a macro, rendered here:

``{{reltype(x)}}``                  relationship type: ``label(x)`` / ``type(x)``
``{{shortest(p, a, b, N)}}``        shortest path pattern between bound nodes ``a`` and ``b``
``{{labelin(x, A, B)}}``            node ``x`` has label A or B

DDL (node/rel tables vs constraints and indexes) is generated per engine from the schema
(``kg/store/embedded.py`` and ``kg/store/neo4j_server.py``).
"""
from __future__ import annotations

import re

_MACRO = re.compile(r"\{\{\s*(\w+)\(([^)]*)\)\s*\}\}")

DIALECTS = {
    "ladybug": {
        "reltype": lambda x: f"label({x})",
        "shortest": lambda p, a, b, n: f"MATCH {p} = ({a})-[* SHORTEST 1..{n}]-({b})",
        "labelin": lambda x, *labels: f"label({x}) IN [{', '.join(repr(lb) for lb in labels)}]",
    },
    "neo4j": {
        "reltype": lambda x: f"type({x})",
        "shortest": lambda p, a, b, n: f"MATCH {p} = shortestPath(({a})-[*1..{n}]-({b}))",
        "labelin": lambda x, *labels: "(" + " OR ".join(f"{x}:{lb}" for lb in labels) + ")",
    },
}


def render(query: str, dialect: str) -> str:
    """Expand the dialect macros of a query for one engine.

    >>> render("MATCH (a)-[r]->(b) RETURN {{reltype(r)}}", "neo4j")
    'MATCH (a)-[r]->(b) RETURN type(r)'
    >>> render("{{shortest(p, a, b, 6)}} RETURN length(p)", "ladybug")
    'MATCH p = (a)-[* SHORTEST 1..6]-(b) RETURN length(p)'
    """
    table = DIALECTS[dialect]

    def expand(m: re.Match) -> str:
        name, args = m.group(1), [a.strip() for a in m.group(2).split(",") if a.strip()]
        if name not in table:
            raise ValueError(f"unknown dialect macro {name!r}")
        return table[name](*args)

    return _MACRO.sub(expand, query)
