#!/usr/bin/env python3
"""Write a PNG of the focus view of one dataset in the example graph, to look at.

    .venv/bin/python scripts/screenshot_view.py [--dataset COCO] [-o view.png]

Builds the example graph into a temporary folder if --graph is not given, renders
`kg view --focus DATASET --depth 2`, opens it in headless Chromium (network blocked)
and saves a screenshot once the page has drawn.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import kg  # noqa: E402
from kg.views.browser import browser, offline_page  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--graph", help="graph folder (default: build the example corpus)")
    ap.add_argument("--dataset", default="COCO")
    ap.add_argument("--depth", type=int, default=2)
    ap.add_argument("-o", "--output", default="view.png")
    a = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="kg-shot-"))
    g = kg.load(a.graph) if a.graph else kg.build(ROOT / "examples" / "papers.jsonl", tmp / "graph")
    html = g.view(tmp / "view.html", focus=a.dataset, depth=a.depth, display=False)
    with browser() as b:
        page = offline_page(b)
        page.goto(html.as_uri())
        page.wait_for_function("window.kgView && window.kgView.ready", timeout=30_000)
        page.screenshot(path=a.output)
        summary = page.inner_text("#summary")
    print(f"{a.output}: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
