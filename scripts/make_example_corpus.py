#!/usr/bin/env python3
"""Build the bundled example corpus (examples/papers.jsonl) from the seed pages.

    python scripts/make_example_corpus.py [SEEDS_DIR] [-o examples/papers.jsonl]

Reads the Hugging Face papers-page dumps in ../shared/seeds/ with kg's own reader,
merges papers listed on several pages (longest abstract kept, every source recorded)
and writes one JSON object per paper, in first-seen order.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.corpus import read_corpus  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("seeds", nargs="?", default=str(ROOT.parent / "shared" / "seeds"))
    ap.add_argument("-o", "--output", default=str(ROOT / "examples" / "papers.jsonl"))
    a = ap.parse_args(argv)
    files = sorted(Path(a.seeds).glob("*.txt"))
    if not files:
        print(f"no seed pages (*.txt) in {a.seeds}", file=sys.stderr)
        return 1
    papers, report = read_corpus(files, "hf_page")
    with open(a.output, "wb") as fh:
        for p in papers:
            sources = [s.replace(str(Path(a.seeds)) + "/", "seeds/") for s in p.sources]
            fh.write(orjson.dumps({"title": p.title, "abstract": p.abstract, "sources": sources}) + b"\n")
    print(f"{report.summary()}; wrote {len(papers)} papers to {a.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
