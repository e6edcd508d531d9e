"""KnowledgeGraph: the built graph as a networkx MultiDiGraph with query helpers."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import networkx as nx

from ..errors import KGError
from ..resolve.normalize import name_key, singular_key
from . import queries
from .io import read_graph, summarise


class KnowledgeGraph:
    """A knowledge graph of papers and the entities they mention.

    Nodes carry their properties (``label``, ``name``, ``aliases``, ...); every edge is
    keyed by its relationship type and carries its provenance (``paper``, ``sentence``,
    ``field``, ``start``, ``end``, ``extractor``).

    >>> g.summary()["nodes"]["Paper"]
    398
    """

    def __init__(self, nodes: list[dict], edges: list[dict], manifest: dict | None = None,
                 path: str | Path | None = None):
        self.manifest = manifest or {}
        self.path = Path(path) if path else None
        G = nx.MultiDiGraph()
        for n in nodes:
            G.add_node(n["id"], **n)
        for e in edges:
            G.add_edge(e["from"], e["to"], key=e["type"], **{k: v for k, v in e.items() if k not in ("from", "to")})
        self.nx = G
        self._index: dict[str, list[str]] = {}
        for n in nodes:
            names = [n.get("name") or n.get("title") or n["id"], *(n.get("aliases") or [])]
            if n.get("catalog_name"):
                names.append(n["catalog_name"])
            for s in names:
                for k in {name_key(s), singular_key(s)}:
                    if k and n["id"] not in self._index.setdefault(k, []):
                        self._index[k].append(n["id"])

    @classmethod
    def load(cls, outdir: str | Path) -> "KnowledgeGraph":
        nodes, edges, manifest = read_graph(Path(outdir))
        return cls(nodes, edges, manifest, outdir)

    # -- lookup -----------------------------------------------------------------------
    def find(self, name: str, label: str | None = None) -> list[str]:
        """Node ids whose name, title or alias matches ``name`` (case, hyphen and space insensitive).

        >>> g.find("imagenet 1k") == g.find("ImageNet-1K")
        True
        """
        ids = self._index.get(name_key(name)) or self._index.get(singular_key(name)) or []
        if label:
            ids = [i for i in ids if self.nx.nodes[i]["label"] == label]
        return sorted(ids, key=lambda i: (-self.nx.nodes[i].get("papers", 0), i))

    def node(self, node_id: str) -> dict:
        return dict(self.nx.nodes[node_id])

    def name_of(self, node_id: str) -> str:
        d = self.nx.nodes[node_id]
        return d.get("name") or d.get("title") or node_id

    def nodes(self, label: str | None = None) -> list[dict]:
        return [dict(d) for _, d in self.nx.nodes(data=True) if label is None or d["label"] == label]

    def summary(self) -> dict:
        """Counts per node label and relationship type."""
        nodes = [d for _, d in self.nx.nodes(data=True)]
        edges = [{"type": k} for _, _, k in self.nx.edges(keys=True)]
        return summarise(nodes, edges)

    def __len__(self) -> int:
        return self.nx.number_of_nodes()

    def __repr__(self) -> str:
        c = Counter(d["label"] for _, d in self.nx.nodes(data=True))
        where = f" from {self.path}" if self.path else ""
        return f"<KnowledgeGraph{where}: {self.nx.number_of_nodes()} nodes ({dict(c)}), {self.nx.number_of_edges()} edges>"

    # -- Cypher on the embedded store --------------------------------------------------
    def cypher(self, query: str, params: dict | None = None, *, df: bool = False, write: bool = False,
               **kw):
        """Run Cypher on the embedded database of this graph folder; rows as dicts.

        >>> g.cypher("MATCH (d:Dataset) WHERE $k IN d.keys RETURN d.name AS name", k="mscoco")
        [{'name': 'COCO'}]
        """
        from ..store.embedded import EmbeddedStore

        if self.path is None:
            raise KGError("this graph has no folder, so no embedded database; build it with kg.build(...)")
        with EmbeddedStore.in_dir(self.path, read_only=not write) as store:
            res = store.cypher(query, {**(params or {}), **kw})
        return res.to_df() if df else res.as_dicts()

    def ask(self, name: str, *, df: bool = False, **params):
        """Run a named query (``schemas/queries``) on the embedded database.

        >>> g.ask("top_datasets", limit=1)
        [{'dataset': 'ImageNet', 'papers': 38}]
        """
        from ..store.queries import get_query

        q = get_query(name)
        return self.cypher(q.text, q.bind(params), df=df)

    # -- views ------------------------------------------------------------------------
    def view(self, path: str | Path = "view.html", *, focus: str | None = None, depth: int = 1,
             labels: list[str] | None = None, task: str | None = None, dataset: str | None = None,
             method: str | None = None, max_nodes: int | None = None, title: str | None = None,
             display: bool = True) -> Path:
        """Write an interactive HTML view (works offline) and return its path; in a
        notebook it is also shown inline.

        >>> p = g.view(tmp_path / "coco.html", focus="COCO", depth=1, display=False)
        >>> p.exists() and "Showing" in p.read_text()
        True
        """
        from ..views.page import write_view
        from ..views.select import DEFAULT_MAX_NODES, select

        sel = select(self, focus=focus, depth=depth, labels=labels, task=task, dataset=dataset, method=method,
                     max_nodes=max_nodes or DEFAULT_MAX_NODES)
        out = write_view(sel, path, title or (f"kg: {focus}" if focus else "kg graph view"))
        if display:
            _show_in_notebook(out)
        return out

    # -- questions (see kg.graph.queries) -----------------------------------------------
    papers_using = queries.papers_using
    papers_proposing_for_task = queries.papers_proposing_for_task
    datasets_for_task = queries.datasets_for_task
    methods_compared_with = queries.methods_compared_with
    papers_with_code = queries.papers_with_code
    cooccurring = queries.cooccurring
    neighbourhood = queries.neighbourhood
    top = queries.top


def _show_in_notebook(path: Path) -> None:
    try:
        from IPython import get_ipython
        from IPython.display import IFrame, display
    except ImportError:
        return
    if get_ipython() is not None and getattr(get_ipython(), "kernel", None) is not None:
        display(IFrame(str(path), width="100%", height=700))
