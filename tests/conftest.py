"""Shared fixtures: the example corpus built once per session, and paths to ../shared."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples" / "papers.jsonl"


def example_copies(copies: int) -> list[str]:
    """JSON lines of the example corpus ``copies`` times over, each title made unique."""
    import json

    lines = EXAMPLES.read_text().splitlines()
    out = []
    for i in range(copies):
        for raw in lines:
            rec = json.loads(raw)
            rec["title"] = f"{rec['title']} (copy {i})"
            out.append(json.dumps(rec))
    return out


def need_shared(*parts: str) -> Path:
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} not available")
    return p


@pytest.fixture(scope="session")
def example_graph_dir(tmp_path_factory) -> Path:
    from kg.build import build_graph

    out = tmp_path_factory.mktemp("example") / "graph"
    build_graph([EXAMPLES], out)
    return out


@pytest.fixture(scope="session")
def example_graph(example_graph_dir):
    import kg

    return kg.load(example_graph_dir)


@pytest.fixture(scope="session")
def nlp():
    from kg.extract.pipeline import build_nlp

    return build_nlp()
