"""Hugging Face papers API JSON: the daily-papers list, `[{"paper": {...}}, ...]`.

Each `paper` holds `id` (the arXiv id), `title`, `summary`, `authors[].name`,
`publishedAt`, and in newer responses `githubRepo` / `projectPage`. A bare list of
paper objects (the /api/papers shape) is read too. Items that are not objects (real
archives hold Python-repr strings) are rejected one by one, naming the item.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import orjson

from ..model import Paper, Rejection
from .jsonl import authors_of
from .opener import open_bytes
from .records import make_paper


def read(path: Path, label: str, **opts) -> Iterator[Paper | Rejection]:
    with open_bytes(path) as fh:
        data = fh.read()
    try:
        doc = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        yield Rejection(label, getattr(exc, "lineno", None), f"malformed JSON ({exc.msg})")
        return
    items, where = doc, ""
    if isinstance(doc, dict):
        if isinstance(doc.get("data"), list):
            items, where = doc["data"], "data"
        elif "paper" in doc or "title" in doc:
            items = [doc]
        else:
            yield Rejection(label, None, "JSON object is not a papers API response "
                            f"(keys: {', '.join(sorted(map(str, doc))[:8])})")
            return
    if not isinstance(items, list):
        yield Rejection(label, None, f"expected a JSON list of papers, got {type(items).__name__}")
        return
    for i, item in enumerate(items):
        ref = f"{where}[{i}]" if where else f"[{i}]"
        yield from _item(item, label, i, ref, **opts)


def _item(item, label: str, index: int, ref: str, **opts) -> Iterator[Paper | Rejection]:
    if isinstance(item, str):
        kind = "a Python-repr string" if item.lstrip().startswith("{'") else "a string"
        yield Rejection(label, None, f"item {ref} is {kind}, not a JSON object", item[:120])
        return
    if not isinstance(item, dict):
        yield Rejection(label, None, f"item {ref} is a {type(item).__name__}, not a JSON object")
        return
    p = item.get("paper", item)
    if not isinstance(p, dict):
        yield Rejection(label, None, f"item {ref}: 'paper' is not an object")
        return
    arxiv = p.get("id") if isinstance(p.get("id"), str) else None
    paper = make_paper(
        f"{label}{ref}", None, p.get("title") or item.get("title"), p.get("summary") or item.get("summary"),
        arxiv_id=arxiv, date=p.get("publishedAt") or item.get("publishedAt"),
        authors=authors_of(p.get("authors")),
        url=f"https://arxiv.org/abs/{arxiv}" if arxiv else None,
        repos=[p["githubRepo"]] if isinstance(p.get("githubRepo"), str) else [],
        links=[p["projectPage"]] if isinstance(p.get("projectPage"), str) else [], **opts)
    if isinstance(paper, Rejection):
        paper.file, paper.reason = label, f"item {ref}: {paper.reason}"
    yield paper
