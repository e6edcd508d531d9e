"""The library entry points: ``kg.build(...)`` and ``kg.load(OUTDIR)``."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .build import build_graph
from .graph.api import KnowledgeGraph


def build(inputs: str | Path | Iterable[str | Path], outdir: str | Path, **options) -> KnowledgeGraph:
    """Build a graph folder from input files and return it loaded.

    ``options`` are those of ``kg build``: ``fmt``, ``strict``, ``max_abstract``, ``catalogs``.
    """
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    build_graph(list(inputs), outdir, **options)
    return KnowledgeGraph.load(outdir)


def load(outdir: str | Path) -> KnowledgeGraph:
    """Load a graph folder written by ``kg build``."""
    return KnowledgeGraph.load(outdir)
