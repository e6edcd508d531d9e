#!/usr/bin/env python3
"""Benchmark the embedded Cypher store on a synthetic graph of N papers.

    .venv/bin/python scripts/bench_store.py [--papers 100000] [--runs 20]

The graph replicates the example corpus's extraction records with unique titles (the
entities stay shared, as in a real corpus), so no extraction time is measured here.
Reports: graph assembly, full load (COPY from Parquet), incremental MERGE throughput
(adding 5% more papers through the --update path), and p50/p95 latency per named query.
"""
from __future__ import annotations

import argparse
import atexit
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.build import build_graph, paper_from_node  # noqa: E402
from kg.graph.builder import GraphBuilder  # noqa: E402
from kg.graph.io import read_graph, read_jsonl  # noqa: E402
from kg.graph.schema import load_schema  # noqa: E402
from kg.resolve.catalog import load_catalog  # noqa: E402
from kg.store.embedded import EmbeddedStore  # noqa: E402
from kg.store.queries import load_queries  # noqa: E402

ARGS = {"dataset": "COCO", "task": "object detection", "method": "CLIP", "a": "CLIP", "b": "ImageNet"}


def synth(base_dir: Path, n: int, start: int = 0):
    nodes, _, _ = read_graph(base_dir)
    papers = {x["id"]: x for x in nodes if x["label"] == "Paper"}
    records = read_jsonl(base_dir / "papers.jsonl")
    for i in range(start, start + n):
        rec = dict(records[i % len(records)])
        p = paper_from_node(papers[rec["id"]])
        p.title = f"{p.title} #{i}"
        rec["title"] = p.title
        rec["id"] = p.id
        yield p, rec


def assemble(base_dir: Path, n: int, start: int = 0):
    b = GraphBuilder(load_schema(), load_catalog())
    for p, rec in synth(base_dir, n, start):
        b.add(p, rec)
    return b, *b.finish()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--papers", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=20)
    a = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-store-"))
    atexit.register(shutil.rmtree, tmp, True)  # the synthetic graph and store go when the run ends
    build_graph([ROOT / "examples" / "papers.jsonl"], tmp / "base", store=False)

    t = time.perf_counter()
    builder, nodes, edges = assemble(tmp / "base", a.papers)
    t_assemble = time.perf_counter() - t

    db = tmp / "graph.lbdb"
    t = time.perf_counter()
    with EmbeddedStore(db, read_only=False) as s:
        s.bulk_load(nodes, edges)
    t_load = time.perf_counter() - t

    extra = a.papers // 20
    for p, rec in synth(tmp / "base", extra, start=a.papers):
        builder.add(p, rec)
    nodes2, edges2 = builder.finish()
    t = time.perf_counter()
    with EmbeddedStore(db, read_only=False) as s:
        counts = s.apply(nodes2, edges2, nodes, edges)
    t_merge = time.perf_counter() - t
    merged = counts["nodes_merged"] + counts["edges_merged"]

    print(f"graph: {a.papers:,} papers, {len(nodes):,} nodes, {len(edges):,} relationships\n")
    print("| step | time | rate |\n|---|---:|---:|")
    print(f"| assemble nodes/edges (GraphBuilder) | {t_assemble:.1f} s | {a.papers / t_assemble:,.0f} papers/s |")
    print(f"| full load (COPY from Parquet) | {t_load:.1f} s | {(len(nodes) + len(edges)) / t_load:,.0f} rows/s |")
    print(f"| incremental MERGE (+{extra:,} papers: {merged:,} nodes+rels merged) | {t_merge:.1f} s | "
          f"{merged / t_merge:,.0f} rows/s |")
    print("\n| named query | rows | p50 ms | p95 ms |\n|---|---:|---:|---:|")
    with EmbeddedStore(db) as s:
        for name, q in sorted(load_queries().items()):
            params = q.bind({p: ARGS[p] for p, d in q.params if d is None})
            times, rows = [], 0
            for _ in range(a.runs):
                t = time.perf_counter()
                rows = len(s.cypher(q.text, params))
                times.append((time.perf_counter() - t) * 1000)
            times.sort()
            p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
            print(f"| {name} | {rows} | {statistics.median(times):.1f} | {p95:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
