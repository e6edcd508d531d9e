"""Papers and their extraction records -> schema-checked nodes and edges with provenance."""
from __future__ import annotations

from ..model import Paper
from ..resolve.catalog import Catalog
from ..resolve.normalize import name_key, singular_key
from ..resolve.resolver import Resolver
from .schema import Schema

PLURALS = {"method": "methods", "dataset": "datasets", "benchmark": "benchmarks", "task": "tasks", "metric": "metrics"}
RELATION = {("method", "proposed"): "PROPOSES", ("method", "used"): "USES",
            ("dataset", "introduced"): "INTRODUCES", ("dataset", "used"): "USES",
            ("benchmark", None): "EVALUATES_ON", ("task", None): "ADDRESSES", ("metric", None): "REPORTS"}
#: When one paper links to one node twice, the stronger relationship is kept.
STRENGTH = {"PROPOSES": 0, "INTRODUCES": 0, "USES": 1, "EVALUATES_ON": 1, "ADDRESSES": 1, "REPORTS": 1}


def _keys(*names: str) -> list[str]:
    """Sorted normalised spellings (singular too) by which queries find a node."""
    out = set()
    for n in names:
        out.update(k for k in (name_key(n), singular_key(n)) if k)
    return sorted(out)


def entity_id(type_: str, key: str) -> str:
    return f"{type_}:{key.removeprefix('c:')}"


class GraphBuilder:
    """Accumulate (paper, record) pairs; ``finish()`` returns sorted nodes and edges."""

    def __init__(self, schema: Schema, catalog: Catalog):
        self.schema = schema
        self.resolver = Resolver(catalog)
        self.papers: dict[str, dict] = {}
        self.pending: list[tuple] = []   # (paper_id, rel, target group key or node id, evidence)
        self.repos: dict[str, dict] = {}
        self.links: dict[str, dict] = {}

    def add(self, paper: Paper, record: dict) -> None:
        pid = paper.id
        if pid in self.papers:
            return  # a paper seen again is not duplicated
        node = {"label": "Paper", "id": pid, "title": paper.title, "abstract": paper.abstract,
                "arxiv_id": paper.arxiv_id, "ext_id": paper.ext_id, "date": paper.date, "url": paper.url,
                "authors": list(paper.authors), "sources": list(paper.sources or [paper.source]),
                "keys": [paper.key]}
        self.papers[pid] = {k: v for k, v in node.items() if v is not None}
        evidence = {(e["type"], e["name"]): e for e in record.get("evidence", [])}
        for type_, plural in PLURALS.items():
            for ent in record.get(plural, []):
                gk = self.resolver.add(type_, ent["name"], ent.get("aliases", []), pid, ent.get("canonical"))
                rel = RELATION[(type_, ent.get("role"))]
                self.pending.append((pid, rel, gk, evidence.get((type_, ent["name"]), {})))
        for repo in record.get("repos", []):
            rid = "repo:" + repo.casefold()
            r = self.repos.setdefault(rid, {"label": "Repository", "id": rid, "name": repo,
                                            "url": f"https://github.com/{repo}", "papers": 0,
                                            "keys": _keys(repo, repo.split("/")[-1])})
            r["papers"] += 1
            self.pending.append((pid, "HAS_CODE", rid, evidence.get(("repo", repo), {})))
        for link in record.get("links", []):
            lid = "link:" + name_key(link.split("://", 1)[-1])
            node = self.links.setdefault(lid, {"label": "Link", "id": lid, "name": link, "url": link, "papers": 0,
                                               "keys": _keys(link, link.split("://", 1)[-1])})
            node["papers"] += 1
            self.pending.append((pid, "LINKS_TO", lid, evidence.get(("link", link), {})))

    def finish(self) -> tuple[list[dict], list[dict]]:
        labels = self.schema.entity_labels
        nodes: dict[str, dict] = {}
        for pid, node in self.papers.items():
            nodes[pid] = node
        for (type_, key), acc in self.resolver.merged().items():
            nid = entity_id(type_, key)
            cat = acc["catalog"]
            node = {"label": labels[type_], "id": nid, "name": acc["name"], "aliases": acc["aliases"],
                    "keys": _keys(acc["name"], *acc["aliases"], *([cat.name] if cat is not None else [])),
                    "papers": len(acc["papers"])}
            if cat is not None:
                node["catalog_name"] = cat.name
                if cat.id:
                    node["catalog_id"] = cat.id
                if cat.url:
                    node["url"] = cat.url
            nodes[nid] = node
        nodes.update(self.repos)
        nodes.update(self.links)
        edges: dict[tuple, dict] = {}
        for pid, rel, target, ev in self.pending:
            to = entity_id(*self.resolver.key_of(target)) if isinstance(target, tuple) else target
            edge = {"type": rel, "from": pid, "to": to, "paper": pid, "field": ev.get("field", "abstract"),
                    "char_start": ev.get("start"), "char_end": ev.get("end"), "sentence": ev.get("sentence"),
                    "extractor": ev.get("extractor", "kg")}
            edge = {k: v for k, v in edge.items() if v is not None}
            k = (pid, to)
            old = edges.get(k)
            if old is None or STRENGTH.get(rel, 1) < STRENGTH.get(old["type"], 1):
                edges[k] = edge
        node_list = [nodes[k] for k in sorted(nodes)]
        label_of = {n["id"]: n["label"] for n in node_list}
        for n in node_list:
            self.schema.check_node(n)
        edge_list = sorted(edges.values(), key=lambda e: (e["from"], e["type"], e["to"]))
        for e in edge_list:
            self.schema.check_edge(e, label_of)
        return node_list, edge_list
