#!/usr/bin/env python3
"""Benchmark HTML views: generation time, file size, time until interactive in Chromium.

    .venv/bin/python scripts/bench_view.py [--sizes 500 2000 10000]

The graph is the example corpus replicated with unique titles (as in bench_store.py),
large enough that each view is cut to exactly N nodes by --max-nodes. "Interactive" is
the first vis-network draw after load (positions come from Python, physics is off), timed
from navigation start in headless Chromium with the network blocked. Also compares the
layout engine with networkx's spring_layout.
"""
from __future__ import annotations

import argparse
import atexit
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_store import assemble  # noqa: E402

from kg.build import build_graph  # noqa: E402
from kg.graph.api import KnowledgeGraph  # noqa: E402
from kg.views.browser import browser, offline_page  # noqa: E402
from kg.views.layout import layout  # noqa: E402
from kg.views.page import write_view  # noqa: E402
from kg.views.select import select  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 10000])
    ap.add_argument("--papers", type=int, default=20000, help="papers in the synthetic graph")
    a = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-view-"))
    atexit.register(shutil.rmtree, tmp, True)  # the synthetic graph and its pages go when the run ends
    build_graph([ROOT / "examples" / "papers.jsonl"], tmp / "base", store=False)
    _, nodes, edges = assemble(tmp / "base", a.papers)
    g = KnowledgeGraph(nodes, edges)
    print(f"graph: {len(nodes):,} nodes, {len(edges):,} relationships\n")
    rows = []
    with browser() as b:
        for n in a.sizes:
            t = time.perf_counter()
            sel = select(g, max_nodes=n)
            t_sel = time.perf_counter() - t
            t = time.perf_counter()
            layout(sel.graph)
            t_layout = time.perf_counter() - t
            t = time.perf_counter()
            path = write_view(sel, tmp / f"view-{n}.html")
            t_gen = time.perf_counter() - t + t_sel
            page = offline_page(b)
            page.goto(path.as_uri(), wait_until="load", timeout=120_000)
            page.wait_for_function("window.kgView && window.kgView.ready", timeout=120_000, polling=50)
            ready_ms = page.evaluate("window.kgView.readyAt")
            drawn = page.evaluate("window.kgView.network.body.nodeIndices.length")
            page.context.close()
            rows.append((n, drawn, sel.graph.number_of_edges(), t_gen, t_layout, path.stat().st_size, ready_ms / 1000))
    print("| nodes | drawn | edges | generate (s) | of which layout (s) | file size | interactive in Chromium (s) |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n, drawn, e, gen, lay, size, ready in rows:
        print(f"| {n:,} | {drawn:,} | {e:,} | {gen:.2f} | {lay:.2f} | {size / 1e6:.1f} MB | {ready:.2f} |")
    try:
        import networkx as nx
        sub = select(g, max_nodes=2000).graph
        t = time.perf_counter()
        nx.spring_layout(nx.Graph(sub), seed=1, iterations=50)
        print(f"\nnetworkx spring_layout (50 iterations) on the 2,000-node view: {time.perf_counter() - t:.2f} s")
    except ImportError:  # scipy missing
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
