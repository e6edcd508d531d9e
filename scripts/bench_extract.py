#!/usr/bin/env python3
"""Extraction throughput on N abstracts (the seed corpus replicated, titles made unique).

    .venv/bin/python scripts/bench_extract.py [--papers 100000] [--jobs 2] [--repeat 1]

Measures in one run, side by side, each step in its own process (for a clean peak RSS):
(a) spaCy ``blank("en")`` tokenisation alone with ``nlp.pipe`` (the floor),
(b) the full kg extraction pipeline with 1 job and with --jobs jobs,
(c) ``kg build`` end to end (reading, extraction, resolution, graph files, embedded store).
Prints a Markdown table: abstracts/s, ratio to (a), peak RSS, and for the one-process
steps the CPU time and abstracts per CPU-second (on a shared machine wall time varies
with the neighbours; CPU time much less). ``--repeat K`` keeps each step's best of K runs,
the steps taking turns so that a slow spell touches them alike.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_corpus(n: int, path: Path) -> None:
    lines = (ROOT / "examples" / "papers.jsonl").read_text().splitlines()
    with open(path, "w") as fh:
        for i in range(n):
            rec = json.loads(lines[i % len(lines)])
            fh.write(json.dumps({"title": f"{rec['title']} #{i}", "abstract": rec["abstract"]}) + "\n")


STEP = r'''
import json, sys, time, resource
sys.path.insert(0, {root!r})
step, corpus, jobs, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
t0 = time.perf_counter()
c0 = resource.getrusage(resource.RUSAGE_SELF)
if step == "tokenize":
    import spacy
    nlp = spacy.blank("en")
    texts = (json.loads(l) for l in open(corpus))
    n = sum(1 for _ in nlp.pipe((r["title"] + " \n " + r["abstract"] for r in texts), batch_size=256))
elif step == "extract":
    from kg.build import extract_corpus
    papers, records, report = extract_corpus([corpus], jobs=jobs)
    n = len(records)
else:
    from kg.build import build_graph
    manifest, report = build_graph([corpus], out, jobs=jobs)
    n = manifest["papers"]
dt = time.perf_counter() - t0
c1 = resource.getrusage(resource.RUSAGE_SELF)
cpu = (c1.ru_utime - c0.ru_utime) + (c1.ru_stime - c0.ru_stime)
rss = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({{"n": n, "seconds": dt, "cpu": cpu, "rss_mb": rss / 1024}}))
'''


def run_step(step: str, corpus: Path, jobs: int, out: Path) -> dict:
    """One run of the step in a fresh process."""
    code = STEP.format(root=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", code, step, str(corpus), str(jobs), str(out)],
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run_steps(steps: list[tuple[str, int, Path]], corpus: Path, repeat: int) -> list[dict]:
    """Each step's run with the best wall time out of ``repeat``. The steps take turns
    (a, b, c, a, b, c, ...), so a slow spell on a shared machine touches every step
    alike instead of all the runs of one step."""
    runs: list[list[dict]] = [[] for _ in steps]
    for _ in range(repeat):
        for i, (step, jobs, out) in enumerate(steps):
            runs[i].append(run_step(step, corpus, jobs, out))
    return [min(r, key=lambda x: x["seconds"]) for r in runs]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--papers", type=int, default=100_000)
    ap.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    ap.add_argument("--repeat", type=int, default=1, help="runs per step; the best is kept")
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kg-bench-extract-") as name:  # 150 MB at 100K: removed after
        tmp = Path(name)
        corpus = tmp / "corpus.jsonl"
        make_corpus(a.papers, corpus)
        labels = ["(a) spaCy blank('en') tokenisation, 1 core", "(b) kg extraction, 1 job",
                  f"(b) kg extraction, {a.jobs} jobs", f"(c) kg build end to end, {a.jobs} jobs"]
        steps = [("tokenize", 1, tmp / "x"), ("extract", 1, tmp / "x"), ("extract", a.jobs, tmp / "x"),
                 ("build", a.jobs, tmp / "graph")]
        rows = list(zip(labels, run_steps(steps, corpus, a.repeat)))
        floor = rows[0][1]
    rate_a = floor["n"] / floor["seconds"]
    print(f"{a.papers:,} abstracts (seed corpus replicated, unique titles), {os.cpu_count()} cores\n")
    cpu_a = floor["n"] / floor["cpu"]
    print("| step | papers | seconds | abstracts/s | ratio to (a) | CPU s | abstracts/CPU-s | ratio to (a) | peak RSS |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for i, (label, r) in enumerate(rows):
        rate = r["n"] / r["seconds"]
        # workers of a pool are not this process's children (forkserver): CPU only for one process
        cpu = f"{r['cpu']:.1f} | {r['n'] / r['cpu']:,.0f} | {r['n'] / r['cpu'] / cpu_a:.2f}" if i < 2 else "— | — | —"
        print(f"| {label} | {r['n']:,} | {r['seconds']:.1f} | {rate:,.0f} | {rate / rate_a:.2f} | {cpu} "
              f"| {r['rss_mb']:,.0f} MB |")
    one, many = rows[1][1], rows[2][1]
    print(f"\nspeed-up {a.jobs} jobs vs 1: {one['seconds'] / many['seconds']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
