"""Questions over a KnowledgeGraph, as plain functions (also methods of KnowledgeGraph).

Every function takes the graph first; names are matched through aliases,
case-insensitively. The examples run on the bundled example graph (``g``).
"""
from __future__ import annotations

from collections import Counter

import networkx as nx

from ..errors import KGError

ENTITY_LABELS = ("Method", "Dataset", "Benchmark", "Task", "Metric")


def _one(g, name: str, labels: tuple[str, ...] | None = None) -> list[str]:
    ids = [i for i in g.find(name) if labels is None or g.nx.nodes[i]["label"] in labels]
    return ids


def _papers_of(g, node_id: str, rels: tuple[str, ...] | None = None) -> list[str]:
    return sorted({u for u, _, k in g.nx.in_edges(node_id, keys=True) if rels is None or k in rels})


def _paper_row(g, pid: str) -> dict:
    d = g.nx.nodes[pid]
    return {"id": pid, "title": d["title"], "date": d.get("date"), "arxiv_id": d.get("arxiv_id")}


def top(g, label: str, n: int = 10) -> list[tuple[str, int]]:
    """The ``n`` entities of a label mentioned by the most papers.

    >>> g.top("Dataset", 3)[0][0]
    'ImageNet'
    """
    rows = [(d["name"], g.nx.in_degree(i)) for i, d in g.nx.nodes(data=True) if d["label"] == label]
    return sorted(rows, key=lambda r: (-r[1], r[0]))[:n]


def papers_using(g, dataset: str) -> list[dict]:
    """Papers that use, introduce or evaluate on a dataset or benchmark.

    >>> any("Vision Transformer" in p["title"] or "ViT" in p["title"] for p in g.papers_using("imagenet-1k"))
    True
    """
    pids = set()
    for i in _one(g, dataset, ("Dataset", "Benchmark")):
        pids.update(_papers_of(g, i))
    return sorted((_paper_row(g, p) for p in pids), key=lambda r: r["title"])


def papers_proposing_for_task(g, task: str) -> list[dict]:
    """Papers that address a task and propose a named method, with those methods.

    >>> rows = g.papers_proposing_for_task("click-through rate prediction")
    >>> all(r["methods"] for r in rows) and len(rows) > 0
    True
    """
    out = []
    pids = set()
    for t in _one(g, task, ("Task",)):
        pids.update(_papers_of(g, t, ("ADDRESSES",)))
    for pid in sorted(pids):
        methods = sorted(g.name_of(v) for _, v, k in g.nx.out_edges(pid, keys=True) if k == "PROPOSES")
        if methods:
            out.append(dict(_paper_row(g, pid), methods=methods))
    return sorted(out, key=lambda r: r["title"])


def datasets_for_task(g, task: str, n: int = 10) -> list[tuple[str, int]]:
    """Datasets (and benchmarks) most used by papers addressing a task.

    >>> "COCO" in [name for name, _ in g.datasets_for_task("object detection", 3)]
    True
    """
    c: Counter = Counter()
    for t in _one(g, task, ("Task",)):
        for pid in _papers_of(g, t, ("ADDRESSES",)):
            for _, v in g.nx.out_edges(pid):
                if g.nx.nodes[v]["label"] in ("Dataset", "Benchmark"):
                    c[g.name_of(v)] += 1
    return sorted(c.items(), key=lambda r: (-r[1], r[0]))[:n]


def methods_compared_with(g, method: str, n: int = 10) -> list[tuple[str, int]]:
    """Other methods named in papers that propose or use ``method`` (how often).

    >>> "BERT" in [m for m, _ in g.methods_compared_with("RoBERTa", 20)]
    True
    """
    ids = set(_one(g, method, ("Method",)))
    c: Counter = Counter()
    for i in ids:
        for pid in _papers_of(g, i):
            for _, v in g.nx.out_edges(pid):
                if v not in ids and g.nx.nodes[v]["label"] == "Method":
                    c[g.name_of(v)] += 1
    return sorted(c.items(), key=lambda r: (-r[1], r[0]))[:n]


def papers_with_code(g, method: str | None = None) -> list[dict]:
    """Papers with a GitHub repository (optionally only those proposing/using ``method``).

    >>> rows = g.papers_with_code()
    >>> all(r["repos"] for r in rows) and len(rows) > 10
    True
    """
    pids = None
    if method:
        pids = set()
        for i in _one(g, method, ("Method",)):
            pids.update(_papers_of(g, i))
    out = []
    for pid, d in g.nx.nodes(data=True):
        if d["label"] != "Paper" or (pids is not None and pid not in pids):
            continue
        repos = sorted(g.name_of(v) for _, v, k in g.nx.out_edges(pid, keys=True) if k == "HAS_CODE")
        if repos:
            out.append(dict(_paper_row(g, pid), repos=repos))
    return sorted(out, key=lambda r: r["title"])


def cooccurring(g, name: str, label: str | None = None, n: int = 10) -> list[tuple[str, str, int]]:
    """Entities named in the same papers as ``name``: (label, name, papers in common).

    >>> ("Dataset", "COCO") in [(l, x) for l, x, _ in g.cooccurring("ImageNet", "Dataset")]
    True
    """
    ids = set(_one(g, name, ENTITY_LABELS + ("Repository", "Link")))
    if not ids:
        raise KGError(f"no entity named {name!r} in the graph")
    c: Counter = Counter()
    for i in ids:
        for pid in _papers_of(g, i):
            for _, v, _k in g.nx.out_edges(pid, keys=True):
                d = g.nx.nodes[v]
                if v not in ids and (label is None or d["label"] == label):
                    c[(d["label"], g.name_of(v))] += 1
    return [(lab, nm, k) for (lab, nm), k in sorted(c.items(), key=lambda r: (-r[1], r[0]))[:n]]


def neighbourhood(g, name: str, depth: int = 1) -> nx.MultiDiGraph:
    """The subgraph within ``depth`` hops (either direction) of an entity or paper.

    >>> sub = g.neighbourhood("CLIP", 1)
    >>> sub.number_of_nodes() > 10
    True
    """
    ids = g.find(name)
    if not ids:
        raise KGError(f"no node named {name!r} in the graph")
    U = g.nx.to_undirected(as_view=True)
    keep: set[str] = set()
    for i in ids:
        keep |= set(nx.single_source_shortest_path_length(U, i, cutoff=depth))
    return g.nx.subgraph(keep).copy()
