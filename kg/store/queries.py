"""Named queries: parameterised Cypher kept as files in ``schemas/queries/*.cypher``.

Each file starts with a header of ``// key: value`` lines: ``name``, ``description`` and
``params`` (comma separated, ``name=default`` for optional ones). Every parameter ``x``
also gets ``x_key``, its normalised spelling, to match node ``keys`` (names and aliases).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import KGError
from ..graph.schema import SCHEMA_DIR
from ..resolve.normalize import name_key


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[tuple[str, str | None], ...]   # (name, default or None when required)
    text: str
    path: Path

    def bind(self, given: dict) -> dict:
        """Parameters for a run: defaults filled in, numbers parsed, ``*_key`` added."""
        unknown = set(given) - {p for p, _ in self.params}
        if unknown:
            raise KGError(f"query {self.name!r} has no parameter {sorted(unknown)[0]!r} "
                          f"(parameters: {self.signature()})")
        out = {}
        for p, default in self.params:
            if p in given:
                value = given[p]
            elif default is not None:
                value = default
            else:
                raise KGError(f"query {self.name!r} needs --param {p}=VALUE (parameters: {self.signature()})")
            if isinstance(value, str) and value.lstrip("-").isdigit():
                value = int(value)
            out[p] = value
            if isinstance(value, str):
                out[f"{p}_key"] = name_key(value)
        return out

    def signature(self) -> str:
        return ", ".join(p if d is None else f"{p}={d}" for p, d in self.params) or "none"


def parse(path: Path) -> NamedQuery:
    header, body = {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("//") and not body:
            key, _, value = line[2:].partition(":")
            header[key.strip()] = value.strip()
        else:
            body.append(line)
    params = []
    for item in filter(None, (x.strip() for x in header.get("params", "").split(","))):
        name, _, default = item.partition("=")
        params.append((name.strip(), default.strip() if default else None))
    return NamedQuery(header.get("name", path.stem), header.get("description", ""), tuple(params),
                      "\n".join(body).strip(), path)


@lru_cache(maxsize=4)
def load_queries(directory: str | None = None) -> dict[str, NamedQuery]:
    d = Path(directory) if directory else SCHEMA_DIR / "queries"
    return {q.name: q for q in map(parse, sorted(d.glob("*.cypher")))}


def get_query(name: str) -> NamedQuery:
    queries = load_queries()
    if name not in queries:
        raise KGError(f"no named query {name!r} (see 'kg ask --list')")
    return queries[name]
