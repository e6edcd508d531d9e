"""Choose what a view shows: a focus neighbourhood, filters, and a node cap."""
from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field

import networkx as nx

from ..errors import KGError

DEFAULT_MAX_NODES = 1500


@dataclass
class Selection:
    graph: nx.MultiDiGraph              # what is drawn
    total_nodes: int                    # nodes in the selection before the cap
    total_edges: int
    left_out: Counter = field(default_factory=Counter)   # label -> nodes dropped by the cap
    focus: list[str] = field(default_factory=list)
    description: str = ""


def _papers_linked_to(g, name: str, labels: tuple[str, ...], what: str) -> set[str]:
    ids = [i for i in g.find(name) if g.nx.nodes[i]["label"] in labels]
    if not ids:
        raise KGError(f"no {what} named {name!r} in the graph")
    return {u for i in ids for u, _ in g.nx.in_edges(i)}


def select(g, focus: str | None = None, depth: int = 1, labels: list[str] | None = None,
           task: str | None = None, dataset: str | None = None, method: str | None = None,
           max_nodes: int = DEFAULT_MAX_NODES) -> Selection:
    """The subgraph to draw, most connected nodes first when it exceeds ``max_nodes``."""
    G = g.nx
    desc = []
    keep: set[str] | None = None
    focus_ids: list[str] = []
    if focus:
        focus_ids = g.find(focus)
        if not focus_ids:
            raise KGError(f"no node named {focus!r} in the graph (names match through aliases)")
        U = G.to_undirected(as_view=True)
        keep = set()
        for i in focus_ids:
            keep |= set(nx.single_source_shortest_path_length(U, i, cutoff=depth))
        desc.append(f"neighbourhood of {g.name_of(focus_ids[0])!r} (depth {depth})")
    papers: set[str] | None = None
    for value, labs, what in ((task, ("Task",), "task"), (dataset, ("Dataset", "Benchmark"), "dataset"),
                              (method, ("Method",), "method")):
        if value:
            found = _papers_linked_to(g, value, labs, what)
            papers = found if papers is None else papers & found
            desc.append(f"papers with {what} {value!r}")
    if papers is not None:
        around = set(papers) | {v for p in papers for v in G.successors(p)}
        keep = around if keep is None else keep & around
    sub = G.subgraph(keep) if keep is not None else G
    if labels:
        wanted = {lab.capitalize() if lab.islower() else lab for lab in labels}
        unknown = wanted - {d["label"] for _, d in G.nodes(data=True)}
        if unknown:
            raise KGError(f"unknown label {sorted(unknown)[0]!r}")
        sub = _project(sub, wanted)
        desc.append("labels " + ", ".join(sorted(wanted)))
    total_nodes, total_edges = sub.number_of_nodes(), sub.number_of_edges()
    left_out: Counter = Counter()
    if total_nodes > max_nodes:
        chosen = grow_from_hubs(sub, max_nodes, focus_ids)
        left_out = Counter(d["label"] for n, d in sub.nodes(data=True) if n not in chosen)
        sub = sub.subgraph(chosen)
    return Selection(nx.MultiDiGraph(sub), total_nodes, total_edges, left_out, focus_ids,
                     "; ".join(desc) or "whole graph")


def grow_from_hubs(G, budget: int, start: list[str] = ()) -> set[str]:
    """The ``budget`` most connected nodes that still form connected pieces: grow from the
    focus (or the biggest hub), always adding the best-connected node on the frontier.
    (Taking the top nodes by degree alone keeps hubs and drops the papers between them.)"""
    degree = dict(G.degree())
    order = sorted(G.nodes, key=lambda n: (-degree[n], n))
    chosen: set[str] = set()
    heap: list[tuple[int, str]] = []
    seeds = iter(list(start) + order)
    while len(chosen) < budget:
        if not heap:
            nxt = next((n for n in seeds if n not in chosen), None)
            if nxt is None:
                break
            heapq.heappush(heap, (-degree[nxt], nxt))
        _, n = heapq.heappop(heap)
        if n in chosen:
            continue
        chosen.add(n)
        for m in set(G.successors(n)) | set(G.predecessors(n)):
            if m not in chosen:
                heapq.heappush(heap, (-degree[m], m))
    return chosen


def _project(G, labels: set[str]) -> nx.MultiDiGraph:
    """Keep only some labels; when papers are hidden, entities that share papers are
    joined by CO_OCCURS edges (weight = papers in common)."""
    H = nx.MultiDiGraph()
    H.add_nodes_from((n, d) for n, d in G.nodes(data=True) if d["label"] in labels)
    if "Paper" in labels:
        H.add_edges_from((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True) if u in H and v in H)
        return H
    pairs: Counter = Counter()
    for p, d in G.nodes(data=True):
        if d["label"] != "Paper":
            continue
        ents = sorted(v for v in G.successors(p) if v in H)
        for i, a in enumerate(ents):
            for b in ents[i + 1:]:
                pairs[(a, b)] += 1
    for (a, b), w in pairs.items():
        H.add_edge(a, b, key="CO_OCCURS", type="CO_OCCURS", weight=w, sentence=f"{w} papers in common")
    return H
