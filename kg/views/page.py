"""Render a selection as one self-contained HTML page (pyvis network, vis-network inlined).

Everything that comes from input text (titles, abstracts, names, evidence) reaches the
page only as JSON data (with ``<``, ``>`` and ``&`` escaped) and is put into the DOM with
``textContent``; the page has a Content-Security-Policy that allows no network access.
"""
from __future__ import annotations

import math
from pathlib import Path

import jinja2
import orjson
import pyvis
from pyvis.edge import Edge
from pyvis.network import Network

from ..resolve.normalize import name_key
from .layout import layout
from .select import Selection
from .style import EDGE_COLOR, NODE_STYLE

HERE = Path(__file__).resolve().parent
VIS_DIR = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
SNIPPET = 300
#: Beyond this many nodes the page draws lighter (no edge labels, straight edges, no hover on edges).
BIG = 800


def _short(text: str | None, n: int = SNIPPET) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def node_tip(d: dict) -> list[str]:
    if d["label"] == "Paper":
        lines = [d.get("title", "")]
        if d.get("date"):
            lines.append(f"date: {d['date']}")
        lines.append(_short(d.get("abstract")))
        return lines
    lines = [f"{d['label']}: {d.get('name', d['id'])}"]
    if d.get("aliases"):
        lines.append("also: " + ", ".join(d["aliases"][:8]))
    if d.get("papers") is not None:
        lines.append(f"{d['papers']} paper{'s' if d['papers'] != 1 else ''}")
    if d.get("url"):
        lines.append(d["url"])
    return lines


def node_label(d: dict) -> str:
    if d["label"] == "Paper":
        return _short(d.get("title"), 40)
    return _short(d.get("name", d["id"]), 40)


def build_network(sel: Selection) -> tuple[Network, dict]:
    """A pyvis Network with positions, styles and tooltip lines for every node and edge."""
    G = sel.graph
    pos = layout(G)
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    extra = {}
    for n, d in sorted(G.nodes(data=True)):
        style = NODE_STYLE.get(d["label"], {"color": "#777", "shape": "dot"})
        papers = d.get("papers") or 1
        size = 6 + 3 * math.sqrt(papers) if d["label"] != "Paper" else 6
        x, y = pos[n]
        net.add_node(n, label=node_label(d), color=style["color"], shape=style["shape"], size=min(size, 40),
                     x=round(x, 1), y=round(y, 1), physics=False, kg_label=d["label"])
        keys = set(d.get("keys") or []) | {name_key(node_label(d)), name_key(d.get("name") or d.get("title") or "")}
        extra[n] = {"tip": node_tip(d), "keys": sorted(k for k in keys if k),
                    "url": d.get("url") if d["label"] in ("Repository", "Link") else None,
                    "name": d.get("name") or d.get("title") or n}
    for u, v, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        tip = [f"{k}"] + ([d["sentence"]] if d.get("sentence") else [])
        # pyvis's add_edge scans the node list for every edge (quadratic: 18 s at 10K nodes);
        # the endpoints are known to exist, so the Edge is appended directly.
        net.edges.append(Edge(u, v, True, color=EDGE_COLOR.get(k, "#999"), kg_type=k, kg_tip=tip,
                              width=1 if k != "CO_OCCURS" else min(1 + d.get("weight", 1) / 2, 6)).options)
    return net, extra


def render(sel: Selection, title: str = "kg graph view") -> str:
    net, extra = build_network(sel)
    big = sel.graph.number_of_nodes() > BIG
    nodes, edges = [], []
    for n in net.nodes:
        e = extra[n["id"]]
        nodes.append({k: v for k, v in n.items() if k not in ("title",)} | {"tip": e["tip"], "keys": e["keys"],
                                                                            "url": e["url"]})
    for i, ed in enumerate(net.edges):
        edges.append({"id": i, "from": ed["from"], "to": ed["to"], "color": ed["color"], "width": ed["width"],
                      "tip": ed["kg_tip"], "arrows": "to"})
    options = {
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                        "navigationButtons": False, "keyboard": True},
        "edges": {"smooth": False, "arrows": {"to": {"enabled": not big, "scaleFactor": 0.4}}},
        "nodes": {"font": {"size": 12 if not big else 0}, "borderWidth": 1},
        "layout": {"improvedLayout": False, "randomSeed": 7},
    }
    shown_n, shown_e = len(nodes), len(edges)
    summary = f"Showing {shown_n:,} nodes and {shown_e:,} relationships ({sel.description})."
    if sel.left_out:
        dropped = sum(sel.left_out.values())
        parts = ", ".join(f"{n:,} {lab}" for lab, n in sorted(sel.left_out.items()))
        summary += (f" Left out {dropped:,} of {sel.total_nodes:,} nodes, the least connected ({parts}); "
                    "raise --max-nodes or narrow with --focus/--task/--dataset/--method to see them.")
    data = {"nodes": nodes, "edges": edges, "options": options,
            "names": {n["id"]: extra[n["id"]]["name"] for n in net.nodes},
            "clickable": {n["id"]: True for n in net.nodes if n.get("kg_label") == "Repository"}}
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE)), autoescape=True)
    labels_present = sorted({d["label"] for _, d in sel.graph.nodes(data=True)})
    return env.get_template("template.html").render(
        title=title, summary=summary, shown_nodes=shown_n, shown_edges=shown_e,
        legend=[(lab, NODE_STYLE.get(lab, {"color": "#777"})) for lab in labels_present],
        vis_js=(VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8").replace("</script", "<\\/script"),
        vis_css=(VIS_DIR / "vis-network.css").read_text(encoding="utf-8"),
        data_json=json_for_script(data))


def json_for_script(data) -> str:
    """JSON safe inside a <script> element: no '<', '>' or '&' survives as itself."""
    text = orjson.dumps(data).decode()
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def write_view(sel: Selection, path: str | Path, title: str = "kg graph view") -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(render(sel, title), encoding="utf-8")
    tmp.replace(path)
    return path
